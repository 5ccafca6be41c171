"""No Docker engine runs here: check that the compose file and Dockerfile match the code and config."""

import re
import tomllib
from pathlib import Path

import yaml
from click.testing import CliRunner

from citebot.bot.cli import main
from citebot.bot.settings import TABLES, load
from citebot.index.settings import env_names

ROOT = Path(__file__).resolve().parent.parent


def test_compose_runs_a_real_command_with_known_settings():
    service = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["citebot"]
    assert service["command"][0] == "citebot" and service["command"][1] in main.commands
    assert CliRunner().invoke(main, [*service["command"][1:], "--help"]).exit_code == 0
    known = {"TELEGRAM_BOT_TOKEN", "CITEBOT_CONFIG"} | env_names(TABLES)
    assert set(service["environment"]) <= known
    mounts = {v.split(":")[1]: v for v in service["volumes"]}
    env = service["environment"]
    assert mounts["/app/corpus"].endswith(":ro") and mounts["/app/config"].endswith(":ro")
    assert env["CITEBOT_CORPUS_DIR"] == "/app/corpus" and env["CITEBOT_INDEX_DIR"].startswith("/data")
    assert env["CITEBOT_CONFIG"].startswith("/app/config/")
    assert (ROOT / env["CITEBOT_CONFIG"].removeprefix("/app/")).exists()
    settings, _ = load(ROOT / "config" / "citebot.yaml", env={k: v for k, v in env.items() if not v.startswith("$")})
    assert str(settings.index_dir) == "/data/index"
    assert str(settings.collection) == "/data/collection" and str(settings.database_file) == "/data/citebot.sqlite"


def test_dockerfile_copies_what_the_package_needs():
    text = (ROOT / "Dockerfile").read_text()
    for folder in ("bot/", "index/", "config/", "corpus/"):
        assert f"COPY {folder}" in text
    assert re.search(r"^USER (?!root)\w+", text, re.M) and "HEALTHCHECK" in text
    assert 'VOLUME ["/data"]' in text


def locked(path: Path) -> dict[str, str]:
    """{name: version} of a lock file, after checking every pin carries at least one SHA-256."""
    pins = {}
    for block in re.split(r"\n(?=[a-z0-9])", path.read_text()):
        if m := re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block):
            assert "--hash=sha256:" in block, f"{m[1]} has no hash in {path.name}"
            pins[m[1].lower().replace("_", "-")] = m[2]
    return pins


def requirement_names(specs: list[str]) -> set[str]:
    return {re.split(r"[\[~=<>; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_the_image_and_the_venv_install_every_dependency_pinned_with_hashes_and_citebot_without_more():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    image, dev = locked(ROOT / "requirements.lock"), locked(ROOT / "requirements-dev.lock")
    extras = project["optional-dependencies"]
    unlocked = requirement_names(project["dependencies"] + extras["postgres"]) - set(image)
    assert not unlocked, f"{sorted(unlocked)} not in requirements.lock: run make lock"
    unlocked = requirement_names(project["dependencies"] + extras["test"] + extras["lint"] + extras["bench"]) - set(dev)
    assert not unlocked, f"{sorted(unlocked)} not in requirements-dev.lock: run make lock"
    assert all(dev[name] == version for name, version in image.items())  # the image runs what the tests ran
    docker = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir --require-hashes -r requirements.lock" in docker
    assert "pip install --no-cache-dir --no-deps ." in docker
    make = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements-dev.lock" in make
    assert "pip install --quiet --no-deps -e ." in make


def test_compose_bounds_redis_memory_with_a_policy_that_only_evicts_keys_with_a_ttl():
    command = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["redis"]["command"]
    options = dict(zip(command[1::2], command[2::2], strict=False))
    assert options["--maxmemory"].endswith("mb") and options["--maxmemory-policy"] == "volatile-lru"
