"""Past reorganisations and the old-code → new-code mapping, on a page and as an .xlsx download."""

import io

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.widgets import HeaderButton

from elearn.formatting import format_date, format_local
from elearn.spreadsheets import attachment

from ..models import Reorganisation, UnitSuccession
from .common import XLSX_CONTENT_TYPE, UnitAdminMixin

PER_PAGE = 30


class HistoryView(UnitAdminMixin, TemplateView):
    template_name = "units/admin/reorganisation_history.html"
    page_title = gettext_lazy("Lịch sử sắp xếp đơn vị")
    header_icon = "history"

    def get_header_buttons(self):
        return [
            HeaderButton(_("Tải bảng chuyển đổi mã (.xlsx)"), url=reverse("unit_admin:mapping"), icon_name="download")
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reorganisations = (
            Reorganisation.objects.select_related("performed_by")
            .prefetch_related("successions__new_unit")
            .order_by("-performed_at", "-pk")
        )
        page = Paginator(reorganisations, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page=page, reorganisations=page.object_list)
        return context


MAPPING_HEADERS = ["Mã cũ", "Tên cũ", "Mã mới", "Tên mới", "Loại sắp xếp", "Có hiệu lực từ", "Căn cứ", "Thực hiện lúc"]


def mapping_xlsx():
    """Every succession, oldest first: the old-code → new-code table."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chuyển đổi mã")
    sheet.append(MAPPING_HEADERS)
    successions = UnitSuccession.objects.select_related("reorganisation", "new_unit").order_by(
        "reorganisation__performed_at", "pk"
    )
    for succession in successions.iterator():
        reorganisation = succession.reorganisation
        sheet.append(
            [
                succession.old_code,
                succession.old_name,
                succession.new_unit.code,
                succession.new_unit.name,
                str(reorganisation.get_kind_display()),
                format_date(reorganisation.effective_on),
                reorganisation.decision,
                format_local(reorganisation.performed_at),
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class MappingExportView(UnitAdminMixin, View):
    def get(self, request):
        return attachment(mapping_xlsx(), XLSX_CONTENT_TYPE, "chuyen-doi-ma-don-vi.xlsx")
