"""Settings, all read from the environment with safe defaults for local use.

See README.md (Configuration) for every variable.
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("KEREKASZTAL_HOME", str(Path.cwd())))
VAR_DIR = Path(env_str("KEREKASZTAL_VAR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# KEREKASZTAL_ENV=production: HTTPS only, secure cookies, HSTS, a real SECRET_KEY and hosts
# required (`kerekasztal check --deploy` reports nothing). The default is local use.
KEREKASZTAL_ENV = env_str("KEREKASZTAL_ENV", "local").strip().lower()
PRODUCTION = KEREKASZTAL_ENV == "production" or env_bool("KEREKASZTAL_PRODUCTION", False)
_INSECURE_KEY = "django-insecure-local-only-kerekasztal"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_KEY)
# Signs backup manifests (HMAC-SHA256); kept by the operator outside the archives and apart
# from SECRET_KEY (docs/reliability.md). Required in production to back up or restore.
_INSECURE_BACKUP_KEY = "insecure-local-only-kerekasztal-backup-key"
BACKUP_KEY = env_str("BACKUP_KEY", "" if PRODUCTION else _INSECURE_BACKUP_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "kerekasztal.core",
    "kerekasztal.territory",
    "kerekasztal.directory",
    "kerekasztal.forums",
    "kerekasztal.meetings",
    "kerekasztal.events",
    "kerekasztal.agreements",
    "kerekasztal.plans",
    "kerekasztal.servicemap",
    "kerekasztal.projects",
    "kerekasztal.publishing",
    "kerekasztal.documents",
    "kerekasztal.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kerekasztal.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kerekasztal.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kerekasztal.core.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kerekasztal.urls"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "kerekasztal.wsgi.application"
ASGI_APPLICATION = "kerekasztal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kerekasztal.core.context_processors.site",
            ],
        },
    },
]

# SQLite in the working directory unless DATABASE_URL says otherwise.
DATABASES = {
    "default": {
        **environ.Env.db_url_config(
            env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kerekasztal.sqlite3'}")
        ),
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 0),
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a transaction takes the write lock when it begins, so the server and the
    # task worker wait for each other (`timeout`) instead of failing with "database is
    # locked" when a reading transaction tries to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;", "timeout": 20,
         "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "publishing:home"
LOGOUT_REDIRECT_URL = "publishing:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions end 8 hours after login, or after 60 idle minutes, or when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Event registrations' names and e-mails are erased this many days after the event ended
# (`kerekasztal enforce-retention`); five years covers a grant's sustainability period.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 5 * 365)
SESSION_COOKIE_HTTPONLY = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Login protection: repeated failures lock the account out for a while (django-axes);
# coordinators and operators confirm their login with a one-time code (django-otp, TOTP).
AUTHENTICATION_BACKENDS = [
    "kerekasztal.core.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# Locked: an account after 5 failures from anywhere, and an address after 5 failures on
# any accounts (password spraying).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kerekasztal.core.accounts.backends.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# The client's address behind TRUSTED_PROXY_COUNT reverse proxies that each append the
# address they received from to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for); 0: the
# header is ignored (anyone can send it). See core/accounts/backends.client_ip.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "kerekasztal.core.accounts.backends.client_ip"
KEREKASZTAL_REQUIRE_2FA = env_bool("KEREKASZTAL_REQUIRE_2FA", True)

# The API: every list pages by page number (docs/api.md), also a `@paginate` without a class.
NINJA_PAGINATION_CLASS = "kerekasztal.api.pagination.PageNumber"
OTP_TOTP_ISSUER = "Kerekasztal"
OTP_LOGIN_URL = "core:login"

LANGUAGE_CODE = "hu"
LANGUAGES = [("hu", _("magyar")), ("en", _("angol"))]
LANGUAGE_COOKIE_NAME = "kerekasztal_language"
TIME_ZONE = "Europe/Budapest"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Long dates in text, compact ones in tables, per language: see kerekasztal/formats/.
FORMAT_MODULE_PATH = ["kerekasztal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files are never served directly: every file goes through a view that
# checks access (core/access/) and sets Content-Disposition.
MEDIA_URL = "/_media_not_served/"
# Compiled PDFs kept by their content (documents/stored.py): derived data, not backed up.
DOCUMENTS_STORE_DIR = Path(env_str("DOCUMENTS_STORE_DIR", str(VAR_DIR / "documents")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Larger requests are refused with 413 before their body is read (the largest upload
# policy is 20 MB; the proxy in front should use the same limit).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 32 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail: console by default; EMAIL_URL (smtp://user:pass@host:587/?tls=True) for real mail.
_email_url = env_str("EMAIL_URL", "consolemail://")
vars().update(environ.Env.email_url_config(_email_url))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kerekasztal <noreply@kerekasztal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# Background work (core/tasks.py, docs/reliability.md): Django's Tasks API with the database
# queue of django-tasks-db, run by `kerekasztal db_worker`. TASKS_BACKEND=immediate runs each
# task at once in the process that queued it (the tests do; no retries of failed mail then).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND", "database").strip().lower()
if _task_backend not in _TASK_BACKENDS:
    raise ValueError(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}
# Throttling (core/throttle.py): public forms per client address and per e-mail address, the
# API per token and per address without one; "N/s|m|h|d", empty to turn a limit off.
PUBLIC_FORM_RATE = env_str("PUBLIC_FORM_RATE", "20/h")
PUBLIC_FORM_EMAIL_RATE = env_str("PUBLIC_FORM_EMAIL_RATE", "5/h")
API_TOKEN_RATE = env_str("API_TOKEN_RATE", "2000/h")
API_ANONYMOUS_RATE = env_str("API_ANONYMOUS_RATE", "1000/h")
RATELIMIT_IP_META_KEY = "axes.helpers.get_client_ip_address"
# Sent and failed e-mail deliveries (addresses, texts) are deleted this long after they were
# queued, by `kerekasztal enforce-retention`.
MAIL_RETENTION_DAYS = env_int("MAIL_RETENTION_DAYS", 90)
# Exports (core/exports/): a list of more rows than this is written by a task to a file
# the user downloads from the export's page, which is kept this many hours.
# XLSX has its own limit: a row of it costs about five times a CSV row (docs/performance.md).
EXPORT_TASK_AFTER_ROWS = env_int("EXPORT_TASK_AFTER_ROWS", 2000)
EXPORT_TASK_AFTER_XLSX_ROWS = env_int("EXPORT_TASK_AFTER_XLSX_ROWS", 400)
EXPORT_KEEP_HOURS = env_int("EXPORT_KEEP_HOURS", 24)
# A task left "running" this long by a worker that was killed is run again.
TASKS_ABANDONED_MINUTES = env_int("TASKS_ABANDONED_MINUTES", 10)
# Pauses between the attempts to send an e-mail; after the last, the delivery has failed.
MAIL_RETRY_MINUTES = [int(m) for m in env_list("MAIL_RETRY_MINUTES",
                                               ["1", "2", "5", "10", "20", "30", "60", "60",
                                                "120", "240"])]

# The cache holds the public page cache (publishing/cache.py) and its per-forum versions.
# Every process serving the site must share it, or a change invalidates the cached pages of
# only the process that saw it: production defaults to a file-based cache under var/cache
# (shared by the gunicorn workers of one host); CACHE_URL overrides it (redis://host:6379/1
# for several hosts, with the redis package installed; filecache:///path; dbcache://table).
_DEFAULT_CACHE_URL = (f"filecache://{VAR_DIR / 'cache'}" if PRODUCTION
                      else "locmemcache://kerekasztal")
CACHES = {"default": environ.Env.cache_url_config(env_str("CACHE_URL", _DEFAULT_CACHE_URL))}

SILENCED_SYSTEM_CHECKS: list[str] = []
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Security headers (every mode) ------------------------------------------------------
# Content Security Policy: only our own scripts, styles, fonts and images; no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Production ---------------------------------------------------------------------------
if PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be false in production.")
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set in production (50+ random "
                                   "characters, e.g. `python -c 'import secrets; "
                                   "print(secrets.token_urlsafe(64))'`).")
    if "ALLOWED_HOSTS" not in __import__("os").environ:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
    if not KEREKASZTAL_REQUIRE_2FA:
        raise ImproperlyConfigured("KEREKASZTAL_REQUIRE_2FA cannot be false in production.")
    # The reverse proxy terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_NAME = "__Host-kerekasztal_session"
    CSRF_COOKIE_NAME = "__Host-kerekasztal_csrf"
    LOGGING["root"]["level"] = env_str("LOG_LEVEL", "INFO")
