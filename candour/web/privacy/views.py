"""Data protection (docs/data-protection.md): the record of processing and the retention
schedule it comes from; subject access and erasure requests, for the data protection officer.

The person a request is about is only ever sent in a POST body (never in a URL, where logs and
browser history would keep it), and every page that shows what is held about them is audited.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.models import User
from candour.audit.services import Actor
from candour.domain.access import Action, can
from candour.domain.retention import processing_record as processing_rows
from candour.privacy.erasure import erasure_assess, erasure_carry_out
from candour.privacy.export import subject_access_build, subject_access_export, subject_access_record
from candour.privacy.retention import schedule
from candour.privacy.subjects import SubjectQuery, subject_query, subject_records
from candour.web.access import requires
from candour.web.forms import errors_to_form
from candour.web.privacy.forms import FIELDS, SubjectForm


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User) and user.force is not None  # requires() let only a force's user in
    return user


@requires(Action.PROCESSING_RECORD_VIEW)
@require_GET
def processing_record(request: HttpRequest) -> HttpResponse:
    """The record of processing (DPA 2018 s.61; UK GDPR Art 30), generated from the retention
    schedule the retention job applies."""
    user = _user(request)
    plan = schedule()
    return render(request, "web/privacy/record.html", {
        "plan": plan, "rows": processing_rows(plan), "force": user.force,
        "can_manage": can(user.role_set(), Action.PRIVACY_MANAGE)})


def _query(request: HttpRequest, form: SubjectForm) -> SubjectQuery | None:
    if not form.is_valid():
        return None
    try:
        return subject_query(force=_user(request).force, **{k: form.cleaned_data[k] for k in FIELDS})  # type: ignore[arg-type]
    except ValidationError as exc:
        errors_to_form(form, exc)
        return None


def _hidden(query: SubjectQuery) -> dict[str, str]:
    return {"reference": query.reference, "email": query.email, "name": query.name, "number": query.number}


@requires(Action.PRIVACY_MANAGE)
@never_cache
@require_http_methods(["GET", "POST"])
def subject_access(request: HttpRequest) -> HttpResponse:
    """Find what is held about a person; show it by kind, with how much is marked for redaction."""
    form = SubjectForm(request.POST or None)
    query = _query(request, form) if request.method == "POST" else None
    if query is None:
        return render(request, "web/privacy/subject_access.html", {"form": form})
    actor = Actor.of(request.user)
    records = subject_records(query)
    export = subject_access_build(query=query, actor=actor, records=records)
    subject_access_record(records=records, actor=actor, exported=False)
    return render(request, "web/privacy/subject_access_found.html", {
        "query": query, "records": records, "export": export, "hidden": _hidden(query),
        "sections": [s for s in export.sections if s.rows]})


@requires(Action.PRIVACY_MANAGE)
@never_cache
@require_POST
def subject_access_download(request: HttpRequest) -> HttpResponse:
    """The export as a zip (JSON, CSV, a readable HTML page and the files sent), audited."""
    form = SubjectForm(request.POST)
    query = _query(request, form)
    if query is None:
        return render(request, "web/privacy/subject_access.html", {"form": form}, status=400)
    _, content = subject_access_export(query=query, actor=Actor.of(request.user))
    response = HttpResponse(content, content_type="application/zip")
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", query.reference)
    response["Content-Disposition"] = f'attachment; filename="subject-access-{name}.zip"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Action.PRIVACY_MANAGE)
@never_cache
@require_http_methods(["GET", "POST"])
def erasure(request: HttpRequest) -> HttpResponse:
    """An erasure request: first the answer for every record (what may be erased, what is
    refused and under which rule), then, once confirmed, the erasure."""
    form = SubjectForm(request.POST or None, submit="Check what can be erased")
    query = _query(request, form) if request.method == "POST" else None
    if query is None:
        return render(request, "web/privacy/erasure.html", {"form": form})
    today = timezone.localdate()
    actor = Actor.of(request.user)
    context: dict[str, Any] = {"query": query, "hidden": _hidden(query)}
    if request.POST.get("erase") == "yes":
        plan = erasure_carry_out(query=query, actor=actor, today=today)
        done = {id(i) for i in plan.done}
        context.update(plan=plan, done=[i for i in plan.items if id(i) in done],
                       nothing_left=[i for i in plan.allowed if id(i) not in done])
        return render(request, "web/privacy/erasure_done.html", context)
    plan = erasure_assess(query=query, today=today)
    subject_access_record(records=plan.records, actor=actor, exported=False)
    context["plan"] = plan
    return render(request, "web/privacy/erasure_check.html", context)
