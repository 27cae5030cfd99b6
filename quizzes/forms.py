"""Admin forms of the question bank and quizzes: checks that span a model and its inline rows."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .grading import key_problem
from .models.quiz import SelectionMode


def _kept_rows(formset):
    """Cleaned data of the inline rows that stay (filled in and not marked for deletion)."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class QuestionAdminForm(WagtailAdminModelForm):
    """The question editor: the options' correct flags must fit the question type."""

    def clean(self):
        cleaned = super().clean()
        options = self.formsets.get("options")
        if options is None or not options.is_valid():
            return cleaned
        flags = [bool(row.get("is_correct")) for row in _kept_rows(options)]
        problem = key_problem(cleaned.get("question_type"), flags)
        if problem:
            self.add_error(None, problem)
        return cleaned


class QuizAdminForm(WagtailAdminModelForm):
    """The quiz editor: a fixed quiz needs its questions, a random one its draw rules."""

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("selection_mode")
        fixed, rules = self.formsets.get("fixed_questions"), self.formsets.get("draw_rules")
        if fixed is None or rules is None or not (fixed.is_valid() and rules.is_valid()):
            return cleaned
        if mode == SelectionMode.FIXED:
            questions = [row["question"].pk for row in _kept_rows(fixed) if row.get("question")]
            if not questions:
                self.add_error("selection_mode", _("Thêm ít nhất một câu hỏi cố định."))
            elif len(set(questions)) != len(questions):
                self.add_error("selection_mode", _("Một câu hỏi được thêm hai lần."))
        elif mode == SelectionMode.RANDOM:
            kept = _kept_rows(rules)
            if not kept:
                self.add_error("selection_mode", _("Thêm ít nhất một quy tắc rút câu hỏi."))
            for row in kept:
                available = row["category"].questions.filter(is_active=True)
                if row.get("difficulty"):
                    available = available.filter(difficulty=row["difficulty"])
                if available.count() < row["count"]:
                    self.add_error(
                        "selection_mode",
                        _("Danh mục %(category)s chỉ có %(available)s câu hỏi phù hợp, ít hơn %(count)s.")
                        % {"category": row["category"], "available": available.count(), "count": row["count"]},
                    )
        if cleaned.get("prediction_enabled") and not cleaned.get("is_contest"):
            self.add_error("prediction_enabled", _("Câu hỏi dự đoán chỉ dùng cho cuộc thi."))
        return cleaned
