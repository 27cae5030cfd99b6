"""A unit's activation sheet made by a real Celery worker (PostgreSQL and a broker, as in CI)."""

import re
import time
from io import BytesIO

import pytest
from django.core.files.storage import storages
from pypdf import PdfReader

from accounts import activation, sheets
from accounts.models import ActivationCode, SheetStatus
from tests.cadre_files import run_import
from units.cadre_import.generate import cadre_rows, make_units, write_csv
from units.models import Unit

PEOPLE = 300
TIMEOUT_SECONDS = 120


@pytest.fixture
def shared_private_root(tmp_path, monkeypatch):
    """The worker process writes the sheet's files where this test's private storage reads them."""
    monkeypatch.setenv("ELEARN_PRIVATE_ROOT", str(tmp_path / "private"))
    return tmp_path / "private"


@pytest.mark.worker
def test_the_worker_issues_a_units_codes_with_progress_and_the_pdf_holds_them(
    shared_private_root, celery_worker, tmp_path
):
    [code] = make_units(1, "KH")
    run_import(write_csv(tmp_path / "can-bo.csv", cadre_rows(PEOPLE, [code], "KH")))
    unit = Unit.objects.get(code="KH")

    sheet = sheets.start(unit, None, "https://hoctap.example.vn/tai-khoan/kich-hoat/")
    started, seen = time.monotonic(), set()
    while time.monotonic() - started < TIMEOUT_SECONDS:
        sheet.refresh_from_db()
        if sheet.finished:
            break
        seen.add((sheet.status, sheet.percent))
        time.sleep(0.2)

    assert sheet.status == SheetStatus.FINISHED, sheet.message or f"not finished after {TIMEOUT_SECONDS} s"
    assert (sheet.total, sheet.printed) == (PEOPLE, PEOPLE)
    assert ActivationCode.objects.usable().count() == PEOPLE
    assert any(status == SheetStatus.RUNNING for status, _percent in seen), "the page never saw it running"
    with storages[sheets.STORAGE].open(sheet.pdf_file, "rb") as pdf:
        text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read())).pages)
    assert text.count("PHIẾU KÍCH HOẠT TÀI KHOẢN") == PEOPLE
    printed = re.findall(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b", text)
    stored = set(ActivationCode.objects.usable().values_list("digest", flat=True))
    assert {activation.code_digest(code) for code in printed} == stored  # every printed code works, and only they
