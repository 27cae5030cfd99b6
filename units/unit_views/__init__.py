"""Admin screens of the unit tree (administrators only): the tree, reorganisations, history, imports.

Thin views: the rules live in units.reorganisation, units.unit_import and units.provinces.
"""

from django.urls import path

from .common import can_manage_units
from .history import HistoryView, MappingExportView
from .imports import ProvinceImportView, UnitImportConfirmView, UnitImportView, UnitTemplateView
from .reorganise import ConfirmView, ReorganiseView
from .tree import AddChildView, UnitDetailView, UnitTreeView

__all__ = ["can_manage_units", "urlpatterns"]

urlpatterns = [
    path("", UnitTreeView.as_view(), name="tree"),
    path("<int:pk>/", UnitDetailView.as_view(), name="unit"),
    path("<int:pk>/them-don-vi/", AddChildView.as_view(), name="add_child"),
    path("<int:pk>/<slug:action>/", ReorganiseView.as_view(), name="reorganise"),
    path("sap-xep/xac-nhan/", ConfirmView.as_view(), name="confirm"),
    path("lich-su/", HistoryView.as_view(), name="history"),
    path("lich-su/chuyen-doi-ma.xlsx", MappingExportView.as_view(), name="mapping"),
    path("hanh-chinh/", ProvinceImportView.as_view(), name="provinces"),
    path("nhap/", UnitImportView.as_view(), name="import"),
    path("nhap/xac-nhan/", UnitImportConfirmView.as_view(), name="import_confirm"),
    path("nhap/tep-mau/", UnitTemplateView.as_view(), name="import_template"),
]
