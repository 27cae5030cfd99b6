from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from elearn.audit import register
from units.scope import is_administrator

from . import admin_views, anonymise, corrections, exporting
from .viewsets import CorrectionViewSet

correction_viewset = CorrectionViewSet(corrections.ADMIN_VIEWSET)


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    register(actions, exporting.ACTIONS)
    register(actions, corrections.ACTIONS)
    register(actions, anonymise.ACTIONS)


@hooks.register("register_admin_viewset")
def register_correction_viewset():
    return correction_viewset


@hooks.register("register_organisation_menu_item")
def register_correction_menu_item():
    return correction_viewset.get_menu_item(order=270)


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [
        path(
            "an-danh-hoa/",
            include((admin_views.urlpatterns, admin_views.NAMESPACE), namespace=admin_views.NAMESPACE),
        )
    ]


def _anonymise_item(user, person):
    if not hasattr(user, "_is_administrator"):  # once per request, not once per row
        user._is_administrator = is_administrator(user)
    if not user._is_administrator or person.pk == user.pk:
        return []
    cadre = getattr(person, "cadre", None)
    anonymised = cadre.anonymised_at is not None if cadre is not None else hasattr(person, "anonymisation")
    if anonymised:
        return []
    url = reverse(f"{admin_views.NAMESPACE}:anonymise", args=[person.pk])
    return [MenuItem(_("Ẩn danh hóa dữ liệu cá nhân"), url, icon_name="user", priority=90)]


@hooks.register("register_cadre_listing_buttons")
def cadre_anonymise_button(cadre, user):
    return _anonymise_item(user, cadre.user)


@hooks.register("register_user_listing_buttons")
def user_anonymise_button(user, request_user):
    """Also on Wagtail's user list, for accounts without a cadre record (an SSO-created learner)."""
    return _anonymise_item(request_user, user)


@hooks.register("register_account_links")
def my_data_links(request):
    """On "Tài khoản của tôi" (accounts): the way to one's copy of one's data, and to correcting one's record."""
    links = [(_("Tải bản sao dữ liệu cá nhân của tôi"), reverse("privacy:mine"))]
    if getattr(request.user, "cadre", None) is not None:
        links.append((_("Đề nghị sửa thông tin cá nhân"), reverse("privacy:corrections")))
    return links
