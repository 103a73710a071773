from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from tests.accounts.factories import UserFactory
from tests.clients import UserClient


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests empty every table when they finish, the reference data of the data migrations (the
    indicator catalogue) included; serialized rollback puts it back before each of them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True), append=False
            )


@pytest.fixture(autouse=True)
def _empty_test_queue(request: pytest.FixtureRequest) -> None:
    """Tests with a real worker start from an empty test queue: no task left over from an earlier run."""
    if request.node.get_closest_marker("celery_worker"):
        from config.celery import app

        app.control.purge()


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """Each test starts in the default language. A request activates its language in the thread (LocaleMiddleware,
    ``?lang=``) and Django leaves it so; a test that calls a service after one in Swedish would get Swedish
    messages, depending on which tests ran before it."""
    yield
    translation.deactivate()


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """A user holding the given roles city-wide (a unit administrator's: for their home unit)."""

    def make(*roles: Role, **fields: object) -> User:
        user = UserFactory(**fields)
        for role in roles:
            scope = user.home_unit if role == Role.UNIT_ADMIN else None
            role_grant(by=None, user=user, role=role, scope=scope)
        return user

    return make


@pytest.fixture
def client_for(make_user: Callable[..., User]) -> Callable[..., UserClient]:
    """``client_for(Role.MANAGER, home_unit=unit)``: a client logged in as a new user holding those roles (none: a
    bare login); the user is ``.user`` on the client, the keywords are the user's fields."""

    def make(*roles: Role, **fields: object) -> UserClient:
        return UserClient(make_user(*roles, **fields))

    return make


@pytest.fixture
def official(make_user: Callable[..., User]) -> User:
    return make_user(Role.OFFICIAL)


@pytest.fixture
def official_client(official: User) -> UserClient:
    return UserClient(official)


@pytest.fixture
def manager_client(client_for: Callable[..., UserClient]) -> UserClient:
    """A manager (the dashboards and the indicator catalogue are theirs)."""
    return client_for(Role.MANAGER)


@pytest.fixture
def unused_tcp_port() -> int:
    """A local TCP port that nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def real_cache(settings: Any) -> Iterator[None]:
    """The per-process memory cache production uses, instead of the tests' dummy one; empty before and after."""
    from django.core.cache import cache

    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_settings(settings: Any, unused_tcp_port: int) -> int:
    """Mail goes to a real SMTP server on a free local port (start one there with tests.smtp.SmtpServer)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_tcp_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return unused_tcp_port


@pytest.fixture(autouse=True)
def _mail_tasks_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside tests with a real worker, the mail task runs in the test's process when it is queued (as
    CELERY_TASK_ALWAYS_EAGER would run it), so ``mail.outbox`` holds it once the on_commit callbacks have run."""
    if request.node.get_closest_marker("celery_worker"):
        return
    from apps.core.tasks import email_send_task

    def run_here(args: tuple = (), kwargs: dict | None = None, **options: Any) -> Any:
        return email_send_task.apply(args, kwargs)

    monkeypatch.setattr(email_send_task, "apply_async", run_here)
