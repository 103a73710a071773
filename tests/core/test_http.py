import pytest
from django.test import RequestFactory

from apps.core.http import client_ip, safe_next_url

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no proxy configured: a client cannot choose its address with the header
        (1, None, PROXY),  # no header: the connection's address
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "192.0.2.1, 203.0.113.7", "203.0.113.7"),  # what the client put in front is ignored
        (2, "192.0.2.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),  # load balancer, then nginx
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "not-an-address", PROXY),
    ],
)
def test_client_ip_follows_the_configured_proxy_depth(settings, proxies, forwarded_for, expected):
    settings.SILTA_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}

    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)

    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/dashboards/?period=year", "/dashboards/?period=year"),
        ("https://evil.example/", "/indicators/"),
        ("//evil.example/", "/indicators/"),
        ("", "/indicators/"),
        ("http://testserver/dashboards/", "http://testserver/dashboards/"),
    ],
)
def test_safe_next_url_keeps_only_this_sites_addresses(target, expected):
    request = RequestFactory().post("/indicators/recompute/", {"next": target})

    assert safe_next_url(request, "/indicators/") == expected
