"""Admin screens where administrators define emulation schemes and periods (Wagtail model viewsets, in Settings)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EmulationPeriod, EmulationScheme


class EmulationPeriodForm(WagtailAdminModelForm):
    """Refuses to change a period whose figures are frozen: the administrator reopens it first."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.current_snapshot() is not None:
            raise ValidationError(
                _("Kỳ thi đua này đã khóa số liệu: hãy mở lại kỳ (ghi lý do) trước khi sửa."), code="frozen"
            )
        return cleaned


class EmulationSchemeViewSet(ModelViewSet):
    model = EmulationScheme
    name = "emulation_schemes"
    url_prefix = "bo-tieu-chi-thi-dua"
    icon = "list-ol"
    menu_label = _("Bộ tiêu chí thi đua")
    add_to_settings_menu = True
    list_display = ["name", "excellent_from", "good_from", "complete_from"]
    search_fields = ["name"]
    inspect_view_enabled = False


class EmulationPeriodViewSet(ModelViewSet):
    model = EmulationPeriod
    name = "emulation_periods_admin"
    url_prefix = "ky-thi-dua"
    icon = "date"
    menu_label = _("Kỳ thi đua")
    add_to_settings_menu = True
    list_display = ["name", "start_on", "end_on", "issuer"]
    search_fields = ["name"]
    inspect_view_enabled = False
    edit_handler = ObjectList(EmulationPeriod.panels, base_form_class=EmulationPeriodForm)
