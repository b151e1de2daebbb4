"""A local stand-in for the national address API, so geopy's real BANFrance can be tested offline.

It answers /search and /reverse on 127.0.0.1 in the API's GeoJSON format (GeoCodeJSON:
features with label, score, type, postcode, city, citycode), and can be told to fail
the ways the real one does: slow, 500, 429, malformed JSON.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def feature(
    label: str,
    lat: float,
    lon: float,
    *,
    kind: str = "housenumber",
    score: float = 0.95,
    postcode: str = "94400",
    city: str = "Vitry-sur-Seine",
    citycode: str = "94081",
) -> dict[str, Any]:
    """One result as the address API writes it (coordinates are lon, lat)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "label": label,
            "score": score,
            "type": kind,
            "postcode": postcode,
            "city": city,
            "citycode": citycode,
            "context": f"{citycode[:2]}, Val-de-Marne, Île-de-France",
            "importance": 0.6,
        },
    }


class FakeAddressAPI:
    """The server's state: what it answers next, and the queries it received."""

    def __init__(self) -> None:
        self.features: list[dict[str, Any]] = []
        self.reverse_features: list[dict[str, Any]] = []
        self.status = 200
        self.delay = 0.0
        self.body: bytes | None = None  # raw bytes instead of JSON, to send garbage
        self.queries: list[dict[str, list[str]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def domain(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    def answer(self, *features: dict[str, Any]) -> None:
        self.features = list(features)

    def fail(self, status: int) -> None:
        self.status = status

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlparse(self.path)
                api.queries.append({"path": [url.path], **parse_qs(url.query)})
                if api.delay:
                    time.sleep(api.delay)
                features = api.reverse_features if url.path == "/reverse" else api.features
                body = api.body
                if body is None:
                    payload = {
                        "type": "FeatureCollection",
                        "version": "draft",
                        "features": features,
                    }
                    body = json.dumps(payload).encode()
                try:
                    self.send_response(api.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    if api.status == 429:
                        self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def serving(settings) -> Iterator[FakeAddressAPI]:
    """The site's geocoder pointed at a fresh fake address API, with an empty cache.

    For a fixture: `yield from serving(settings)`.
    """
    from django.core.cache import caches

    api = FakeAddressAPI()
    api.start()
    settings.GEOCODER = "ban"
    settings.GEOCODER_DOMAIN = api.domain
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_TIMEOUT = 0.5
    settings.GEOCODER_MIN_DELAY = 0.0
    caches[settings.GEOCODER_CACHE_ALIAS].clear()
    yield api
    api.delay = 0.0
    api.stop()
    caches[settings.GEOCODER_CACHE_ALIAS].clear()
