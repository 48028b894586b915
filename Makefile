# Candour: the two set-up commands are `make demo` and `make test`. Everything else here is a
# thin wrapper over uv, npm and manage.py. Works on a fresh machine with Python 3.11 and git.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv: the one on PATH, else a private copy installed into var/tools by `make uv`.
UV := $(shell command -v uv 2>/dev/null || echo var/tools/bin/uv)
RUN := $(UV) run --frozen
PG_URL ?= postgres://postgres@127.0.0.1:5432/candour
PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist): 2 on the 2-core CI machines; set to 0 to run serially.
PYTEST_WORKERS ?= 2

.PHONY: help uv setup assets chromium java demo run migrate test test-fast lint check test-sqlite test-postgres postgres docs bench

help:
	@echo "make demo   install everything, load a synthetic force and serve http://127.0.0.1:8000"
	@echo "make test   run every check: ruff, mypy, import contracts, migrations, pytest on SQLite and PostgreSQL"
	@echo "other:      setup assets chromium java run migrate lint test-fast test-sqlite test-postgres docs"

uv:
	@if [ ! -x "$(UV)" ]; then \
	  echo "Installing uv into var/tools"; \
	  python3 -m venv var/tools && var/tools/bin/pip install --quiet --disable-pip-version-check uv; \
	fi

setup: uv
	$(UV) sync --frozen
	@if [ ! -f .env ]; then cp .env.example .env; echo "Created .env from .env.example (development settings: CANDOUR_ENV=dev)"; fi
	bash scripts/build-assets.sh

assets:
	bash scripts/build-assets.sh

# Headless Chromium from Debian's packages, for the browser tests (Playwright drives it).
chromium:
	@bash scripts/ensure-chromium.sh

# Java 17 from Debian's packages, for the Spark screening engine and its test (pyspark itself is
# in the default `spark` dependency group, so `uv sync --frozen` installs it).
java:
	@bash scripts/ensure-java.sh

migrate: setup
	CANDOUR_ENV=dev $(RUN) python manage.py migrate --no-input

# The web server and the job worker side by side (Procfile), stopped together with Ctrl+C.
demo: migrate
	CANDOUR_ENV=dev $(RUN) candour demo
	CANDOUR_ENV=dev $(RUN) honcho start

run:
	CANDOUR_ENV=dev $(RUN) python manage.py runserver 127.0.0.1:8000

# bandit: candour/ with [tool.bandit] in pyproject.toml (every other finding carries its reason on
# its line), then candour/screening, which builds DuckDB SQL from its own table and column names
# (file paths go through candour.screening.prepare.quoted), so B608 is off there as ruff's S608 is.
# bandit warns of each part of a multi-line string under one nosec: those warnings are dropped.
BANDIT_QUIET := 2> >(grep -v "nosec encountered" >&2)

lint:
	$(RUN) ruff check .
	$(RUN) lint-imports
	$(RUN) bandit -c pyproject.toml -r candour -q $(BANDIT_QUIET)
	$(RUN) bandit -r candour/screening -x candour/screening/tests -s B101,B105,B106,B608 -q $(BANDIT_QUIET)
	CANDOUR_ENV=test $(RUN) mypy candour config bench
	CANDOUR_ENV=test $(RUN) python manage.py makemigrations --check --dry-run

check: lint

# Start the local PostgreSQL cluster if it is installed but not running.
postgres:
	@bash scripts/ensure-postgres.sh

test-sqlite:
	CANDOUR_ENV=test $(RUN) pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgres: postgres
	@if [ -f var/postgres-unavailable ]; then \
	  if [ -n "$$CI" ]; then echo "PostgreSQL is required in CI"; exit 1; fi; \
	  echo "PostgreSQL is not installed here: skipping the PostgreSQL run"; \
	else \
	  CANDOUR_ENV=test DATABASE_URL=$(PG_URL) $(RUN) pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS); \
	fi

test: setup chromium java lint test-sqlite test-postgres

test-fast:
	CANDOUR_ENV=test $(RUN) pytest -q -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

docs:
	$(RUN) python -m candour.domain.docs
