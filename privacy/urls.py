from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("du-lieu-cua-toi/", views.my_data, name="mine"),
    path("du-lieu-cua-toi/tao/", views.request_copy, name="request"),
    path("du-lieu-cua-toi/<int:pk>/trang-thai/", views.status, name="status"),
    path("du-lieu-cua-toi/<int:pk>/tai-ve/", views.download, name="download"),
    path("sua-thong-tin/", views.my_corrections, name="corrections"),
]
