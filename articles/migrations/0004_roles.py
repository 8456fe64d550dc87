"""The newsroom's roles as groups: Contributor, Editor, Administrator."""

from django.db import migrations

CONTRIBUTOR = {
    "articles": [
        "add_article", "change_article", "view_article",
        "add_articleorganization", "change_articleorganization",
        "delete_articleorganization", "view_articleorganization",
        "add_articleperson", "change_articleperson", "delete_articleperson",
        "view_articleperson", "view_section",
    ],
    "organizations": ["view_organization", "view_organizationalias"],
    "people": ["view_person", "view_personalias", "view_affiliation"],
    "taggit": ["view_tag", "add_tag"],
}
# Editors: everything in the newsroom's own apps, tags and revisions.
EDITOR_APPS = ["articles", "organizations", "people", "taggit"]
ADMINISTRATOR_EXTRA_APPS = ["auth"]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    contributor, _ = Group.objects.get_or_create(name="Contributor")
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codenames in CONTRIBUTOR.items()
        for codename in codenames
    ]
    contributor.permissions.set(wanted)

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))

    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=EDITOR_APPS + ADMINISTRATOR_EXTRA_APPS
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Contributor", "Editor", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("organizations", "0002_register_titles_and_story_roles"),
        ("people", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
