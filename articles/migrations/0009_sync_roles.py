"""Bring the roles' permissions up to date with the review queues and redirects."""

from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_entity_review"),
        ("organizations", "0004_entity_review"),
        ("people", "0003_entity_review"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
