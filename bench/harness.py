"""What every benchmark under ``bench/`` needs to measure something against its baseline in one run.

- Timers: :class:`Timer` (wall and CPU seconds), :func:`interleaved_medians` (commands run in
  turn, so a change in the machine's load falls on each alike), :func:`latency` (percentiles).
- Processes: :func:`measure_process` (wall time, CPU time and peak resident memory of a process
  and the children it waited for), :func:`run_json` (a subprocess that answers one JSON line),
  :func:`peak_rss_mb`, :func:`rusage_cpu_seconds`, :func:`proc_cpu_seconds`, :func:`child_pids`,
  :func:`postgres_backends`, :func:`candour_command`, :func:`psql`.
- Servers: :class:`Server` (gunicorn started, waited for and stopped), :func:`server_env` (the
  environment of a server run as in production), :func:`free_port`, :class:`Browser` (an HTTP
  client with its own cookies and form token), :func:`terminate_cleanly`.
- The machine: :func:`machine` and :func:`load_average`.

Figures are printed and written by :mod:`bench.report`.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from candour.intake.sealing import generate_keypair

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# -- timers ---------------------------------------------------------------------------------


class Timer:
    """Wall seconds and this process's CPU seconds since the timer was made."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def cpu_seconds(self) -> float:
        return time.process_time() - self.cpu_started


def run_seconds(argv: Sequence[str], *, env: Mapping[str, str] | None = None) -> float:
    """Wall seconds of one run of ``argv`` in the repository, which must succeed."""
    timer = Timer()
    done = subprocess.run(list(argv), capture_output=True, cwd=ROOT, env=env, check=False)
    seconds = timer.seconds
    if done.returncode != 0:
        raise SystemExit(f"{list(argv)} failed: {done.stderr.decode()}")
    return seconds


def interleaved_medians(commands: Mapping[str, Sequence[str]], repeats: int, *,
                        env: Mapping[str, str] | None = None) -> dict[str, float]:
    """Median wall seconds of each command, the commands run in turn ``repeats`` times."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, argv in commands.items():
            timings[name].append(run_seconds(argv, env=env))
    return {name: statistics.median(values) for name, values in timings.items()}


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


def latency(values: list[float]) -> dict[str, float]:
    """p50, p95, p99, maximum and mean of ``values`` (seconds), in milliseconds."""
    ordered = sorted(values)
    return {f"p{q}_ms": round(_percentile(ordered, q) * 1000, 1) for q in (50, 95, 99)} | {
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else float("nan"),
        "mean_ms": round(sum(ordered) / len(ordered) * 1000, 1) if ordered else float("nan")}


# -- processes ------------------------------------------------------------------------------


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident memory in MB of this process (or, with ``RUSAGE_CHILDREN``, of the largest
    child it waited for)."""
    return round(resource.getrusage(who).ru_maxrss / 1024)


def rusage_cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """User and system CPU seconds of this process (or of the children it waited for)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def proc_cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds of a local process, from /proc (None when it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def postgres_backends(database: str) -> list[int]:
    """Local PostgreSQL backend processes connected to ``database``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if cmdline.startswith(b"postgres: ") and f" {database} ".encode() in cmdline:
                found.append(int(entry.name))
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory in MB of ``pid`` and all its descendants now (a JVM that Spark starts
    is a child of the Python process, and its memory counts)."""
    total, pending, seen = 0, [pid], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
        pending.extend(child_pids(current))
    return total / 1024


def measure_process(argv: Sequence[str], *, tree_interval: float = 0.25) -> dict[str, Any]:
    """Run a process in the repository; its wall time, CPU time and peak resident memory, and
    what it printed.

    Peak memory is the larger of wait4's (the process, or the largest child it waited for) and
    the peak of the whole process tree's resident memory sampled every ``tree_interval``
    seconds, so that children running alongside it (Spark's JVM) are added, not compared."""
    import threading  # lazy: only a measured process needs the sampler

    timer = Timer()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, cwd=ROOT)
        peak_tree = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(tree_interval):
                peak_tree[0] = max(peak_tree[0], tree_rss_mb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = timer.seconds
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(max(usage.ru_maxrss / 1024, peak_tree[0])),
            "peak_tree_rss_mb": round(peak_tree[0]), "stdout": stdout, "stderr": stderr}


def run_json(argv: Sequence[str], *, env: Mapping[str, str] | None = None, what: str = "") -> dict[str, Any]:
    """Run a process in the repository and return the JSON object on the last line it printed."""
    done = subprocess.run(list(argv), env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{what or ' '.join(argv)} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def candour_command(*args: str) -> list[str]:
    """The ``candour`` command of this environment, with ``args``."""
    script = Path(sys.executable).with_name("candour")
    if script.exists():
        return [str(script), *args]
    found = shutil.which("candour")
    if found:
        return [found, *args]
    return [sys.executable, "-c", "import sys; from candour.cli import main; sys.exit(main())", *args]


def pg_base() -> str:
    """The PostgreSQL server for scratch databases: ``BENCH_PG_URL``, without a database name."""
    return os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def psql(base: str, sql: str, check: bool = True) -> None:
    """Run one statement against the ``postgres`` database of the server at ``base``."""
    if shutil.which("psql"):
        subprocess.run(["psql", f"{base}/postgres", "-q", "-c", sql], check=check, capture_output=True)
        return
    import psycopg  # lazy: only where the psql client is missing

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        try:
            conn.execute(sql)
        except psycopg.Error:
            if check:
                raise


# -- servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(*, settings: str, database_url: str, var_dir: Path, allowed_hosts: str = "127.0.0.1",
               extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a server run as in production (``CANDOUR_ENV=production``, ``DEBUG``
    off, fresh secrets, files under ``var_dir``, 127.0.0.1 trusted as the proxy) with the
    settings module ``settings``: this environment without its own ``DJANGO_*``, ``CANDOUR_*``
    and ``DATABASE_URL``, then ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "CANDOUR_")) and k != "DATABASE_URL"}
    env.update({
        "CANDOUR_ENV": "production",
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": allowed_hosts,
        "DATABASE_URL": database_url,
        "CANDOUR_SEALING_PUBLIC_KEY": generate_keypair()[1],
        "CANDOUR_AUDIT_KEY": secrets.token_hex(32),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CANDOUR_VAR_DIR": str(var_dir),
        "CANDOUR_EVIDENCE_DIR": str(var_dir / "evidence"),
        "CANDOUR_TRUSTED_PROXIES": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
        **(extra or {}),
    })
    return env


@dataclass
class Server:
    """``gunicorn config.wsgi:application`` on 127.0.0.1, in its own session, logging to ``log_dir``.

    :meth:`start` returns once ``ready_path`` answers 200 and every worker is up; :meth:`cpu`
    reads the CPU seconds of the workers, of the PostgreSQL backends of ``database`` (when
    given) and of this process."""

    env: dict[str, str]
    port: int
    log_dir: Path
    workers: int
    worker_class: str
    threads: int
    ready_path: str = "/report/"
    database: str | None = None
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        argv = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-w", str(self.workers),
                "-k", self.worker_class, "-b", f"127.0.0.1:{self.port}", "--chdir", str(ROOT),
                "--error-logfile", str(self.log_dir / "gunicorn.log")]
        if self.worker_class == "gthread":
            argv += ["--threads", str(self.threads)]
        # The console email backend prints receipts to stdout: into a file, like a mail log.
        with (self.log_dir / "stdout.log").open("wb") as out:
            self.process = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited: {self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.ready_path)
                status = conn.getresponse().status
                conn.close()
                if status == 200 and len(child_pids(self.process.pid)) >= self.workers:
                    return
                if status != 200:
                    raise SystemExit(f"GET {self.ready_path} answered {status}: {self.log_tail()}")
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within 60 s: {self.log_tail()}")

    def log_tail(self) -> str:
        path = self.log_dir / "gunicorn.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def cpu(self) -> dict[str, float]:
        assert self.process is not None
        workers = sum(proc_cpu_seconds(pid) or 0.0 for pid in child_pids(self.process.pid))
        backends = postgres_backends(self.database) if self.database else []
        database = sum(proc_cpu_seconds(pid) or 0.0 for pid in backends)
        return {"workers": workers, "database": database, "client": time.process_time()}

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Browser:
    """One visitor: a keep-alive connection (reopened when the server closes it), a cookie jar,
    and the last form's CSRF token. Every request is recorded as (label, status, latency,
    finished at)."""

    port: int
    address: str
    records: list[tuple[str, int, float, float]]
    cookies: dict[str, str] = field(default_factory=dict)
    token: str | None = None
    conn: http.client.HTTPConnection | None = None

    def new_visitor(self) -> None:
        self.cookies.clear()
        self.token = None

    def request(self, label: str, method: str, path: str,
                form: dict[str, str] | None = None) -> tuple[int, str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "candour-bench/1",
                   "Accept": "text/html", "Accept-Language": "en-GB", "X-Forwarded-For": self.address}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        status, location, text = 0, "", ""
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if reused and attempt == 1:
                    continue  # the server closed an idle kept-alive connection: as a browser does
                break
            status = response.status
            location = response.getheader("Location", "")
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in rest.lower() or not value or value == '""':
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            if response.will_close:
                self.conn.close()
                self.conn = None
            text = raw.decode("utf-8", errors="replace")
            found = CSRF.search(text)
            if found:
                self.token = found.group(1)
            break
        end = time.perf_counter()
        self.records.append((label, status, end - start, end))
        return status, location, text


@contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into SystemExit so the servers and temporary directories are cleaned up."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# -- the machine ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Machine:
    measured_on: str  # ISO date
    arch: str
    cpus: int
    python: str

    def describe(self) -> str:
        return f"{self.arch}, {self.cpus} CPUs"


def machine() -> Machine:
    """Today's date, the processor architecture, the number of CPUs and the Python version."""
    return Machine(measured_on=date.today().isoformat(), arch=platform.machine(), cpus=os.cpu_count() or 0,
                   python=platform.python_version())


def load_average() -> float:
    """The 1-minute load average: other work on the shared machine stretches wall times."""
    return os.getloadavg()[0]
