"""Excel (.xlsx) and CSV import and export of the question bank (ngân hàng câu hỏi). No HTTP here.

    table = read_upload(name, data)             # the file's rows, or BankFileError
    plan = plan_import(table.rows, table.errors) # every row checked; what each would do
    result = apply_import(table.rows, user)     # all or nothing; ImportRejected lists the errors

Exports (`export_xlsx`, `export_csv`) use the template's exact columns, so an export imports back
unchanged. Modules: `columns` (the format), `files` (reading and writing files), `rows` (one row
as a question and back), `importing` (the plan and the write), `export`.
"""

from .export import export_csv, export_rows, export_xlsx, template_xlsx
from .files import (
    CSV_CONTENT_TYPE,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    XLSX_CONTENT_TYPE,
    BankFileError,
    Table,
    read_upload,
    too_large_message,
)
from .importing import CREATE, UNCHANGED, UPDATE, ImportPlan, ImportRejected, ImportResult, apply_import, plan_import
from .importing import summarize as summarize_plan


def import_file(name, data, user=None):
    """Read and import a file in one go (for scripts and tests); raise BankFileError or ImportRejected."""
    table = read_upload(name, data)
    return apply_import(table.rows, user, table.errors)


__all__ = [
    "CREATE",
    "CSV_CONTENT_TYPE",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "UNCHANGED",
    "UPDATE",
    "XLSX_CONTENT_TYPE",
    "BankFileError",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "Table",
    "apply_import",
    "export_csv",
    "export_rows",
    "export_xlsx",
    "import_file",
    "plan_import",
    "read_upload",
    "summarize_plan",
    "template_xlsx",
    "too_large_message",
]
