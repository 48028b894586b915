"""Settings for ``bench/queues.py`` only: the application's settings with the baseline page's
URL (``bench/queues_baseline.py``) in front of the application's URLs. Never used by the service."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.queues_baseline"
