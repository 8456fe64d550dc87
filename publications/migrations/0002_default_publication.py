"""The default publication: the one a single-site install has, owning every existing story
and section (articles/0016 points them at it)."""

from django.conf import settings
from django.db import migrations


def make_default(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    if Publication.objects.filter(is_default=True).exists():
        return
    default = Publication.objects.create(
        is_default=True,
        name=settings.NEWSROOM_SITE_NAME,
        domain=settings.NEWSROOM_DEFAULT_DOMAIN,
    )
    # articles/0016 adds the home publication to existing rows as id 1 (a constant default
    # adds the column without rewriting a million rows on PostgreSQL).
    assert default.pk == 1, "the default publication must be the first row"


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(make_default, migrations.RunPython.noop)]
