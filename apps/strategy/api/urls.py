from rest_framework.routers import SimpleRouter

from apps.strategy.api import views

router = SimpleRouter()
router.register("strategy-goals", views.StrategyGoalViewSet, basename="strategy-goal")

urlpatterns = router.urls
