from rest_framework.routers import SimpleRouter

from apps.partner_requests.api import views

router = SimpleRouter()
router.register("partner-requests", views.PartnerRequestViewSet, basename="partner-request")

urlpatterns = router.urls
