# Written by hand: the complainant updates now belong to cases (cases 0008 takes the table over);
# this only forgets the model here, and touches no table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0003_update_on_case"),
        ("cases", "0008_complainant_update"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ComplainantUpdate")],
            database_operations=[],
        ),
    ]
