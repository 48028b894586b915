"""Writing and checking the audit trail.

``audit_record`` must be called inside the same ``transaction.atomic()`` as the change it
describes, so the change and its event commit or roll back together.

Each event's hash is an HMAC (SHA-256) of its fields and the hash of the event before it, keyed
with ``CANDOUR_AUDIT_KEY``, a secret held outside the database: someone who can write to the
tables but does not hold the key cannot forge an event that verifies. Each event names the key
it was made with (``key_id``), so the key can be rotated: retired keys stay available to verify
old events (``CANDOUR_AUDIT_RETIRED_KEYS``). A *checkpoint* is the head of every chain, signed
with the same key and written to a file outside the database (``candour audit checkpoint``);
``candour audit verify`` checks the chains against the latest one, so deleting the newest
events, truncating a table or rewriting a whole chain is found even by someone who holds the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
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


class UnknownAuditKey(Exception):
    """An event or checkpoint names a key this installation does not hold."""


def audit_keys() -> dict[str, bytes]:
    """The keys that verify events, by id: the current one and any retired ones."""
    keys = {str(k): str(v).encode() for k, v in settings.CANDOUR_AUDIT_RETIRED_KEYS.items()}
    keys[settings.CANDOUR_AUDIT_KEY_ID] = settings.CANDOUR_AUDIT_KEY.encode()
    return keys


def _key(key_id: str) -> bytes:
    try:
        return audit_keys()[key_id]
    except KeyError:
        raise UnknownAuditKey(f"key {key_id!r} is not configured (CANDOUR_AUDIT_KEY_ID or "
                              "CANDOUR_AUDIT_RETIRED_KEYS)") from None


def _digest(fields: dict[str, Any], key: bytes) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


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
        "key_id": event.key_id,
    }


def event_hash(event: AuditEvent) -> str:
    """The event's HMAC under the key it names; :class:`UnknownAuditKey` for a key not held."""
    return _digest(_hashed_fields(event), _key(event.key_id))


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
        key_id=settings.CANDOUR_AUDIT_KEY_ID,
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


# -- checkpoints: the heads of the chains, signed, kept outside the database -------------------


class CheckpointInvalid(Exception):
    """A checkpoint file that cannot be read, or whose signature does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    """The last event (sequence number and hash) of every chain at ``taken_at``."""

    taken_at: datetime
    heads: dict[str, tuple[int, str]]
    path: Path | None = None

    def label(self) -> str:
        return f"the checkpoint of {self.taken_at:%Y-%m-%d %H:%M} UTC"


def _signed(body: dict[str, Any], key_id: str) -> str:
    return _digest({"checkpoint": body}, _key(key_id))


def audit_heads() -> dict[str, tuple[int, str]]:
    """Each chain's last stored event, from the events themselves (not the head rows)."""
    last = dict(AuditEvent.objects.order_by().values_list("chain").annotate(Max("seq")))
    heads = {}
    for chain, seq in sorted(last.items()):
        heads[chain] = (seq, AuditEvent.objects.values_list("hash", flat=True).get(chain=chain, seq=seq))
    return heads


def audit_checkpoint_take(*, directory: Path | None = None, now: datetime | None = None) -> Path:
    """Write the signed heads of every chain to a new file in ``directory`` (default
    ``CANDOUR_AUDIT_CHECKPOINT_DIR``) and return its path. Copy it where the database's
    administrators cannot write: it is what a rewritten trail is checked against."""
    taken = (now or timezone.now()).astimezone(UTC)
    body = {"taken_at": taken.isoformat(timespec="seconds"),
            "heads": {chain: {"seq": seq, "hash": digest} for chain, (seq, digest) in audit_heads().items()}}
    key_id = settings.CANDOUR_AUDIT_KEY_ID
    folder = Path(directory or settings.CANDOUR_AUDIT_CHECKPOINT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checkpoint-{taken:%Y%m%dT%H%M%S%fZ}.json"
    document = {**body, "key_id": key_id, "signature": _signed(body, key_id)}
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def audit_checkpoint_load(path: Path) -> Checkpoint:
    """Read and check one checkpoint file; :class:`CheckpointInvalid` if it was altered."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        body = {"taken_at": document["taken_at"], "heads": document["heads"]}
        expected = _signed(body, str(document["key_id"]))
        heads = {str(c): (int(h["seq"]), str(h["hash"])) for c, h in body["heads"].items()}
        taken = datetime.fromisoformat(body["taken_at"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnknownAuditKey) as exc:
        raise CheckpointInvalid(f"{path}: cannot be read as a checkpoint ({exc})") from exc
    if not hmac.compare_digest(expected, str(document.get("signature", ""))):
        raise CheckpointInvalid(f"{path}: its signature does not verify: it was altered, or made with another key")
    return Checkpoint(taken_at=taken, heads=heads, path=Path(path))


def audit_checkpoint_latest(directory: Path | None = None) -> Checkpoint | None:
    """The newest checkpoint in ``directory`` (default ``CANDOUR_AUDIT_CHECKPOINT_DIR``), if any."""
    folder = Path(directory or settings.CANDOUR_AUDIT_CHECKPOINT_DIR)
    files = sorted(folder.glob("checkpoint-*.json")) if folder.is_dir() else []
    return audit_checkpoint_load(files[-1]) if files else None


# -- verification ---------------------------------------------------------------------------------


def audit_verify_chain(chain: str, *, checkpoint: Checkpoint | None = None) -> ChainReport:
    """Recompute ``chain`` from its genesis and report the first broken link, if any; then check
    it against its head row and, if given, against ``checkpoint``."""
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    marked = checkpoint.heads.get(chain) if checkpoint else None
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
        try:
            digest = event_hash(event)
        except UnknownAuditKey as exc:
            return ChainReport(chain, count, Break(chain, event.seq, event.id, f"cannot be checked: {exc}"))
        if not hmac.compare_digest(digest, event.hash):
            return ChainReport(chain, count, Break(
                chain, event.seq, event.id, "altered: its contents no longer match its hash"))
        if marked is not None and checkpoint is not None and event.seq == marked[0] \
                and not hmac.compare_digest(event.hash, marked[1]):
            return ChainReport(chain, count, Break(
                chain, event.seq, event.id,
                f"rewritten: its hash differs from {checkpoint.label()} (the chain was replaced)"))
        prev_hash = event.hash
        expected_seq += 1
    last = expected_seq - 1
    head = AuditChainHead.objects.filter(chain=chain).first()
    if head is not None and head.seq > last:
        return ChainReport(chain, count, Break(
            chain, expected_seq, None, f"missing: the event was deleted (the chain head is at #{head.seq})"))
    if head is not None and head.seq == last and head.hash != prev_hash:
        return ChainReport(chain, count, Break(
            chain, head.seq, None, "the chain head does not match the last stored event"))
    if marked is not None and checkpoint is not None and marked[0] > last:
        return ChainReport(chain, count, Break(
            chain, expected_seq, None,
            f"missing: the event was deleted ({checkpoint.label()} recorded events up to #{marked[0]})"))
    return ChainReport(chain, count, None)


def audit_verify(chains: list[str] | None = None, *, checkpoint: Checkpoint | None = None) -> list[ChainReport]:
    """Every chain (or those named) checked; a chain the checkpoint knows but the database has
    lost entirely is reported too."""
    names = chains or sorted(
        set(AuditChainHead.objects.order_by().values_list("chain", flat=True))
        | set(AuditEvent.objects.order_by().values_list("chain", flat=True).distinct())
        | set(checkpoint.heads if checkpoint else ())
    )
    return [audit_verify_chain(name, checkpoint=checkpoint) for name in names]


def audit_harden(*, app_role: str, owner_role: str = "candour_audit_owner") -> None:
    """PostgreSQL: make ``owner_role`` (created without login if missing) own the audit tables,
    their sequence and trigger functions, and leave ``app_role`` only INSERT and SELECT on the
    events (and what appending needs on the chain heads). Run it as a superuser after each
    migration that touches the audit app. The application's role must not own the schema."""
    names = {"app": app_role, "owner": owner_role}
    for name in names.values():
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"{name!r} is not a plain role name")
    statements = [
        # Role names cannot be bound as parameters; both were checked to be plain names above.
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner_role}') "  # noqa: S608  # nosec B608 # role names checked to be plain names above
        f"THEN CREATE ROLE {owner_role} NOLOGIN; END IF; END $$",
        f"ALTER TABLE audit_auditevent OWNER TO {owner_role}",
        f"ALTER TABLE audit_auditchainhead OWNER TO {owner_role}",
        f"ALTER FUNCTION candour_audit_append_only() OWNER TO {owner_role}",
        f"ALTER FUNCTION candour_audit_head_guard() OWNER TO {owner_role}",
        f"REVOKE ALL ON audit_auditevent, audit_auditchainhead FROM PUBLIC, {app_role}",
        f"GRANT SELECT, INSERT ON audit_auditevent TO {app_role}",
        f"GRANT SELECT, INSERT, UPDATE ON audit_auditchainhead TO {app_role}",
        f"GRANT USAGE, SELECT ON SEQUENCE audit_auditevent_id_seq TO {app_role}",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
