"""`make run PORT=… HOST=…`: the site serves there, and the banner (load_demo's accounts) names that address."""

import shutil
import subprocess

import pytest
from django.conf import settings


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("arguments", "served", "printed"),
    [
        (["PORT=8114"], "runserver 127.0.0.1:8114", "http://127.0.0.1:8114"),
        (["PORT=8114", "HOST=0.0.0.0"], "runserver 0.0.0.0:8114", "http://127.0.0.1:8114"),
    ],
)
def test_make_run_serves_and_announces_the_port_it_is_given(arguments, served, printed):
    plan = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert served in plan
    assert f"WAGTAILADMIN_BASE_URL={printed} .venv/bin/python manage.py load_demo" in plan
