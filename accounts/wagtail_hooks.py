from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.signals import published, unpublished
from wagtail.snippets.models import register_snippet

from elearn.audit import register

from . import admin_views, audit, privacy
from .models import PrivacyNotice


@hooks.register("register_admin_urls")
def register_activation_admin_urls():
    return [
        path("kich-hoat/", include((admin_views.urlpatterns, admin_views.NAMESPACE), namespace=admin_views.NAMESPACE))
    ]


@hooks.register("register_organisation_menu_item")
def register_activation_menu_item():
    return admin_views.SheetMenuItem(
        _("Phiếu kích hoạt"), reverse(f"{admin_views.NAMESPACE}:index"), icon_name="key", order=260
    )


register_snippet(PrivacyNotice)
published.connect(privacy.forget_live_revision, sender=PrivacyNotice, dispatch_uid="accounts.privacy.published")
unpublished.connect(privacy.forget_live_revision, sender=PrivacyNotice, dispatch_uid="accounts.privacy.unpublished")


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    register(actions, audit.ACTIONS)
    register(actions, privacy.ACTIONS)


@hooks.register("register_log_actions")
def register_activation_log_actions(actions):
    actions.register_action(
        admin_views.SHEET_ACTION, _("Cấp mã kích hoạt"), _("Cấp mã kích hoạt cho đơn vị (phiếu in hoặc email)")
    )
    actions.register_action(
        admin_views.DOWNLOAD_ACTION, _("Tải phiếu kích hoạt"), _("Tải phiếu kích hoạt (PDF, Excel)")
    )
    labels = {
        "reset": (_("Cấp lại quyền truy cập"), _("Cấp mã kích hoạt mới, kết thúc mọi phiên đăng nhập")),
        "deactivate": (_("Khóa tài khoản"), _("Khóa tài khoản")),
        "reactivate": (_("Mở lại tài khoản"), _("Mở lại tài khoản")),
    }
    for key, action in admin_views.PERSON_ACTIONS.items():
        actions.register_action(action, *labels[key])


@hooks.register("register_cadre_listing_buttons")
def cadre_access_button(cadre, user):
    """From the cadre list to the person's access page (new activation code, lock, unlock)."""
    if not hasattr(user, "_may_issue_access"):  # once per request, not once per row
        user._may_issue_access = admin_views.can_issue(user)
    if not user._may_issue_access:
        return []
    url = reverse(f"{admin_views.NAMESPACE}:person", args=[cadre.user_id])
    return [MenuItem(_("Quyền truy cập (mã kích hoạt, khóa)"), url, icon_name="key", priority=40)]
