from rest_framework.routers import SimpleRouter

from apps.programmes.api import views

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")

urlpatterns = router.urls
