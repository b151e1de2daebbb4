"""The walk through the proxy: what a territory's visitors, staff and requesters do first.

Each step is a function of the Walk; __main__ times them and prints one line each.
Everything goes through nginx's HTTPS port as a browser would (cookies, CSRF token,
Origin header), except the commands an administrator types (manage.py, backup, restore).
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import time
import urllib.parse
from pathlib import Path

import requests
from PIL import Image

from .faults import fault_run_step
from .forms import form_values, option_value
from .mailbox import Mailbox, text_of
from .stack import BACKUP_COMMAND, HEALTHCHECK, HOST, RESTORE_COMMAND, Stack

PASSWORD = "Réemploi-2026-prod!"
STAFF = "camille@ressourcerie-vitry.example"
REQUESTER = "lou@atelier-decors.example"
ORGANISATION = "Ressourcerie de Vitry"
CATEGORY = "Portes"
LOT_TITLE = "Portes isoplanes 83 cm"
SEARCH_WITHIN = 10.0  # seconds from publication to the search finding the lot
HASHED_STATIC = re.compile(r'/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js)')
RENDITION = re.compile(r'/media/images/[^"\'\s]+\.(?:jpg|jpeg)')


class Visitor:
    """One browser: its cookies, the site's certificate, an Origin on every request."""

    def __init__(self, stack: Stack) -> None:
        self.base = stack.url
        self.session = requests.Session()
        # Nothing from the environment: its CA bundle would replace the check's certificate.
        self.session.trust_env = False
        self.session.verify = str(stack.certificate)
        self.session.headers["Origin"] = stack.url  # browsers send it with every form

    def get(self, path: str, **kwargs) -> requests.Response:
        url = path if path.startswith("http") else self.base + path
        return self.session.get(url, timeout=30, **kwargs)

    def submit(self, path: str, marker: str, fields: dict, files=None) -> requests.Response:
        """Open the page, fill in its form (marker: in its action or class), send it."""
        page = self.get(path)
        assert page.status_code == 200, f"GET {path}: {page.status_code}"
        data = {**form_values(page.text, marker), **fields}
        response = self.session.post(page.url, data=data, files=files, timeout=60)
        assert response.status_code == 200, f"POST {path}: {response.status_code}"
        return response


class Walk:
    def __init__(self, stack: Stack, mailbox: Mailbox) -> None:
        self.stack = stack
        self.mailbox = mailbox
        self.staff = Visitor(stack)
        self.requester = Visitor(stack)
        self.lot_path = ""
        self.photo_path = ""
        self.backup: list[str] = []

    # -- steps -------------------------------------------------------------------------

    def home_page(self) -> str:
        home = Visitor(self.stack).get("/")
        assert home.status_code == 200, home.status_code
        assert "Réemploi" in home.text
        assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
        plain = Visitor(self.stack).get(
            f"http://{HOST}:{self.stack.http_port}/annonces/", allow_redirects=False
        )
        assert plain.status_code == 301, plain.status_code
        assert plain.headers["Location"] == f"https://{HOST}/annonces/"
        self.home_html = home.text
        return "200 over HTTPS with HSTS; plain HTTP answers 301 to https"

    def hashed_static_file(self) -> str:
        path = HASHED_STATIC.search(self.home_html).group(0)
        response = Visitor(self.stack).get(path, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, response.status_code
        cache = response.headers["Cache-Control"]
        assert "max-age=31536000" in cache and "immutable" in cache, cache
        assert response.headers.get("Content-Encoding") == "gzip"
        original = Visitor(self.stack).get(re.sub(r"\.[0-9a-f]{12}\.", ".", path))
        assert original.headers["Cache-Control"] == "public, max-age=3600", "unhashed: an hour"
        return f"{path}: {cache}, gzip"

    def sign_up_and_confirm(self) -> str:
        self._sign_up(self.staff, STAFF)
        return f"{STAFF} confirmed from the link the SMTP server received"

    def register_structure(self) -> str:
        # What an animator does in the Wagtail admin: a validated structure, a category.
        self.stack.manage(
            "shell",
            "-c",
            "from django.utils import timezone\n"
            "from django.contrib.auth import get_user_model\n"
            "from annonces.models import Category, Membership, OpeningRange, Organisation\n"
            "from annonces.choices import MembershipRole, OrganisationKind\n"
            f"Category.objects.get_or_create(slug='portes', defaults={{'name': {CATEGORY!r}}})\n"
            "organisation = Organisation.objects.create(\n"
            f"    name={ORGANISATION!r}, kind=OrganisationKind.RESSOURCERIE,\n"
            "    address='12 rue Jean Jaurès', postcode='94400', city='Vitry-sur-Seine',\n"
            "    latitude=48.7875, longitude=2.3928, is_network_member=True,\n"
            "    validated_at=timezone.now())\n"
            f"user = get_user_model().objects.get(email={STAFF!r})\n"
            "Membership.objects.create(user=user, organisation=organisation,\n"
            "    role=MembershipRole.ADMIN)\n"
            # Its hours make the pickup slots: every day 9:00-18:00.
            "for day in range(7):\n"
            "    OpeningRange.objects.create(organisation=organisation, weekday=day,\n"
            "        opens='09:00', closes='18:00')\n",
        )
        # The first deployment's last command (README): create the lots' search index.
        self.stack.manage("search_rebuild")
        return f"{ORGANISATION} and {CATEGORY} (manage.py shell); manage.py search_rebuild"

    def post_a_lot_with_a_photo(self) -> str:
        form = self.staff.get("/annonces/nouvelle/")
        assert form.status_code == 200, form.status_code
        photo = io.BytesIO()
        Image.new("RGB", (1200, 900), "sienna").save(photo, "JPEG", quality=85)
        fields = {
            "title": LOT_TITLE,
            "description": "Six portes démontées d'un bureau, avec leurs poignées.",
            "category": option_value(form.text, "category", CATEGORY),
            "quantity": "6",
            "weight_kg": "90",
            "publish": "1",
        }
        lot = self.staff.submit(
            "/annonces/nouvelle/",
            "lot-form",
            fields,
            files={"photos": ("IMG_0001.jpg", photo.getvalue(), "image/jpeg")},
        )
        assert LOT_TITLE in lot.text, "the lot page does not show the lot"
        self.published_at = time.monotonic()
        self.lot_path = urllib.parse.urlsplit(lot.url).path
        self.photo_path = RENDITION.search(lot.text).group(0)
        photo_response = self.staff.get(self.photo_path)
        assert photo_response.status_code == 200, photo_response.status_code
        assert photo_response.headers["Content-Type"] == "image/jpeg"
        assert "max-age=86400" in photo_response.headers["Cache-Control"]
        return f"{self.lot_path}, its rendition image/jpeg with a day's cache"

    def worker_indexes_it(self) -> str:
        # In Elasticsearch itself (the database would answer the search page anyway), then
        # on the search page, by a word of the description, folded ("poignées").
        self._until(self._indexed, SEARCH_WITHIN - (time.monotonic() - self.published_at))
        assert LOT_TITLE in Visitor(self.stack).get("/recherche/?q=poignees").text
        return f"in Elasticsearch {time.monotonic() - self.published_at:.1f} s after publication"

    def reserve(self) -> str:
        self._sign_up(self.requester, REQUESTER)
        # The first free slot the form offers, as a requester's thumb would pick it.
        form = self.requester.get(f"{self.lot_path}reserver/").text
        slot = re.search(r'name="pickup_at" value="([^"]+)"', form).group(1)
        page = self.requester.submit(
            f"{self.lot_path}reserver/",
            "reservation-form",
            {
                "quantity": "2",
                "pickup_at": slot,
                "message": "Pour les décors du spectacle de juin.",
            },
        )
        assert "En attente de réponse" in page.text, "the request was not recorded"
        started = time.monotonic()
        subject = str(self.mailbox.wait_for(STAFF, timeout=10)["Subject"]).strip()
        return f"e-mail « {subject} » received {time.monotonic() - started:.1f} s later"

    def health(self) -> str:
        health = Visitor(self.stack).get("/sante/").json()
        assert health["status"] == "ok", health
        assert health["elasticsearch"] == "ok" and health["worker"]["status"] == "ok", health
        assert health["outbox"]["pending"] == 0, health
        # Compose's healthcheck of `web`: plain HTTP to gunicorn itself, past the proxy.
        self.stack.run([sys.executable, HEALTHCHECK], what="healthcheck.py")
        return (
            f"ok: worker seen {health['worker']['last_seen_seconds']} s ago, outbox empty; "
            "compose's healthcheck.py passes"
        )

    def check_deploy(self) -> str:
        self.stack.manage("check", "--deploy", "--fail-level", "WARNING")
        return "no error, no warning"

    def back_up(self) -> str:
        out = self.stack.run(
            [*BACKUP_COMMAND, str(self.stack.workdir / "backups")], what="backup.sh"
        )
        self.backup = out.split()
        sizes = ", ".join(f"{path.rsplit('/', 1)[1]} {self._size(path)}" for path in self.backup)
        return sizes

    def lose_everything(self) -> str:
        self.stack.stop("outbox")
        self.stack.stop("worker")
        self.stack.stop("web")
        url = self.stack.env["DATABASE_URL"]
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        admin = url.rsplit("/", 1)[0] + "/postgres"
        self.stack.run(["dropdb", "--force", f"--maintenance-db={admin}", name], what="dropdb")
        self.stack.run(["createdb", f"--maintenance-db={admin}", name], what="createdb")
        shutil.rmtree(self.stack.media_root)
        self.stack.media_root.mkdir()
        return "web and worker stopped, database dropped and created empty, media deleted"

    def restore(self) -> str:
        self.stack.run([*RESTORE_COMMAND, *self.backup], what="restore.sh")
        self.stack.start_site()
        return "restore.sh, then web.sh and worker.sh again"

    def lot_and_photo_are_back(self) -> str:
        visitor = Visitor(self.stack)
        lot = visitor.get(self.lot_path)
        assert lot.status_code == 200 and LOT_TITLE in lot.text, lot.status_code
        photo = visitor.get(self.photo_path)
        assert photo.status_code == 200, photo.status_code
        assert photo.headers["Content-Type"] == "image/jpeg"
        assert LOT_TITLE in visitor.get("/recherche/?q=poignees").text
        return "lot page, photo and search as before"

    # -- helpers -------------------------------------------------------------------------

    def _sign_up(self, visitor: Visitor, address: str) -> None:
        page = visitor.submit(
            "/comptes/signup/",
            "/comptes/signup/",
            {
                "first_name": "Camille",
                "last_name": "Martin",
                "email": address,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert "Vérifiez votre adresse" in page.text, "no 'check your e-mail' page"
        body = text_of(self.mailbox.wait_for(address, timeout=10))
        link = re.search(r"https://\S+/comptes/confirm-email/\S+/", body).group(0)
        assert link.startswith(self.stack.url), f"the link leaves the site: {link}"
        confirmed = visitor.submit(link, "confirm-email", {})
        assert "Mon espace" in confirmed.text or address in confirmed.text, confirmed.url

    def _indexed(self) -> bool:
        alias = self.stack.env["ELASTICSEARCH_INDEX"]
        url = f"{self.stack.env['ELASTICSEARCH_URL']}/{alias}/_count"
        query = {"query": {"match": {"title": "isoplanes"}}}
        answer = requests.post(url, json=query, timeout=5, proxies={"http": "", "https": ""})
        return answer.status_code == 200 and answer.json()["count"] == 1

    @staticmethod
    def _until(condition, timeout: float) -> float:
        started = time.monotonic()
        while not condition():
            if time.monotonic() - started > timeout:
                raise AssertionError(f"not found within {SEARCH_WITHIN:.0f} s of publication")
            time.sleep(0.2)
        return time.monotonic() - started

    @staticmethod
    def _size(path: str) -> str:
        return f"{Path(path).stat().st_size / 1024:.0f} KiB"


STEPS = [
    ("home page through the proxy", Walk.home_page),
    ("hashed static file, cached a year", Walk.hashed_static_file),
    ("sign up, confirm the e-mail from the SMTP server", Walk.sign_up_and_confirm),
    ("a structure and a category; the search index created", Walk.register_structure),
    ("post a lot with a photo; its page and rendition", Walk.post_a_lot_with_a_photo),
    ("the worker indexes it: the search finds it", Walk.worker_indexes_it),
    ("a reservation; its e-mail reaches the SMTP server", Walk.reserve),
    ("health endpoint", Walk.health),
    ("manage.py check --deploy", Walk.check_deploy),
    ("backup (pg_dump custom format, media tarball)", Walk.back_up),
    ("drop the database and the media", Walk.lose_everything),
    ("restore and start again", Walk.restore),
    ("the lot and its photo are back", Walk.lot_and_photo_are_back),
    ("fault run: Elasticsearch hung, killed; PostgreSQL restarted; worker killed", fault_run_step),
]
