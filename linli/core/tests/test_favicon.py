from django.test import Client


def test_the_browsers_favicon_request_finds_the_icon():
    """The admin and the API docs link no icon: the browser's /favicon.ico must not be a 404 (it was
    one, logged as a console error and flaking the CSP browser test)."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg") and "/static/linli/favicon" in response["Location"]
