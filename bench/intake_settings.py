"""Settings for ``bench/intake.py`` only: the application's settings plus the baseline view.

Everything comes from :mod:`config.settings` (read from the environment as in production);
the one change is the URLconf, which puts the bench's bare insert view beside the
application's own URLs, so the portal and the baseline are served by the same server,
workers, middleware and database connection in the same run. Never used by the service.

For diagnosis only, ``BENCH_SQLITE_CONN_MAX_AGE`` (``bench/intake.py --sqlite-conn-max-age``)
overrides the application's ``CONN_MAX_AGE = 0`` for SQLite, to measure what persistent
connections would change; the published figures are taken without it.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASES

ROOT_URLCONF = "bench.intake_baseline"

if os.environ.get("BENCH_SQLITE_CONN_MAX_AGE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_SQLITE_CONN_MAX_AGE"])
