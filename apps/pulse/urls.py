from django.urls import path

from apps.pulse import views

app_name = "pulse"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_new, name="new"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("answer/<str:signed>/", views.answer, name="answer"),
]
