from django.db import migrations

from newsroom.roles import sync_roles


def make_lock_row(apps, schema_editor):
    apps.get_model("wire", "IntakeLock").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The intake lock's one row, and Editors and Administrators get the wire desk."""

    dependencies = [
        ("wire", "0001_initial"),
        ("articles", "0013_article_preview_nonce"),
    ]

    operations = [
        migrations.RunPython(make_lock_row, migrations.RunPython.noop),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
