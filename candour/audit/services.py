"""Writing and checking the audit trail.

``audit_record`` must be called inside the same ``transaction.atomic()`` as the change it
describes, so the change and its event commit or roll back together.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from candour.audit.events import AuditVerb
from candour.audit.models import AuditChainHead, AuditEvent
from candour.common.context import current_request_id

GENESIS = "0" * 64
SYSTEM_CHAIN = "system"


@dataclass(frozen=True)
class Actor:
    """Who did something, frozen at the time: a user, or the system acting for a command."""

    id: int | None
    name: str
    role: str

    @classmethod
    def system(cls, what: str) -> Actor:
        return cls(id=None, name=f"system: {what}", role="system")

    @classmethod
    def of(cls, user: Any) -> Actor:
        return cls(id=user.pk, name=user.name, role=",".join(user.roles) or "none")


def _normalise(value: Any) -> Any:
    """JSON-safe copy: dates, UUIDs and decimals become strings, as stored."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    occurred = event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds")
    return {
        "chain": event.chain,
        "seq": event.seq,
        "occurred_at": occurred,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "actor_role": event.actor_role,
        "request_id": event.request_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }


def event_hash(event: AuditEvent) -> str:
    return _digest(_hashed_fields(event))


def _locked_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(chain=chain)
    except IntegrityError:
        pass  # created by a concurrent writer: lock it below
    return AuditChainHead.objects.select_for_update().get(chain=chain)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def audit_chain_of(obj: Any) -> str:
    """The chain ``obj``'s events join: the code of the force it belongs to (each force has its
    own chain), or the system chain for a record of no force (a user without one).

    A record belongs to a force through its own ``force`` (or, for a force, ``audit_chain``);
    a record with no force of its own names the record it hangs from in the class attribute
    ``audit_parent`` (an allegation hangs from its case, a subject from its allegation).
    """
    for _ in range(8):
        chain = getattr(obj, "audit_chain", None)
        if chain:
            return str(chain)
        if hasattr(obj, "force_id"):
            return str(obj.force.code) if obj.force_id is not None else SYSTEM_CHAIN
        parent = getattr(type(obj), "audit_parent", "")
        if not parent:
            raise TypeError(f"{type(obj).__name__} has no force and no audit_parent: name the chain")
        obj = getattr(obj, parent)
    raise TypeError("audit_parent goes round in a circle")


def audit_type_of(obj: Any) -> str:
    """What the trail calls ``obj``'s kind: its class's ``audit_type``, else its name in snake case."""
    return str(getattr(type(obj), "audit_type", "") or _snake(type(obj).__name__))


def audit_id_of(obj: Any) -> str:
    """How the trail names ``obj``: its ``audit_id`` (a case's reference), else its public UUID."""
    key = getattr(obj, "audit_id", None)
    if key is not None:
        return str(key)
    return str(obj.uuid)


def audit_record(
    *,
    actor: Actor,
    action: AuditVerb,
    on: Any = None,
    object_type: str = "",
    object_id: str = "",
    chain: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event about ``on`` to its force's chain; must run inside the caller's
    transaction.

    The object's kind, name and chain come from ``on`` (see :func:`audit_chain_of`); pass
    ``object_type`` / ``object_id`` / ``chain`` only to say something else (an event about a
    download or a page, which is no record of its own, names them all).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    verb = AuditVerb(action)
    if on is not None:
        object_type = object_type or audit_type_of(on)
        object_id = object_id or audit_id_of(on)
        chain = chain or audit_chain_of(on)
    if not object_type or not object_id:
        raise TypeError("audit_record needs the object (on=...) or its object_type and object_id")
    chain = chain or SYSTEM_CHAIN
    head = _locked_head(chain)
    occurred = (at or timezone.now()).astimezone(UTC)
    event = AuditEvent(
        chain=chain,
        seq=head.seq + 1,
        occurred_at=occurred,
        actor_id=actor.id,
        actor_name=actor.name[:150],
        actor_role=actor.role[:200],
        request_id=current_request_id(),
        action=verb.value,
        object_type=object_type,
        object_id=str(object_id),
        before=_normalise(before),
        after=_normalise(after),
        prev_hash=head.hash,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    AuditChainHead.objects.filter(chain=chain).update(seq=event.seq, hash=event.hash)
    return event


@dataclass(frozen=True)
class Break:
    """The first broken link found in a chain."""

    chain: str
    seq: int
    event_id: int | None
    problem: str

    def __str__(self) -> str:
        where = f"event {self.chain}#{self.seq}"
        if self.event_id is not None:
            where += f" (id {self.event_id})"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class ChainReport:
    chain: str
    events: int
    first_break: Break | None


def _events(chain: str) -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=5000)


def audit_verify_chain(chain: str) -> ChainReport:
    """Recompute ``chain`` from its genesis and report the first broken link, if any."""
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    for event in _events(chain):
        count += 1
        if event.seq != expected_seq:
            return ChainReport(chain, count, Break(
                chain, expected_seq, None,
                f"missing: the event was deleted (next stored event is #{event.seq})"))
        if event.prev_hash != prev_hash:
            return ChainReport(chain, count, Break(
                chain, event.seq, event.id,
                "does not link to the event before it (an earlier event was altered or replaced)"))
        if event_hash(event) != event.hash:
            return ChainReport(chain, count, Break(
                chain, event.seq, event.id, "altered: its contents no longer match its hash"))
        prev_hash = event.hash
        expected_seq += 1
    head = AuditChainHead.objects.filter(chain=chain).first()
    if head is not None and head.seq >= expected_seq:
        return ChainReport(chain, count, Break(
            chain, expected_seq, None, f"missing: the event was deleted (the chain head is at #{head.seq})"))
    if head is not None and head.seq == expected_seq - 1 and head.hash != prev_hash:
        return ChainReport(chain, count, Break(
            chain, head.seq, None, "the chain head does not match the last stored event"))
    return ChainReport(chain, count, None)


def audit_verify(chains: list[str] | None = None) -> list[ChainReport]:
    names = chains or sorted(
        set(AuditChainHead.objects.order_by().values_list("chain", flat=True))
        | set(AuditEvent.objects.order_by().values_list("chain", flat=True).distinct())
    )
    return [audit_verify_chain(name) for name in names]
