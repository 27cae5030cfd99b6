from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("xac-thuc/", views.lookup, name="lookup"),
    path("xac-thuc/<str:code>/", views.verify, name="verify"),
    path("chung-nhan/", views.mine, name="mine"),
    path("chung-nhan/<str:code>/tai-ve/", views.download, name="download"),
]
