"""Forms of the organisation app."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from elearn.text import normalize_code

from .membership import record_units
from .models import Cadre, Unit
from .roles import LEARNER


class UnitAdminForm(WagtailAdminModelForm):
    """Add a unit under its parent, or edit an existing unit's kind and managers.

    Renaming, recoding, moving and deactivating an existing unit are reorganisations: they go
    through the unit tree's previewed operations (units.reorganisation), which keep the history
    and the old-code mapping, so this form shows those fields read-only.
    """

    REORGANISED_FIELDS = ("code", "name", "is_active", "parent")

    parent = forms.ModelChoiceField(
        label=_("Đơn vị cấp trên"),
        queryset=Unit.objects.all(),
        required=False,
        help_text=_("Để trống nếu là đơn vị cấp cao nhất."),
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "is_active", "parent", "managers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = Unit.objects.exclude(path__startswith=self.instance.path)
            url = reverse("unit_admin:unit", args=[self.instance.pk])
            for name in self.REORGANISED_FIELDS:
                self.fields[name].disabled = True
            self.fields["parent"].help_text = format_html(
                _(
                    'Đổi tên, đổi mã, chuyển hoặc ngừng hoạt động đơn vị tại <a href="{}">trang đơn vị trong cây</a> '
                    "(có xem trước và lưu lịch sử)."
                ),
                url,
            )

    def save(self, commit=True):
        unit = super().save(commit=False)
        parent = self.cleaned_data.get("parent")
        with transaction.atomic():
            if unit.pk is None:
                unit = parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)
            else:
                unit.save()
            self.instance = unit
            self.save_m2m()
        return unit


class CadreAdminForm(WagtailAdminModelForm):
    """Add or edit a cadre; a new cadre gets a login account named by the staff code."""

    email = forms.EmailField(label=_("Email"), required=False)

    class Meta:
        model = Cadre
        fields = ["full_name", "staff_code", "email", "unit", "position", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_staff_code(self):
        code = normalize_code(self.cleaned_data["staff_code"])
        users = get_user_model()._default_manager.filter(username__iexact=code)
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(_("Mã cán bộ này trùng với một tài khoản đã có."))
        return code

    def save(self, commit=True):
        cadre = super().save(commit=False)
        with transaction.atomic():
            if cadre.user_id is None:
                user = get_user_model()(username=cadre.staff_code, email=self.cleaned_data["email"])
                user.set_unusable_password()
                user.save()
                user.groups.add(Group.objects.get_or_create(name=LEARNER)[0])
                cadre.user = user
            else:
                cadre.user.email = self.cleaned_data["email"]
                cadre.user.save(update_fields=["email"])
            cadre.save()
            record_units([cadre.pk])
        return cadre
