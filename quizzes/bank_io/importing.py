"""Checking a whole file against the bank (the plan shown in the preview) and writing it, all or nothing.

The write uses bulk queries throughout (questions, options, tags, the search index and the audit
log), so a few thousand questions take seconds on SQLite and PostgreSQL alike.
"""

import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from elearn.text import normalize_code

from ..models.bank import Question, QuestionCategory, QuestionOption, QuestionTag
from .columns import topic_lookup
from .files import row_message
from .rows import category_key, parse_row, plain_text, question_row, rich_text, tag_set

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
BATCH = 500


class ImportRejected(Exception):
    """Nothing was imported; `errors` says why, row by row."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


@dataclass
class ImportPlan:
    """What importing the rows would do, or the errors that stop it."""

    rows: list = field(default_factory=list)  # QuestionRow, in file order
    errors: list = field(default_factory=list)
    actions: dict = field(default_factory=dict)  # row line -> CREATE / UPDATE / UNCHANGED
    targets: dict = field(default_factory=dict)  # row line -> the stored Question it updates
    categories: dict = field(default_factory=dict)  # category_key -> stored QuestionCategory
    new_categories: dict = field(default_factory=dict)  # category_key -> (name, topic)
    details: dict = field(default_factory=dict)  # question pk -> (options, tag names) of the targets

    def count(self, action):
        return sum(1 for value in self.actions.values() if value == action)

    @property
    def ok(self):
        return not self.errors


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    new_categories: int


def chunks(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_details(question_ids):
    """{question pk: ([options in order], [tag names])} in a few queries, whatever the count."""
    details = {pk: ([], []) for pk in question_ids}
    for batch in chunks(question_ids):
        for option in QuestionOption.objects.filter(question_id__in=batch).order_by("question_id", "sort_order", "pk"):
            details[option.question_id][0].append(option)
        for question_id, name in QuestionTag.objects.filter(content_object_id__in=batch).values_list(
            "content_object_id", "tag__name"
        ):
            details[question_id][1].append(name)
    return details


def plan_import(table_rows, file_errors=()):
    """Check every row (alone, against the other rows, and against the bank) and decide what each one does."""
    plan = ImportPlan()
    errors = list(file_errors)  # (row number, message) pairs found while reading the file
    topics = topic_lookup()
    first_line_of_code = {}
    for line, values in table_rows:
        row, problems = parse_row(line, values, topics)
        errors.extend((line, row_message(line, problem)) for problem in problems)
        if row is None:
            continue
        if row.code and row.code in first_line_of_code:
            errors.append(
                (
                    line,
                    row_message(
                        line,
                        _('Mã câu hỏi "%(code)s" trùng với dòng %(first)d.')
                        % {"code": row.code, "first": first_line_of_code[row.code]},
                    ),
                )
            )
            continue
        if row.code:
            first_line_of_code[row.code] = line
        plan.rows.append(row)
    _plan_categories(plan, errors)
    _plan_actions(plan)
    plan.errors = [message for _line, message in sorted(errors, key=lambda error: error[0])]
    return plan


def _plan_categories(plan, errors):
    plan.categories = {category_key(category.name): category for category in QuestionCategory.objects.all()}
    for row in plan.rows:
        key = category_key(row.category)
        if key in plan.categories or key in plan.new_categories:
            continue
        if row.topic:
            plan.new_categories[key] = (row.category, row.topic)
        else:
            errors.append(
                (
                    row.line,
                    row_message(
                        row.line,
                        _(
                            'Danh mục "%(name)s" chưa có trong ngân hàng: sửa tên cho đúng, '
                            "hoặc điền cột Chủ đề để tạo danh mục mới."
                        )
                        % {"name": row.category},
                    ),
                )
            )


def _plan_actions(plan):
    """Rows whose code is in the bank update that question (or leave it as it is); the others create one."""
    codes = {row.code for row in plan.rows if row.code}
    stored = {}
    if codes:
        for pk, code in Question.objects.exclude(code=None).exclude(code="").values_list("pk", "code"):
            if normalize_code(code) in codes:
                stored[normalize_code(code)] = pk
    targets = {}
    for batch in chunks(stored.values()):
        targets.update(Question.objects.select_related("category").in_bulk(batch))
    plan.details = load_details(list(targets))
    for row in plan.rows:
        question = targets.get(stored.get(row.code))
        if question is None:
            plan.actions[row.line] = CREATE
            continue
        plan.targets[row.line] = question
        category = plan.categories.get(category_key(row.category))
        category_id = category.pk if category else None
        current = question_row(question, *plan.details[question.pk]).content(question.category_id)
        plan.actions[row.line] = UNCHANGED if row.content(category_id) == current else UPDATE


def apply_import(table_rows, user=None, file_errors=()):
    """Import the rows in one transaction: every row is checked again, and any error writes nothing."""
    try:
        with transaction.atomic():
            plan = plan_import(table_rows, file_errors)
            if plan.errors:
                raise ImportRejected(plan.errors)
            return _write(plan, user)
    except IntegrityError as error:
        raise ImportRejected(
            [
                _(
                    "Ngân hàng câu hỏi vừa thay đổi trong lúc nhập (có thể người khác cũng đang nhập): "
                    "hãy tải tệp lên lại."
                )
            ]
        ) from error


def _write(plan, user):
    now = timezone.now()
    categories = dict(plan.categories)
    new_categories = [QuestionCategory(name=name, topic=topic) for name, topic in plan.new_categories.values()]
    QuestionCategory.objects.bulk_create(new_categories)
    categories.update({category_key(category.name): category for category in new_categories})

    created, updated = [], []
    for row in plan.rows:
        action = plan.actions[row.line]
        if action == CREATE:
            question = Question(code=row.code or None, is_active=True)
            created.append((row, question))
        elif action == UPDATE:
            question = plan.targets[row.line]
            updated.append((row, question))
        else:
            continue
        _set_fields(question, row, categories, now)
    Question.objects.bulk_create([question for _row, question in created], batch_size=BATCH)
    Question.objects.bulk_update(
        [question for _row, question in updated],
        batch_size=BATCH,
        fields=["category", "difficulty", "question_type", "scoring", "points", "stem", "explanation", "updated_at"],
    )
    _write_options(created, updated, plan.details)
    _write_tags(created, updated, plan.details)
    changed = [question for _row, question in created + updated]
    _update_search_index(changed)
    _log(created, updated, user, now)
    return ImportResult(len(created), len(updated), plan.count(UNCHANGED), len(new_categories))


def _set_fields(question, row, categories, now):
    question.category = categories[category_key(row.category)]
    question.difficulty, question.question_type, question.scoring = row.difficulty, row.question_type, row.scoring
    question.points = row.points
    # Stored rich text keeps its formatting unless its words changed.
    if question.pk is None or plain_text(question.stem) != row.stem:
        question.stem = rich_text(row.stem)
    if question.pk is None or plain_text(question.explanation) != row.explanation:
        question.explanation = rich_text(row.explanation)
    question.updated_at = now


def _write_options(created, updated, details):
    """New questions get their options; updated ones have theirs replaced, reusing rows position by position."""
    to_create, to_update, to_delete = [], [], []
    for row, question in created:
        to_create.extend(
            QuestionOption(question=question, text=text, is_correct=correct, feedback=feedback, sort_order=index)
            for index, (text, correct, feedback) in enumerate(row.options)
        )
    for row, question in updated:
        stored = details[question.pk][0]
        for index, (text, correct, feedback) in enumerate(row.options):
            if index < len(stored):
                option = stored[index]
                if (option.text, option.is_correct, option.feedback, option.sort_order) != (
                    text,
                    correct,
                    feedback,
                    index,
                ):
                    option.text, option.is_correct, option.feedback, option.sort_order = text, correct, feedback, index
                    to_update.append(option)
            else:
                to_create.append(
                    QuestionOption(
                        question=question, text=text, is_correct=correct, feedback=feedback, sort_order=index
                    )
                )
        to_delete.extend(option.pk for option in stored[len(row.options) :])
    for batch in chunks(to_delete):
        QuestionOption.objects.filter(pk__in=batch).delete()
    QuestionOption.objects.bulk_update(to_update, ["text", "is_correct", "feedback", "sort_order"], batch_size=BATCH)
    QuestionOption.objects.bulk_create(to_create, batch_size=BATCH)


def _write_tags(created, updated, details):
    """Tags through QuestionTag in bulk; a tag name matches an existing tag whatever its case."""
    from taggit.models import Tag

    retagged = [(row, question) for row, question in updated if tag_set(row.tags) != tag_set(details[question.pk][1])]
    wanted = [(row, question) for row, question in created + retagged if row.tags]
    tag_ids = {name.casefold(): pk for pk, name in Tag.objects.values_list("pk", "name")}
    missing = {}
    for row, _question in wanted:
        for name in row.tags:
            if name.casefold() not in tag_ids:
                missing.setdefault(name.casefold(), name)
    if missing:
        slugs = set(Tag.objects.values_list("slug", flat=True))
        new_tags = []
        for name in missing.values():
            tag = Tag(name=name, slug=_unique_slug(Tag(), name, slugs))
            slugs.add(tag.slug)
            new_tags.append(tag)
        Tag.objects.bulk_create(new_tags, batch_size=BATCH)
        tag_ids.update({tag.name.casefold(): tag.pk for tag in new_tags})
    for batch in chunks(question.pk for _row, question in retagged):
        QuestionTag.objects.filter(content_object_id__in=batch).delete()
    QuestionTag.objects.bulk_create(
        [
            QuestionTag(content_object=question, tag_id=tag_ids[name.casefold()])
            for row, question in wanted
            for name in row.tags
        ],
        batch_size=BATCH,
    )


def _unique_slug(tag, name, taken):
    slug, number = tag.slugify(name), 1
    while slug in taken:
        slug = tag.slugify(name, number)
        number += 1
    return slug


def _update_search_index(questions):
    from wagtail.search.backends import get_search_backends

    if questions:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Question, questions)


def _log(created, updated, user, now):
    """One audit log entry per created or edited question, as the snippet editor would write."""
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(Question)
    batch = uuid.uuid4()
    entries = [
        ModelLogEntry(
            content_type=content_type,
            label=Truncator(row.stem.replace("\n", " ")).chars(90),
            action=action,
            data={},
            timestamp=now,
            user=user,
            uuid=batch,
            object_id=str(question.pk),
            content_changed=True,
        )
        for action, pairs in (("wagtail.create", created), ("wagtail.edit", updated))
        for row, question in pairs
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def summarize(plan, limit=50):
    """Counts and the first rows of a plan, for the preview page."""
    return {
        "created": plan.count(CREATE),
        "updated": plan.count(UPDATE),
        "unchanged": plan.count(UNCHANGED),
        "new_categories": [name for name, _topic in plan.new_categories.values()],
        "rows": [(row, plan.actions[row.line]) for row in plan.rows[:limit]],
    }
