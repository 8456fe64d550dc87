import django.db.models.deletion
from django.db import migrations, models

import publications.models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_site_home_and_sharing"),
        ("publications", "0002_default_publication"),
        ("wire", "0003_arrival_outlives_deleted_story"),
    ]

    operations = [
        # Existing sources write to the default publication (id 1, made by publications/0002).
        migrations.AddField(
            model_name="source",
            name="publication",
            field=models.ForeignKey(
                default=1,
                help_text="The publication whose desk its stories go to (their home).",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="wire_sources",
                to="publications.publication",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="source",
            name="publication",
            field=models.ForeignKey(
                default=publications.models.default_publication_id,
                help_text="The publication whose desk its stories go to (their home).",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="wire_sources",
                to="publications.publication",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="section",
            field=models.ForeignKey(
                blank=True,
                help_text="Section of new stories: one of the publication's sections.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="wire_sources",
                to="articles.section",
            ),
        ),
    ]
