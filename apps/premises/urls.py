from django.urls import path

from apps.premises import views

app_name = "premises"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("export.csv", views.catalogue_export, name="catalogue_export"),
    path("export.xlsx", views.catalogue_export, {"file_format": "xlsx"}, name="catalogue_export_xlsx"),
    path("find/", views.find_free_space, name="find_free_space"),
    path("spaces/<int:pk>/", views.space_detail, name="space_detail"),
    path("spaces/<int:pk>/edit/", views.space_edit, name="space_edit"),
    path("spaces/<int:pk>/book/", views.booking_create, name="booking_create"),
    path("my/", views.my_bookings, name="my_bookings"),
    path("my/export.csv", views.my_bookings_export, name="my_bookings_export"),
    path("my/export.xlsx", views.my_bookings_export, {"file_format": "xlsx"}, name="my_bookings_export_xlsx"),
    path("my/feed/renew/", views.feed_renew, name="feed_renew"),
    path("requests/", views.request_queue, name="request_queue"),
    path("requests/export.csv", views.request_queue_export, name="request_queue_export"),
    path("requests/export.xlsx", views.request_queue_export, {"file_format": "xlsx"}, name="request_queue_export_xlsx"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/decide/", views.booking_decide, name="booking_decide"),
    path("series/<int:pk>/cancel/", views.series_cancel, name="series_cancel"),
    path("series/<int:pk>/decide/", views.series_decide, name="series_decide"),
    path("feeds/spaces/<int:pk>.ics", views.space_feed, name="space_feed"),
    path("feeds/users/<str:token>.ics", views.user_feed, name="user_feed"),
]
