from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.pulse.api.views import AnswersView, RoundViewSet

router = SimpleRouter()
router.register("pulse/rounds", RoundViewSet, basename="pulse-round")

urlpatterns = [
    path("pulse/answers/<str:signed>/", AnswersView.as_view(), name="pulse-answers"),
    *router.urls,
]
