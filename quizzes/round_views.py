"""Admin pages of a contest round's results: freeze, publish, reopen, the frozen list and its prize list files.

Thin views over quizzes.freezing and quizzes.prize_export. Organisers (who may change quizzes and see
every unit's results) freeze, publish and download; only an administrator reopens, with a reason.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from elearn.spreadsheets import attachment
from units import scope

from . import freezing, integrity, prize_export, ranking
from .models import Disqualification, IntegrityFlag, RoundSnapshot
from .report_views import XLSX_CONTENT_TYPE, QuizReportMixin

LINES_PER_PAGE = 100


class RoundMixin(QuizReportMixin):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.quiz.is_contest:
            raise Http404

    def dispatch(self, request, *args, **kwargs):
        # The frozen list names every participant of every unit: organisers and administrators only.
        if request.user.is_authenticated and not scope.sees_all_results(request.user):
            raise scope.OutOfScope(_("Chỉ Ban tổ chức và Quản trị được xem kết quả đợt thi của mọi đơn vị."))
        return super().dispatch(request, *args, **kwargs)

    def current_snapshot(self):
        return RoundSnapshot.objects.filter(quiz=self.quiz, reopened_at=None).select_related("frozen_by").first()

    def back(self):
        return redirect("quiz_reports:round", self.quiz.pk)


class RoundResultsView(RoundMixin, WagtailAdminTemplateMixin, TemplateView):
    """The round's state: live ranking size, the frozen list with each line's reason, prizes, earlier snapshots."""

    template_name = "quizzes/admin/round_results.html"
    page_title = gettext_lazy("Kết quả đợt thi")

    def get_header_buttons(self):
        return self.report_buttons("round")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = self.current_snapshot()
        lines = snapshot.lines.order_by("rank") if snapshot else []
        page = Paginator(lines, LINES_PER_PAGE).get_page(self.request.GET.get("p")) if snapshot else None
        context.update(
            quiz=self.quiz,
            snapshot=snapshot,
            lines=page,
            unit_lines=snapshot.unit_lines.order_by("rank") if snapshot else [],
            intact=snapshot.computed_checksum() == snapshot.checksum if snapshot else None,
            earlier=RoundSnapshot.objects.filter(quiz=self.quiz)
            .exclude(reopened_at=None)
            .select_related("frozen_by", "reopened_by"),
            summary=ranking.contest_summary(self.quiz),
            closed=self.quiz.has_closed(),
            can_freeze=freezing.can_freeze(self.request.user),
            can_reopen=scope.is_administrator(self.request.user),
            tiers=list(self.quiz.prize_tiers.order_by("sort_order")),
            unit_tiers=list(self.quiz.unit_prize_tiers.order_by("sort_order")),
            flags=IntegrityFlag.objects.filter(quiz=self.quiz, reviewed=False).select_related("user__cadre")[:200],
            flag_count=IntegrityFlag.objects.filter(quiz=self.quiz, reviewed=False).count(),
            disqualifications=Disqualification.objects.filter(quiz=self.quiz).select_related(
                "user__cadre", "decided_by"
            ),
        )
        return context


class FreezeView(RoundMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            snapshot = freezing.freeze(self.quiz, request.user)
        except freezing.FreezeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã chốt kết quả: %(count)s người được xếp hạng, mã kiểm tra %(checksum)s.")
                % {"count": snapshot.participants, "checksum": snapshot.checksum[:16]},
            )
        return self.back()


class PublishView(RoundMixin, View):
    def post(self, request, *args, **kwargs):
        if not freezing.can_freeze(request.user):
            raise scope.OutOfScope(_("Chỉ Ban tổ chức được công bố kết quả đợt thi."))
        self.quiz.ranking_published = request.POST.get("publish") == "1"
        self.quiz.save(update_fields=["ranking_published"])
        messages.success(
            request,
            _("Đã công bố kết quả trên trang cuộc thi.")
            if self.quiz.ranking_published
            else _("Đã thôi công bố kết quả."),
        )
        return self.back()


class ReopenView(RoundMixin, View):
    def post(self, request, *args, **kwargs):
        snapshot = self.current_snapshot()
        if snapshot is None:
            messages.error(request, _("Đợt thi chưa được chốt kết quả."))
            return self.back()
        try:
            freezing.reopen(snapshot, request.user, request.POST.get("reason", ""))
        except freezing.FreezeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã mở lại kết quả. Kết quả đã chốt trước đó vẫn được lưu."))
        return self.back()


class DisqualifyView(RoundMixin, View):
    def post(self, request, *args, **kwargs):
        user = get_user_model().objects.filter(pk=request.POST.get("user")).first()
        if user is None or not IntegrityFlag.objects.filter(quiz=self.quiz, user=user).exists():
            messages.error(request, _("Chỉ loại được người dự thi có dấu hiệu bất thường trong đợt thi này."))
            return self.back()
        try:
            integrity.disqualify(self.quiz, user, request.user, request.POST.get("reason", ""))
        except integrity.DecisionError as error:
            messages.error(request, str(error))
        else:
            text = _("Đã loại người dự thi khỏi bảng xếp hạng của đợt thi.")
            if self.current_snapshot() is not None:
                text += " " + _("Kết quả đã chốt không đổi: mở lại và chốt lại để danh sách giải thay đổi.")
            messages.success(request, text)
        return self.back()


class FlagDismissView(RoundMixin, View):
    def post(self, request, *args, **kwargs):
        if not freezing.can_freeze(request.user):
            raise scope.OutOfScope(_("Chỉ Ban tổ chức được xem xét dấu hiệu bất thường."))
        IntegrityFlag.objects.filter(quiz=self.quiz, user_id=request.POST.get("user")).update(reviewed=True)
        messages.success(request, _("Đã ghi nhận: dấu hiệu đã được xem xét, không loại người dự thi."))
        return self.back()


class PrizeListView(RoundMixin, View):
    """The frozen round's prize decision list as .xlsx or .pdf."""

    formats = {
        "xlsx": (prize_export.prize_list_xlsx, XLSX_CONTENT_TYPE),
        "pdf": (prize_export.prize_list_pdf, "application/pdf"),
    }

    def get(self, request, *args, **kwargs):
        if not scope.sees_all_results(request.user):
            raise scope.OutOfScope(_("Chỉ Ban tổ chức và Quản trị được tải danh sách đạt giải."))
        snapshot = self.current_snapshot()
        if snapshot is None:
            raise Http404
        build, content_type = self.formats[kwargs["fmt"]]
        filename = f"danh-sach-dat-giai-{self.quiz.pk}-{timezone.localdate():%Y%m%d}.{kwargs['fmt']}"
        return attachment(build(snapshot), content_type, filename)


urlpatterns = [
    path("<int:pk>/round/", RoundResultsView.as_view(), name="round"),
    path("<int:pk>/round/freeze/", FreezeView.as_view(), name="round_freeze"),
    path("<int:pk>/round/publish/", PublishView.as_view(), name="round_publish"),
    path("<int:pk>/round/reopen/", ReopenView.as_view(), name="round_reopen"),
    path("<int:pk>/round/prizes.<str:fmt>", PrizeListView.as_view(), name="round_prizes"),
    path("<int:pk>/round/disqualify/", DisqualifyView.as_view(), name="round_disqualify"),
    path("<int:pk>/round/dismiss/", FlagDismissView.as_view(), name="round_dismiss"),
]
