from rest_framework.routers import SimpleRouter

from apps.initiatives.api import views

router = SimpleRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("funding", views.FundingViewSet, basename="funding")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("themes", views.ThemeViewSet, basename="theme")

urlpatterns = router.urls
