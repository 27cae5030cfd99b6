"""A manager's scheduled report emails: subscribe to a unit's roll-up (weekly or monthly), see and cancel them."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from units.models import Unit
from units.scope import OutOfScope, can_view_unit, restrict, units_in_scope

from .. import subscriptions
from ..forms import subject_choices
from ..models import Frequency, ReportSubscription
from .common import can_view_reports


class SubscriptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), empty_label=None)
    subject = forms.ChoiceField(label=_("Báo cáo về"), required=False)
    frequency = forms.ChoiceField(label=_("Định kỳ"), choices=Frequency.choices)
    attach = forms.BooleanField(label=_("Đính kèm tệp Excel"), required=False, initial=True)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units_in_scope(user).filter(is_active=True).order_by("path")
        self.fields["unit"].error_messages["invalid_choice"] = _("Đơn vị này nằm ngoài phạm vi bạn được xem báo cáo.")
        self.fields["subject"].choices = subject_choices()

    def clean(self):
        data = super().clean()
        if not self.user.email:
            raise forms.ValidationError(
                _("Tài khoản của bạn chưa có địa chỉ email: hãy thêm email ở trang tài khoản rồi đăng ký.")
            )
        if (
            data.get("unit")
            and ReportSubscription.objects.filter(
                user=self.user, unit=data["unit"], frequency=data.get("frequency"), subject=data.get("subject") or ""
            ).exists()
        ):
            raise forms.ValidationError(_("Bạn đã đăng ký nhận báo cáo này."))
        return data


class SubscriptionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/subscriptions.html"
    page_title = _("Nhận báo cáo định kỳ qua email")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise OutOfScope(_("Bạn chưa được giao quản lý đơn vị nào nên chưa có báo cáo để đăng ký."))
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        if self.request.method == "POST":
            return SubscriptionForm(self.request.user, self.request.POST)
        initial = {"unit": self.request.GET.get("unit"), "subject": self.request.GET.get("subject", "")}
        return SubscriptionForm(self.request.user, initial=initial)

    def post(self, request):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            ReportSubscription.objects.create(
                user=request.user,
                unit=data["unit"],
                subject=data["subject"] or "",
                frequency=data["frequency"],
                attach=data["attach"],
            )
            messages.success(
                request, _t("Đã đăng ký: báo cáo sẽ được gửi tới %(email)s.") % {"email": request.user.email}
            )
            return redirect("unit_reports:subscriptions")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own = restrict(self.request.user, ReportSubscription.objects.select_related("unit")).order_by("created_at")
        context.update(
            form=kwargs.get("form") or self.get_form(),
            subscriptions=[
                {
                    "subscription": subscription,
                    "subject": subscriptions.subject_text(subscription),
                    "in_scope": can_view_unit(self.request.user, subscription.unit),
                    "last": subscription.deliveries.order_by("-sent_at").first(),
                    "cancel_url": reverse("unit_reports:subscription_cancel", args=[subscription.pk]),
                }
                for subscription in own
            ],
            email=self.request.user.email,
        )
        return context


class CancelView(View):
    def post(self, request, pk):
        subscription = get_object_or_404(restrict(request.user, ReportSubscription.objects.all()), pk=pk)
        subscription.delete()
        messages.success(request, _t("Đã hủy nhận báo cáo định kỳ."))
        return redirect("unit_reports:subscriptions")
