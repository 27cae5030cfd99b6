from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo loader (`manage.py load_demo`): the top layer, the one place that calls every app's demo data."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
