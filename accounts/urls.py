from django.urls import path

from . import views

app_name = "activation"

urlpatterns = [
    path("", views.activate, name="start"),
    path("mat-khau/", views.set_password, name="password"),
]
