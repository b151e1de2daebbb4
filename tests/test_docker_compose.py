"""docker-compose.yml keeps the production stack's promises (no Docker engine needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.services.provision import ES_VERSION

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SECRET_NAMES = re.compile(r"SECRET|PASSWORD|TOKEN|API_KEY", re.IGNORECASE)


@pytest.fixture(scope="module")
def stack() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def env_example() -> dict[str, str]:
    lines = ENV_EXAMPLE.read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {name.strip(): value.strip() for name, value in pairs}


def command_of(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_stack_has_the_site_its_worker_a_database_and_elasticsearch(stack):
    assert set(stack["services"]) == {"web", "worker", "scheduler", "db", "elasticsearch"}
    web, worker = stack["services"]["web"], stack["services"]["worker"]
    assert re.search(r"migrate .*collectstatic .*gunicorn reemploi\.wsgi", command_of(web))
    assert "manage.py db_worker" in command_of(worker)
    assert stack["services"]["db"]["image"] == "postgres:15"
    # Production runs the Elasticsearch version the tests run against.
    assert stack["services"]["elasticsearch"]["image"].endswith(f"elasticsearch:{ES_VERSION}")


@pytest.mark.parametrize(
    ("service", "data_path"),
    [("db", "/var/lib/postgresql/data"), ("elasticsearch", "/usr/share/elasticsearch/data")],
)
def test_database_and_index_live_in_named_volumes(stack, service, data_path):
    mounts = dict(volume.split(":", 1) for volume in stack["services"][service]["volumes"])
    by_path = {path: name for name, path in mounts.items()}
    assert by_path[data_path] in stack["volumes"], f"{service} data is not in a named volume"


@pytest.mark.parametrize("service", ["db", "elasticsearch", "web"])
def test_services_have_healthchecks(stack, service):
    assert stack["services"][service]["healthcheck"]["test"]


def test_elasticsearch_healthcheck_asks_the_cluster_health(stack):
    test = stack["services"]["elasticsearch"]["healthcheck"]["test"]
    assert "_cluster/health" in " ".join(test)


def test_the_scheduler_runs_the_periodic_jobs_every_hour(stack):
    command = command_of(stack["services"]["scheduler"])
    for job in ("expire_reservations", "expire_lots", "search_reconcile --repair"):
        assert f"manage.py {job}" in command
    assert "sleep 3600" in command
    # Compose turns $$ into $; the shell must accept what is left.
    script = command.split('sh -c "', 1)[1].rstrip('"').replace("$$", "$")
    assert subprocess.run(["sh", "-n", "-c", script], check=False).returncode == 0


@pytest.mark.parametrize("service", ["web", "worker", "scheduler"])
def test_the_site_waits_for_a_healthy_database_and_elasticsearch(stack, service):
    depends_on = stack["services"][service]["depends_on"]
    for dependency in ("db", "elasticsearch"):
        assert depends_on[dependency]["condition"] == "service_healthy"


def test_settings_come_from_the_env_file_and_none_is_a_secret_in_the_compose_file(stack):
    for name in ("web", "worker", "db"):
        assert stack["services"][name]["env_file"] == ".env"
    for name, service in stack["services"].items():
        environment = service.get("environment", {})
        names = (
            environment if isinstance(environment, dict) else [e.split("=")[0] for e in environment]
        )
        assert not [key for key in names if SECRET_NAMES.search(key)], name
    assert "SECRET_KEY" not in COMPOSE.read_text()


def test_env_example_lists_every_variable_production_reads():
    settings = "".join(
        (ROOT / "reemploi" / "settings" / name).read_text()
        for name in ("base.py", "production.py", "storage.py")
    )
    read = set(re.findall(r"env_\w+\(\s*\"([A-Z_]+)\"", settings))
    interpolated = set(re.findall(r"\$\{([A-Z_]+)", COMPOSE.read_text()))
    listed = env_example()
    needed = read | interpolated | {"DJANGO_SETTINGS_MODULE", "POSTGRES_PASSWORD"}
    assert needed <= set(listed), f"missing from .env.example: {sorted(needed - set(listed))}"
    assert listed["DJANGO_SETTINGS_MODULE"] == "reemploi.settings.production"


def test_docker_compose_accepts_the_file_when_its_client_is_here(tmp_path):
    """`docker compose config` only parses, no engine needed; without the client, no check."""
    docker = shutil.which("docker")
    has_compose = (
        docker
        and subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
        == 0
    )
    if not has_compose:
        return  # the structural tests above still hold the promises
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    (tmp_path / ".ci").mkdir()
    result = subprocess.run(
        [docker, "compose", "-f", tmp_path / "docker-compose.yml", "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
