"""Installable on a phone: the web app manifest, the service worker and its offline page.

The worker is served from the site's root (its scope is the folder it comes from) and
rendered as a template, so that it names the static files by their hashed URLs.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Bumped when the shell changes: a new worker then drops the old caches.
CACHE_VERSION = "shell-1"


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "pwa/manifest.webmanifest", content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)  # browsers check a worker at least daily; let them see updates
def service_worker(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pwa/sw.js",
        {"cache_version": CACHE_VERSION},
        content_type="application/javascript",
    )


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "pwa/offline.html")
