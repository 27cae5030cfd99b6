"""The layer contract (pyproject.toml, [tool.importlinter]) holds, and it does fail on a violation."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "elearn",
    "units",
    "accounts",
    "certificates",
    "courses",
    "quizzes",
    "h5p",
    "reports",
    "privacy",
    "home",
    "demo",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd):
    return subprocess.run([str(LINT_IMPORTS)], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_apps_keep_their_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_two_apps_import_each_other():
    graph = grimp.build_graph(*APPS)
    pairs = {
        (a, b)
        for a in APPS
        for b in APPS
        if a != b and graph.direct_import_exists(importer=a, imported=b, as_packages=True)
    }
    assert {(a, b) for a, b in pairs if (b, a) in pairs} == set()


def test_an_upward_import_breaks_the_contract(tmp_path):
    """courses importing quizzes (a higher layer) is what the contract exists to refuse."""
    for name in [*APPS, "tests"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    progress = tmp_path / "courses" / "progress.py"
    progress.write_text(progress.read_text() + "\n\ndef _quizzes():\n    from quizzes import attempts\n")

    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "courses.progress -> quizzes.attempts" in result.stdout
