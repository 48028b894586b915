"""API tokens: made by their holder in the service, scoped to areas of the API, expiring, and
revocable; only the SHA-256 of a token is stored, and the token is shown once.

A token never reaches further than its user's roles: the API checks the operation's area
against the token's scopes, and the operation's ``Action`` against the user's roles, before it
reads the request's input (candour.api.base.TokenAuth).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from candour.accounts.models import ApiToken, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.validators import clean_text

#: The API's areas a token may be scoped to, each with what it reaches (one router each).
TOKEN_SCOPES: dict[str, str] = {
    "cases": "Cases and casework: allegations, steps, proceedings, documents",
    "integrity": "Suspensions, restricted duties, convictions and the barred and advisory lists",
    "vetting": "Vetting clearances and reviews",
    "screening": "Screening runs and match review",
}
#: ``last_used_at`` is written at most this often for one token, so a busy client costs no
#: more than one small UPDATE a minute.
LAST_USED_EVERY = timedelta(minutes=1)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str, scopes: list[str] | None = None, days: int | None = None,
                     actor: Actor | None = None) -> str:
    """Make a token for ``user`` and return it: this is the only time it is visible.

    ``scopes`` defaults to every area and ``days`` to ``CANDOUR_API_TOKEN_MAX_DAYS``. A
    ``ValidationError`` names each field that is wrong, and nothing is made."""
    limit = settings.CANDOUR_API_TOKEN_MAX_DAYS
    errors: dict[str, str] = {}
    try:
        name = clean_text(name)
    except ValidationError as exc:
        errors["name"] = exc.messages[0]
    else:
        if not name:
            errors["name"] = "Enter a name for the token, to tell it from your others"
        elif len(name) > 100:
            errors["name"] = "The token's name must be 100 characters or fewer"
    chosen = list(TOKEN_SCOPES) if scopes is None else list(dict.fromkeys(scopes))
    if not chosen:
        errors["scopes"] = "Select at least one area the token may use"
    elif any(scope not in TOKEN_SCOPES for scope in chosen):
        errors["scopes"] = "Select only areas from the list"
    days = limit if days is None else days
    if not 1 <= days <= limit:
        errors["days"] = f"A token lasts from 1 to {limit} days"
    if user.force_id is None or not user.is_active:
        raise PermissionDenied("Only an active user of a force can have API tokens")
    if errors:
        raise ValidationError(errors)
    token = f"cnd_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name, key_hash=_token_hash(token), scopes=chosen,
                                      expires_at=timezone.now() + timedelta(days=days))
        audit_record(actor=actor or Actor.of(user), action=AuditVerb.API_TOKEN_CREATED, on=row,
                     after={"name": name, "scopes": chosen, "expires_at": row.expires_at.isoformat()})
    return token


def api_token_revoke(*, user: User, token_uuid: str, actor: Actor | None = None) -> ApiToken:
    """Revoke one of ``user``'s own tokens; another user's token, or none, is not found."""
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().filter(user=user, uuid=token_uuid).first()
        if row is None:
            raise ApiToken.DoesNotExist("No such token of yours")
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at", "updated_at"])
            audit_record(actor=actor or Actor.of(user), action=AuditVerb.API_TOKEN_REVOKED, on=row,
                         after={"name": row.name})
    return row


@dataclass(frozen=True)
class TokenHolder:
    user: User
    scopes: frozenset[str]


def api_token_holder(*, token: str, now: datetime | None = None) -> TokenHolder | None:
    """The user behind a live token (not revoked, not expired, user active) and its scopes, else
    None. Records when it was used, at most once a minute."""
    now = now or timezone.now()
    row = (ApiToken.objects.select_related("user")
           .filter(key_hash=_token_hash(token), revoked_at__isnull=True, expires_at__gt=now).first())
    if row is None or not row.user.is_active:
        return None
    if row.last_used_at is None or row.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=row.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY)).update(last_used_at=now)
    return TokenHolder(user=row.user, scopes=frozenset(row.scopes))


def api_token_user(*, token: str) -> User | None:
    holder = api_token_holder(token=token)
    return holder.user if holder else None


def api_tokens_of(user: User) -> list[ApiToken]:
    """``user``'s own tokens, newest first (selector)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))
