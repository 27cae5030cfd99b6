"""Admin: anonymise one person (administrators only), reached from the cadre list and the user list."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from units import scope
from units.people import learner_name, learning_history

from . import anonymise
from .forms import AnonymiseForm

NAMESPACE = "privacy_admin"


class AnonymiseView(WagtailAdminTemplateMixin, FormView):
    template_name = "privacy/admin/anonymise.html"
    form_class = AnonymiseForm
    header_icon = "user"
    page_title = gettext_lazy("Ẩn danh hóa dữ liệu cá nhân")

    def dispatch(self, request, *args, **kwargs):
        if not scope.is_administrator(request.user):
            raise PermissionDenied
        users = scope.restrict(request.user, get_user_model().objects.select_related("cadre__unit"))
        self.person = get_object_or_404(users, pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return learner_name(self.person)

    def get_context_data(self, **kwargs):
        try:
            anonymise.check_allowed(self.request.user, self.person)
            refusal = ""
        except anonymise.AnonymisationError as error:
            refusal = str(error)
        return super().get_context_data(
            person=self.person,
            cadre=getattr(self.person, "cadre", None),
            history=learning_history(self.person),
            refusal=refusal,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            anonymise.check_allowed(self.request.user, self.person)
            anonymise.anonymise(
                self.person, by=self.request.user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
            )
        except anonymise.AnonymisationError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        messages.success(
            self.request,
            _(
                "Đã ẩn danh hóa: thông tin cá nhân đã xóa, tài khoản đã khóa; "
                "kết quả học tập được giữ dưới dạng ẩn danh."
            ),
        )
        return redirect(reverse("cadres:index"))


urlpatterns = [path("<int:user_id>/", AnonymiseView.as_view(), name="anonymise")]
