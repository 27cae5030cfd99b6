"""One spreadsheet row as a question: parsing and checking a row, and a question back into a row.

`QuestionRow` is the one shape both directions share: an import parses cells into it, an export
builds it from a stored question, and comparing the two tells an unchanged question from an edit.
"""

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from elearn.text import normalize_code, normalize_text

from ..grading import key_problem
from ..models.bank import Difficulty, QuestionType, Scoring
from .columns import (
    DIFFICULTY_LOOKUP,
    DIFFICULTY_WORDS,
    LETTERS,
    SCORING_LOOKUP,
    SCORING_WORDS,
    TRUE_FALSE_OPTIONS,
    TYPE_LOOKUP,
    TYPE_WORDS,
    fold,
    topic_word,
)

CODE_MAX, NAME_MAX, TEXT_MAX, TAG_MAX = 40, 200, 1000, 100
POINTS_MAX = Decimal("999.99")
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|div|blockquote)\s*>", re.IGNORECASE)
_KEY_SPLIT = re.compile(r"[\s,;/+&]+")


@dataclass(frozen=True)
class QuestionRow:
    """A question as the spreadsheet holds it. `stem` and `explanation` are plain text, one paragraph a line."""

    line: int
    code: str
    category: str
    topic: str
    difficulty: str
    question_type: str
    scoring: str
    points: Decimal
    stem: str
    options: tuple  # ((text, is_correct, feedback), ...) in letter order
    explanation: str
    tags: tuple

    def cells(self):
        """{column key: value} for writing the row to a file."""
        cells = {
            "code": self.code,
            "category": self.category,
            "topic": topic_word(self.topic),
            "difficulty": DIFFICULTY_WORDS.get(self.difficulty, ""),
            "question_type": TYPE_WORDS.get(self.question_type, ""),
            "scoring": SCORING_WORDS.get(self.scoring, ""),
            "points": _points_cell(self.points),
            "stem": self.stem,
            "explanation": self.explanation,
            "tags": ", ".join(self.tags),
            "key": ", ".join(
                letter for letter, (_text, correct, _fb) in zip(LETTERS, self.options, strict=False) if correct
            ),
        }
        for letter, (text, _correct, feedback) in zip(LETTERS, self.options, strict=False):
            cells[f"option_{letter}"] = text
            cells[f"feedback_{letter}"] = feedback
        return cells

    def content(self, category_id):
        """What an import compares with the stored question: everything but the row number and code."""
        return (
            category_id,
            self.difficulty,
            self.question_type,
            self.scoring,
            self.points,
            self.stem,
            self.options,
            self.explanation,
            tag_set(self.tags),
        )


def tag_set(names):
    return frozenset(name.casefold() for name in names)


def category_key(name):
    return normalize_text(name).casefold()


def _points_cell(points):
    points = Decimal(points)
    return int(points) if points == points.to_integral_value() else points.normalize()


def rich_text(text):
    """Plain text lines as rich text paragraphs, escaped."""
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line)


def plain_text(rich):
    """Rich text as plain lines: one line per paragraph, tags dropped, entities decoded."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", rich or "")))
    lines = (normalize_text(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def question_row(question, options, tags):
    """A stored question as a row; `options` are its QuestionOption objects in order, `tags` its tag names."""
    return QuestionRow(
        line=0,
        code=question.code or "",
        category=question.category.name,
        topic=question.category.topic,
        difficulty=question.difficulty,
        question_type=question.question_type,
        scoring=question.scoring,
        points=question.points,
        stem=plain_text(question.stem),
        options=tuple(
            (normalize_text(option.text), option.is_correct, normalize_text(option.feedback)) for option in options
        ),
        explanation=plain_text(question.explanation),
        tags=tuple(sorted((normalize_text(name) for name in tags), key=str.casefold)),
    )


def parse_row(line, values, topics):
    """(QuestionRow or None, [problems]) for one row's {key: text}; `topics` maps folded topic words to values."""
    problems = []
    get = values.get

    def choice(key, lookup, default, message):
        text = get(key, "")
        if not text:
            return default
        value = lookup.get(fold(text))
        if value is None:
            problems.append(message % {"value": text})
        return value

    code = normalize_code(get("code", ""))
    if len(code) > CODE_MAX:
        problems.append(_("Mã câu hỏi dài quá %(max)d ký tự.") % {"max": CODE_MAX})
    category = get("category", "")
    if not category:
        problems.append(_("Thiếu danh mục."))
    elif len(category) > NAME_MAX:
        problems.append(_("Tên danh mục dài quá %(max)d ký tự.") % {"max": NAME_MAX})
    topic = choice(
        "topic",
        topics,
        "",
        _(
            'Chủ đề "%(value)s" không hợp lệ: dùng Pháp luật về CNTT, '
            "An toàn thông tin và an ninh mạng, hoặc Kỹ năng số."
        ),
    )
    difficulty = choice(
        "difficulty",
        DIFFICULTY_LOOKUP,
        Difficulty.MEDIUM,
        _('Độ khó "%(value)s" không hợp lệ: dùng Dễ, Trung bình hoặc Khó.'),
    )
    question_type = choice(
        "question_type",
        TYPE_LOOKUP,
        None,
        _('Loại câu hỏi "%(value)s" không hợp lệ: dùng Một đáp án, Nhiều đáp án hoặc Đúng/Sai.'),
    )
    if not get("question_type"):
        problems.append(_("Thiếu loại câu hỏi."))
    scoring = choice(
        "scoring",
        SCORING_LOOKUP,
        Scoring.ALL_OR_NOTHING,
        _('Cách chấm "%(value)s" không hợp lệ: dùng Đúng hết hoặc Từng phần.'),
    )
    points = _parse_points(get("points", ""), problems)
    stem = get("stem", "")
    if not stem:
        problems.append(_("Thiếu nội dung câu hỏi."))
    options = _parse_options(values, question_type, problems)
    tags = _parse_tags(get("tags", ""), problems)
    if problems:
        return None, problems
    return QuestionRow(
        line,
        code,
        category,
        topic,
        difficulty,
        question_type,
        scoring,
        points,
        stem,
        options,
        get("explanation", ""),
        tags,
    ), []


def _parse_points(text, problems):
    if not text:
        return Decimal("1")
    try:
        points = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        problems.append(_('Điểm "%(value)s" không phải là số.') % {"value": text})
        return None
    if not points.is_finite() or points <= 0 or points > POINTS_MAX:
        problems.append(_('Điểm "%(value)s" phải lớn hơn 0 và không quá 999,99.') % {"value": text})
    elif points != points.quantize(Decimal("0.01")):
        problems.append(_('Điểm "%(value)s" có quá hai chữ số thập phân.') % {"value": text})
    return points


def _parse_options(values, question_type, problems):
    """The options as (text, is_correct, feedback), checked against the answer key and the question type."""
    texts = [values.get(f"option_{letter}", "") for letter in LETTERS]
    if question_type == QuestionType.TRUE_FALSE and not any(texts):
        texts[:2] = TRUE_FALSE_OPTIONS
    last = max((index for index, text in enumerate(texts) if text), default=-1)
    for index in range(last):
        if not texts[index]:
            problems.append(
                _(
                    "Phương án %(empty)s trống nhưng phương án %(next)s có nội dung: hãy điền các phương "
                    "án liên tiếp từ A."
                )
                % {"empty": LETTERS[index], "next": LETTERS[last]}
            )
            return ()
    texts = texts[: last + 1]
    if len(texts) < 2:
        problems.append(_("Cần ít nhất hai phương án (A và B)."))
    for letter, text in zip(LETTERS, texts, strict=False):
        if len(text) > TEXT_MAX:
            problems.append(_("Phương án %(letter)s dài quá %(max)s ký tự.") % {"letter": letter, "max": "1.000"})
    seen = {}
    for letter, text in zip(LETTERS, texts, strict=False):
        if text.casefold() in seen:
            problems.append(
                _("Phương án %(letter)s trùng với phương án %(first)s.")
                % {"letter": letter, "first": seen[text.casefold()]}
            )
        seen.setdefault(text.casefold(), letter)
    feedbacks = [values.get(f"feedback_{letter}", "") for letter in LETTERS]
    for letter, feedback in zip(LETTERS[len(texts) :], feedbacks[len(texts) :], strict=True):
        if feedback:
            problems.append(_("Có phản hồi %(letter)s nhưng không có phương án %(letter)s.") % {"letter": letter})
    for letter, feedback in zip(LETTERS, feedbacks, strict=True):
        if len(feedback) > TEXT_MAX:
            problems.append(_("Phản hồi %(letter)s dài quá %(max)s ký tự.") % {"letter": letter, "max": "1.000"})
    correct = _parse_key(values.get("key", ""), len(texts), problems)
    if correct is None:
        return ()
    flags = [index in correct for index in range(len(texts))]
    if question_type and len(texts) >= 2:
        problem = key_problem(question_type, flags)
        if problem:
            problems.append(problem)
    return tuple(zip(texts, flags, feedbacks, strict=False))


def _parse_key(text, option_count, problems):
    """Indexes of the correct options from "B" or "A, C" (also "AC", "a;c"), or None when the key is wrong."""
    if not text:
        problems.append(_("Thiếu đáp án đúng."))
        return None
    correct = set()
    for token in filter(None, _KEY_SPLIT.split(text.upper())):
        if not token.isalpha() or not token.isascii():
            problems.append(
                _('Đáp án đúng "%(value)s" không hợp lệ: ghi chữ cái của phương án đúng, ví dụ "B" hoặc "A, C".')
                % {"value": text}
            )
            return None
        for letter in token:
            index = LETTERS.find(letter)
            if index < 0 or index >= option_count:
                problems.append(_('Đáp án đúng "%(letter)s" không có phương án tương ứng.') % {"letter": letter})
                return None
            correct.add(index)
    return correct


def _parse_tags(text, problems):
    tags, seen = [], set()
    for name in (normalize_text(part) for part in text.split(",")):
        if not name or name.casefold() in seen:
            continue
        if len(name) > TAG_MAX:
            problems.append(_('Thẻ "%(value)s…" dài quá %(max)d ký tự.') % {"value": name[:30], "max": TAG_MAX})
        seen.add(name.casefold())
        tags.append(name)
    return tuple(sorted(tags, key=str.casefold))
