"""The cadre import: good rows are applied, bad rows are reported by row and nothing of them is applied.

Two passes over the file: the first counts the rows and finds staff codes and emails used on more
than one row; the second checks and applies the rows in chunks, each chunk in one transaction with
bulk queries (no query and no password hashing per row). Progress is reported after every chunk.
Applying the same file again changes nothing: every row comes back "unchanged".
"""

import logging
from dataclasses import asdict, dataclass, field

from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elearn.audit import record
from units.audit import CADRES_IMPORTED
from units.models import CadreImport, ImportStatus
from units.people import CREATED, DEACTIVATED, UNCHANGED, UPDATED, sync_cadre_statuses

from .files import CadreFileError, file_format, read_rows
from .rows import Reference, check_accounts, index_file, parse_row

logger = logging.getLogger(__name__)

CHUNK_ROWS = 2000
# Rows kept (with their values) for the report and the error workbook; the count is always exact.
MAX_STORED_ERRORS = 20_000
PRIVATE_STORAGE = "private"


@dataclass
class ImportResult:
    """What an import did, row by row counted once: created + updated + unchanged + deactivated + errors."""

    total_rows: int = 0
    processed_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)  # [{"line", "message", "values"}], at most MAX_STORED_ERRORS

    def counts(self):
        data = asdict(self)
        data.pop("errors")
        return data


def import_file(open_file, name, on_progress=None, on_date=None, chunk_rows=CHUNK_ROWS):
    """Import the cadre file that `open_file()` opens (a binary file object); return an ImportResult.

    `on_progress(result)` is called once the rows are counted and after every chunk, inside the
    chunk's transaction. Raises CadreFileError when the file cannot be read; rows already applied
    by earlier chunks then stay applied (running the file again completes it).
    """
    on_date = on_date or timezone.localdate()
    with open_file() as source:
        fmt = file_format(name, source.read(8))
        source.seek(0)
        index = index_file(read_rows(source, fmt))
    if not index.total_rows:
        raise CadreFileError(_("Tệp chỉ có dòng tiêu đề, chưa có cán bộ nào."))
    result = ImportResult(total_rows=index.total_rows)
    if on_progress:
        on_progress(result)
    reference = Reference.load()
    with open_file() as source:
        chunk = []
        for line, values in read_rows(source, fmt):
            chunk.append(parse_row(line, values, reference, index))
            if len(chunk) >= chunk_rows:
                _apply_chunk(chunk, result, on_progress, on_date)
                chunk = []
        if chunk:
            _apply_chunk(chunk, result, on_progress, on_date)
    return result


def _apply_chunk(chunk, result, on_progress, on_date):
    with transaction.atomic():
        check_accounts(chunk)
        good = [parsed.row for parsed in chunk if parsed.row is not None]
        statuses = sync_cadre_statuses(good, on_date=on_date) if good else {}
        for status in statuses.values():
            if status == CREATED:
                result.created += 1
            elif status == UPDATED:
                result.updated += 1
            elif status == UNCHANGED:
                result.unchanged += 1
            elif status == DEACTIVATED:
                result.deactivated += 1
        for parsed in chunk:
            if parsed.row is None:
                result.error_count += 1
                if len(result.errors) < MAX_STORED_ERRORS:
                    result.errors.append({"line": parsed.line, "message": parsed.message, "values": parsed.values})
        result.processed_rows += len(chunk)
        if on_progress:
            on_progress(result)


def process_import(import_id):
    """Run the CadreImport `import_id` from its stored upload, reporting progress on the record.

    The upload is deleted when this ends, whatever the outcome. An import already finished or failed
    is left alone (a redelivered task does nothing); one interrupted while running starts again,
    which is safe because applying rows twice changes nothing.
    """
    job = CadreImport.objects.filter(pk=import_id).first()
    if job is None or job.status in (ImportStatus.FINISHED, ImportStatus.FAILED):
        return job
    storage = storages[PRIVATE_STORAGE]
    stored = job.stored_file
    try:
        if not stored or not storage.exists(stored):
            return _fail(job, _("Tệp tải lên không còn trên máy chủ: hãy tải tệp lên lại."))
        CadreImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.RUNNING, started_at=timezone.now(), processed_rows=0
        )

        def on_progress(result):
            CadreImport.objects.filter(pk=job.pk).update(**result.counts())

        result = import_file(lambda: storage.open(stored, "rb"), job.file_name, on_progress)
    except CadreFileError as error:
        return _fail(job, str(error))
    except Exception:
        logger.exception("Cadre import %s failed", import_id)
        return _fail(
            job,
            _(
                "Lỗi hệ thống khi nhập tệp: các dòng đã nhập được giữ lại; hãy tải tệp lên lại để "
                "nhập tiếp (các dòng đã nhập sẽ không bị thay đổi lần nữa)."
            ),
        )
    finally:
        if stored:
            storage.delete(stored)
    CadreImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.FINISHED,
        finished_at=timezone.now(),
        stored_file="",
        errors=result.errors,
        **result.counts(),
    )
    job.refresh_from_db()
    record(
        job,
        CADRES_IMPORTED,
        user=job.uploaded_by,
        data={
            "file": job.file_name,
            "created": job.created,
            "updated": job.updated,
            "deactivated": job.deactivated,
            "errors": job.error_count,
        },
    )
    return job


def _fail(job, message):
    CadreImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, finished_at=timezone.now(), stored_file="", message=message
    )
    job.refresh_from_db()
    return job
