from django.urls import path

from candour.web.cases import documents, views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("queue/", views.queue, name="queue"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
    path("cases/<str:reference>/steps/<slug:step>/", views.case_step, name="case_step"),
    path("cases/<str:reference>/investigator/", views.case_investigator, name="case_investigator"),
    path("cases/<str:reference>/subjects/<uuid:subject_uuid>/<slug:what>/", views.case_subject,
         name="case_subject"),
    path("cases/<str:reference>/requests/", views.case_request_add, name="case_request_add"),
    path("cases/<str:reference>/update/", views.case_update, name="case_update"),
    path("cases/<str:reference>/contact/", views.case_contact, name="case_contact"),
    path("cases/<str:reference>/documents/notice/<uuid:subject_uuid>/", documents.document_notice,
         name="document_notice"),
    path("cases/<str:reference>/documents/outcome-letter/", documents.document_outcome_letter,
         name="document_outcome_letter"),
    path("cases/<str:reference>/documents/progress-report/", documents.document_progress_report,
         name="document_progress_report"),
    path("cases/<str:reference>/notices/<uuid:notice_uuid>/response/", views.notice_response,
         name="notice_response"),
    path("cases/<str:reference>/requests/<uuid:request_uuid>/answered/", views.case_request_answered,
         name="case_request_answered"),
    path("cases/<str:reference>/panel/", views.case_panel, name="case_panel"),
    path("cases/<str:reference>/appeals/<uuid:appeal_uuid>/<slug:what>/", views.case_appeal,
         name="case_appeal"),
    path("cases/<str:reference>/reviews/<uuid:review_uuid>/", views.case_review, name="case_review"),
    path("cases/<str:reference>/cps/", views.case_cps, name="case_cps"),
    path("cases/<str:reference>/cps/<uuid:referral_uuid>/", views.case_cps_decision, name="case_cps_decision"),
]
