"""API tokens get scopes and an expiry (issue 15).

A token made before this migration keeps every area it could reach, and expires 90 days after
it was made (``CANDOUR_API_TOKEN_MAX_DAYS``'s default): so one older than that stops working.
"""

from datetime import timedelta
from typing import Any

from django.db import migrations, models

ALL_AREAS = ["cases", "integrity", "vetting", "screening"]


def forwards(apps: Any, schema_editor: Any) -> None:
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.all():
        token.scopes = list(ALL_AREAS)
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["scopes", "expires_at"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_units")]

    operations = [
        migrations.AddField("apitoken", "scopes", models.JSONField(default=list)),
        migrations.AddField("apitoken", "expires_at", models.DateTimeField(null=True)),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField("apitoken", "expires_at", models.DateTimeField()),
    ]
