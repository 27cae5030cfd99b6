"""Questions out to the template's format, so that an export imports back without changing anything."""

import io

from django.db import transaction

from elearn.text import normalize_code

from ..models.bank import Question, QuestionCategory
from .files import write_csv, write_xlsx
from .importing import BATCH, chunks, load_details
from .rows import question_row


def assign_codes(questions):
    """Give each question without a code one ("CH000042"): a row without a code would import as a new question."""
    missing = [question for question in questions if not question.code]
    if not missing:
        return
    with transaction.atomic():
        taken = {normalize_code(code) for code in Question.objects.exclude(code=None).values_list("code", flat=True)}
        for question in missing:
            code, number = f"CH{question.pk:06d}", 1
            while code in taken:
                number += 1
                code = f"CH{question.pk:06d}-{number}"
            taken.add(code)
            question.code = code
        Question.objects.bulk_update(missing, ["code"], batch_size=BATCH)


def export_rows(questions):
    """{column key: value} for each question (a queryset or a list), in the given order."""
    questions = list(questions)
    assign_codes(questions)
    for batch in chunks(questions):
        _attach_categories(batch)
        details = load_details([question.pk for question in batch])
        for question in batch:
            yield question_row(question, *details[question.pk]).cells()


def _attach_categories(questions):
    """The category of every question of a batch in one query (the row names it)."""
    ids = {question.category_id for question in questions}
    categories = QuestionCategory.objects.in_bulk(ids)
    for question in questions:
        question.category = categories[question.category_id]


def export_xlsx(questions):
    """The questions as an .xlsx file (bytes) in the import template's format."""
    output = io.BytesIO()
    write_xlsx(export_rows(questions), output)
    return output.getvalue()


def export_csv(questions):
    """The questions as UTF-8 CSV with a BOM (bytes), the import template's columns."""
    return write_csv(export_rows(questions))


def template_xlsx():
    """The empty import template: the header row, and the guide sheet with examples."""
    output = io.BytesIO()
    write_xlsx([], output)
    return output.getvalue()
