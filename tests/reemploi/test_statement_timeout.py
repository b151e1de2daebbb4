"""A request cut short (its gunicorn worker killed) leaves no query running in PostgreSQL."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SLOW = "SELECT pg_sleep(120) /* {marker} */"


def start_slow_query(marker: str, *command: str) -> subprocess.Popen:
    """A process of the project (web or command) that runs one long query, then waits."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    code = (
        "from django.db import connection\n"
        f"connection.cursor().execute({SLOW.format(marker=marker)!r})\n"
    )
    return subprocess.Popen(
        [sys.executable, *command, code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "reemploi.settings.test",
            "DATABASE_URL": url,
            "DB_STATEMENT_TIMEOUT_MS": "1500",
        },
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def running(marker: str) -> list[int]:
    with connection.cursor() as cursor:
        # The statistics views keep one snapshot per transaction, and the test runs in one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE %s "
            "AND pid <> pg_backend_pid()",
            [f"%{marker}%"],
        )
        return [pid for (pid,) in cursor.fetchall()]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def killed_while_querying(marker: str, *command: str) -> None:
    process = start_slow_query(marker, *command)
    try:
        assert wait_for(lambda: running(marker), 60), "the slow query never started"
    finally:
        process.send_signal(signal.SIGKILL)  # what gunicorn does to a worker past its timeout
        process.wait()


def test_a_web_process_killed_mid_query_leaves_nothing_running():
    marker = f"web-{uuid.uuid4().hex}"
    web = ("-c", "import django; django.setup()\nexec(__import__('sys').argv[1])")
    killed_while_querying(marker, *web)
    # The server notices no dead client while the query runs: the statement timeout ends it.
    assert wait_for(lambda: not running(marker), 15)


def test_without_the_web_timeout_the_query_would_outlive_its_process():
    # The contrast that shows the guard: a management command keeps the long limit.
    marker = f"command-{uuid.uuid4().hex}"
    killed_while_querying(marker, "manage.py", "shell", "-c")
    time.sleep(3)  # twice the web's limit
    left = running(marker)
    with connection.cursor() as cursor:
        for pid in left:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert left
