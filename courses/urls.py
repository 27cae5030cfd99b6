from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ket-qua/", views.transcript, name="transcript"),
    path("khoa-hoc/<int:course_id>/ghi-danh/", views.enrol, name="enrol"),
    path("khoa-hoc/<int:course_id>/hoc-lai/", views.start_new_cycle, name="start_new_cycle"),
    path("bai-hoc/<int:lesson_id>/hoan-thanh/", views.complete_lesson, name="complete_lesson"),
    path("bai-hoc/<int:lesson_id>/thoi-gian/", views.lesson_time, name="lesson_time"),
]
