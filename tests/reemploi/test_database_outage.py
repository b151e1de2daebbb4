"""While PostgreSQL restarts, a request gets a short 503 page with Retry-After, not a 500,
and the site answers again as soon as the database does."""

import logging

import psycopg
import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import close_old_connections, connection
from django.test import Client

from reemploi import outage
from tests.factories import LotFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_log(transactional_db):
    # A browser journey just before (serialized_rollback) flushes the tables without making
    # the content types again: make them, as migrate does, before any model is saved.
    emit_post_migrate_signal(0, False, "default")
    outage.reset_log()
    yield
    outage.reset_log()
    connection.close()  # a connection a test left terminated would fail the flush after it


@pytest.fixture
def client():
    # As a browser sees it: the answer, not the exception the test client re-raises.
    return Client(raise_request_exception=False)


def terminate_this_connection() -> None:
    """What a fast shutdown of PostgreSQL does to the connection a worker holds."""
    db = connection.settings_dict
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def after_the_request() -> None:
    # What request_finished does in a gunicorn worker (the test client holds it back):
    # a connection that failed is closed, the next request opens a new one.
    close_old_connections()


def test_a_page_asked_while_the_database_is_away_gets_a_503_page_then_a_200(client):
    LotFactory()
    terminate_this_connection()

    response = client.get("/annonces/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER)
    assert response["Cache-Control"] == "no-store"
    assert "Le site redémarre, réessayez dans quelques secondes." in response.text
    assert '<meta http-equiv="refresh"' in response.text
    after_the_request()
    assert client.get("/annonces/").status_code == 200


def test_a_json_request_gets_a_json_503(client):
    terminate_this_connection()

    response = client.get("/api/lots/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Le site redémarre, réessayez dans quelques secondes."}
    after_the_request()
    assert client.get("/api/lots/").status_code == 200


def test_a_form_sent_while_the_database_is_away_is_not_refreshed_away(client):
    terminate_this_connection()

    response = client.post("/comptes/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 503
    # A refresh would GET the page and lose what the browser kept of the form.
    assert "http-equiv" not in response.text


def test_the_outage_is_logged_once_not_once_per_request(client, caplog):
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        terminate_this_connection()
        assert client.get("/annonces/").status_code == 503
        after_the_request()

    lines = [r for r in caplog.records if r.name in ("reemploi.outage", "django.request")]
    assert [r.name for r in lines] == ["reemploi.outage"]
    assert "The database does not answer" in lines[0].getMessage()


def test_a_query_cancelled_by_the_statement_timeout_is_still_a_500(client, settings):
    # A slow query is a fault of ours, not a restart: it is not dressed as one.
    from django.db import OperationalError

    class Cancelled(Exception):
        sqlstate = "57014"

    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = Cancelled()
    assert not outage.database_unavailable(error)
    refused = OperationalError("connection refused")
    refused.__cause__ = psycopg.OperationalError("connection refused")
    assert outage.database_unavailable(refused)


@pytest.mark.parametrize("sqlstate", ["40P01", "40001", "55P03", "53100", "42P01"], ids=str)
def test_a_deadlock_a_lock_refused_or_a_missing_table_is_not_dressed_as_a_restart(sqlstate):
    # Each is a bug or a conflict to see in the logs, with its traceback: a 500, not "the
    # site restarts" forever.
    from django.db import OperationalError

    class Failed(Exception):
        pass

    Failed.sqlstate = sqlstate
    error = OperationalError("failed")
    error.__cause__ = Failed()
    assert not outage.database_unavailable(error)
    terminated = OperationalError("terminating connection due to administrator command")
    terminated.__cause__ = type("Terminated", (Exception,), {"sqlstate": "57P01"})()
    assert outage.database_unavailable(terminated)


def test_sqlite_s_missing_table_is_not_an_outage():
    import sqlite3

    from django.db import OperationalError

    error = OperationalError("no such table: annonces_lot")
    error.__cause__ = sqlite3.OperationalError("no such table: annonces_lot")
    assert not outage.database_unavailable(error)
