from rest_framework.routers import SimpleRouter

from apps.sectors.api import views

router = SimpleRouter()
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("units", views.UnitViewSet, basename="unit")
router.register("persons", views.PersonViewSet, basename="person")

urlpatterns = router.urls
