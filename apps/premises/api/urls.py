from rest_framework.routers import SimpleRouter

from apps.premises.api import views

router = SimpleRouter()
router.register("spaces", views.SpaceViewSet, basename="space")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("series", views.SeriesViewSet, basename="booking-series")

urlpatterns = router.urls
