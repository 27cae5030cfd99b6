from django.urls import path

from . import serving, tracking_views

app_name = "h5p"

urlpatterns = [
    path("noi-dung/<uuid:folder>/<path:path>", serving.content_file, name="content_file"),
    path("thu-vien/<str:folder>/<path:path>", serving.library_file, name="library_file"),
    path("hoat-dong/<uuid:folder>/xapi/", tracking_views.xapi, name="xapi"),
    path("hoat-dong/<uuid:folder>/trang-thai/", tracking_views.state, name="state"),
]
