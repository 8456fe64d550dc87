import django.db.models.deletion
from django.db import migrations, models

import publications.models


def old_paths_follow_their_story(apps, schema_editor):
    """An old address belongs to the publication its story is at home on."""
    OldPath = apps.get_model("wire", "OldPath")
    Article = apps.get_model("articles", "Article")
    home = Article.objects.filter(pk=models.OuterRef("story_id")).values("publication_id")
    OldPath.objects.update(publication_id=models.Subquery(home[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_site_home_and_sharing"),
        ("publications", "0002_default_publication"),
        ("wire", "0004_source_publication"),
    ]

    operations = [
        # Existing rows start on the default publication (id 1, made by publications/0002).
        migrations.AddField(
            model_name="oldpath",
            name="publication",
            field=models.ForeignKey(
                default=1,
                help_text="The publication whose host answered at this address: the story's home.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="old_paths",
                to="publications.publication",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="oldpath",
            name="publication",
            field=models.ForeignKey(
                default=publications.models.default_publication_id,
                help_text="The publication whose host answered at this address: the story's home.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="old_paths",
                to="publications.publication",
            ),
        ),
        migrations.RunPython(old_paths_follow_their_story, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="oldpath",
            name="path",
            field=models.CharField(db_index=True, max_length=1000),
        ),
        migrations.AddConstraint(
            model_name="oldpath",
            constraint=models.UniqueConstraint(
                fields=("publication", "path"), name="wire_old_path_once"
            ),
        ),
    ]
