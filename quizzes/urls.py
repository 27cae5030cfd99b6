from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/", views.detail, name="detail"),
    path("<int:quiz_id>/bat-dau/", views.start, name="start"),
    path("luot/<int:attempt_id>/", views.attempt, name="attempt"),
    path("luot/<int:attempt_id>/luu/", views.save, name="save"),
    path("luot/<int:attempt_id>/nop-bai/", views.submit, name="submit"),
    path("luot/<int:attempt_id>/chuyen-thiet-bi/", views.take_over, name="take_over"),
    path("luot/<int:attempt_id>/ket-qua/", views.result, name="result"),
]
