from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from apps.indicators.computations.engine import compute_indicator
from apps.indicators.models import IndicatorValue

JAN = date(2025, 1, 1)
FEB = date(2025, 2, 1)


@pytest.fixture
def compute(db: None) -> Callable[..., int]:
    """Compute one indicator, by default for January 2025 by month; returns the rows written."""

    def run(code: str, *, kind: str = "month", since: date = JAN, until: date = FEB) -> int:
        return compute_indicator(code, period_kind=kind, since=since, until=until)

    return run


@pytest.fixture
def value_of(db: None) -> Callable[..., IndicatorValue | None]:
    """The stored value of an indicator for one scope and period, or None when no row was written."""

    def fetch(
        code: str, scope: str = "city", scope_id: int = 0, kind: str = "month", start: date = JAN
    ) -> IndicatorValue | None:
        return IndicatorValue.objects.filter(
            indicator__code=code, scope=scope, scope_id=scope_id, period_kind=kind, period_start=start
        ).first()

    return fetch


@pytest.fixture
def values_of(db: None) -> Callable[..., dict[tuple[str, int], tuple[float | None, float | None, float | None]]]:
    """Every stored row of an indicator for one period, as {(scope, scope_id): (numerator, denominator, value)}."""

    def fetch(code: str, kind: str = "month", start: date = JAN) -> dict:
        rows = IndicatorValue.objects.filter(indicator__code=code, period_kind=kind, period_start=start)
        return {(row.scope, row.scope_id): (row.numerator, row.denominator, row.value) for row in rows}

    return fetch


@pytest.fixture
def frozen_tcp_port() -> Iterator[int]:
    """A local TCP port that accepts connections and never answers: Redis frozen (a full disk, a stopped VM)."""
    server = socket.create_server(("127.0.0.1", 0), backlog=64)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for connection in accepted:
        connection.close()


@pytest.fixture
def broker_at(settings: object) -> Iterator[Callable[[str], None]]:
    """Point the Celery app (and the health check) at another broker, as if Redis had moved or gone away."""
    from config.celery import app

    original = app.conf.broker_url

    def point(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        app.conf.broker_url = url
        _drop_connections(app)

    yield point
    app.conf.broker_url = original
    _drop_connections(app)


def _drop_connections(app: object) -> None:
    """Close the app's broker connections and forget their pools: kombu keeps one pool per broker URL in a registry
    of its own, so a closed pool would come back ("Acquire on closed pool") once the original URL is restored."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
