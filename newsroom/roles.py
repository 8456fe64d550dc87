"""The newsroom's roles as groups: Contributor, Editor, Administrator.

Called from data migrations (with the historical `apps`), so every migration that adds models
can bring the groups' permissions up to date by calling `sync_roles` again.
"""

CONTRIBUTOR = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_articleorganization",
        "change_articleorganization",
        "delete_articleorganization",
        "view_articleorganization",
        "add_articleperson",
        "change_articleperson",
        "delete_articleperson",
        "view_articleperson",
        "view_section",
    ],
    "organizations": ["view_organization", "view_organizationalias"],
    "people": ["view_person", "view_personalias", "view_affiliation"],
    "taggit": ["view_tag", "add_tag"],
}
# Editors: everything in the newsroom's own apps and tags; administrators also manage users.
EDITOR_APPS = ["articles", "organizations", "people", "taggit", "wire"]
ADMINISTRATOR_EXTRA_APPS = ["auth", "axes"]
ROLE_NAMES = ["Contributor", "Editor", "Administrator"]


def sync_roles(apps, schema_editor=None):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    contributor, _ = Group.objects.get_or_create(name="Contributor")
    contributor.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codenames in CONTRIBUTOR.items()
            for codename in codenames
        ]
    )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=EDITOR_APPS + ADMINISTRATOR_EXTRA_APPS
        )
    )


def remove_roles(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()
