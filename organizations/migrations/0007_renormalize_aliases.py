"""Aliases stored under the older name normaliser are keyed again with the one normaliser
(newsroom.text.normalize_name, the tagging engine's). Two aliases that now share a key were
the same name: the older one is kept."""

from django.db import migrations


def renormalize(apps, schema_editor):
    from newsroom.text import normalize_name

    Alias = apps.get_model("organizations", "OrganizationAlias")
    seen = set()
    for alias in Alias.objects.order_by("pk").iterator():
        key = normalize_name(alias.name)
        if not key or key in seen:
            alias.delete()
            continue
        seen.add(key)
        if key != alias.normalized:
            Alias.objects.filter(pk=alias.pk).update(normalized=key)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0006_word_start_lookup_indexes")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
