"""Who is acting and under which request: set by middleware, read by the audit recorder.

Services receive the actor explicitly; the request id travels in a context variable so
that jobs and commands (which have no request) get a fresh one of their own.
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("candour_request_id", default=None)


def current_request_id() -> str:
    value = _request_id.get()
    if value is None:
        value = f"local-{uuid.uuid4().hex[:16]}"
        _request_id.set(value)
    return value


def set_request_id(value: str | None) -> object:
    return _request_id.set(value)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]
