"""The append-only audit trail.

Each force has its own hash chain (``chain`` is the force code, or ``system``): every event
stores the keyed hash of the one before it, so altering or deleting any stored event breaks the
chain at that point and ``candour audit verify`` names it. There is no update or delete path:
the admin is read-only and triggers refuse UPDATE, DELETE and TRUNCATE
(:mod:`candour.audit.triggers`).
"""

from __future__ import annotations

from django.db import models


class AuditEvent(models.Model):
    chain = models.CharField(max_length=16)
    seq = models.PositiveBigIntegerField()
    occurred_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=200, blank=True)
    request_id = models.CharField(max_length=64)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    #: Which audit key made ``hash`` (settings CANDOUR_AUDIT_KEY_ID; older keys are retired).
    key_id = models.CharField(max_length=32, default="")

    class Meta:
        ordering = ["chain", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq_unique"),
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The last sequence number and hash of one chain; locked while an event is appended. It
    only ever advances (a trigger refuses anything else), so it remembers how long the chain was."""

    chain = models.CharField(max_length=16, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.chain}@{self.seq}"
