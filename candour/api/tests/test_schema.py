"""/api/v1 under schemathesis: every operation the API serves, fuzzed against the cast.

The OpenAPI document is loaded in-process from the WSGI application, so a new operation is
covered without being listed here. Schemathesis runs its examples, coverage (boundary values,
missing and wrongly typed parameters, unexpected methods) and fuzzing phases, in positive and
negative mode, for each operation, on the test database with the cast loaded.

Each request carries a credential chosen from the case's own content (the same case always
gets the same one): most carry a real bearer token for an ALPHA user whose role allows the
operation's declared action; the rest carry the BRAVO user's token, a refused role's token, a
bad token or none. A path parameter of a positive case is often swapped for a cast record's key
(``known_values``), so 200s are exercised and not only 404s.

Checks: no 5xx; every status code, content type, header and body as documented; input the
schema refuses is refused with a 4xx and input it allows is not refused with a 400 or 422;
nothing but a valid token of a permitted role gets a 2xx. The test fails unless at least
``MIN_REQUESTS`` requests were made, most with a permitted token, and every operation
answered a 2xx at least once.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core import NotSet

from candour.accounts.tokens import api_token_create
from candour.api.api import api
from candour.cases.models import Case
from candour.domain.access import Action, can
from candour.testing.cast import CAST_NAMES, Cast
from candour.workforce.models import VettingReview
from config.wsgi import application

#: The issue's floor: generated requests across all operations in one run.
MIN_REQUESTS = 2_000


def _declared_actions() -> dict[str, Action]:
    """operationId -> declared action, for every operation the API serves."""
    found: dict[str, Action] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found[api.get_openapi_operation_id(operation)] = operation.view_func.candour_action  # type: ignore[attr-defined]
    return found


ACTIONS = _declared_actions()

# Fuzzing examples per operation: the floor shared out over however many operations there are,
# with a margin (the coverage phase's boundary cases come on top).
settings.register_profile(
    "candour-api",
    max_examples=max(50, math.ceil(MIN_REQUESTS * 1.02 / max(1, len(ACTIONS)))),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)

CONFIG: dict[str, Any] = {
    # Security parameters are left to the ``Bearer`` provider below, which chooses the credential.
    "generation": {"mode": "all", "with-security-parameters": False},
    # Neither values seen in responses (the cast's random UUIDs) nor constants gathered from the
    # application's source feed generation: the cases depend on the schema and this file alone.
    "analysis": {"constants": {"enabled": False}},
    "phases": {"examples": {"enabled": True},
               "coverage": {"enabled": True, "extra-data-sources": {"responses": False}},
               "fuzzing": {"enabled": True, "extra-data-sources": {"responses": False}},
               "stateful": {"enabled": False}},
    "checks": {
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_headers_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
        "negative_data_rejection": {"enabled": True},
        # Valid input may still be refused for its credential (401, 403) or its record (404).
        "positive_data_acceptance": {"enabled": True, "expected-statuses": ["2XX", 401, 403, 404]},
        "unsupported_method": {"enabled": True},
        "missing_required_header": {"enabled": True},
        # Auth is checked on every request by ``test_api_against_its_schema`` itself, without the
        # two extra probe requests this check sends after each 2xx.
        "ignored_auth": {"enabled": False},
        "use_after_free": {"enabled": False},
        "ensure_resource_availability": {"enabled": False},
        "object_level_authorization": {"enabled": False},
    },
}


def known_values(cast: Cast) -> dict[str, list[str]]:
    """Path parameter name -> real keys from the cast (its own force's and the other force's).

    Add a new operation's path parameter here, so its 200 is exercised and not only its 404."""
    return {
        "reference": [cast.case.reference, cast.other_case.reference],
        "officer_uuid": [str(cast.officer.uuid), str(cast.other_officer.uuid)],
        "step": ["record", "handle_outside_schedule_3", "refer", "withdraw"],
        "suspension_uuid": [str(cast.suspension.uuid)],
        "conviction_uuid": [str(cast.conviction.uuid)],
        "entry_uuid": [str(cast.list_entry.uuid)],
        "clearance_uuid": [str(cast.clearance.uuid)],
        "review_uuid": [str(cast.review.uuid)],
        "assessment_uuid": [str(cast.assessment.uuid)],
        "withdrawal_step": ["representations", "decision"],
        "candidate_uuid": [str(cast.candidate.uuid)],
    }


#: Each case's content as generated, before the test put the cast's keys into it: rolls are
#: drawn from it, so the same generated case rolls the same numbers in every run. The cast's
#: records (and those the fuzzer creates) get new random UUIDs each run; had they been rolled
#: on, the credentials, and so the order records changed state in, would differ from run to run,
#: and a success that depended on that order came and went.
_GENERATED: dict[int, str] = {}


def _content(case: Any) -> str:
    body = None if isinstance(case.body, NotSet) else case.body  # NotSet's repr holds its address
    return repr((case.method, case.path, case.path_parameters, case.query, body))


def _roll(case: Any, salt: str) -> int:
    """A number in 0..99 drawn from the case's own content: the same case, the same number."""
    content = repr((salt, _GENERATED.get(id(case)) or _content(case)))
    return zlib.crc32(content.encode("utf-8", "surrogatepass")) % 100


@dataclass
class Credentials:
    """A bearer token per cast user, handed out per case."""

    cast: Cast
    tokens: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tokens = {name: api_token_create(user=self.cast.user(name), name="schemathesis")
                       for name in CAST_NAMES}

    def _alpha(self, case: Any) -> tuple[list[str], list[str]]:
        """ALPHA's cast users whose role allows, and refuses, the case's operation."""
        action = ACTIONS[case.operation.definition.raw["operationId"]]
        alpha = [name for name in CAST_NAMES if name != "other_force_user"]
        allowed = [name for name in alpha if can(self.cast.user(name).role_set(), action)]
        return allowed, [name for name in alpha if name not in allowed]

    def choose(self, case: Any) -> str | None:
        """The Authorization header for ``case`` (None: no header): 82% an allowed ALPHA
        user's token, 6% the BRAVO user's, and 4% each a refused role's, a bad token, none."""
        allowed, refused = self._alpha(case)
        roll = _roll(case, "auth")
        if roll < 4:
            return None
        if roll < 8:
            return "Bearer cnd_not-a-token"
        if roll < 12 and refused:
            return f"Bearer {self.tokens[refused[roll % len(refused)]]}"
        if roll < 18:
            return f"Bearer {self.tokens['other_force_user']}"
        return f"Bearer {self.tokens[allowed[roll % len(allowed)]]}"

    def kind(self, case: Any) -> str:
        """What the case's Authorization header is: none, bad, refused, other_force or allowed."""
        header = case.headers.get("Authorization") if case.headers else None
        if header is None:
            return "none"
        name = next((n for n, token in self.tokens.items() if header == f"Bearer {token}"), None)
        if name is None:
            return "bad"
        if name == "other_force_user":
            return "other_force"
        allowed, _refused = self._alpha(case)
        return "allowed" if name in allowed else "refused"


@dataclass
class Tally:
    """What the run sent and got back, per operation and per kind of credential."""

    requests: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    failed: bool = False

    def record(self, operation: str, kind: str, status: int) -> None:
        self.requests += 1
        self.kinds[kind] += 1
        self.statuses.setdefault(operation, Counter())[status] += 1

    def summary(self) -> str:
        per_operation = "; ".join(f"{op}: {dict(sorted(c.items()))}" for op, c in sorted(self.statuses.items()))
        return f"{self.requests} requests; credentials {dict(self.kinds)}; statuses {per_operation}"


@pytest.fixture
def tally() -> Iterator[Tally]:
    """Counts the run's requests, then holds it to the floor (unless a check already failed)."""
    counts = Tally()
    yield counts
    if counts.failed:
        return
    print(f"\nschemathesis: {counts.summary()}")
    assert counts.requests >= MIN_REQUESTS, f"fewer than {MIN_REQUESTS} requests: {counts.summary()}"
    assert counts.kinds["allowed"] >= 0.75 * counts.requests, f"too few permitted tokens: {counts.summary()}"
    silent = [op for op in ACTIONS if not any(200 <= s < 300 for s in counts.statuses.get(op, {}))]
    assert not silent, f"never answered a 2xx (add to known_values?): {silent}; {counts.summary()}"


@pytest.fixture
def credentials(cast: Cast) -> Credentials:
    return Credentials(cast=cast)


@pytest.fixture
def _keep_connection() -> Iterator[None]:
    """Keep the test's database connection open across requests, as Django's test client does.

    The WSGI handler closes the connection when a request finishes; outside ``django.test.Client``
    that throws away the test's transaction on PostgreSQL (SQLite's in-memory one survives)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def _no_local_constants(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hypothesis mixes constants from the project's own modules into a few draws, taken from
    whichever modules are imported at the time: under xdist that depends on which tests ran
    first on the worker, and it changes whenever any module does. Give it none here, so the
    generated cases depend only on the schema and this file."""
    if not hasattr(providers, "_get_local_constants"):  # a later Hypothesis: nothing to hold still
        yield
        return
    monkeypatch.setattr(providers, "_get_local_constants", Constants)
    providers.CONSTANTS_CACHE.cache.clear()
    yield
    providers.CONSTANTS_CACHE.cache.clear()


@pytest.fixture
def api_schema(credentials: Credentials, _keep_connection: None, _no_local_constants: None) -> Any:
    reader = api_token_create(user=credentials.cast.user("analyst"), name="schema")  # the document needs a sign-in
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", application, config=schemathesis.Config.from_dict(CONFIG),
        headers={"Authorization": f"Bearer {reader}"})

    class Bearer:
        """Sets (or, for ``None``, removes) the Authorization header ``credentials`` chose."""

        def get(self, case: Any, ctx: Any) -> str:
            return credentials.choose(case) or ""

        def set(self, case: Any, data: str, ctx: Any) -> None:
            if data:
                case.headers["Authorization"] = data
            else:
                case.headers.pop("Authorization", None)

    schema.auth(refresh_interval=None)(Bearer)  # no caching: each case gets its own credential
    return schema


@pytest.fixture(autouse=True)
def _nodeid_for_schemathesis(request: pytest.FixtureRequest) -> None:
    """schemathesis 4.32.5's lazy schema reads ``request.node._nodeid``, which pytest 9.2
    no longer sets; give it the node id it expects (it only relabels the per-operation report)."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


lazy_schema = schemathesis.pytest.from_fixture("api_schema")

#: Operations whose answer depends on the case's state as well as the input (see the test).
STATEFUL = {"candour_api_api_case_step_take", "candour_api_vetting_vetting_review_decide",
            "candour_api_vetting_vetting_withdrawal_step", "candour_api_vetting_screening_candidate_decide"}
#: Operations that may refuse schema-valid input with a documented 409 (nothing changed): the case
#: steps, and the integrity registers' changes when the record is not in a state to take them (an
#: episode already ended or confirmed, an officer already suspended, a date in the future).
REFUSABLE = STATEFUL | {
    "candour_api_api_suspension_start", "candour_api_api_suspension_review",
    "candour_api_api_suspension_confirmation", "candour_api_api_suspension_representations",
    "candour_api_api_suspension_end", "candour_api_api_conviction_record", "candour_api_api_list_entry_reported"}


@pytest.mark.timeout(900)  # about 2,000 requests: slow on a loaded 2-core machine, not hung
@settings(settings.get_profile("candour-api"))
@lazy_schema.parametrize()
def test_api_against_its_schema(case: Any, cast: Cast, credentials: Credentials, tally: Tally) -> None:
    _GENERATED.clear()
    _GENERATED[id(case)] = _content(case)
    meta = case.meta
    if meta is not None and meta.generation.mode == GenerationMode.POSITIVE:
        known = known_values(cast)
        for name in list(case.path_parameters or {}):
            roll = _roll(case, name)
            if name in known and roll < 40:
                case.path_parameters[name] = known[name][roll % len(known[name])]
        operation_id = case.operation.definition.raw["operationId"]
        if operation_id == "candour_api_vetting_vetting_review_decide":
            open_review = VettingReview.objects.filter(
                force=cast.case.force, status=VettingReview.Status.OPEN).order_by("opened_on", "pk").first()
            if open_review is not None and _roll(case, "stateful") < 25:
                # A review still open, decided with the version it has now: so the decision's
                # success is exercised whatever order the fuzzer's earlier requests came in (the
                # cast's review may be decided already; the fuzzer opens others).
                case.path_parameters.update(review_uuid=str(open_review.uuid))
                case.body = {"outcome": "maintained", "rationale": "Fuzzed decision",
                             "expected_version": open_review.version}
        elif operation_id in STATEFUL and _roll(case, "stateful") < 25:
            # A step the cast case can take now, with the version it has now: so the operation's
            # success is exercised, not only its refusals.
            current = Case.objects.get(pk=cast.case.pk)
            case.path_parameters.update(reference=current.reference, step="record" if current.state == "logged"
                                        else "withdraw")
            case.body = {"expected_version": current.version, "reason": "Fuzzed step",
                         "inputs": {"signed": True}}
    kind = credentials.kind(case)
    # A step the rules or the lifecycle refuse is answered 409 with its reasons, as documented:
    # schema-valid input is not a promise that the case is in a state to take the step.
    excluded = [positive_data_acceptance] if case.operation.definition.raw["operationId"] in REFUSABLE else []
    try:
        response = case.call_and_validate(excluded_checks=excluded)
        assert kind in ("allowed", "other_force") or not 200 <= response.status_code < 300, (
            f"{case.method} {case.formatted_path} answered {response.status_code} to a {kind} credential")
    except BaseException:
        tally.failed = True
        raise
    tally.record(case.operation.definition.raw["operationId"], kind, response.status_code)
