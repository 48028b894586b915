from django.urls import path

from candour.web.privacy import views

urlpatterns = [
    path("data-protection/", views.processing_record, name="privacy"),
    path("data-protection/subject-access/", views.subject_access, name="privacy_subject_access"),
    path("data-protection/subject-access/download/", views.subject_access_download,
         name="privacy_subject_access_download"),
    path("data-protection/erasure/", views.erasure, name="privacy_erasure"),
]
