"""Sealing an anonymous internal reporter's identity.

The identity is encrypted with ``CANDOUR_SEALING_KEY`` (a Fernet key from the environment)
and no page, API or export decrypts it. ``unseal`` exists for the one lawful route, a
court order or similar, run from the command line by the system's custodian.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SealError(RuntimeError):
    """The sealed value cannot be opened with the configured key."""


def _fernet() -> Fernet:
    key = settings.CANDOUR_SEALING_KEY
    try:
        return Fernet(key.encode("ascii") if isinstance(key, str) else key)
    except (ValueError, TypeError) as exc:
        raise SealError("CANDOUR_SEALING_KEY is not a valid Fernet key") from exc


def seal(identity: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(identity, sort_keys=True).encode("utf-8")).decode("ascii")


def unseal(token: str) -> dict[str, Any]:
    try:
        data = _fernet().decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise SealError("The sealed identity cannot be opened with this key") from exc
    value: dict[str, Any] = json.loads(data)
    return value

