from django.urls import path

from candour.web import views, views_casework

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("queue/", views.queue, name="queue"),
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
    path("cases/<str:reference>/steps/<slug:step>/", views_casework.case_step, name="case_step"),
    path("cases/<str:reference>/investigator/", views_casework.case_investigator, name="case_investigator"),
    path("cases/<str:reference>/subjects/<uuid:subject_uuid>/<slug:what>/", views_casework.case_subject,
         name="case_subject"),
    path("cases/<str:reference>/requests/", views_casework.case_request_add, name="case_request_add"),
    path("cases/<str:reference>/update/", views_casework.case_update, name="case_update"),
    path("cases/<str:reference>/documents/notice/<uuid:subject_uuid>/", views_casework.document_notice,
         name="document_notice"),
    path("cases/<str:reference>/documents/outcome-letter/", views_casework.document_outcome_letter,
         name="document_outcome_letter"),
    path("cases/<str:reference>/documents/progress-report/", views_casework.document_progress_report,
         name="document_progress_report"),
    path("cases/<str:reference>/notices/<uuid:notice_uuid>/response/", views_casework.notice_response,
         name="notice_response"),
    path("cases/<str:reference>/requests/<uuid:request_uuid>/answered/", views_casework.case_request_answered,
         name="case_request_answered"),
    path("cases/<str:reference>/panel/", views_casework.case_panel, name="case_panel"),
    path("cases/<str:reference>/appeals/<uuid:appeal_uuid>/<slug:what>/", views_casework.case_appeal,
         name="case_appeal"),
    path("cases/<str:reference>/reviews/<uuid:review_uuid>/", views_casework.case_review, name="case_review"),
    path("cases/<str:reference>/cps/", views_casework.case_cps, name="case_cps"),
    path("cases/<str:reference>/cps/<uuid:referral_uuid>/", views_casework.case_cps_decision,
         name="case_cps_decision"),
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer_detail"),
    path("officers/<uuid:officer_uuid>/protected-characteristics/",
         views.officer_protected_characteristics, name="officer_protected_characteristics"),
]
