"""The newsroom's roles as groups: Contributor, Editor, Administrator."""

from django.db import migrations

from newsroom.roles import remove_roles, sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("organizations", "0002_register_titles_and_story_roles"),
        ("people", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles, remove_roles)]
