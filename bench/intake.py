"""Benchmark public intake: the no-JavaScript portal under gunicorn, on SQLite and PostgreSQL.

    uv run python bench/intake.py                     # 5,000 reports per database
    uv run python bench/intake.py --quick             # 500 reports per database (smoke test)
    uv run python bench/intake.py --quick --results-dir /tmp/bench  # the same, writing /tmp/bench/intake.json
    uv run python bench/intake.py --backends postgres --reports 1000 --no-write

For each database (a temporary SQLite file in WAL mode; PostgreSQL database
``candour_bench_intake`` on ``BENCH_PG_URL``, default ``postgres://postgres@127.0.0.1:5432``):

1. A temporary var dir; ``migrate``, ``collectstatic`` and one force (``BEN``) through
   ``candour.accounts.services.force_create``, in a subprocess with the server's environment.
2. ``gunicorn config.wsgi:application -w 2 -k sync`` on 127.0.0.1 with production settings
   (``CANDOUR_ENV=production``, ``DEBUG`` off, manifest static files, secure cookies),
   ``DJANGO_SETTINGS_MODULE=bench.intake_settings``: the application's settings with a URLconf
   that adds the baseline view (``bench/intake_baseline.py``) before the application's URLs.
3. 50 client threads (stdlib ``http.client``; each keeps its own cookies and sends its own
   ``X-Forwarded-For`` address from the benchmarking range 198.18.0.0/15, believed because
   ``CANDOUR_TRUSTED_PROXIES=127.0.0.1``, so the database-backed rate limit stays on with a
   limit of twice each client's share). Baseline and portal phases alternate in 5 rounds, so
   a change in the machine's load falls on both:

   * Portal: every client walks the whole journey like a browser without JavaScript until
     the reports are used up: ``GET /report/``, then for each question page GET it, take the
     ``csrfmiddlewaretoken`` from the form, POST synthetic varied answers and follow the
     redirect; then ``GET`` and ``POST /report/check-your-answers/`` (hidden
     ``submission_key``, empty honeypot ``website``) and ``GET /report/sent/``: 20 requests a
     report. A report is *acknowledged* when the confirmation page with its reference came
     back. One journey in ten is in Welsh (``/cy/report/...``). No evidence is uploaded.
   * Baseline: the same clients POST ``/bench/insert/``, a bare view that inserts one row,
     through the same request code (cookies, token search); half as many requests as the
     portal makes.

4. The stored reports are read from the database and compared with the acknowledged
   references, the force's audit chain is verified, and (server stopped) the same pages are
   timed in one process, one request at a time, split into templates, crispy forms, session,
   SQL and connection time: where a worker's time goes.

Every request's latency and status is kept; CPU time of the gunicorn workers, of the client and
(PostgreSQL) of the database's backends is read from ``/proc`` per phase. Throughput is counted
while every client is busy (until the first runs out of work).

Targets (from the issue): zero lost reports, zero 5xx, p95 latency under 300 ms, and portal
throughput at least half of the baseline's. Throughput is judged per HTTP request (the
baseline is one request, a report is twenty); reports per second are reported beside it.

Writes ``bench/results/intake.json`` and the ``## Intake`` section of ``docs/performance.md``
(not with ``--quick`` or ``--no-write``; with ``--results-dir`` only the JSON, there; a ``### Notes``
subsection written by hand is kept).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import harness, report  # noqa: E402

PG_DATABASE = "candour_bench_intake"
FORCE_CODE = "BEN"
REFERENCE = re.compile(FORCE_CODE + r"-R[0-9A-Z]{4}-[0-9A-Z]{4}")
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([0-9a-f]+)"')
STEPS = ("about", "what-happened", "when", "where", "who", "connection", "evidence", "contact")
REQUESTS_PER_REPORT = 2 + 2 * len(STEPS) + 2  # start, GET+POST each step, check GET+POST, sent
TARGET_P95_MS = 300.0
TARGET_RATIO = 0.5
PHASE_LIMIT_S = 2400.0  # a phase stops by itself after this, finished or not


# -- work done inside the server's environment (subprocesses) -----------------------------


def server_task(task: str) -> None:
    """``setup``: migrate, collect static files, create the force and the baseline table.
    ``inspect``: print what was stored, as JSON."""
    import django  # lazy, as the imports below: in the server's environment, after django.setup()

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    baseline = importlib.import_module("bench.intake_baseline")  # what gunicorn serves as the URLconf
    from candour.accounts.services import force_create
    from candour.audit.services import Actor, audit_verify
    from candour.intake.models import Report

    if task == "breakdown":
        print(json.dumps(breakdown(int(os.environ.get("BENCH_BREAKDOWN_REPORTS", "100")))))
        return
    if task == "setup":
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        force_create(code=FORCE_CODE, name="Benchshire Constabulary", actor=Actor.system("bench/intake.py"))
        with connection.cursor() as cursor:
            cursor.execute(baseline.CREATE_SQL[connection.vendor])
        print(json.dumps({"ok": True}))
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {baseline.TABLE}")  # noqa: S608
        baseline_rows = cursor.fetchone()[0]
    chains = audit_verify([FORCE_CODE])
    print(json.dumps({
        "references": list(Report.objects.values_list("reference", flat=True)),
        "welsh": Report.objects.filter(language="cy").count(),
        "anonymous": Report.objects.filter(anonymous=True).count(),
        "baseline_rows": baseline_rows,
        "audit_events": sum(c.events for c in chains),
        "audit_intact": all(c.first_break is None for c in chains),
    }))


def _run_task(task: str, env: dict[str, str]) -> dict[str, Any]:
    return harness.run_json([sys.executable, __file__, "--server-task", task], env=env, what=f"server task {task}")


# -- the client ---------------------------------------------------------------------------


_WORDS = " ".join((
    "officer stopped me outside the station and would not say why he searched my bag; "
    "she was rude and refused to give her number when I asked twice, then laughed. "
    "the car was parked across the road for an hour and nobody came back to explain "
    "what had happened to my brother after the arrest at the match on Saturday night "
    "Dywedodd y swyddog wrthyf am fynd adref ond ni esboniodd pam; roedd hi'n bwrw glaw. "
    "I rang 101 three times, waited, and the call handler put the phone down on me",
)).split(" ")
_PLACES = ("Station Road, Northtown", "outside the Co-op on High Street", "Heol y Frenhines, Caerdydd",
           "the custody suite at Benchford police station", "junction 14 of the M1", "Café Noir, Mill Lane")
_NAMES = ("PC Smith", "Sergeant O'Brien", "DC Ng", "PCSO Jones", "Inspector Åsa Lindqvist", "")
_PEOPLE = ("Jo Public", "Siân Evans", "Mohammed Khan", "Zoë Brown", "Chidi Okafor")


def answers(rng: random.Random) -> dict[str, dict[str, str]]:
    """Synthetic, varied answers for each question page (all valid)."""
    words = rng.randint(8, 400)
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    if rng.random() < 0.3:
        cut = len(text) // 2
        text = text[:cut] + "\r\n\r\n" + text[cut:]
    when: dict[str, str] = {"unknown": "on"}
    if rng.random() < 0.8:
        day = date.today() - timedelta(days=rng.randint(0, 1000))
        when = {"incident_on_0": str(day.day), "incident_on_1": str(day.month), "incident_on_2": str(day.year)}
    where = {"incident_location": rng.choice(_PLACES)} if rng.random() < 0.85 else {"unknown": "on"}
    who_kind = rng.random()
    if who_kind < 0.5:
        who = {"person_name": rng.choice(_NAMES) or "PC Patel", "person_number": f"AB{rng.randint(1, 9999)}",
               "person_description": ""}
    elif who_kind < 0.8:
        who = {"person_name": "", "person_number": "",
               "person_description": "Tall, grey beard, wore a high-visibility jacket and a body camera"}
    else:
        who = {"unknown": "on"}
    contact: dict[str, str] = {"contact": "no"}
    if rng.random() < 0.6:
        person = rng.choice(_PEOPLE)
        contact = {"contact": "yes", "contact_name": person,
                   "contact_email": f"reporter{rng.randint(1, 10**6)}@example.org" if rng.random() < 0.8 else "",
                   "contact_phone": f"07700 9{rng.randint(0, 99999):05d}"}
    return {
        "about": {"kind": rng.choice(("complaint", "conduct"))},
        "what-happened": {"what_happened": text[:5000]},
        "when": when,
        "where": where,
        "who": who,
        "connection": {"relationship": rng.choice(("happened_to_me", "affected", "witness", "on_behalf",
                                                   "other"))},
        "evidence": {},
        "contact": contact,
    }


@dataclass
class Journey:
    reference: str | None = None
    failure: str = ""
    continued_past: list[str] = field(default_factory=list)


def journey(b: harness.Browser, rng: random.Random) -> Journey:
    """One report, page by page, as a browser without JavaScript."""
    result = Journey()
    b.new_visitor()
    prefix = "/cy" if rng.random() < 0.1 else ""
    given = answers(rng)
    status, _, _ = b.request("GET start", "GET", f"{prefix}/report/")
    if status != 200:
        result.failure = f"GET start {status}"
        return result
    path = f"{prefix}/report/about/"
    for index, slug in enumerate(STEPS):
        status, _, _ = b.request(f"GET {slug}", "GET", path)
        if status != 200:
            # A browser would be stuck here. The bench knows the form, so it carries on with
            # the token it already has, to measure the rest; the failure is counted.
            if b.token is None:
                result.failure = f"GET {slug} {status}"
                return result
            result.continued_past.append(f"GET {slug} {status}")
        form = {"csrfmiddlewaretoken": b.token or "", **given[slug], "continue": "Continue"}
        status, location, _ = b.request(f"POST {slug}", "POST", path, form)
        following = f"/report/{STEPS[index + 1]}/" if index + 1 < len(STEPS) else "/report/check-your-answers/"
        if status != 302 or not location.endswith(following):
            result.failure = f"POST {slug} {status} -> {location or 'no redirect'}"
            return result
        path = location
    status, _, text = b.request("GET check", "GET", path)
    key = SUBMISSION_KEY.search(text)
    if status != 200 or key is None:
        result.failure = f"GET check {status}"
        return result
    form = {"csrfmiddlewaretoken": b.token or "", "submission_key": key.group(1), "website": ""}
    status, location, _ = b.request("POST check", "POST", path, form)
    if status != 302 or not location.endswith("/report/sent/"):
        result.failure = f"POST check {status} -> {location or 'no redirect'}"
        return result
    status, _, text = b.request("GET sent", "GET", location)
    found = REFERENCE.search(text)
    if status != 200 or found is None:
        result.failure = f"GET sent {status}"
        return result
    result.reference = found.group(0)
    return result


def _address(client: int) -> str:
    return f"198.18.{client // 250}.{client % 250 + 1}"


@dataclass
class Phase:
    """One timed phase. ``steady_*``: from the start until the first client ran out of work, while
    every client was busy (a journey is 20 requests, so the tail would otherwise count against it)."""

    name: str
    wall_s: float
    steady_s: float
    steady_requests: int
    records: list[tuple[str, int, float, float]]
    cpu: dict[str, float]
    journeys: list[Journey] = field(default_factory=list)


def run_clients(name: str, server: harness.Server, clients: int, total: int,
                work: Callable[[harness.Browser, int], Journey | None], offset: int = 0) -> Phase:
    """``clients`` threads share ``total`` units of work (journeys or single requests)."""
    lock = threading.Lock()
    taken = [0]
    first_idle: list[float] = []
    per_client: list[list[tuple[str, int, float, float]]] = [[] for _ in range(clients)]
    journeys: list[Journey] = []
    deadline = time.monotonic() + PHASE_LIMIT_S
    errors: list[BaseException] = []

    def loop(client: int) -> None:
        browser = harness.Browser(port=server.port, address=_address(client), records=per_client[client])
        try:
            while time.monotonic() < deadline:
                with lock:
                    if taken[0] >= total:
                        first_idle.append(time.perf_counter())
                        return
                    index = offset + taken[0]
                    taken[0] += 1
                outcome = work(browser, index)
                if outcome is not None:
                    with lock:
                        journeys.append(outcome)
        except BaseException as exc:  # reported after the phase
            errors.append(exc)
        finally:
            if browser.conn is not None:
                browser.conn.close()

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    before = server.cpu()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    after = server.cpu()
    if errors:
        raise errors[0]
    records = [r for rs in per_client for r in rs]
    steady_end = min(first_idle, default=started + wall)
    return Phase(name=name, wall_s=wall, steady_s=steady_end - started,
                 steady_requests=sum(1 for r in records if r[3] <= steady_end), records=records,
                 journeys=journeys, cpu={k: after[k] - before[k] for k in before})


class InProcessBrowser(harness.Browser):
    """A :class:`bench.harness.Browser` that sends its requests through ``django.test.Client`` in process."""

    def __init__(self, client: Any, on_request: Callable[[str], None]) -> None:
        super().__init__(port=0, address=_address(0), records=[])
        self.client = client
        self.on_request = on_request

    def new_visitor(self) -> None:
        super().new_visitor()
        self.client.cookies.clear()

    def request(self, label: str, method: str, path: str,
                form: dict[str, str] | None = None) -> tuple[int, str, str]:
        from django.db import close_old_connections  # lazy: in the server's environment

        self.on_request(label)
        if method == "GET":
            response = self.client.get(path, HTTP_X_FORWARDED_FOR=self.address)
        else:
            response = self.client.post(path, form or {}, HTTP_X_FORWARDED_FOR=self.address)
        close_old_connections()  # what the WSGI server's request_finished does after the response
        text = response.content.decode()
        found = harness.CSRF.search(text)
        if found:
            self.token = found.group(1)
        return response.status_code, response.get("Location", ""), text


def breakdown(reports: int) -> dict[str, Any]:
    """Where a worker's time goes, page by page: ``reports`` journeys in one process, one at a
    time (no concurrency, so no waiting), after 10 to warm up. Outermost calls only are timed."""
    # lazy: in the server's environment, after django.setup()
    from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode
    from django.core.handlers.base import BaseHandler
    from django.db import close_old_connections, connection
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.template.base import Template
    from django.test import Client

    from candour.common.sessions import SessionStore

    buckets = ("total", "templates", "crispy_forms", "session_load", "session_save", "sql", "connect_close")
    spent: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(buckets, 0.0))
    calls: Counter[str] = Counter()
    queries: Counter[str] = Counter()
    depth: Counter[str] = Counter()
    current = ["warm-up"]

    def timed(owner: Any, name: str, bucket: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if depth[bucket]:
                return original(*args, **kwargs)
            depth[bucket] += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[current[0]][bucket] += time.perf_counter() - start
                depth[bucket] -= 1

        setattr(owner, name, wrapper)

    timed(BaseHandler, "get_response", "total")
    timed(Template, "render", "templates")
    timed(CrispyFormNode, "render", "crispy_forms")
    timed(SessionStore, "load", "session_load")
    timed(SessionStore, "save", "session_save")
    timed(BaseDatabaseWrapper, "connect", "connect_close")
    timed(BaseDatabaseWrapper, "close", "connect_close")

    def sql(execute: Any, query: str, params: Any, many: bool, context: Any) -> Any:
        queries[current[0]] += 1
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            spent[current[0]]["sql"] += time.perf_counter() - start

    def on_request(label: str) -> None:
        current[0] = label if calls["warm-up"] >= 10 * REQUESTS_PER_REPORT else "warm-up"
        calls[current[0]] += 1
        close_old_connections()

    browser = InProcessBrowser(Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1"), on_request)
    done = 0
    with connection.execute_wrapper(sql):
        for index in range(10 + reports):
            # Each journey from its own address (198.19.0.0/16), so the rate limit lets it through.
            browser.address = f"198.19.{index // 250}.{index % 250 + 1}"
            done += journey(browser, random.Random(f"breakdown:{index}")).reference is not None
        browser.new_visitor()  # as in the load phases: the baseline client has no session
        for index in range(REQUESTS_PER_REPORT * (10 + reports)):
            browser.request("baseline insert", "POST", "/bench/insert/",
                            {"client": browser.address, "payload": "x" * (50 + index % 400)})
    del spent["warm-up"], calls["warm-up"]

    def per_request(label_spent: dict[str, float], n: int, q: int) -> dict[str, float]:
        figures = {f"{k}_ms": round(v / n * 1000, 3) for k, v in label_spent.items()}
        figures["queries"] = round(q / n, 2)
        return figures

    portal = [label for label in sorted(calls) if label != "baseline insert"]
    pages = {label: per_request(spent[label], calls[label], queries[label]) for label in portal}
    total = {k: sum(spent[label][k] for label in portal) for k in buckets}
    n = sum(calls[label] for label in portal)
    return {"reports": reports, "acknowledged": done - 10, "requests": n,
            "all": per_request(total, n, sum(queries[label] for label in portal)), "pages": pages,
            "baseline": per_request(spent["baseline insert"], calls["baseline insert"],
                                    queries["baseline insert"])}


# -- figures ------------------------------------------------------------------------------


def phase_figures(phases: list[Phase]) -> dict[str, Any]:
    records = [r for p in phases for r in p.records]
    wall = sum(p.wall_s for p in phases)
    steady = sum(p.steady_s for p in phases)
    statuses = Counter(r[1] for r in records)
    cpu = {k: sum(p.cpu[k] for p in phases) for k in phases[0].cpu}
    n = len(records)
    return {
        "requests": n,
        "wall_s": round(wall, 2),
        "requests_per_s": round(sum(p.steady_requests for p in phases) / steady, 1),
        "requests_per_s_including_tail": round(n / wall, 1),
        "rounds_requests_per_s": [round(p.steady_requests / p.steady_s, 1) for p in phases],
        **harness.latency([r[2] for r in records]),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "status_5xx": sum(v for k, v in statuses.items() if k >= 500),
        "connection_errors": statuses.get(0, 0),
        "cpu_ms_per_request": {k: round(v / n * 1000, 2) for k, v in cpu.items()},
        "cpu_cores_busy": {k: round(v / wall, 2) for k, v in cpu.items()},
    }


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    base = harness.pg_base()
    per_client = -(-args.reports // args.clients)
    limit = f"{2 * per_client}/hour"
    with tempfile.TemporaryDirectory(prefix="candour-bench-intake-") as tmp:
        var = Path(tmp) / "var"
        var.mkdir()
        if backend == "sqlite":
            database_url = f"sqlite:///{var}/candour.sqlite3"
        else:
            harness.psql(base, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            harness.psql(base, f"CREATE DATABASE {PG_DATABASE}")
            database_url = f"{base}/{PG_DATABASE}"
        env = harness.server_env(settings="bench.intake_settings", database_url=database_url, var_dir=var, extra={
            "CANDOUR_PORTAL_FORCE": FORCE_CODE, "CANDOUR_INTAKE_RATE_LIMIT": limit})
        if args.sqlite_conn_max_age is not None:
            env["BENCH_SQLITE_CONN_MAX_AGE"] = str(args.sqlite_conn_max_age)
        server = harness.Server(env=env, port=harness.free_port(), log_dir=Path(tmp), workers=args.workers,
                                worker_class=args.worker_class, threads=args.threads, database=PG_DATABASE)
        try:
            timer = harness.Timer()
            _run_task("setup", env)
            server.start()
            print(f"[{backend}] server up on 127.0.0.1:{server.port} in {timer.seconds:.1f} s "
                  f"(load average {harness.load_average():.2f})", flush=True)
            base_total = args.reports * REQUESTS_PER_REPORT // 2

            def insert(b: harness.Browser, index: int) -> None:
                payload = "x" * (50 + index % 400)
                b.request("POST insert", "POST", "/bench/insert/", {"client": b.address, "payload": payload})

            def walk(b: harness.Browser, index: int) -> Journey:
                return journey(b, random.Random(f"{args.seed}:{index}"))

            def share(total: int, i: int) -> tuple[int, int]:
                return total * i // args.rounds, total * (i + 1) // args.rounds - total * i // args.rounds

            base_phases, portal_phases = [], []
            for i in range(args.rounds):
                start, n = share(base_total, i)
                base_phases.append(run_clients("baseline", server, args.clients, n, insert, start))
                start, n = share(args.reports, i)
                portal_phases.append(run_clients("portal", server, args.clients, n, walk, start))
                b, p = base_phases[-1], portal_phases[-1]
                print(f"[{backend}] round {i + 1}/{args.rounds}: baseline {len(b.records)} requests, "
                      f"{b.steady_requests / b.steady_s:.0f}/s; portal {len(p.journeys)} journeys, "
                      f"{len(p.records)} requests, {p.steady_requests / p.steady_s:.0f}/s "
                      f"(load average {harness.load_average():.2f})", flush=True)
            stored = _run_task("inspect", env)
            log = server.log_tail()
            server.stop()
            parts: dict[str, Any] = {}
            if args.breakdown_reports:
                parts = _run_task("breakdown", env | {"BENCH_BREAKDOWN_REPORTS": str(args.breakdown_reports)})
                print(f"[{backend}] in-process breakdown: {parts['reports']} journeys, "
                      f"{parts['all']['total_ms']:.2f} ms a request", flush=True)
        finally:
            server.stop()
            if backend == "postgres":
                harness.psql(base, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", check=False)

    journeys = [j for p in portal_phases for j in p.journeys]
    acknowledged = [j.reference for j in journeys if j.reference]
    stored_refs = set(stored["references"])
    ack_set = set(acknowledged)
    failures = Counter(j.failure for j in journeys if j.failure)
    continued = Counter(c for j in journeys for c in j.continued_past)
    by_page: dict[str, list[float]] = defaultdict(list)
    page_5xx: Counter[str] = Counter()
    for label, status, lat, _ in (r for p in portal_phases for r in p.records):
        by_page[label].append(lat)
        if status >= 500:
            page_5xx[label] += 1
    base_ok = sum(1 for p in base_phases for r in p.records if r[1] == 200)
    portal_fig = phase_figures(portal_phases)
    base_fig = phase_figures(base_phases)
    portal_fig.update({
        "reports_attempted": len(journeys),
        "reports_acknowledged": len(acknowledged),
        "reports_per_s": round(portal_fig["requests_per_s"] / REQUESTS_PER_REPORT, 2),
        "reports_per_s_including_tail": round(len(acknowledged) / portal_fig["wall_s"], 2),
        "reports_stored": len(stored_refs),
        "acknowledged_not_stored": len(ack_set - stored_refs),
        "stored_not_acknowledged": len(stored_refs - ack_set),
        "duplicate_acknowledgements": len(acknowledged) - len(ack_set),
        "welsh_reports_stored": stored["welsh"],
        "anonymous_reports_stored": stored["anonymous"],
        "audit_events": stored["audit_events"],
        "audit_chain_intact": stored["audit_intact"],
        "journey_failures": dict(failures),
        "continued_past_failed_page": dict(continued),
        "by_page": {label: {"requests": len(v), **harness.latency(v), "status_5xx": page_5xx[label]}
                    for label, v in sorted(by_page.items())},
    })
    base_fig.update({
        "rows_acknowledged": base_ok,
        "rows_stored": stored["baseline_rows"],
    })
    ratio = portal_fig["requests_per_s"] / base_fig["requests_per_s"]
    report_ratio = portal_fig["reports_per_s"] / base_fig["requests_per_s"]
    targets = {
        "zero_lost": portal_fig["acknowledged_not_stored"] == 0 and portal_fig["stored_not_acknowledged"] == 0
        and portal_fig["reports_acknowledged"] == args.reports,
        "zero_5xx": portal_fig["status_5xx"] == 0 and portal_fig["connection_errors"] == 0,
        "p95_under_300_ms": portal_fig["p95_ms"] < TARGET_P95_MS,
        "throughput_at_least_half_of_baseline": ratio >= TARGET_RATIO,
    }
    return {
        "backend": backend,
        "database": "SQLite (WAL, synchronous=NORMAL)" if backend == "sqlite" else "PostgreSQL 15",
        "rate_limit": limit,
        "portal": portal_fig,
        "baseline": base_fig,
        "requests_ratio": round(ratio, 3),
        "reports_vs_baseline_requests_ratio": round(report_ratio, 4),
        "targets": targets,
        "breakdown": parts,
        "server_log_tail": log[-1500:] if any(not v for v in targets.values()) else "",
    }


# -- output -------------------------------------------------------------------------------


def figures(results: list[dict[str, Any]]) -> list[report.Table]:
    """The run's figures: each database's portal and baseline, its targets, and where a worker's time goes."""
    sides = report.Table(
        ("database", "side", "requests", "req/s", "reports/s", "p50 ms", "p95 ms", "p99 ms", "5xx", "ack", "stored",
         "CPU ms/request: workers", "database", "client"),
        [row for r in results for row in (
            (r["backend"], "portal", r["portal"]["requests"], r["portal"]["requests_per_s"],
             r["portal"]["reports_per_s"], r["portal"]["p50_ms"], r["portal"]["p95_ms"], r["portal"]["p99_ms"],
             r["portal"]["status_5xx"], r["portal"]["reports_acknowledged"], r["portal"]["reports_stored"],
             *(r["portal"]["cpu_ms_per_request"][k] for k in ("workers", "database", "client"))),
            ("", "baseline", r["baseline"]["requests"], r["baseline"]["requests_per_s"], "",
             r["baseline"]["p50_ms"], r["baseline"]["p95_ms"], r["baseline"]["p99_ms"],
             r["baseline"]["status_5xx"], r["baseline"]["rows_acknowledged"], r["baseline"]["rows_stored"],
             *(r["baseline"]["cpu_ms_per_request"][k] for k in ("workers", "database", "client"))))])
    targets = report.Table(
        ("database", f"portal/baseline requests/s (target >= {TARGET_RATIO})", *results[0]["targets"],
         "journey failures", "continued past failed pages"),
        [(r["backend"], f"{r['requests_ratio']:.3f}", *r["targets"].values(),
          json.dumps(r["portal"]["journey_failures"]) if r["portal"]["journey_failures"] else "",
          json.dumps(r["portal"]["continued_past_failed_page"]) if r["portal"]["continued_past_failed_page"] else "")
         for r in results])
    parts = ("total", "templates", "crispy_forms", "session_load", "session_save", "sql", "connect_close")
    breakdowns = [report.Table(
        ("page", *parts, "queries"),
        [(label, *(f"{fig[c + '_ms']:.2f}" for c in parts), f"{fig['queries']:.1f}")
         for label, fig in [*r["breakdown"]["pages"].items(), ("portal, all pages", r["breakdown"]["all"]),
                            ("baseline insert", r["breakdown"]["baseline"])]],
        title=f"{r['backend']}: where a worker's time goes, in process, one request at a time "
              f"({r['breakdown']['reports']} journeys; ms per request; templates include crispy forms)")
        for r in results if r.get("breakdown")]
    return [sides, targets, *breakdowns]


def _range(side: dict[str, Any]) -> str:
    rounds = side["rounds_requests_per_s"]
    return f"{min(rounds):.0f}–{max(rounds):.0f}"


def _server_cpu(side: dict[str, Any]) -> float:
    # The PostgreSQL backends' CPU is in the JSON too, but backends are replaced every
    # CONN_MAX_AGE (60 s) and take their CPU time with them, so it is not shown.
    return float(side["cpu_ms_per_request"]["workers"])


def performance_section(record: dict[str, Any]) -> str:
    results = {r["backend"]: r for r in record["results"]}
    names = {"sqlite": "SQLite (WAL)", "postgres": "PostgreSQL 15"}
    cols = [b for b in ("sqlite", "postgres") if b in results]

    def row(label: str, fn: Callable[[dict[str, Any]], str], target: str = "") -> str:
        return f"| {label} | " + " | ".join(fn(results[b]) for b in cols) + f" | {target} |"

    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    def bd(backend: str, page: str, part: str) -> float:
        parts = results[backend].get("breakdown") or {}
        source = parts.get("all") if page == "all" else parts.get("baseline") if page == "baseline" \
            else parts.get("pages", {}).get(page)
        return float((source or {}).get(f"{part}_ms", float("nan")))

    lines = [
        "## Intake",
        "",
        f"Measured by `uv run python bench/intake.py` on {record['measured_on']} ({record['machine']}, "
        f"{record['cpus']} CPUs shared by server, database and client, Python {record['python']}; "
        f"run time {record['run_time_s'] / 60:.0f} min); raw figures, per-page latencies and CPU per request in "
        "`bench/results/intake.json`. The load average on the 2 cores is printed after each round (the "
        "benchmark's own server, database and clients keep it near 2; more means other work shared the "
        "machine): compare the ratios within one database's run rather than absolute rates across runs.",
        "",
        f"{record['reports']:,} public reports per database from {record['clients']} concurrent clients, "
        f"each walking the whole no-JavaScript portal journey ({record['requests_per_report']} requests a "
        f"report), against `gunicorn config.wsgi:application -w {record['workers']} -k {record['worker_class']}` "
        "on 127.0.0.1. The baseline is a bare Django view that inserts one row, served by the same "
        f"gunicorn process and database in the same run ({record['baseline_requests']:,} requests, half as "
        f"many as the portal's); baseline and portal alternate in {record['rounds']} rounds, so a change in "
        "the machine's load falls on both. Throughput is counted while all clients are busy (until the first "
        "runs out of work).",
        "",
        "| Measure | " + " | ".join(names[b] for b in cols) + " | Target |",
        "|---|" + "---|" * len(cols) + "---|",
        row("Portal throughput, requests/s (range over the rounds)",
            lambda r: f"**{r['portal']['requests_per_s']:.0f}** ({_range(r['portal'])})"),
        row("Baseline throughput, requests/s (range over the rounds)",
            lambda r: f"{r['baseline']['requests_per_s']:.0f} ({_range(r['baseline'])})"),
        row("Portal ÷ baseline, requests/s", lambda r: f"**{r['requests_ratio']:.2f}** "
            f"({mark(r['targets']['throughput_at_least_half_of_baseline'])})", "≥ 0.5"),
        row("Portal reports/s (÷ baseline requests/s)",
            lambda r: f"{r['portal']['reports_per_s']:.1f} ({r['reports_vs_baseline_requests_ratio']:.3f})"),
        row("Portal latency per request, p50 / p95 / p99",
            lambda r: f"{r['portal']['p50_ms']:.0f} / **{r['portal']['p95_ms']:.0f}** / "
                      f"{r['portal']['p99_ms']:.0f} ms ({mark(r['targets']['p95_under_300_ms'])})", "p95 < 300 ms"),
        row("Baseline latency, p50 / p95 / p99",
            lambda r: f"{r['baseline']['p50_ms']:.0f} / {r['baseline']['p95_ms']:.0f} / "
                      f"{r['baseline']['p99_ms']:.0f} ms"),
        row("5xx responses, portal (baseline)",
            lambda r: f"**{r['portal']['status_5xx']}** ({r['baseline']['status_5xx']}) "
                      f"({mark(r['targets']['zero_5xx'])})", "0"),
        row("Reports acknowledged / stored / lost / stored but not acknowledged",
            lambda r: f"{r['portal']['reports_acknowledged']:,} / {r['portal']['reports_stored']:,} / "
                      f"**{r['portal']['acknowledged_not_stored']}** / {r['portal']['stored_not_acknowledged']} "
                      f"({mark(r['targets']['zero_lost'])})", "0 lost"),
        row("Baseline rows acknowledged / stored",
            lambda r: f"{r['baseline']['rows_acknowledged']:,} / {r['baseline']['rows_stored']:,}"),
        row("Audit chain of the force after the run", lambda r: f"{r['portal']['audit_events']:,} events, "
            + ("intact" if r["portal"]["audit_chain_intact"] else "**broken**")),
        row("Portal ÷ baseline, requests/s, each round",
            lambda r: ", ".join(f"{p / b:.2f}" for p, b in zip(r["portal"]["rounds_requests_per_s"],
                                                            r["baseline"]["rounds_requests_per_s"], strict=True))),
        row("gunicorn workers' CPU per request, portal / baseline",
            lambda r: f"{_server_cpu(r['portal']):.1f} / {_server_cpu(r['baseline']):.1f} ms "
                      f"({_server_cpu(r['portal']) / _server_cpu(r['baseline']):.1f}×)"),
        row("Client CPU per request, portal / baseline",
            lambda r: f"{r['portal']['cpu_ms_per_request']['client']:.2f} / "
                      f"{r['baseline']['cpu_ms_per_request']['client']:.2f} ms"),
        "",
    ]
    if all(results[b].get("breakdown") for b in cols):
        n = results[cols[0]]["breakdown"]["reports"]
        lines += [
            f"Where a worker's time goes: the same pages in one process, one request at a time ({n} journeys "
            "after 10 to warm up, `django.test.Client` through the full middleware, `close_old_connections()` "
            "after each request as gunicorn's request_finished signal does, so connections are kept as in the "
            "server), ms per request: wall time on the same busy machine, so compare within a column. Template "
            "time includes crispy forms; the session columns include its SQL.",
            "",
            "| Page | " + " | ".join(f"{names[b]}: total / templates / crispy forms / session / SQL / "
                                     "connect+close" for b in cols) + " |",
            "|---|" + "---|" * len(cols),
        ]
        for page, label in (("GET who", "GET who (heaviest form)"), ("GET about", "GET about (one radio question)"),
                            ("POST about", "POST about (a step)"), ("POST check", "POST check-your-answers"),
                            ("all", "**Portal, all pages**"), ("baseline", "**Baseline insert**")):
            cells = []
            for b in cols:
                session = bd(b, page, "session_load") + bd(b, page, "session_save")
                cells.append(f"{bd(b, page, 'total'):.1f} / {bd(b, page, 'templates'):.1f} / "
                             f"{bd(b, page, 'crispy_forms'):.1f} / {session:.1f} / {bd(b, page, 'sql'):.1f} / "
                             f"{bd(b, page, 'connect_close'):.1f}")
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [
        "How: each database gets a fresh var dir (SQLite file) or database, `migrate`, `collectstatic` and "
        "one force; gunicorn runs with production settings (`CANDOUR_ENV=production`, `DEBUG` off, manifest "
        "static files, secure cookies, console email backend writing receipts to a log file) and "
        "`DJANGO_SETTINGS_MODULE=bench.intake_settings`, which only adds the baseline view's URL "
        "(`bench/intake_baseline.py`, `POST /bench/insert/`: one raw `INSERT` in autocommit, CSRF-exempt, "
        "no template) in front of the application's URLs. Sync workers: the gunicorn default, with no "
        "keep-alive (every request is a new loopback connection, for the baseline too). The clients are "
        "threads using `http.client`; each keeps its own cookies and sends the token from each form, as a "
        "browser without JavaScript does, with varied answers (dates or \"I do not know\", named or "
        "described officers, anonymous or with contact details, one journey in ten in Welsh; no evidence "
        "upload). The rate limit stays on: `CANDOUR_TRUSTED_PROXIES=127.0.0.1` and each client sends its own "
        f"`X-Forwarded-For` address, with `CANDOUR_INTAKE_RATE_LIMIT={results[cols[0]]['rate_limit']}` "
        "(twice each client's share). A report is acknowledged when the confirmation page with its "
        "reference came back; afterwards every stored reference is compared with the acknowledged ones.",
        "",
        "Throughput is judged per HTTP request: the baseline is one request, and a report is "
        f"{record['requests_per_report']}, so portal requests/s against baseline requests/s compares the same "
        "unit of server work. Reports/s is shown beside it; against the baseline's requests/s it is "
        f"1/{record['requests_per_report']} of the request ratio by construction, so it measures the "
        "journey's length (one question per page, a GOV.UK pattern), not the server. Latency is per request. "
        f"With {record['clients']} clients and no think time the server is saturated and latency is mostly "
        f"queueing: by Little's law the mean is {record['clients']} ÷ throughput, so a p95 under 300 ms "
        "needs the portal to serve well over "
        f"{record['clients'] / TARGET_P95_MS * 1000:.0f} requests/s on this 2-core machine.",
        "",
    ]
    lines += _findings(record, results, cols, bd)
    return "\n".join(lines).rstrip("\n") + "\n"


def _findings(record: dict[str, Any], results: dict[str, dict[str, Any]], cols: list[str],
              bd: Callable[[str, str, str], float]) -> list[str]:
    failed = [(b, k) for b in cols for k, ok in results[b]["targets"].items() if not ok]
    out = []
    if not failed:
        out.append("Every target is met on both databases in this run.")
        return [*out, ""]
    labels = {"zero_lost": "zero lost reports", "zero_5xx": "zero 5xx", "p95_under_300_ms": "p95 under 300 ms",
              "throughput_at_least_half_of_baseline": "throughput at least half of the baseline"}
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    out.append("Not met in this run: " + "; ".join(f"{labels[k]} on {names[b]}" for b, k in failed) + ". Why:")
    out.append("")
    for b in cols:
        r = results[b]
        if not r.get("breakdown"):
            continue
        total, base = bd(b, "all", "total"), bd(b, "baseline", "total")
        session = bd(b, "all", "session_load") + bd(b, "all", "session_save")
        out.append(
            f"- {names[b]}: a portal request costs {total:.1f} ms of worker time against {base:.1f} ms for the "
            f"baseline ({total / base:.1f}×) measured in process, and {_server_cpu(r['portal']):.1f} against "
            f"{_server_cpu(r['baseline']):.1f} ms of worker CPU under load; to reach half the baseline's rate "
            f"it would have to cost at most twice the baseline, {max(0.0, 1 - 2 * base / total):.0%} less. "
            f"Of the portal's {total:.1f} ms, "
            f"templates take {bd(b, 'all', 'templates'):.1f} ms on average ({bd(b, 'all', 'crispy_forms'):.1f} ms in "
            f"crispy forms: {bd(b, 'GET who', 'crispy_forms'):.1f} of the {bd(b, 'GET who', 'total'):.1f} ms of the "
            f"who page) and the database-backed session {session:.1f}"
            " ms (a read on every request, a write on every answer).")
    if any(not results[b]["targets"]["p95_under_300_ms"] for b in cols):
        out.append(
            "- Latency: the clients never pause, so the two workers are saturated and a request mostly waits "
            "its turn: by Little's law the mean latency is "
            + ", ".join(f"{record['clients']} ÷ {results[b]['portal']['requests_per_s']:.0f}/s = "
                        f"{record['clients'] / results[b]['portal']['requests_per_s'] * 1000:.0f} ms on {names[b]}"
                        for b in cols)
            + ". The p95 target follows the throughput: on this shared 2-core machine it needs the per-request "
            "cost above to come down, or more cores.")
    if "sqlite" in cols and bd("sqlite", "baseline", "connect_close") > 1:
        out.append(
            f"- SQLite only: `config/settings.py` sets `CONN_MAX_AGE = 0` for SQLite, so every request opens a "
            f"connection and closes it ({bd('sqlite', 'baseline', 'connect_close'):.1f} ms of the baseline's "
            f"{bd('sqlite', 'baseline', 'total'):.1f} ms). When the last connection to a WAL database closes, SQLite "
            "checkpoints the WAL into the database file and deletes it, holding the write lock, so the two "
            "workers also queue behind each other's checkpoints (with the busy handler's sleeps); that is why "
            "the SQLite baseline is far slower than PostgreSQL's and why its figures vary so much between rounds. "
            "A SQLite throughput ratio that passes says little: the baseline it is measured against is slowed most.")
    out += [
        "",
        "Already done, and measured above: SQLite connections are kept open (`DJANGO_CONN_MAX_AGE`, as on "
        "PostgreSQL); the session is read and written with one plain SQL statement each "
        "(`candour.common.sessions`); a question asked for the first time is rendered by crispy forms once per "
        "form, language and choices and then reused (`{% question_form %}` in `candour/intake/templatetags`). "
        "Not done: rendering answered questions and error pages without crispy forms, and a session that does "
        "not touch the database on a GET.",
        "",
    ]
    return out


# -- --fault restart-db: PostgreSQL restarted in the middle of the burst ---------------------


RETRY_TEXT = re.compile(r"Try again in (\d+) seconds")
#: How many times a person sends one page again before giving up on the report.
RETRIES = 6


def _patient(b: harness.Browser, label: str, method: str, path: str, form: dict[str, str] | None,
             statuses: Counter[int]) -> tuple[int, str, str]:
    """One page as a person at a browser takes it: on a 503 wait the time the page asks
    (``Retry-After``, which the page also says) and send the same request again (a POST with the
    same fields: the same CSRF token and submission key, as the page's Send again button does); on
    a connection error wait a little and reload. Every answer's status is counted."""
    for _attempt in range(RETRIES):
        status, location, text = b.request(label, method, path, form)
        statuses[status] += 1
        if status == 503:
            found = RETRY_TEXT.search(text)
            time.sleep(float(found.group(1)) if found else 30.0)
            continue
        if status == 0:
            time.sleep(2.0)
            continue
        return status, location, text
    return status, location, text


def patient_journey(b: harness.Browser, rng: random.Random, statuses: Counter[int]) -> Journey:
    """:func:`journey`, with every request sent as :func:`_patient` sends it."""
    result = Journey()
    b.new_visitor()
    prefix = "/cy" if rng.random() < 0.1 else ""
    given = answers(rng)
    status, _, _ = _patient(b, "GET start", "GET", f"{prefix}/report/", None, statuses)
    if status != 200:
        result.failure = f"GET start {status}"
        return result
    path = f"{prefix}/report/about/"
    for index, slug in enumerate(STEPS):
        status, _, _ = _patient(b, f"GET {slug}", "GET", path, None, statuses)
        if status != 200:
            result.failure = f"GET {slug} {status}"
            return result
        form = {"csrfmiddlewaretoken": b.token or "", **given[slug], "continue": "Continue"}
        status, location, _ = _patient(b, f"POST {slug}", "POST", path, form, statuses)
        following = f"/report/{STEPS[index + 1]}/" if index + 1 < len(STEPS) else "/report/check-your-answers/"
        if status != 302 or not location.endswith(following):
            result.failure = f"POST {slug} {status} -> {location or 'no redirect'}"
            return result
        path = location
    status, _, text = _patient(b, "GET check", "GET", path, None, statuses)
    key = SUBMISSION_KEY.search(text)
    if status != 200 or key is None:
        result.failure = f"GET check {status}"
        return result
    form = {"csrfmiddlewaretoken": b.token or "", "submission_key": key.group(1), "website": ""}
    status, location, text = _patient(b, "POST check", "POST", path, form, statuses)
    if status == 409 and REFERENCE.search(text):
        # Sent again after a fault and the first had been saved: "already sent", with the reference.
        result.reference = REFERENCE.search(text).group(0)  # type: ignore[union-attr]
        return result
    if status != 302 or not location.endswith("/report/sent/"):
        result.failure = f"POST check {status} -> {location or 'no redirect'}"
        return result
    status, _, text = _patient(b, "GET sent", "GET", location, None, statuses)
    found = REFERENCE.search(text)
    if status != 200 or found is None:
        result.failure = f"GET sent {status}"
        return result
    result.reference = found.group(0)
    return result


def _pytest_on_postgres() -> list[int]:
    """Processes of a pytest run against PostgreSQL on this machine (a CI run, another helper):
    the restart would fail their tests, so it waits for them."""
    busy = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"pytest" in cmdline and any(e.startswith(b"DATABASE_URL=postgres") for e in environ):
            busy.append(int(proc.name))
    return busy


def restart_postgres() -> tuple[str, float]:
    """Restart the local cluster on port 5432 the way its packaging does; the command and the
    seconds it took."""
    clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False)
    command = ["service", "postgresql", "restart"]
    for line in clusters.stdout.splitlines():
        version, cluster, port, *_ = line.split()
        if port == "5432":
            command = ["pg_ctlcluster", "--skip-systemctl-redirect", "-m", "fast", version, cluster, "restart"]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return " ".join(command), time.perf_counter() - started


def run_fault(args: argparse.Namespace) -> dict[str, Any]:
    """The burst on PostgreSQL with the database restarted once a third of the reports are in."""
    base = harness.pg_base()
    per_client = -(-args.reports // args.clients)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    restart: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="candour-bench-intake-fault-") as tmp:
        var = Path(tmp) / "var"
        var.mkdir()
        harness.psql(base, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        harness.psql(base, f"CREATE DATABASE {PG_DATABASE}")
        env = harness.server_env(settings="bench.intake_settings", database_url=f"{base}/{PG_DATABASE}",
                                 var_dir=var, extra={"CANDOUR_PORTAL_FORCE": FORCE_CODE,
                                                     "CANDOUR_INTAKE_RATE_LIMIT": f"{4 * per_client}/hour"})
        server = harness.Server(env=env, port=harness.free_port(), log_dir=Path(tmp), workers=args.workers,
                                worker_class=args.worker_class, threads=args.threads, database=PG_DATABASE)
        try:
            _run_task("setup", env)
            server.start()
            print(f"[fault] server up on 127.0.0.1:{server.port}", flush=True)
            done = [0]
            deadline = time.monotonic() + 1800

            def walk(b: harness.Browser, index: int) -> Journey:
                outcome = patient_journey(b, random.Random(f"{args.seed}:{index}"), statuses)
                with lock:
                    done[0] += 1
                return outcome

            def fault() -> None:
                while done[0] < args.reports // 3 and time.monotonic() < deadline:
                    time.sleep(0.2)
                while (busy := _pytest_on_postgres()) and time.monotonic() < deadline:
                    print(f"[fault] waiting: pytest on PostgreSQL running ({busy})", flush=True)
                    time.sleep(5)
                restart["after_journeys"] = done[0]
                restart["command"], restart["seconds"] = restart_postgres()
                print(f"[fault] {restart['command']} after {done[0]} journeys: "
                      f"{restart['seconds']:.1f} s", flush=True)

            restarter = threading.Thread(target=fault, daemon=True)
            restarter.start()
            phase = run_clients("portal", server, args.clients, args.reports, walk)
            restarter.join(timeout=120)
            stored = _run_task("inspect", env)
            log = server.log_tail()
        finally:
            server.stop()
            harness.psql(base, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", check=False)
    acknowledged = {j.reference for j in phase.journeys if j.reference}
    stored_refs = set(stored["references"])
    fives = {str(k): v for k, v in sorted(statuses.items()) if k >= 500}
    result = {
        "backend": "postgres", "reports": args.reports, "clients": args.clients, "workers": args.workers,
        "restart": restart,
        "journeys": len(phase.journeys),
        "reports_acknowledged": len(acknowledged),
        "reports_stored": len(stored_refs),
        "acknowledged_not_stored": len(acknowledged - stored_refs),
        "stored_never_acknowledged": len(stored_refs - acknowledged),
        "journeys_failed": Counter(j.failure for j in phase.journeys if j.failure),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "status_5xx": fives,
        "audit_intact": stored["audit_intact"],
        "wall_s": round(phase.wall_s, 1),
    }
    result["targets"] = {
        "restarted_mid_burst": bool(restart) and 0 < restart.get("after_journeys", 0) < args.reports,
        "zero_acknowledged_not_stored": result["acknowledged_not_stored"] == 0,
        "zero_stored_never_acknowledged": result["stored_never_acknowledged"] == 0,
        "no_5xx_but_503": set(fives) <= {"503"} and statuses.get(0, 0) == 0,
        "every_journey_finished": not result["journeys_failed"],
    }
    if not all(result["targets"].values()):
        result["server_log_tail"] = log[-1500:]
    return result


def fault_section(record: dict[str, Any]) -> str:
    r = record["result"]
    restart = r["restart"]
    fives = ", ".join(f"{k}: {v}" for k, v in r["status_5xx"].items()) or "none"
    rows = [
        ("PostgreSQL restarted", f"after {restart.get('after_journeys', '?')} of {r['reports']} journeys "
         f"(`{restart.get('command', '')}`, {restart.get('seconds', 0):.1f} s)", "in the middle of the burst"),
        ("acknowledged, not stored", f"**{r['acknowledged_not_stored']}**", "0"),
        ("stored, never acknowledged", f"**{r['stored_never_acknowledged']}**", "0"),
        ("5xx answers by status", fives, "503 only"),
        ("connection errors", str(r["statuses"].get("0", 0)), "0"),
        ("journeys that did not finish", str(sum(r["journeys_failed"].values())), "0"),
        ("reports acknowledged / stored", f"{r['reports_acknowledged']} / {r['reports_stored']}", ""),
        ("audit chain intact", "yes" if r["audit_intact"] else "**no**", "yes"),
    ]
    lines = [
        "## Intake under a database restart",
        "",
        f"`{record['command']}`, measured {record['measured_on']} on {record['cpus']} CPUs: {r['reports']} "
        f"reports through the portal by {r['clients']} clients against gunicorn ({r['workers']} workers) on "
        "PostgreSQL, which is restarted once a third of the journeys are done. Each client behaves as a person "
        "at a browser: on a 503 it waits the `Retry-After` the page gives and sends the same request again "
        "(a form with the same CSRF token and submission key, as the 503 page's Send again button does); "
        f"the run took {r['wall_s']:.0f} s. Figures in `bench/results/intake_fault.json`.",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="500 reports per database, nothing written unless --results-dir")
    parser.add_argument("--reports", type=int, default=None, help="reports per database (default 5,000)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=4, help="threads per worker with gthread")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=None,
                        help="baseline and portal alternate this many times (default 5; --quick 2)")
    parser.add_argument("--sqlite-conn-max-age", type=int, default=None,
                        help="diagnosis: keep SQLite connections open this many seconds (the app uses 0)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--rewrite-docs", action="store_true",
                        help="only rewrite the docs section from bench/results/intake.json")
    parser.add_argument("--breakdown-reports", type=int, default=None,
                        help="journeys timed in process for the per-page breakdown (default 200; 0: none)")
    report.add_arguments(parser)
    parser.add_argument("--fault", choices=("restart-db",), default=None,
                        help="restart PostgreSQL in the middle of the burst (default 600 reports, 30 clients); "
                             "writes bench/results/intake_fault.json")
    parser.add_argument("--server-task", choices=("setup", "inspect", "breakdown"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.server_task:
        server_task(args.server_task)
        return 0
    if args.fault:
        args.reports = args.reports or 600
        args.clients = 30 if args.clients == 50 else args.clients
        with harness.terminate_cleanly():
            result = run_fault(args)
        facts = harness.machine()
        record = {"measured_on": facts.measured_on, "machine": facts.arch, "cpus": facts.cpus,
                  "python": facts.python, "fault": args.fault, "result": result}
        r = result
        table = report.Table(columns=("measure", "result"), title="intake under a PostgreSQL restart", rows=[
            ("restart after journeys", r["restart"].get("after_journeys", "-")),
            ("acknowledged, not stored", r["acknowledged_not_stored"]),
            ("stored, never acknowledged", r["stored_never_acknowledged"]),
            ("5xx by status", json.dumps(r["status_5xx"])), ("statuses", json.dumps(r["statuses"])),
            ("journeys failed", json.dumps(r["journeys_failed"])), *r["targets"].items()])
        report.publish("intake_fault", record, [table], quick=args.quick, no_write=args.no_write,
                       results_dir=args.results_dir, section=fault_section)
        return 0 if all(r["targets"].values()) else 1
    if args.rewrite_docs:
        report.write_docs(performance_section(json.loads((report.RESULTS_DIR / "intake.json").read_text())))
        print(f"wrote {report.PERFORMANCE.relative_to(ROOT)}")
        return 0
    args.reports = args.reports or (500 if args.quick else 5000)
    args.rounds = args.rounds or (2 if args.quick else 5)
    if args.breakdown_reports is None:
        args.breakdown_reports = 50 if args.quick else 200
    started = harness.Timer()
    results = []
    with harness.terminate_cleanly():
        for backend in args.backends.split(","):
            results.append(run_backend(backend.strip(), args))
    run_time = started.seconds
    print(f"run time {run_time / 60:.1f} min")
    facts = harness.machine()
    record = {
        "measured_on": facts.measured_on,
        "machine": facts.arch,
        "cpus": facts.cpus,
        "python": facts.python,
        "reports": args.reports,
        "clients": args.clients,
        "workers": args.workers,
        "worker_class": args.worker_class,
        "requests_per_report": REQUESTS_PER_REPORT,
        "rounds": args.rounds,
        "baseline_requests": args.reports * REQUESTS_PER_REPORT // 2,
        "run_time_s": round(run_time, 1),
        "results": results,
    }
    report.publish("intake", record, figures(results), quick=args.quick, no_write=args.no_write,
                   results_dir=args.results_dir, section=performance_section)
    return 0 if all(all(r["targets"].values()) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
