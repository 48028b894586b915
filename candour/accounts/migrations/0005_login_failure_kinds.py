"""Lockout counts a username from one address, an address, and a username from every address
(issue 15): ``LoginFailure.username`` becomes ``key`` with a ``kind``. Counts kept before are
per username, so they keep the ``username`` kind."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_api_token_scopes_expiry"),
    ]

    operations = [
        migrations.RenameField(model_name="loginfailure", old_name="username", new_name="key"),
        migrations.AlterField(model_name="loginfailure", name="key", field=models.CharField(max_length=240)),
        migrations.AddField(
            model_name="loginfailure", name="kind",
            field=models.CharField(choices=[("account", "Username from one address"), ("address", "Client address"),
                                            ("username", "Username from any address")],
                                   default="username", max_length=10)),
        migrations.AddConstraint(
            model_name="loginfailure",
            constraint=models.UniqueConstraint(fields=("kind", "key"), name="login_failure_kind_key_unique")),
    ]
