from django.urls import path

from candour.web.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/email/", views.notification_preference, name="notification_preference"),
    path("notifications/<uuid:notification>/read/", views.notification_read, name="notification_read"),
]
