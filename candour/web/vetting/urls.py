"""The vetting register (docs/vetting.md)."""

from django.urls import path

from candour.web.vetting import views

urlpatterns = [
    path("vetting/", views.vetting_register, name="vetting_register"),
    path("vetting/clearances/new/", views.vetting_clearance_add, name="vetting_clearance_add"),
    path("vetting/clearances/<uuid:clearance_uuid>/", views.vetting_clearance, name="vetting_clearance"),
    path("vetting/clearances/<uuid:clearance_uuid>/aftercare/", views.vetting_aftercare, name="vetting_aftercare"),
    path("vetting/clearances/<uuid:clearance_uuid>/review/", views.vetting_review_open,
         name="vetting_review_open"),
    path("vetting/clearances/<uuid:clearance_uuid>/withdrawal/", views.vetting_withdrawal_start,
         name="vetting_withdrawal_start"),
    path("vetting/reviews/<uuid:review_uuid>/", views.vetting_review, name="vetting_review"),
    path("vetting/reviews/<uuid:review_uuid>/decide/", views.vetting_review_decide, name="vetting_review_decide"),
    path("vetting/withdrawals/<uuid:assessment_uuid>/", views.vetting_withdrawal, name="vetting_withdrawal"),
    path("vetting/withdrawals/<uuid:assessment_uuid>/<slug:step>/", views.vetting_withdrawal_step,
         name="vetting_withdrawal_step"),
]
