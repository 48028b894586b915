# Written by hand (it moves a model between apps, which makemigrations cannot): the complainant
# updates move from intake to cases, where the reg 34 "keep the complainant informed" clock that
# reads them lives. The rows stay where they are; only the table's name changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0007_merge_0006_open_case_indexes_0006_proceedings"),
        ("intake", "0003_update_on_case"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ComplainantUpdate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("sent_at", models.DateTimeField()),
                        ("code", models.CharField(blank=True, max_length=32)),
                        ("message", models.TextField()),
                        ("sent_by_name", models.CharField(blank=True, max_length=150)),
                        ("case", models.ForeignKey(blank=True, null=True,
                                                   on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="complainant_updates", to="cases.case")),
                        ("report", models.ForeignKey(blank=True, null=True,
                                                     on_delete=django.db.models.deletion.CASCADE,
                                                     related_name="updates", to="intake.report")),
                    ],
                    options={
                        "ordering": ["sent_at", "id"],
                        "db_table": "intake_complainantupdate",
                        "constraints": [models.CheckConstraint(
                            condition=models.Q(("report__isnull", False), ("case__isnull", False), _connector="OR"),
                            name="update_has_report_or_case")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="complainantupdate", table=None),
    ]
