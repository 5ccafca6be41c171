"""No Docker engine runs here: check that the compose file and Dockerfile match the code and config."""

import re
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
