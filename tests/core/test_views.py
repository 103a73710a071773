import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"  # pragma: allowlist secret
WRONG = "wrong"  # pragma: allowlist secret


@pytest.mark.parametrize("url_name", ["home", "sectors:person_directory"])
def test_pages_send_anonymous_visitors_to_the_login_page(client, url_name):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_the_admin_also_requires_a_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_login_page_is_open_and_has_a_form(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_logging_in_leads_home(client, make_user):
    make_user(username="aino", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "aino", "password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert response.context["user"].username == "aino"
    assert response.redirect_chain[-1][0] == reverse("home")


def test_a_wrong_password_is_refused_with_a_message(client, make_user):
    make_user(username="aino", password=PASSWORD)

    response = client.post(reverse("login"), {"username": "aino", "password": WRONG})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert response.context["form"].non_field_errors()


def test_home_shows_the_main_landmarks_to_a_logged_in_user(official_client):
    response = official_client.get(reverse("home"))

    content = response.content.decode()
    assert response.status_code == 200
    for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link"'):
        assert landmark in content


def test_healthz_is_open_and_reports_database_and_broker(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "static": "ok"}


def test_healthz_answers_a_local_probe_whatever_the_host_name(client, settings):
    # given a deployment that serves only its public name
    settings.ALLOWED_HOSTS = ["silta.example.fi"]

    # when the container's health check asks by address
    response = client.get(reverse("healthz"), HTTP_HOST="127.0.0.1:8000")

    # then it gets the health, while any other page still refuses the unknown host
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert client.get(reverse("login"), HTTP_HOST="127.0.0.1:8000").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_is_down(client, unused_tcp_port):
    original_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(unused_tcp_port)  # nothing listens there: a real refused connection
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down"


def test_healthz_reports_a_broker_outage_but_stays_up(client, settings, unused_tcp_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{unused_tcp_port}/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down", "static": "ok"}
