"""config/urls.py plus the one include a new module adds."""

from django.urls import include, path

from config.urls import urlpatterns as base

urlpatterns = [*base, path("toy/", include("linli.console.tests.toy.urls"))]
