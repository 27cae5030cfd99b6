"""Test settings: fast hashing, plain static storage, in-memory email."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
# Tasks run in-process unless a test asks for the real path: the `celery_worker` fixture
# (tests/conftest.py) starts a worker process on the configured broker and turns this off.
CELERY_TASK_ALWAYS_EAGER = True
# Staff accounts made by the factories have no second factor; tests/accounts/test_mfa.py turns this on.
MFA_REQUIRED_FOR_STAFF = False
# Tests change pages without publishing them; tests/home/test_page_cache.py turns the page cache on.
PAGE_CACHE_SECONDS = 0
# Contest totals and unit rankings are computed afresh in tests (quizzes.ranking.round_totals, quizzes.standings).
CONTEST_STANDINGS_CACHE_SECONDS = 0
