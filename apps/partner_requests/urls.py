from django.urls import path

from apps.partner_requests import views

app_name = "partner_requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_post, name="create"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/answer/", views.request_answer, name="answer"),
    path("<int:pk>/close/", views.request_close, name="close"),
]
