from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.api import api

from . import health, pwa, views

urlpatterns = [
    path("sante/", health.health, name="health"),
    # One login for everyone, with allauth's second factor: Wagtail's own form would skip it.
    path(
        "gestion/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("gestion/", include(wagtailadmin_urls)),
    path("comptes/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("annonces.urls")),
    path("", include("search.urls")),
    path("api/", api.urls),
    # The language switcher's POST (Django's view: a cookie, then back to `next`).
    # Exempt from CSRF: the worst a forged post can do is switch a visitor's language, and
    # a token in the switcher (on every page) would keep every page out of the page cache.
    path("langue/", csrf_exempt(set_language), name="set_language"),
    path("adresses/suggestions/", views.address_suggestions, name="address_suggestions"),
    path("adresses/position/", views.position_label, name="position_label"),
    path("manifest.webmanifest", pwa.manifest, name="pwa_manifest"),
    path("sw.js", pwa.service_worker, name="pwa_service_worker"),
    path("hors-ligne/", pwa.offline, name="pwa_offline"),
    path("", include("cms.urls")),  # sitemap.xml, robots.txt, news feeds, iCalendar
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# allauth answers its own rate limits (logins, sign-ups, resets) with this page too.
handler429 = "reemploi.throttling.too_many_requests"
# A database away (PostgreSQL restarting) answers a 503 page; anything else the 500 page.
handler500 = "reemploi.outage.server_error"

# Wagtail serves every other path from its page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
