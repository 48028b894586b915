# The chains become keyed (HMAC with CANDOUR_AUDIT_KEY): each event records its key's id, and
# the events already stored are hashed again, chain by chain, under the current key. Written by
# hand for its data step; run it once, before any checkpoint is taken (none existed before it).

from django.conf import settings
from django.db import migrations, models

from candour.audit import triggers


def rehash(apps, schema_editor):
    from candour.audit.services import GENESIS, event_hash

    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    with triggers.suspended(schema_editor.connection):
        for chain in event_model.objects.order_by().values_list("chain", flat=True).distinct():
            prev = GENESIS
            for event in event_model.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000):
                event.prev_hash = prev
                event.key_id = settings.CANDOUR_AUDIT_KEY_ID
                event.hash = event_hash(event)
                event.save(update_fields=["prev_hash", "key_id", "hash"])
                prev = event.hash
            head_model.objects.filter(chain=chain).update(hash=prev)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [
        migrations.AddField(model_name="auditevent", name="key_id", field=models.CharField(default="", max_length=32)),
        migrations.RunPython(rehash, migrations.RunPython.noop),
    ]
