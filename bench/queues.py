"""Benchmark the casework pages on ten years of national synthetic data (PostgreSQL).

    uv run python bench/queues.py                         # candour_national, 300 requests a page
    uv run python bench/queues.py --requests 60 --no-write  # a quick look
    uv run python bench/queues.py --requests 60 --results-dir /tmp/bench  # the same, writing /tmp/bench/queues.json

The database is the one ``candour synth --national --years 10`` loads (docs/performance.md,
National): 43 forces, 147,000 officers, about 600,000 cases. The largest force's staff are
measured: an assessor, an investigator (appointed, through the service, to open
investigations of that force until it has ``--investigator-cases``) and a decision maker,
created or reset by the set-up step. Their caches of the next statutory date
(``Case.next_due_on``) are rebuilt first by ``candour casework clocks`` when any open case of
the force lacks one.

Pages, each requested ``--requests`` times by ``--clients`` clients (one signed-in user
each, in turn) against ``gunicorn config.wsgi:application -w 2`` on 127.0.0.1, in
interleaved order so that a change in the machine's load falls on every page alike:

- home (``/``), "My cases" (``/queue/``), the overdue view (``/queue/?due=overdue``),
- a case page (``/cases/<ref>/``: open cases of the force, and closed ones, at random),
- an officer page (``/officers/<uuid>/``: officers who have been subjects, at random),
- the baseline: ``/bench/case/<id>/``, one ``SELECT`` by primary key and a few bytes of HTML,
  behind the same middleware and session (``bench/queues_baseline.py``).

Target (issue 5): p95 under 200 ms on each page, with the queries per page stated; the query
budgets are asserted in ``candour/web/tests/test_query_budgets.py``. Writes
``bench/results/queues.json`` and the ``## Queues`` section of ``docs/performance.md`` (not with
``--no-write``; with ``--results-dir`` only the JSON, there).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import harness, report  # noqa: E402

TARGET_P95_MS = 200.0
PAGES = ("home", "queue", "overdue", "case", "officer", "baseline")
ROLES = ("assessor", "investigator", "decision_maker")


# -- inside the application's environment (a subprocess) ------------------------------------


def server_task(task: str) -> None:
    import django  # lazy, as in setup() and count_queries(): Django runs only in the server's environment

    django.setup()
    if task == "setup":
        print(json.dumps(setup(int(os.environ["BENCH_INVESTIGATOR_CASES"]), os.environ.get("BENCH_FORCE") or None,
                               int(os.environ["BENCH_SAMPLES"]))))
    elif task == "queries":
        print(json.dumps(count_queries(json.loads(os.environ["BENCH_PLAN"]))))


def setup(investigator_cases: int, force_code: str | None, samples: int) -> dict[str, Any]:
    # lazy: in the server's environment, after django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from candour.accounts.models import Force, User
    from candour.accounts.services import login_lock_lift, user_create, user_roles_set
    from candour.audit.services import Actor
    from candour.cases import services
    from candour.cases.models import Case, Subject
    from candour.cases.selectors import OPEN_STATES

    actor = Actor.system("bench/queues.py")
    largest = Force.objects.annotate(n=Count("cases")).order_by("-n").values_list("code", flat=True).first()
    assert largest is not None, "no force: load the national synthetic data first"
    force = Force.objects.get(code=force_code or largest)
    password = secrets.token_urlsafe(16) + "aA1!"
    users: dict[str, dict[str, str]] = {}
    for role in ROLES:
        username = f"bench-{role.replace('_', '-')}-{force.code.lower()}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, password=password, force=force, roles=[role], actor=actor,
                               display_name=f"Bench {role.replace('_', ' ')}")
        else:
            if user.roles != [role]:
                user_roles_set(user=user, roles=[role], actor=actor)
            user.set_password(password)
            user.save(update_fields=["password"])
        login_lock_lift(username=username)  # a lock-out left by an earlier run
        users[role] = {"username": username, "password": password}
    assessor = User.objects.get(username=users["assessor"]["username"])
    investigator = User.objects.get(username=users["investigator"]["username"])
    appointed = Case.objects.filter(investigator=investigator).count()
    t0 = time.perf_counter()
    for case in Case.objects.filter(force=force, state="investigation", investigator__isnull=True) \
            .order_by("id")[: max(0, investigator_cases - appointed)]:
        try:
            services.investigator_appoint(case=case, user=assessor, investigator=investigator,
                                          expected_version=case.version, terms_of_reference="Bench")
        except Exception:  # noqa: S112 - a conflict or a refusal: try the next case
            continue
    appoint_s = time.perf_counter() - t0
    # The synthetic load leaves the cache empty; a case with no clock running also has none, so
    # the clocks are rebuilt only when no open case of the force has a date yet.
    missing = 0 if Case.objects.filter(force=force, state__in=OPEN_STATES, next_due_on__isnull=False).exists() \
        else Case.objects.filter(force=force, state__in=OPEN_STATES).count()
    clocks_s = None
    if missing:
        t0 = time.perf_counter()
        call_command("casework", "clocks", force_code=force.code, verbosity=0)
        clocks_s = time.perf_counter() - t0
    rng = random.Random(1)
    open_ids = list(Case.objects.filter(force=force, state__in=OPEN_STATES).values_list("id", flat=True))
    closed_ids = list(Case.objects.filter(force=force).exclude(state__in=OPEN_STATES)
                      .values_list("id", flat=True)[:200_000])
    chosen = rng.sample(open_ids, min(len(open_ids), samples // 2)) + \
        rng.sample(closed_ids, min(len(closed_ids), samples - samples // 2))
    cases = list(Case.objects.filter(id__in=chosen).values_list("id", "reference"))
    officer_ids = list(Subject.objects.filter(officer__force=force).values_list("officer__uuid", flat=True)
                       .distinct()[:50_000])
    officers = [str(u) for u in rng.sample(officer_ids, min(len(officer_ids), samples))]
    today = timezone.localdate()
    return {
        "force": force.code, "force_name": force.name, "users": users, "cases": cases, "officers": officers,
        "investigator_cases": Case.objects.filter(investigator=investigator).count(),
        "appoint_s": round(appoint_s, 1), "clocks_s": round(clocks_s, 1) if clocks_s is not None else None,
        "clocks_rebuilt_for": missing,
        "force_cases": Case.objects.filter(force=force).count(),
        "force_open_cases": len(open_ids),
        "force_overdue": Case.objects.filter(force=force, state__in=OPEN_STATES, next_due_on__lt=today).count(),
        "total_cases": Case.objects.count(), "total_subjects": Subject.objects.count(),
    }


def count_queries(plan: dict[str, Any]) -> dict[str, Any]:
    """Queries per page, in process (``django.test.Client``), for each user and sample."""
    # lazy: in the server's environment, after django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from candour.accounts.models import User

    counts: dict[str, list[int]] = {page: [] for page in PAGES}
    for role in ROLES:
        client = Client()
        client.force_login(User.objects.get(username=plan["users"][role]["username"]))
        for page, path in _paths(plan, random.Random(role), per_page=5):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            counts[page].append(len(captured.captured_queries))
    return {page: {"min": min(v), "max": max(v)} for page, v in counts.items() if v}


# -- the client -------------------------------------------------------------------------------


def _paths(plan: dict[str, Any], rng: random.Random, per_page: int) -> list[tuple[str, str]]:
    work: list[tuple[str, str]] = []
    for _ in range(per_page):
        case_id, reference = rng.choice(plan["cases"])
        work += [("home", "/"), ("queue", "/queue/"), ("overdue", "/queue/?due=overdue"),
                 ("case", f"/cases/{reference}/"), ("officer", f"/officers/{rng.choice(plan['officers'])}/"),
                 ("baseline", f"/bench/case/{case_id}/")]
    rng.shuffle(work)
    return work


def sign_in(browser: harness.Browser, username: str, password: str) -> None:
    status, _, text = browser.request("login", "GET", "/accounts/login/")
    token = harness.CSRF.search(text)
    assert status == 200 and token, status
    status, location, _ = browser.request("login", "POST", "/accounts/login/", {
        "csrfmiddlewaretoken": token.group(1), "username": username, "password": password})
    assert status == 302, f"sign-in as {username} answered {status}"


Record = tuple[str, int, float, float]  # page, status, latency, finished at


def run(plan: dict[str, Any], port: int, clients: int, per_page: int) -> tuple[list[Record], float]:
    records: list[Record] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        role = ROLES[index % len(ROLES)]
        mine: list[tuple[str, int, float, float]] = []
        browser = harness.Browser(port=port, address=f"127.0.0.{10 + index}", records=mine)
        sign_in(browser, plan["users"][role]["username"], plan["users"][role]["password"])
        for _ in range(3):  # warm up: templates, the connection, the plan cache
            for _page, path in _paths(plan, random.Random(f"warm{index}"), per_page=1):
                browser.request("warm-up", "GET", path)
        mine.clear()
        for page, path in _paths(plan, random.Random(index), per_page=-(-per_page // clients)):
            browser.request(page, "GET", path)
        with lock:
            records.extend(mine)

    timer = harness.Timer()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records, timer.seconds


# -- figures and docs -----------------------------------------------------------------------


def figures(records: list[tuple[str, int, float, float]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for page in PAGES:
        mine = [r for r in records if r[0] == page]
        out[page] = {"requests": len(mine), "non_200": sum(1 for r in mine if r[1] != 200),
                     **harness.latency([r[2] for r in mine])}
    return out


def performance_section(record: dict[str, Any]) -> str:
    plan, pages, queries = record["plan"], record["pages"], record["queries"]
    labels = {"home": "Home (`/`)", "queue": "My cases (`/queue/`)", "overdue": "Overdue (`/queue/?due=overdue`)",
              "case": "Case page (`/cases/<ref>/`)", "officer": "Officer page (`/officers/<uuid>/`)",
              "baseline": "Baseline: one row by primary key (`/bench/case/<id>/`)"}
    lines = [
        "## Queues", "",
        f"Measured by `uv run python bench/queues.py` on {record['date']} ({record['machine']}); raw figures in "
        "`bench/results/queues.json`. PostgreSQL 15 loaded with ten years of national synthetic data "
        f"(`candour_national`: {plan['total_cases']:,} cases, {plan['total_subjects']:,} subjects), and the largest "
        f"force measured: {plan['force_name']} ({plan['force_cases']:,} cases, {plan['force_open_cases']:,} open, "
        f"{plan['force_overdue']:,} with a clock overdue). Three signed-in users of that force (an assessor, an "
        f"investigator appointed to {plan['investigator_cases']} open investigations, a decision maker), "
        f"{record['clients']} clients (one user each, in turn) against gunicorn with 2 sync workers on 127.0.0.1; "
        f"pages requested in shuffled order, {record['per_page']} times each; load average before / after "
        f"{record['load_before']:.2f} / {record['load_after']:.2f}.", "",
        "| Page | Requests | p50 / p95 / p99 ms | p95 ÷ baseline p95 | Queries (min–max) | Target p95 < 200 ms |",
        "|---|---|---|---|---|---|",
    ]
    base = pages["baseline"]["p95_ms"]
    for page in PAGES:
        p = pages[page]
        q = queries.get(page, {})
        ok = p["p95_ms"] < TARGET_P95_MS and not p["non_200"]
        met = "" if page == "baseline" else ("met" if ok else "**not met**")
        lines.append(f"| {labels[page]} | {p['requests']} | {p['p50_ms']:.0f} / **{p['p95_ms']:.0f}** / "
                     f"{p['p99_ms']:.0f} | {p['p95_ms'] / base:.1f} | "
                     f"{q.get('min', '?')}–{q.get('max', '?')} | {met} |")
    lines += [
        "",
        "Queries are counted in process (`django.test.Client`, 5 samples a page for each user), including the "
        "session and the user; the budgets are asserted in `candour/web/tests/test_query_budgets.py`, where the "
        "count must not grow with the number of allegations, subjects or cases.",
        "",
        f"Set-up in the same run: investigator appointed through `investigator_appoint` in {plan['appoint_s']} s; "
        + (f"`candour casework clocks --force {plan['force']}` rebuilt {plan['clocks_rebuilt_for']:,} open cases' next "
           f"due dates in {plan['clocks_s']} s." if plan["clocks_s"] is not None
           else "next due dates were already current."),
        "",
        "How the pages stay fast: \"My cases\" and the overdue view read `Case.next_due_on` (a cache rebuilt from the "
        "facts by the services and nightly by `candour casework clocks`) through a partial index of open cases on "
        "(force, next_due_on); counts are one aggregate; the case page fetches allegations, subjects, "
        "officers, timeline and each subject's earlier cases in a fixed number of queries whatever the case's size; "
        "the officer page reads the officer's history in one join.",
        "",
    ]
    return "\n".join(lines)


def _run_task(task: str, env: dict[str, str]) -> dict[str, Any]:
    return harness.run_json([sys.executable, __file__, "--server-task", task], env=env, what=task)


def table(record: dict[str, Any]) -> report.Table:
    pages, queries = record["pages"], record["queries"]
    return report.Table(
        ("page", "n", "p50", "p95", "p99", "non-200", "queries", f"p95 < {TARGET_P95_MS:.0f} ms"),
        [(page, pages[page]["requests"], f"{pages[page]['p50_ms']:.1f}", f"{pages[page]['p95_ms']:.1f}",
          f"{pages[page]['p99_ms']:.1f}", pages[page]["non_200"],
          f"{queries.get(page, {}).get('min')}-{queries.get(page, {}).get('max')}", record["met"].get(page))
         for page in PAGES])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_QUEUES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/candour_national"))
    parser.add_argument("--force", default=None, help="force code (default: the force with the most cases)")
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--investigator-cases", type=int, default=150)
    parser.add_argument("--no-write", action="store_true", help="print only")
    report.add_arguments(parser)
    parser.add_argument("--server-task", choices=("setup", "queries"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.server_task:
        server_task(args.server_task)
        return 0
    with tempfile.TemporaryDirectory(prefix="candour-bench-queues-") as tmp, harness.terminate_cleanly():
        var = Path(tmp) / "var"
        var.mkdir()
        env = harness.server_env(settings="bench.queues_settings", database_url=args.database_url, var_dir=var,
                                 allowed_hosts="127.0.0.1,testserver", extra={
                                     "BENCH_INVESTIGATOR_CASES": str(args.investigator_cases),
                                     "BENCH_FORCE": args.force or "", "BENCH_SAMPLES": "400"})
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env=env, cwd=ROOT,
                       check=True)
        timer = harness.Timer()
        plan = _run_task("setup", env)
        print(f"set-up in {timer.seconds:.1f} s: force {plan['force']} ({plan['force_cases']:,} cases, "
              f"{plan['force_open_cases']:,} open, {plan['force_overdue']:,} overdue); clocks rebuilt for "
              f"{plan['clocks_rebuilt_for']:,} in {plan['clocks_s']} s")
        queries = _run_task("queries", env | {"BENCH_PLAN": json.dumps(plan)})
        print("queries per page:", ", ".join(f"{p} {q['min']}-{q['max']}" for p, q in queries.items()))
        server = harness.Server(env=env, port=harness.free_port(), log_dir=Path(tmp), workers=2, worker_class="sync",
                                threads=1)
        load_before = harness.load_average()
        server.start()
        try:
            records, wall = run(plan, server.port, args.clients, args.requests)
        finally:
            server.stop()
        load_after = harness.load_average()
    pages = figures(records)
    facts = harness.machine()
    record = {"date": facts.measured_on,
              "machine": f"{facts.describe()}, Python {facts.python}",
              "plan": {k: v for k, v in plan.items() if k not in ("users", "cases", "officers")},
              "clients": args.clients, "per_page": args.requests, "wall_s": round(wall, 1),
              "load_before": load_before, "load_after": load_after, "pages": pages, "queries": queries,
              "target_p95_ms": TARGET_P95_MS,
              "met": {p: pages[p]["p95_ms"] < TARGET_P95_MS and not pages[p]["non_200"] for p in PAGES
                      if p != "baseline"}}
    report.publish("queues", record, [table(record)], no_write=args.no_write, results_dir=args.results_dir,
                   section=performance_section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
