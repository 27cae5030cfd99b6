from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from elearn.audit import register

from . import exporting


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    register(actions, exporting.ACTIONS)


@hooks.register("register_account_links")
def my_data_link(request):
    """On "Tài khoản của tôi" (accounts): the way to one's copy of one's data."""
    return [(_("Tải bản sao dữ liệu cá nhân của tôi"), reverse("privacy:mine"))]
