"""The pulse API: a respondent's answers through their link, and the rounds (grouped results only)."""

from __future__ import annotations

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.pulse import permissions, services
from apps.pulse.api.serializers import AnswersSerializer, RoundSerializer
from apps.pulse.models import PulseRound


class AnswersView(APIView):
    """PUT the answers of the invitation the signed token names (no login: the token is the proof). A rating
    outside 1–4 is a 400, a unit the respondent did not work with a 400, a closed round a 409."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=AnswersSerializer, responses={204: None})
    def put(self, request: Request, signed: str) -> Response:
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.pulse_answers_save(
            signed=signed,
            ratings=serializer.ratings_by_unit(),
            wished_units=serializer.validated_data["wished_units"],
            wished_persons=serializer.validated_data["wished_persons"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The rounds the user may see, with response rates and grouped results (too small groups say so only)."""

    serializer_class = RoundSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return PulseRound.objects.none()
        return (
            permissions.visible_rounds(self.request.user)
            .annotate(
                invited=Count("invitations", distinct=True),
                answered=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
            )
            .order_by("-closes_on", "-pk")
        )
