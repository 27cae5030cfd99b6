"""Cadre import from Excel (.xlsx) and CSV: template, readers, row checks and the chunked import.

Domain only (no HTTP): the admin views in units/import_views.py and the Celery task in
units/tasks.py call `process_import`; tests and the benchmark call `import_file`.
"""

from .files import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    XLSX_CONTENT_TYPE,
    CadreFileError,
    check_header,
    errors_xlsx,
    file_format,
    read_rows,
    template_xlsx,
    too_large_message,
)
from .importing import CHUNK_ROWS, MAX_STORED_ERRORS, PRIVATE_STORAGE, ImportResult, import_file, process_import

__all__ = [
    "CHUNK_ROWS",
    "MAX_ROWS",
    "MAX_STORED_ERRORS",
    "MAX_UPLOAD_BYTES",
    "PRIVATE_STORAGE",
    "XLSX_CONTENT_TYPE",
    "CadreFileError",
    "ImportResult",
    "check_header",
    "errors_xlsx",
    "file_format",
    "import_file",
    "process_import",
    "read_rows",
    "template_xlsx",
    "too_large_message",
]
