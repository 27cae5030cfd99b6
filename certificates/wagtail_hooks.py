from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from elearn.audit import register

from . import admin_views, issuing
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Mẫu chứng nhận")
    list_display = ["name", "issuer", "orientation"]
    search_fields = ["name", "issuer"]


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_certificate_register():
    return admin_views.RegisterViewSet("certificates_admin")


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "chung-nhan-hang-loat/",
            include((admin_views.urlpatterns, admin_views.NAMESPACE), namespace=admin_views.NAMESPACE),
        )
    ]


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    register(actions, issuing.ACTIONS)
