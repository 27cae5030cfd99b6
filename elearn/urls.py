from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from elearn.health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    # The admin has no login page of its own: the site's, with its lockout and second factor.
    path("admin/", include("accounts.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("accounts.urls")),
    path("tai-khoan/", include("accounts.allauth_urls")),
    path("tai-khoan/", include("privacy.urls")),
    path("hoc-tap/", include("courses.urls")),
    path("bai-kiem-tra/", include("quizzes.urls")),
    path("h5p/", include("h5p.urls")),
    path("captcha/", include("captcha.urls")),
    path("tim-kiem/", include("home.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "home.errors.permission_denied"
handler404 = "home.errors.page_not_found"

# Public pages: Wagtail's serving, cached for anonymous visitors (home.page_cache); then Wagtail's _util/ views.
urlpatterns += [path("", include("home.serving")), path("", include(wagtail_urls))]
