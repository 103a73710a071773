import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_api_answers_anonymous_callers_with_json_not_a_login_redirect():
    response = APIClient().get(reverse("schema"), {"format": "json"})

    assert response.status_code in (401, 403)
    assert "Authentication credentials were not provided" in response.content.decode()


def test_a_token_opens_the_openapi_schema(official):
    token = Token.objects.create(user=official)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get(reverse("schema"), {"format": "json"})

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_docs_page_uses_self_hosted_assets(official_client):
    response = official_client.get(reverse("api-docs"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui" in content
    assert "cdn" not in content.lower()


@pytest.mark.parametrize("name", ["api-docs", "api-redoc"])
def test_the_docs_pages_send_an_anonymous_visitor_to_the_login(client, name):
    # when someone not logged in opens the API documentation in a browser
    response = client.get(reverse(name))

    # then they are asked to log in and come back, not shown a bare 403
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse(name)}"


def test_the_schema_documents_throttling_size_refusals_and_the_id_list_cap(official_client):
    schema = official_client.get(reverse("schema"), {"format": "json"}).json()

    create = schema["paths"]["/api/v1/initiatives/"]["post"]["responses"]
    assert {"413", "429"} <= set(create)
    assert "429" in schema["paths"]["/api/v1/themes/"]["get"]["responses"]
    themes = schema["components"]["schemas"]["Initiative"]["properties"]["themes"]
    assert themes["maxItems"] == 1000


def test_the_schema_documents_the_personal_token_scheme(official_client):
    schema = official_client.get(reverse("schema"), {"format": "json"}).json()

    token_auth = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token_auth["type"], token_auth["in"], token_auth["name"]) == ("apiKey", "header", "Authorization")
    assert "/account/tokens/" in token_auth["description"]
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/initiatives/"]["get"]["security"]
