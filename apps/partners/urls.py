from django.urls import path

from apps.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("join/", views.join, name="join"),
    path("members/", views.memberships, name="memberships"),
    path("members/<int:pk>/approve/", views.membership_approve, name="membership_approve"),
    path("members/<int:pk>/refuse/", views.membership_refuse, name="membership_refuse"),
    path("members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative"),
    path("initiatives/<int:pk>/contacts/<int:person_pk>/remove/", views.contact_remove, name="contact_remove"),
    path("initiatives/<int:pk>/outcomes/<int:outcome_pk>/delete/", views.outcome_delete, name="outcome_delete"),
    path("spaces/<int:pk>/", views.space_detail, name="space"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
]
