"""Settings are safe by default and driven by the environment."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation

ROOT = Path(__file__).resolve().parents[2]


def read_settings(module, **env):
    """Import a settings module in a fresh interpreter and return some of its values."""
    code = (
        f"import json, importlib; s = importlib.import_module('{module}'); "
        "print(json.dumps({k: str(getattr(s, k, None)) for k in ('DEBUG', 'SECRET_KEY', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'CELERY_TASK_ALWAYS_EAGER', 'EMAIL_BACKEND', "
        "'X_FRAME_OPTIONS', 'SECURE_HSTS_PRELOAD')} | "
        "{'DB': s.DATABASES['default']['ENGINE'] + ' ' + str(s.DATABASES['default']['NAME'])}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "EMAIL_"))}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    return result


def test_base_is_safe_by_default(tmp_path):
    import json

    result = read_settings("elearn.settings.base", ELEARN_VAR_DIR=str(tmp_path))
    values = json.loads(result.stdout)
    assert values["DEBUG"] == "False"
    assert values["SECRET_KEY"] == ""
    assert values["DB"] == f"django.db.backends.sqlite3 {tmp_path / 'db.sqlite3'}"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "True"
    assert values["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_database_and_broker_come_from_the_environment(tmp_path):
    import json

    result = read_settings(
        "elearn.settings.base",
        DATABASE_URL="postgres://elearn:secret@db.example:5432/elearn",
        CELERY_BROKER_URL="redis://redis.example:6379/0",
        EMAIL_HOST="smtp.example.vn",
    )
    values = json.loads(result.stdout)
    assert values["DB"] == "django.db.backends.postgresql elearn"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "False"
    assert values["EMAIL_BACKEND"].endswith("smtp.EmailBackend")


def test_production_refuses_to_start_without_a_secret_key():
    result = read_settings("elearn.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_cookies_are_secure():
    import json

    result = read_settings("elearn.settings.production", DJANGO_SECRET_KEY="x" * 50)
    values = json.loads(result.stdout)
    assert values["DEBUG"] == "False"
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_HSTS_PRELOAD"] == "True"


def test_hsts_preload_is_the_operators_choice():
    import json

    result = read_settings("elearn.settings.production", DJANGO_SECRET_KEY="x" * 50, DJANGO_HSTS_PRELOAD="0")
    assert json.loads(result.stdout)["SECURE_HSTS_PRELOAD"] == "False"


def deploy_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    clean.update(DJANGO_SETTINGS_MODULE="elearn.settings.production", DJANGO_SECRET_KEY="q1W2e3R4t5Y6u7I8o9P0" * 3)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_passes_on_production_settings():
    """What CI's gate runs: no warning at all (framing denied, HSTS with preload, secure cookies)."""
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    result = deploy_check(DJANGO_HSTS_PRELOAD="0")
    assert result.returncode == 1 and "security.W021" in result.stderr


def test_vietnamese_language_time_zone_and_date_format():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 1, 5)) == "05/01/2026"
        assert formats.date_format(datetime.date(2026, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2026"
        moment = datetime.datetime(2026, 1, 5, 1, 30, tzinfo=datetime.UTC)
        assert formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") == "08:30 05/01/2026"


def test_session_limits():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_LIFETIME == datetime.timedelta(hours=12)
