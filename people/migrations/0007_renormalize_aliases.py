"""Person aliases keyed again with the one name normaliser (see organizations 0007)."""

from django.db import migrations


def renormalize(apps, schema_editor):
    from newsroom.text import normalize_name

    Alias = apps.get_model("people", "PersonAlias")
    seen = set()
    for alias in Alias.objects.order_by("pk").iterator():
        key = (alias.person_id, normalize_name(alias.name))
        if not key[1] or key in seen:
            alias.delete()
            continue
        seen.add(key)
        if key[1] != alias.normalized:
            Alias.objects.filter(pk=alias.pk).update(normalized=key[1])


class Migration(migrations.Migration):
    dependencies = [("people", "0006_word_start_lookup_indexes")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
