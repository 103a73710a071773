from django.urls import path

from apps.strategy import views

app_name = "strategy"

urlpatterns = [
    path("goals/options.json", views.goal_options, name="goal_options"),
]
