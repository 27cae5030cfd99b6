"""Reorganisation screens: a form per operation, a preview of what moves, then a confirmation.

The form's data waits in the session under a one-time token between the preview and the
confirmation; the confirmation plans the operation again from the database and applies it in
one transaction (units.reorganisation.apply), or shows why it cannot.
"""

import re
import secrets

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from elearn.formatting import format_date
from elearn.text import normalize_code

from .. import reorganisation as reorg
from ..models import Cadre, ReorganisationKind, Unit, UnitKind
from .common import UnitAdminMixin, unit_by_code
from .tree import UnitPageMixin

SESSION_KEY = "units_reorganisation"
SPLIT_PARTS = 3


def _codes(text):
    return [normalize_code(code) for code in re.split(r"[\s,;]+", text or "") if code.strip()]


def _parent_field(label, help_text):
    return forms.CharField(label=label, max_length=40, required=False, help_text=help_text)


def _clean_parent(form, field):
    code = form.cleaned_data.get(field, "")
    if not code:
        return None
    unit = unit_by_code(code)
    if unit is None:
        raise forms.ValidationError(_('Không có đơn vị mã "%(code)s".') % {"code": normalize_code(code)})
    return unit


class ActionForm(forms.Form):
    """A reorganisation of `unit`; `plan(effective_on)` plans it or raises ReorganisationError."""

    def __init__(self, *args, unit, **kwargs):
        self.unit = unit
        super().__init__(*args, **kwargs)


class RenameForm(ActionForm):
    title = gettext_lazy("Đổi tên, mã hoặc loại đơn vị")
    code = forms.CharField(label=gettext_lazy("Mã đơn vị"), max_length=40)
    name = forms.CharField(label=gettext_lazy("Tên đơn vị"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Loại đơn vị"), choices=UnitKind.choices)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, initial={"code": unit.code, "name": unit.name, "kind": unit.kind}, **kwargs)

    def plan(self, effective_on):
        data = self.cleaned_data
        return reorg.plan_rename(
            self.unit, name=data["name"], code=data["code"], kind=data["kind"], effective_on=effective_on
        )


class MoveForm(ActionForm):
    title = gettext_lazy("Chuyển đơn vị sang đơn vị cấp trên khác")
    parent = _parent_field(
        gettext_lazy("Mã đơn vị cấp trên mới"),
        gettext_lazy(
            "Để trống để đưa đơn vị lên cấp cao nhất. Các đơn vị cấp dưới chuyển theo; cán bộ vẫn ở đơn vị của mình."
        ),
    )

    def clean_parent(self):
        return _clean_parent(self, "parent")

    def plan(self, effective_on):
        return reorg.plan_move(self.unit, self.cleaned_data["parent"], effective_on)


class DeactivateForm(ActionForm):
    title = gettext_lazy("Ngừng hoạt động đơn vị")

    def plan(self, effective_on):
        return reorg.plan_deactivate(self.unit, effective_on)


class MergeForm(ActionForm):
    title = gettext_lazy("Hợp nhất đơn vị")
    others = forms.CharField(
        label=gettext_lazy("Mã các đơn vị hợp nhất cùng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Cách nhau bởi dấu phẩy hoặc xuống dòng. Để trống nếu chỉ sáp nhập đơn vị này."),
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Đơn vị nhận"),
        widget=forms.RadioSelect,
        initial="new",
        choices=[("new", gettext_lazy("Một đơn vị mới")), ("existing", gettext_lazy("Một đơn vị đã có"))],
    )
    target_code = forms.CharField(label=gettext_lazy("Mã đơn vị đã có"), max_length=40, required=False)
    new_code = forms.CharField(label=gettext_lazy("Mã đơn vị mới"), max_length=40, required=False)
    new_name = forms.CharField(label=gettext_lazy("Tên đơn vị mới"), max_length=255, required=False)
    new_kind = forms.ChoiceField(label=gettext_lazy("Loại đơn vị mới"), choices=UnitKind.choices, required=False)
    new_parent = _parent_field(
        gettext_lazy("Mã đơn vị cấp trên của đơn vị mới"), gettext_lazy("Để trống nếu là đơn vị cấp cao nhất.")
    )

    def __init__(self, *args, unit, **kwargs):
        parent = unit.get_parent()
        initial = {"new_kind": unit.kind, "new_parent": parent.code if parent else ""}
        super().__init__(*args, unit=unit, initial=initial, **kwargs)

    def clean_others(self):
        units = []
        for code in _codes(self.cleaned_data["others"]):
            unit = unit_by_code(code)
            if unit is None:
                raise forms.ValidationError(_('Không có đơn vị mã "%(code)s".') % {"code": code})
            units.append(unit)
        return units

    def clean_new_parent(self):
        return _clean_parent(self, "new_parent")

    def clean(self):
        data = super().clean()
        if data.get("target") == "existing":
            unit = unit_by_code(data.get("target_code", ""))
            if unit is None:
                self.add_error("target_code", _("Nhập mã một đơn vị đã có trong cây."))
            data["target_unit"] = unit
        else:
            for field in ("new_code", "new_name"):
                if not data.get(field):
                    self.add_error(field, _("Cần điền khi hợp nhất vào một đơn vị mới."))
        return data

    def plan(self, effective_on):
        data = self.cleaned_data
        target = data.get("target_unit") or reorg.NewUnit(
            data["new_code"], data["new_name"], data["new_kind"] or UnitKind.OTHER, data["new_parent"]
        )
        return reorg.plan_merge([self.unit, *data["others"]], target, effective_on)


class SplitForm(ActionForm):
    title = gettext_lazy("Chia tách đơn vị")
    parent = _parent_field(
        gettext_lazy("Mã đơn vị cấp trên của các đơn vị mới"), gettext_lazy("Để trống nếu là đơn vị cấp cao nhất.")
    )

    def __init__(self, *args, unit, **kwargs):
        parent = unit.get_parent()
        super().__init__(*args, unit=unit, initial={"parent": parent.code if parent else ""}, **kwargs)
        for number in range(1, SPLIT_PARTS + 1):
            self.fields[f"part{number}_code"] = forms.CharField(
                label=_("Đơn vị %(number)d: mã") % {"number": number},
                max_length=40,
                required=False,
                help_text=_("Mã một đơn vị đã có, hoặc mã mới để tạo đơn vị mới."),
            )
            self.fields[f"part{number}_name"] = forms.CharField(
                label=_("Đơn vị %(number)d: tên (đơn vị mới)") % {"number": number}, max_length=255, required=False
            )
            self.fields[f"part{number}_kind"] = forms.ChoiceField(
                label=_("Đơn vị %(number)d: loại (đơn vị mới)") % {"number": number},
                choices=UnitKind.choices,
                initial=unit.kind,
            )
            self.fields[f"part{number}_members"] = forms.CharField(
                label=_("Đơn vị %(number)d: mã cán bộ và mã đơn vị trực thuộc chuyển về") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def clean_parent(self):
        return _clean_parent(self, "parent")

    def parts(self):
        data, parts = self.cleaned_data, {}
        for number in range(1, SPLIT_PARTS + 1):
            code, members = normalize_code(data.get(f"part{number}_code")), _codes(data.get(f"part{number}_members"))
            if not code and not members:
                continue
            existing = unit_by_code(code) if code else None
            key = existing or reorg.NewUnit(
                code, data.get(f"part{number}_name", ""), data[f"part{number}_kind"], data.get("parent")
            )
            parts[key] = members
        return parts

    def plan(self, effective_on):
        return reorg.plan_split(self.unit, self.parts(), effective_on)


FORMS = {
    "doi-ten": (ReorganisationKind.RENAME, RenameForm),
    "chuyen": (ReorganisationKind.MOVE, MoveForm),
    "hop-nhat": (ReorganisationKind.MERGE, MergeForm),
    "chia-tach": (ReorganisationKind.SPLIT, SplitForm),
    "ngung-hoat-dong": (ReorganisationKind.DEACTIVATE, DeactivateForm),
}


class ConfirmForm(forms.Form):
    effective_on = forms.DateField(
        label=gettext_lazy("Có hiệu lực từ ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        help_text=gettext_lazy(
            "Ngày/tháng/năm, không sau hôm nay. Quá trình công tác của cán bộ chuyển đơn vị được ghi từ ngày này."
        ),
    )
    decision = forms.CharField(
        label=gettext_lazy("Căn cứ (số quyết định, nghị quyết)"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Ví dụ: Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025."),
    )


class PreviewMixin(UnitAdminMixin):
    template_preview = "units/admin/reorganisation_preview.html"

    def render_preview(self, plan, token, confirm_form=None, errors=()):
        confirm_form = confirm_form or ConfirmForm(initial={"effective_on": timezone.localdate()})
        context = self.get_context_data(
            plan=plan,
            token=token,
            confirm_form=confirm_form,
            errors=errors,
            page_title=_("Xem trước: %(kind)s") % {"kind": plan.kind_label},
        )
        return self.response_class(
            request=self.request, template=[self.template_preview], context=context, using=self.template_engine
        )


class ReorganiseView(UnitPageMixin, PreviewMixin, TemplateView):
    """The form of one operation on a unit; a valid form shows the preview."""

    template_name = "units/admin/unit_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in FORMS:
            raise Http404
        self.kind, self.form_class = FORMS[kwargs["action"]]

    def get_page_title(self):
        return self.form_class.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(unit=self.unit, action=self.kwargs["action"], **kwargs)
        if self.kind == ReorganisationKind.SPLIT and "form" in kwargs:
            members = Cadre.objects.filter(unit=self.unit, left_on__isnull=True).order_by("full_name")
            context.update(
                split_members=members[:500],
                split_member_count=members.count(),
                split_children=self.unit.get_children().filter(is_active=True),
            )
        context.setdefault("submit_label", _("Xem trước"))
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form_class(unit=self.unit)))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, unit=self.unit)
        if form.is_valid():
            try:
                plan = form.plan(timezone.localdate())
            except reorg.ReorganisationError as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                token = secrets.token_urlsafe(16)
                data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
                request.session[SESSION_KEY] = {
                    "token": token,
                    "unit": self.unit.pk,
                    "action": kwargs["action"],
                    "data": data,
                }
                return self.render_preview(plan, token)
        return self.render_to_response(self.get_context_data(form=form))


class ConfirmView(PreviewMixin, TemplateView):
    """Apply the previewed operation with its effective date and decision, or cancel it."""

    http_method_names = ["post"]
    page_title = gettext_lazy("Xác nhận sắp xếp đơn vị")

    def post(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
            messages.error(request, _("Bản xem trước đã hết hạn hoặc đã được thực hiện: hãy làm lại từ đầu."))
            return redirect("unit_admin:tree")
        unit = Unit.objects.filter(pk=pending["unit"]).first()
        if "cancel" in request.POST or unit is None:
            request.session.pop(SESSION_KEY)
            messages.info(request, _("Đã hủy, không có gì thay đổi."))
            return redirect("unit_admin:unit", unit.pk) if unit else redirect("unit_admin:tree")
        self.unit = unit
        form = FORMS[pending["action"]][1](MultiValueDict(pending["data"]), unit=unit)
        confirm_form = ConfirmForm(request.POST)
        plan = None
        try:
            if not form.is_valid():
                raise reorg.ReorganisationError([error for errors in form.errors.values() for error in errors])
            plan = form.plan(timezone.localdate())
            if not confirm_form.is_valid():
                return self.render_preview(plan, pending["token"], confirm_form)
            plan = form.plan(confirm_form.cleaned_data["effective_on"])
            done = reorg.apply(plan, request.user, confirm_form.cleaned_data["decision"])
        except reorg.ReorganisationError as refused:
            if plan is None:
                request.session.pop(SESSION_KEY)
                for message in refused.messages:
                    messages.error(request, message)
                return redirect("unit_admin:unit", unit.pk)
            return self.render_preview(plan, pending["token"], confirm_form, refused.messages)
        request.session.pop(SESSION_KEY)
        messages.success(
            request,
            _("Đã thực hiện: %(kind)s, có hiệu lực từ %(date)s. %(count)d cán bộ chuyển đơn vị.")
            % {
                "kind": done.get_kind_display(),
                "date": format_date(done.effective_on),
                "count": done.summary.get("cadres_moved", 0),
            },
        )
        successors = done.successions.select_related("new_unit").first()
        return redirect("unit_admin:unit", successors.new_unit_id if successors else unit.pk)
