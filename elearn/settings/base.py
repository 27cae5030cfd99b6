"""Settings shared by every environment.

Safe by default: DEBUG is off, the secret key and every integration come from the
environment, and the embedded defaults (SQLite, in-process Celery) are used only when
nothing else is configured.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("ELEARN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "units",
    "courses",
    "accounts",
    "quizzes",
    "h5p",
    "reports",
    "privacy",
    "certificates",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "captcha",
    "wagtail.embeds",
    "wagtail.sites",
    "units.users_app.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "accounts.middleware.RequirePrivacyConsentMiddleware",
    "elearn.audit.RequestContextMiddleware",
    "units.middleware.SessionLifetimeMiddleware",
    "units.middleware.OutOfScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must be last: it turns lockouts into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "elearn.urls"
WSGI_APPLICATION = "elearn.wsgi.application"

# Widgets render through TEMPLATES, so that templates/ may override a package's widget (the CAPTCHA's, in Vietnamese).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: PostgreSQL (or any backend) from DATABASE_URL, else an SQLite file under var/.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: staff code or email login, lockout per account, strong passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "units.backends.StaffCodeOrEmailBackend",
]
# Argon2id (accounts.hashers); PBKDF2 hashes made before still check and are upgraded at the next login.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "units.passwords.CharacterClassValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "accounts:login"

AXES_FAILURE_LIMIT = 5
# Password reset by email (accounts.reset): a link works once and for an hour; requests are limited per
# account and, more loosely, per client address (a whole office may share one address).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_MINUTES", "60")) * 60
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR = 3
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 30
# Activation codes (accounts.activation): length of a code and how long a printed code stays valid.
ACTIVATION_CODE_LENGTH = int(os.environ.get("ACTIVATION_CODE_LENGTH", "12"))
ACTIVATION_CODE_DAYS = int(os.environ.get("ACTIVATION_CODE_DAYS", "14"))
AXES_LOCKOUT_PARAMETERS = ["username"]  # per account: an office shares one IP address
AXES_USERNAME_CALLABLE = "units.backends.axes_account_key"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
# Locking per account is deliberate (offices share one address); axes warns about it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# django-allauth runs the steps after the password (accounts.views.LoginView authenticates; axes locks):
# the second factor, single sign-on and the session list. It offers no login, signup or reset views of
# its own here (accounts.allauth_urls names ours), so there is one door and one lockout (axes).
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# allauth's "login_failed" limit (5 wrong codes per account in 5 minutes) guards the second-factor step only:
# passwords go through accounts.views.LoginView, where axes locks; the reset has its own limits.
ACCOUNT_RATE_LIMITS = {"login": None, "reset_password": None}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
ACCOUNT_FORMS = {"reauthenticate": "accounts.forms.PasswordReauthenticateForm"}
# Staff roles must enrol a second factor (accounts.mfa). Off only in the test settings, where the tests of
# the second factor turn it on; `check --deploy` refuses a deployment without it.
MFA_REQUIRED_FOR_STAFF = True
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.MFAActivateForm",
    "deactivate_totp": "accounts.forms.MFADeactivateForm",
    "generate_recovery_codes": "accounts.forms.MFAGenerateRecoveryCodesForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Học tập CNTT")
MFA_RECOVERY_CODE_COUNT = 10
USERSESSIONS_TRACK_ACTIVITY = False


# Single sign-on with OpenID Connect (accounts.sso): providers come from the environment only.
#   OIDC_PROVIDERS=tinh,vneid             ids, each with OIDC_<ID>_ISSUER, _CLIENT_ID, _CLIENT_SECRET,
#   OIDC_<ID>_NAME (button text), _SCOPES (default "openid profile email"),
#   OIDC_<ID>_CLAIM (the claim that holds the staff code or email; default "email").
# A sign-in is linked to the cadre whose staff code or email equals that claim; with none, nobody is
# created unless SSO_CREATE_ACCOUNTS is on. LOCAL_PASSWORDS=false leaves single sign-on as the only way in.
def oidc_apps_from_env():
    apps = []
    for provider_id in env_list("OIDC_PROVIDERS"):
        prefix = f"OIDC_{provider_id.upper().replace('-', '_')}_"
        apps.append(
            {
                "provider_id": provider_id,
                "name": os.environ.get(prefix + "NAME", provider_id),
                "client_id": os.environ[prefix + "CLIENT_ID"],
                "secret": os.environ.get(prefix + "CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ[prefix + "ISSUER"],
                    "scope": os.environ.get(prefix + "SCOPES", "openid profile email").split(),
                    "match_claim": os.environ.get(prefix + "CLAIM", "email"),
                    "oauth_pkce_enabled": True,
                },
            }
        )
    return apps


SOCIALACCOUNT_ADAPTER = "accounts.sso.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"provider_class": "accounts.sso.ProvincialOIDCProvider", "APPS": oidc_apps_from_env()}
}
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SSO_CREATE_ACCOUNTS = env_bool("SSO_CREATE_ACCOUNTS", False)
LOCAL_PASSWORDS = env_bool("LOCAL_PASSWORDS", True)
# Wagtail's own password reset is a second door with other limits: the site's "Quên mật khẩu" is the one.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Public pages for visitors who are not logged in are served from the cache this long (home.page_cache);
# publishing forgets them at once. 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# Sessions end after 30 minutes idle and 12 hours in all. The idle clock is wound at most once a minute
# (units.middleware.SessionLifetimeMiddleware), not on every request: a write per autosave cost the exam.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No page of the site may be framed, not even by the site itself (clickjacking). A view that the site frames
# says so with a decorator: only Wagtail's preview views do (its xframe_options_sameorigin_override). The H5P
# player frames no view: h5p-standalone writes its iframe from about:blank, which this header does not
# govern, and loads scripts, styles, JSON and media into it (tests/e2e/test_h5p.py plays under DENY).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Language and time: Vietnamese, Asia/Ho_Chi_Minh, dates as dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["elearn.formats"]

# Static files through whitenoise; uploads in a local folder (object storage at scale).
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# The H5P player (npm package h5p-standalone, installed by `make` into node_modules/), served as
# static/h5p-standalone/. Without it the H5P block says the player is missing.
H5P_PLAYER_DIR = BASE_DIR / "node_modules" / "h5p-standalone" / "dist"
if H5P_PLAYER_DIR.is_dir():
    STATICFILES_DIRS.append(("h5p-standalone", H5P_PLAYER_DIR))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# H5P packages' extracted files are kept apart from the public media: h5p.serving serves them to
# logged-in users with an explicit MIME map, never under MEDIA_URL.
H5P_ROOT = Path(os.environ.get("ELEARN_H5P_ROOT", VAR_DIR / "h5p"))
PRIVATE_ROOT = Path(os.environ.get("ELEARN_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "h5p": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(H5P_ROOT)}},
    # Uploads only the server reads (cadre import files, deleted when their task ends): never under MEDIA_URL.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(PRIVATE_ROOT)}},
}
# H5P tracking: a larger xAPI statement is refused (not truncated); a larger saved state too.
H5P_MAX_STATEMENT_BYTES = int(os.environ.get("H5P_MAX_STATEMENT_BYTES", 64 * 1024))
H5P_MAX_STATE_BYTES = int(os.environ.get("H5P_MAX_STATE_BYTES", 256 * 1024))
# H5P uploads (h5p.validation), against zip bombs: the .h5p file's size, the expanded size of all
# its files (checked from the zip headers and again while reading), its number of files, and the
# largest compression ratio a member bigger than 1 MiB may have.
H5P_MAX_PACKAGE_BYTES = int(os.environ.get("H5P_MAX_PACKAGE_BYTES", 200 * 1024 * 1024))
H5P_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("H5P_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024))
H5P_MAX_FILES = int(os.environ.get("H5P_MAX_FILES", 5000))
H5P_MAX_COMPRESSION_RATIO = int(os.environ.get("H5P_MAX_COMPRESSION_RATIO", 100))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# Celery: real workers when a broker is configured, tasks in-process otherwise.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (
    "rpc://" if CELERY_BROKER_URL.startswith("amqp") else CELERY_BROKER_URL or None
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic tasks: run by `celery -A elearn beat` with a broker, by `manage.py run_periodic_tasks`
# (started by `make run`) in the embedded default.
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {"task": "home.publish_scheduled_pages", "schedule": timedelta(minutes=1)},
    "close-overdue-attempts": {"task": "quizzes.close_overdue_attempts", "schedule": timedelta(minutes=1)},
    # Contest rounds that closed are checked for suspicious patterns after the fact, never during the exam.
    "check-closed-rounds": {"task": "quizzes.check_closed_rounds", "schedule": timedelta(minutes=5)},
    "delete-unconfirmed-citizens": {"task": "quizzes.delete_unconfirmed_citizens", "schedule": timedelta(hours=1)},
    # Required courses: daily at 07:00 local time; the "Nhắc hạn" settings (Wagtail Settings menu) decide
    # the days before the due date, the digest weekday and on/off. Each email is sent once per occasion.
    "send-due-reminders": {"task": "courses.send_due_reminders", "schedule": crontab(hour=7, minute=0)},
    "send-manager-digests": {"task": "courses.send_manager_digests", "schedule": crontab(hour=7, minute=15)},
    # Report counters are kept fresh as people learn; the nightly recount also counts those whose
    # leaving date has come and repairs any refresh lost to a crash.
    "rebuild-report-counters": {"task": "reports.rebuild_counters", "schedule": crontab(hour=0, minute=30)},
    # ... and what a refresh left behind (a process killed after its commit) is counted within minutes.
    "apply-report-counter-changes": {"task": "reports.apply_counter_changes", "schedule": timedelta(minutes=1)},
    # Report exports built in the background are kept for REPORT_EXPORT_KEEP_DAYS days, then deleted.
    "delete-old-report-exports": {"task": "reports.delete_old_exports", "schedule": crontab(hour=1, minute=0)},
    "send-subscribed-reports": {"task": "reports.send_subscribed_reports", "schedule": crontab(hour=7, minute=30)},
    # Activation sheets hold plain codes: their files go ACTIVATION_SHEET_KEEP_HOURS after they were made.
    "prune-audit-log": {"task": "elearn.prune_audit_log", "schedule": crontab(hour=2, minute=0)},
    "delete-old-data-exports": {"task": "privacy.delete_old_exports", "schedule": crontab(hour=1, minute=30)},
    "delete-old-activation-sheets": {"task": "accounts.delete_old_activation_sheets", "schedule": timedelta(hours=1)},
    # People who left more than ANONYMISE_AFTER_LEFT_MONTHS ago are anonymised (privacy.anonymise).
    # Certificates a lost task did not issue; bulk ZIPs of certificates go after CERTIFICATE_BULK_KEEP_DAYS.
    "issue-missing-certificates": {"task": "courses.issue_missing_certificates", "schedule": crontab(hour=3, minute=0)},
    "delete-old-certificate-zips": {
        "task": "certificates.delete_old_bulk_downloads",
        "schedule": crontab(hour=1, minute=45),
    },
    "anonymise-departed": {"task": "privacy.anonymise_departed", "schedule": crontab(hour=2, minute=30)},
}
# Contests: a round's totals and unit ranking are recounted at most this often (quizzes.ranking, quizzes.standings);
# a participant's own rank is always counted exactly against them.
CONTEST_STANDINGS_CACHE_SECONDS = int(os.environ.get("CONTEST_STANDINGS_CACHE_SECONDS", "60"))
# The audit trail (elearn.audit, Wagtail's "Nhật ký") keeps entries this many months, then a nightly task prunes.
AUDIT_RETENTION_MONTHS = int(os.environ.get("AUDIT_RETENTION_MONTHS", "24"))
DATA_EXPORT_KEEP_DAYS = int(os.environ.get("DATA_EXPORT_KEEP_DAYS", "7"))
# Certificates: the public verification page answers this many look-ups per minute and client address.
CERTIFICATE_VERIFY_PER_MINUTE = int(os.environ.get("CERTIFICATE_VERIFY_PER_MINUTE", "30"))
CERTIFICATE_BULK_KEEP_DAYS = int(os.environ.get("CERTIFICATE_BULK_KEEP_DAYS", "7"))
# Correction requests: the unit's managers answer within this many working days (NĐ 356/2025: two).
CORRECTION_REPLY_WORKING_DAYS = int(os.environ.get("CORRECTION_REPLY_WORKING_DAYS", "2"))
# A person who left is anonymised this many months after their leaving date (0: never automatically).
ANONYMISE_AFTER_LEFT_MONTHS = int(os.environ.get("ANONYMISE_AFTER_LEFT_MONTHS", "24"))
# The key of the digest an anonymised person's staff code becomes (default: SECRET_KEY); keep it stable.
ANONYMISATION_KEY = os.environ.get("ANONYMISATION_KEY", "")
ACTIVATION_SHEET_KEEP_HOURS = int(os.environ.get("ACTIVATION_SHEET_KEEP_HOURS", "72"))
# Reports: an export of up to this many cadres is answered directly; a larger one is built by a
# Celery task (progress page, download for the requester only), this many cadres per chunk.
REPORT_EXPORT_SYNC_ROWS = int(os.environ.get("REPORT_EXPORT_SYNC_ROWS", "2000"))
REPORT_EXPORT_CHUNK_ROWS = int(os.environ.get("REPORT_EXPORT_CHUNK_ROWS", "2000"))
REPORT_EXPORT_KEEP_DAYS = int(os.environ.get("REPORT_EXPORT_KEEP_DAYS", "7"))
# Reminders: the daily task hands the learners' emails to tasks of at most this many people each.
REMINDER_BATCH_SIZE = int(os.environ.get("REMINDER_BATCH_SIZE", "1000"))

# Quizzes: a submit this many seconds past an attempt's deadline is still accepted (network delay);
# later, the attempt is closed at its deadline with the answers saved before.
QUIZ_DEADLINE_GRACE_SECONDS = int(os.environ.get("QUIZ_DEADLINE_GRACE_SECONDS", "30"))

# Email: console by default, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "elearning@localhost")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # printed where `make run` runs

# Wagtail
WAGTAIL_SITE_NAME = "Học tập CNTT cho cán bộ"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # slugs in ASCII, đ as d (elearn.slugs)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# "simple": no English stemming or stop words ("an" of "an ninh" is an English stop word).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "webm", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # lesson videos
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Nothing in the admin asks an outside service: provincial networks are often offline. No Gravatar (the
# initials avatar instead), no release check against wagtail.org, no "what's new" banner linking there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Axes reports every login at INFO; failures and lockouts stay visible at WARNING.
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # fpdf2's font subsetting reports every step at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
