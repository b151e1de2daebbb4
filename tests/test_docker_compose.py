"""docker-compose.yml keeps the production stack's promises (no Docker engine needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.production import stack as production
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


def test_the_stack_has_a_proxy_the_site_its_worker_a_database_and_elasticsearch(stack):
    assert set(stack["services"]) == {
        *("proxy", "web", "worker", "scheduler", "outbox", "db", "elasticsearch"),
    }
    # What waited in the outbox while Elasticsearch was away is sent every minute.
    assert stack["services"]["outbox"]["command"][-3:] == ["search_apply_outbox", "--every", "60"]
    assert stack["services"]["proxy"]["image"].startswith("nginx:")
    assert stack["services"]["db"]["image"] == "postgres:15"
    # Production runs the Elasticsearch version the tests run against.
    assert stack["services"]["elasticsearch"]["image"].endswith(f"elasticsearch:{ES_VERSION}")


def test_compose_and_the_production_check_start_the_same_commands(stack):
    assert stack["services"]["web"]["command"] == production.WEB_COMMAND
    assert stack["services"]["worker"]["command"] == production.WORKER_COMMAND
    assert stack["services"]["outbox"]["command"] == production.OUTBOX_COMMAND
    web = (ROOT / production.WEB_COMMAND[1]).read_text()
    steps = ["manage.py migrate", "manage.py createcachetable", "manage.py collectstatic"]
    positions = [web.index(step) for step in [*steps, "exec gunicorn reemploi.wsgi"]]
    assert positions == sorted(positions), "web.sh starts gunicorn before its set-up is done"
    assert "manage.py db_worker" in (ROOT / production.WORKER_COMMAND[1]).read_text()
    for script in ("web.sh", "worker.sh", "backup.sh", "restore.sh"):
        path = ROOT / production.DEPLOY / script
        assert subprocess.run(["sh", "-n", path], check=False).returncode == 0, script


def test_compose_and_the_production_check_use_the_same_nginx_template(stack, tmp_path):
    proxy = stack["services"]["proxy"]
    mounts = dict(volume.rsplit(":", 2)[:2] for volume in proxy["volumes"])
    assert mounts[f"./{production.NGINX_TEMPLATE}"] == "/etc/nginx/templates/default.conf.template"
    # Both fill in every variable the template names, and no other.
    template = (ROOT / production.NGINX_TEMPLATE).read_text()
    named = set(re.findall(r"\$\{(NGINX_\w+)\}", template))
    checked = production.nginx_variables(
        tmp_path,
        {"GUNICORN_BIND": "127.0.0.1:1", "STATIC_ROOT": "/s", "MEDIA_ROOT": "/m"},
        {"http": 1, "https": 2},
    )
    assert set(proxy["environment"]) == named == set(checked)
    # gunicorn listens where the proxy sends requests.
    assert proxy["environment"]["NGINX_UPSTREAM"] == "web:8000"
    assert "GUNICORN_BIND:-0.0.0.0:8000" in (ROOT / production.WEB_COMMAND[1]).read_text()


def test_compose_and_the_production_check_use_the_same_settings_module():
    dockerfile = (ROOT / ".ci" / "Dockerfile").read_text()
    assert f"DJANGO_SETTINGS_MODULE={production.SETTINGS_MODULE}" in dockerfile
    assert env_example()["DJANGO_SETTINGS_MODULE"] == production.SETTINGS_MODULE


def test_only_the_proxy_is_published_and_only_it_is_trusted_to_speak_for_clients(stack):
    services = stack["services"]
    assert sorted(port.rsplit(":", 1)[1] for port in services["proxy"]["ports"]) == ["443", "80"]
    for name in ("web", "worker", "scheduler", "db", "elasticsearch"):
        assert "ports" not in services[name], f"{name} is published"
    edge = stack["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == edge
    members = {name for name, service in services.items() if "edge" in service["networks"]}
    assert members == {"proxy", "web"}


def test_the_proxy_serves_static_files_and_media_from_the_sites_volumes(stack):
    def volume_at(service: str, path: str) -> str:
        mounts = (volume.split(":") for volume in stack["services"][service]["volumes"])
        return next(mount[0] for mount in mounts if mount[1] == path)

    proxy = stack["services"]["proxy"]["environment"]
    assert volume_at("proxy", proxy["NGINX_STATIC_ROOT"]) == volume_at(
        "web", "/app/static_collected"
    )
    assert volume_at("proxy", proxy["NGINX_MEDIA_ROOT"]) == volume_at("web", "/app/media")
    assert volume_at("worker", "/app/media") == "media"


@pytest.mark.parametrize(
    ("service", "data_path"),
    [("db", "/var/lib/postgresql/data"), ("elasticsearch", "/usr/share/elasticsearch/data")],
)
def test_database_and_index_live_in_named_volumes(stack, service, data_path):
    mounts = dict(volume.split(":", 1) for volume in stack["services"][service]["volumes"])
    by_path = {path: name for name, path in mounts.items()}
    assert by_path[data_path] in stack["volumes"], f"{service} data is not in a named volume"


@pytest.mark.parametrize("service", ["db", "elasticsearch", "web", "proxy"])
def test_services_have_healthchecks(stack, service):
    assert stack["services"][service]["healthcheck"]["test"]


@pytest.mark.parametrize("service", ["web", "proxy"])
def test_the_site_and_the_proxy_are_healthy_when_the_health_endpoint_answers(stack, service):
    test = " ".join(stack["services"][service]["healthcheck"]["test"])
    script = ROOT / production.HEALTHCHECK
    # The production check runs the same healthcheck.py against its gunicorn.
    assert "/sante/" in test or (production.HEALTHCHECK in test and "/sante/" in script.read_text())


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
    assert "env_file" not in stack["services"]["proxy"]  # no secret reaches nginx
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
    # $${…} is left to the container's shell, not read from .env.
    interpolated = set(re.findall(r"(?<!\$)\$\{([A-Z_]+)", COMPOSE.read_text()))
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
