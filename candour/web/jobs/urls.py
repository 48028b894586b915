from django.urls import path

from candour.web.jobs import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("administration/jobs/", views.jobs_page, name="jobs"),
    path("administration/jobs/tasks/<uuid:task>/retry/", views.task_retry_view, name="task_retry"),
]
