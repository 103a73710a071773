from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from apps.core.options import option_response
from apps.strategy.models import StrategyGoal


@require_GET
def goal_options(request: HttpRequest) -> JsonResponse:
    """Strategy goals whose code or title, in any language, contains the typed words (autocomplete)."""
    return option_response(request, StrategyGoal.objects.order_by("code"), fields=("code", "title"))
