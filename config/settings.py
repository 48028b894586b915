"""Candour settings: one module, read from the environment only.

Outside development (``CANDOUR_ENV=dev``) and the test suite (``CANDOUR_ENV=test``) the
secret key, allowed hosts and database must be given explicitly: the service fails closed.
Every variable read here is documented in ``docs/settings.md`` (a test enforces it).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import dj_database_url

from candour.domain.retention import ScheduleError, schedule_from_toml
from config.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    load_dotenv,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# `make setup` writes .env (from .env.example) so that a development checkout's `candour`
# command runs as CANDOUR_ENV=dev without anything set by hand. The test suite ignores it:
# under pytest only the real environment counts. CANDOUR_DOTENV names another file, or none.
_DOTENV = env_str("CANDOUR_DOTENV", str(BASE_DIR / ".env"))
if _DOTENV and not os.environ.get("PYTEST_VERSION"):
    load_dotenv(Path(_DOTENV))

# Under pytest (which sets PYTEST_VERSION) the default is the test profile; otherwise the
# default is production, which refuses to start without its required settings.
CANDOUR_ENV = env_str("CANDOUR_ENV", "test" if os.environ.get("PYTEST_VERSION") else "production")
CANDOUR_ENV = CANDOUR_ENV or "production"
if CANDOUR_ENV not in {"dev", "test", "production"}:
    raise ConfigurationError(f"CANDOUR_ENV must be dev, test or production, not {CANDOUR_ENV!r}")
RELAXED = CANDOUR_ENV in {"dev", "test"}
TESTING = CANDOUR_ENV == "test"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if DEBUG and not RELAXED:
    raise ConfigurationError("DJANGO_DEBUG may only be true when CANDOUR_ENV is dev or test")

SECRET_KEY = env_secret("DJANGO_SECRET_KEY") or ""
if not SECRET_KEY:
    if not RELAXED:
        raise ConfigurationError("DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required")
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if RELAXED else [])
if not ALLOWED_HOSTS:
    raise ConfigurationError("DJANGO_ALLOWED_HOSTS is required outside development")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

VAR_DIR = Path(env_str("CANDOUR_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

_database_url = env_str("DATABASE_URL")
if not _database_url:
    if not RELAXED:
        raise ConfigurationError("DATABASE_URL is required outside development")
    _database_url = f"sqlite:///{VAR_DIR / 'candour.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
                                              conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept open on SQLite too: opening one costs little, but closing the last
    # connection to a WAL database checkpoints and deletes the WAL while holding the write lock,
    # so closing after every request made each worker wait for the other's checkpoint
    # (docs/performance.md, Intake). SQLite still checkpoints automatically every 1,000 pages.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN
        # so two writers queue instead of failing with "database is locked" on upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("CANDOUR_TEST_SQLITE_NAME") or None}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "candour.common",
    "candour.accounts",
    "candour.people",
    "candour.cases",
    "candour.audit",
    "candour.web",
    "candour.api",
    "candour.synth",
    "candour.intake",
    "candour.notify",
    "candour.workforce",
    "candour.screening",
    "candour.privacy",
    "candour.jobs",
    "candour.notifications",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "candour.common.middleware.RequestIdMiddleware",
    "candour.web.portal.middleware.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

#: The page areas under candour/web/, each with its views, forms, urls and templates.
WEB_AREAS = ("home", "cases", "officers", "integrity", "vetting", "screening", "intake", "portal", "accounts",
             "tokens", "jobs", "privacy", "notifications")
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The shared layout (base.html, includes/, 403/404/500 and the gds/ overrides, which
        # must win over crispy-forms-gds's own templates) first, then each page area's
        # templates/web/<area>/ (candour/web/<area>/templates).
        "DIRS": [BASE_DIR / "candour" / "web" / "templates",
                 *(BASE_DIR / "candour" / "web" / area / "templates" for area in WEB_AREAS)],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "candour.web.context_processors.service",
            ],
        },
    }
]

# Tests render every {% frozen %} fragment again and compare it with the kept copy
# (candour/web/templatetags/frozen.py).
CANDOUR_FROZEN_CHECK = TESTING

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["candour.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("CANDOUR_PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lockout with a cool-off (docs/security.md): failures are counted for a username from one client
# address, for the address whatever the username, and for the username from every address; each
# counter that reaches its limit within the window refuses sign-in until the cool-off ends,
# whether or not the account exists (so the lock reveals nothing). Wrong codes count too.
CANDOUR_LOGIN_MAX_FAILURES = env_int("CANDOUR_LOGIN_MAX_FAILURES", 5)
CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME = env_int("CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME", 50)
CANDOUR_LOGIN_LOCK_MINUTES = env_int("CANDOUR_LOGIN_LOCK_MINUTES", 15)
if min(CANDOUR_LOGIN_MAX_FAILURES, CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS, CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME,
       CANDOUR_LOGIN_LOCK_MINUTES) < 1:
    raise ConfigurationError("CANDOUR_LOGIN_MAX_FAILURES*, and CANDOUR_LOGIN_LOCK_MINUTES, must be at least 1")
# Staff with any of these roles must use a second factor (TOTP) to sign in; anyone else may.
CANDOUR_SECOND_FACTOR_ROLES = env_list("CANDOUR_SECOND_FACTOR_ROLES", ["administrator", "oversight", "vetting_officer"])
from candour.domain.access import Role  # noqa: E402 (pure Python: the role names)

_unknown_roles = sorted(set(CANDOUR_SECOND_FACTOR_ROLES) - {role.value for role in Role})
if _unknown_roles:
    raise ConfigurationError(f"CANDOUR_SECOND_FACTOR_ROLES names unknown roles: {', '.join(_unknown_roles)}")
# django-otp: the issuer an authenticator app shows, and no sliding drift beyond one step.
OTP_TOTP_ISSUER = env_str("CANDOUR_SERVICE_NAME", "Candour") or "Candour"
OTP_TOTP_THROTTLE_FACTOR = 1
# An API token lasts at most this many days (the holder may choose fewer) [M]: force policy.
CANDOUR_API_TOKEN_MAX_DAYS = env_int("CANDOUR_API_TOKEN_MAX_DAYS", 90)
if CANDOUR_API_TOKEN_MAX_DAYS < 1:
    raise ConfigurationError("CANDOUR_API_TOKEN_MAX_DAYS must be at least 1")

# The job worker (`candour worker`, docs/operations.md): django-tasks with its database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CANDOUR_WORKER_STALE_SECONDS = env_int("CANDOUR_WORKER_STALE_SECONDS", 60)
if CANDOUR_WORKER_STALE_SECONDS < 5:
    raise ConfigurationError("CANDOUR_WORKER_STALE_SECONDS must be at least 5")
# `candour backup` (daily on the worker, docs/operations.md): where, and how many are kept.
CANDOUR_BACKUP_DIR = Path(env_str("CANDOUR_BACKUP_DIR", str(VAR_DIR / "backups")) or VAR_DIR / "backups")
CANDOUR_BACKUP_KEEP = env_int("CANDOUR_BACKUP_KEEP", 7)
if CANDOUR_BACKUP_KEEP < 1:
    raise ConfigurationError("CANDOUR_BACKUP_KEEP must be at least 1")
# Sensitive actions ask for the password again when the last sign-in is older than this.
CANDOUR_REAUTH_MINUTES = env_int("CANDOUR_REAUTH_MINUTES", 15)

SESSION_ENGINE = "candour.common.sessions"  # database sessions, read and written in plain SQL
# Sessions are stored encrypted (a visitor's answers and tracking link are never in clear).
SESSION_SERIALIZER = "candour.common.sessions.EncryptedJSONSerializer"
SESSION_COOKIE_AGE = env_int("CANDOUR_SESSION_SECONDS", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("CANDOUR_SECURE_COOKIES", default=not RELAXED)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("CANDOUR_SSL_REDIRECT", default=False)
# A year in production (the service is only ever served over TLS there); off in dev and test.
SECURE_HSTS_SECONDS = env_int("CANDOUR_HSTS_SECONDS", 0 if RELAXED else 31_536_000)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("CANDOUR_BEHIND_TLS_PROXY") else None

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if RELAXED
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = RELAXED

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = (
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if RELAXED else "")
)

# -- intake: the public portal, hotline and internal reports ------------------------------
# Public key that seals an anonymous internal reporter's identity; its private key stays with
# the force's custodian, offline (docs/security.md). Required in production: `candour unseal
# keygen` makes a pair. In dev and test a pair derived from the secret key is used.
CANDOUR_SEALING_PUBLIC_KEY = env_str("CANDOUR_SEALING_PUBLIC_KEY", "") or ""
if not CANDOUR_SEALING_PUBLIC_KEY and not RELAXED:
    raise ConfigurationError("CANDOUR_SEALING_PUBLIC_KEY is required (`candour unseal keygen` makes a key pair)")
CANDOUR_SEALING_KEY_ID = env_str("CANDOUR_SEALING_KEY_ID", "1") or "1"

# -- audit: the key of the hash chains and the checkpoints, both kept outside the database -----
# HMAC key of the audit chains. Required in production: `python -c "import secrets; print(secrets.token_hex(32))"`.
CANDOUR_AUDIT_KEY = env_secret("CANDOUR_AUDIT_KEY") or ""
if not CANDOUR_AUDIT_KEY:
    if not RELAXED:
        raise ConfigurationError("CANDOUR_AUDIT_KEY (or CANDOUR_AUDIT_KEY_FILE) is required")
    CANDOUR_AUDIT_KEY = hashlib.sha256(f"audit:{SECRET_KEY}".encode()).hexdigest()  # dev and test only
CANDOUR_AUDIT_KEY_ID = env_str("CANDOUR_AUDIT_KEY_ID", "1") or "1"
try:
    CANDOUR_AUDIT_RETIRED_KEYS: dict[str, str] = json.loads(env_secret("CANDOUR_AUDIT_RETIRED_KEYS") or "{}")
except ValueError as exc:
    raise ConfigurationError("CANDOUR_AUDIT_RETIRED_KEYS must be a JSON object of key id to key") from exc
if not isinstance(CANDOUR_AUDIT_RETIRED_KEYS, dict):
    raise ConfigurationError("CANDOUR_AUDIT_RETIRED_KEYS must be a JSON object of key id to key")
CANDOUR_AUDIT_CHECKPOINT_DIR = Path(env_str("CANDOUR_AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints"))
                                    or VAR_DIR / "audit-checkpoints")

if not EMAIL_BACKEND:
    # A production service that prints complainants' emails to its log loses them: say so at start.
    raise ConfigurationError("DJANGO_EMAIL_BACKEND is required in production (for example "
                             "django.core.mail.backends.smtp.EmailBackend), or set CANDOUR_NOTIFY_BACKEND=govuk_notify "
                             "and DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend")
# Evidence files live here, outside the web root, under random names.
CANDOUR_EVIDENCE_DIR = Path(env_str("CANDOUR_EVIDENCE_DIR", str(VAR_DIR / "evidence")) or VAR_DIR / "evidence")
CANDOUR_EVIDENCE_MAX_BYTES = env_int("CANDOUR_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
CANDOUR_EVIDENCE_MAX_FILES = env_int("CANDOUR_EVIDENCE_MAX_FILES", 5)
CANDOUR_EVIDENCE_SCANNER = env_str("CANDOUR_EVIDENCE_SCANNER", "none") or "none"
if CANDOUR_EVIDENCE_SCANNER not in {"none", "clamd"}:
    raise ConfigurationError("CANDOUR_EVIDENCE_SCANNER must be none or clamd")
CANDOUR_CLAMD_ADDRESS = env_str("CANDOUR_CLAMD_ADDRESS", "127.0.0.1:3310") or "127.0.0.1:3310"
# A request body larger than this is refused before it is read (evidence plus form fields).
CANDOUR_MAX_REQUEST_BYTES = env_int("CANDOUR_MAX_REQUEST_BYTES",
                                    CANDOUR_EVIDENCE_MAX_BYTES + 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
# Public submissions (reports, evidence uploads, tracking codes) per client address.
CANDOUR_INTAKE_RATE_LIMIT = env_str("CANDOUR_INTAKE_RATE_LIMIT", "20/hour") or "20/hour"
try:
    from candour.intake.ratelimit_parse import parse_limit

    parse_limit(CANDOUR_INTAKE_RATE_LIMIT)
except ValueError as exc:
    raise ConfigurationError(
        f"CANDOUR_INTAKE_RATE_LIMIT must look like 20/hour, not {CANDOUR_INTAKE_RATE_LIMIT!r}") from exc
# Proxies whose X-Forwarded-For is believed when finding the client address.
CANDOUR_TRUSTED_PROXIES = env_list("CANDOUR_TRUSTED_PROXIES", [])
# Force that receives public reports when more than one force is configured (its code).
CANDOUR_PORTAL_FORCE = env_str("CANDOUR_PORTAL_FORCE", "") or ""
CANDOUR_TRACKING_CODE_MINUTES = env_int("CANDOUR_TRACKING_CODE_MINUTES", 30)
# The public contact page: the phone number to ask for professional standards, an email address.
CANDOUR_PUBLIC_CONTACT_PHONE = env_str("CANDOUR_PUBLIC_CONTACT_PHONE", "101") or "101"
CANDOUR_PUBLIC_CONTACT_EMAIL = env_str("CANDOUR_PUBLIC_CONTACT_EMAIL", "") or ""
# Where feedback about the service is emailed; without it the feedback page points to contact.
CANDOUR_FEEDBACK_EMAIL = env_str("CANDOUR_FEEDBACK_EMAIL", "") or ""
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@candour.invalid")

# -- notifications: email through Django, or GOV.UK Notify ------------------------------------
CANDOUR_NOTIFY_BACKEND = env_str("CANDOUR_NOTIFY_BACKEND", "email") or "email"
if CANDOUR_NOTIFY_BACKEND not in {"email", "govuk_notify"}:
    raise ConfigurationError("CANDOUR_NOTIFY_BACKEND must be email or govuk_notify")
CANDOUR_NOTIFY_API_KEY = env_secret("CANDOUR_NOTIFY_API_KEY") or ""
CANDOUR_NOTIFY_BASE_URL = (env_str("CANDOUR_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
                           or "https://api.notifications.service.gov.uk")
try:
    CANDOUR_NOTIFY_TEMPLATES: dict[str, str] = json.loads(env_str("CANDOUR_NOTIFY_TEMPLATES", "{}") or "{}")
except ValueError as exc:
    raise ConfigurationError("CANDOUR_NOTIFY_TEMPLATES must be a JSON object of message kind to template id") from exc
if CANDOUR_NOTIFY_BACKEND == "govuk_notify" and not CANDOUR_NOTIFY_API_KEY:
    raise ConfigurationError("CANDOUR_NOTIFY_API_KEY is required when CANDOUR_NOTIFY_BACKEND is govuk_notify")
# Reminders (candour.notifications.reminders): this many working days before a clock is due,
# on the day, and an escalation once overdue. Links in emails start with the service's address.
CANDOUR_REMINDER_WORKING_DAYS = env_int("CANDOUR_REMINDER_WORKING_DAYS", 3)
if not 1 <= CANDOUR_REMINDER_WORKING_DAYS <= 20:
    raise ConfigurationError("CANDOUR_REMINDER_WORKING_DAYS must be from 1 to 20")
CANDOUR_SERVICE_URL = (env_str("CANDOUR_SERVICE_URL", "http://127.0.0.1:8000") or "http://127.0.0.1:8000").rstrip("/")
if not CANDOUR_SERVICE_URL.startswith(("https://", "http://")):
    raise ConfigurationError("CANDOUR_SERVICE_URL must be an http(s) address")
# -- case documents printed to PDF by headless Chromium --------------------------------------
# PDF renders (each starts Chromium) per signed-in user; a repeat of the same document is served
# from a cache and not counted.
CANDOUR_PDF_RATE_LIMIT = env_str("CANDOUR_PDF_RATE_LIMIT", "30/hour") or "30/hour"
try:
    from candour.intake.ratelimit_parse import parse_limit

    parse_limit(CANDOUR_PDF_RATE_LIMIT)
except ValueError as exc:
    raise ConfigurationError(
        f"CANDOUR_PDF_RATE_LIMIT must look like 30/hour, not {CANDOUR_PDF_RATE_LIMIT!r}") from exc
# Chromium always runs in its sandbox, which it cannot do as root. Only if this is true (the
# default in dev and test, where containers often run as root) is a process running as root
# allowed to print with --no-sandbox; in production run Candour as an unprivileged user.
CANDOUR_PDF_ALLOW_NO_SANDBOX = env_bool("CANDOUR_PDF_ALLOW_NO_SANDBOX", default=RELAXED)

LOCALE_PATHS = [BASE_DIR / "candour" / "locale"]

# -- data protection: the retention schedule and record of processing (docs/data-protection.md) --
# Read once at start; a mistake in it stops the service with one line naming it.
CANDOUR_RETENTION_SCHEDULE = Path(env_str("CANDOUR_RETENTION_SCHEDULE", str(BASE_DIR / "config" / "retention.toml"))
                                  or BASE_DIR / "config" / "retention.toml")
try:
    CANDOUR_RETENTION = schedule_from_toml(CANDOUR_RETENTION_SCHEDULE.read_text(encoding="utf-8"),
                                           source=str(CANDOUR_RETENTION_SCHEDULE))
except OSError as exc:
    raise ConfigurationError(f"CANDOUR_RETENTION_SCHEDULE: cannot read {CANDOUR_RETENTION_SCHEDULE} ({exc})") from exc
except ScheduleError as exc:
    raise ConfigurationError(f"CANDOUR_RETENTION_SCHEDULE: {exc}") from exc

CANDOUR_SERVICE_NAME = env_str("CANDOUR_SERVICE_NAME", "Candour") or "Candour"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CANDOUR_LOG_LEVEL", "WARNING")},
}
