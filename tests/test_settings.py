"""Settings: two tables (the index's, bot/'s) from one YAML file and the environment, clear errors,
and a token that never shows."""

from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citebot.bot.cli import main
from citebot.bot.settings import TABLES, BotSettings, bot_token, load
from citebot.index.settings import ConfigError, Settings, SettingsSource, defaults_yaml, env_names

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_config_and_environment_overrides():
    s, bot = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_LIMITS_PAGE_SIZE": "5", "CITEBOT_ADMINS": "1, 2",
                                                         "CITEBOT_LIMITS_MAX_RESULTS": "7"})
    assert s.corpus_dir == ROOT / "corpus" and s.max_results == 7 and bot.page_size == 5 and bot.admins == {1, 2}


def test_every_environment_name_the_deployments_use_still_works():
    """The names tests, docker-compose and the README give, read into whichever table now holds them."""
    env = {"CITEBOT_TELEGRAM_FLOOD_MESSAGES": "4", "CITEBOT_TELEGRAM_FLOOD_SECONDS": "60",
           "CITEBOT_TELEGRAM_ADMINS": "7 8", "CITEBOT_TELEGRAM_BASE_URL": "http://127.0.0.1:1/bot",
           "CITEBOT_TELEGRAM_WEBHOOK_PORT": "9000", "CITEBOT_TELEGRAM_MESSAGES_PER_SECOND": "0",
           "CITEBOT_STATE_REDIS_URL": "redis://redis:6379/0", "CITEBOT_COLLECTION_LANGUAGE": "Persian",
           "CITEBOT_INDEX_DIR": "/data/index", "CITEBOT_FETCH_ALLOW_PRIVATE_URLS": "yes"}
    s, bot = load(ROOT / "config" / "citebot.yaml", env=env)
    assert (bot.flood_messages, bot.flood_seconds, bot.admins, bot.base_url) == (4, 60, {7, 8}, "http://127.0.0.1:1/bot")
    assert (bot.webhook_port, bot.messages_per_second, bot.redis_url) == (9000, 0, "redis://redis:6379/0")
    assert bot.collection_language == "Persian" and str(s.index_dir) == "/data/index" and s.allow_private_urls
    assert set(env) | {"CITEBOT_ADMINS", "CITEBOT_LIMITS_PAGE_SIZE"} <= env_names(TABLES)
    assert load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_ADMINS": "9"})[1].admins == {9}  # the short alias


def test_the_index_table_knows_nothing_of_telegram():
    """Telegram's settings are bot/'s; the index's table and its loader work without them."""
    assert not [f.metadata["key"] for f in fields(Settings) if f.metadata["key"].startswith(("telegram.", "state."))]
    assert {f.metadata["key"] for f in fields(BotSettings)} >= {"telegram.admins", "telegram.webhook_secret",
                                                                "state.redis_url"}
    with pytest.raises(ConfigError, match="unknown key 'limits.page_size'"):  # a key no table given declares
        SettingsSource([Settings], ROOT / "config" / "citebot.yaml", env={})
    index_only = SettingsSource([Settings], env={"CITEBOT_CONFIG": "/nowhere.yaml", "CITEBOT_LIMITS_MAX_RESULTS": "9"})
    assert index_only.table(Settings).max_results == 9


@pytest.mark.parametrize("text, error", [
    ("limits:\n  page_size: many\n", "c.yaml: 'limits.page_size' must be int, got 'many'"),  # bot/'s table
    ("limits:\n  max_results: all\n", "c.yaml: 'limits.max_results' must be int, got 'all'"),  # the index's
    ("limits:\n  pagesize: 3\n", "unknown key 'limits.pagesize'"),
    ("telegram:\n  flood_message: 3\n", "unknown key 'telegram.flood_message'"),
    ("telegram:\n  webhook_port: https\n", "c.yaml: 'telegram.webhook_port' must be int, got 'https'"),
    ("limits: [\n", "not valid YAML"),
])
def test_bad_config_names_the_key(tmp_path, text, error):
    (tmp_path / "c.yaml").write_text(text)
    with pytest.raises(ConfigError, match=error):
        load(tmp_path / "c.yaml", env={})


def test_token_comes_from_the_environment_or_a_file_only(tmp_path):
    assert bot_token({"TELEGRAM_BOT_TOKEN": " 123:abc "}) == "123:abc"
    (tmp_path / "token").write_text("456:def\n")
    assert bot_token({"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "token")}) == "456:def"
    assert bot_token({}) is None
    s, bot = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_TELEGRAM_WEBHOOK_SECRET": "s3cret"})
    assert bot.webhook_secret == "s3cret" and "s3cret" not in repr(bot) + repr(s)


def test_the_bundled_config_documents_every_setting_with_its_default():
    """config/citebot.yaml documents both tables (citebot config --defaults); only the collection differs."""
    text = (ROOT / "config" / "citebot.yaml").read_text()
    defaults = defaults_yaml(TABLES)
    assert CliRunner().invoke(main, ["config", "--defaults"]).output == defaults
    for documented in defaults.splitlines():
        if not documented.lstrip().startswith(("name:", "description:", "language:", "name_fa:", "description_fa:")):
            assert documented in text.splitlines()
    assert "  flood_messages: 20" in text and "  page_size: 3" in text and "  max_results: 50" in text
    for table in load(ROOT / "config" / "citebot.yaml", env={}):
        for f in fields(table):
            if not f.metadata["key"].startswith("collection."):
                expected = ROOT / f.default if isinstance(f.default, Path) else f.default
                assert getattr(table, f.name) == expected, f.name
    assert load(ROOT / "config" / "citebot.yaml", env={})[1].collection_name == "Iran's 1988 prison massacre"
    assert load(ROOT / "config" / "citebot.yaml", env={})[1].collection_name_fa == "کشتار زندانیان سیاسی در ایران در سال ۱۳۶۷"


def test_the_collection_section_names_what_the_bot_is_about(tmp_path):
    _, s = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_COLLECTION_LANGUAGE": "English and Persian"})
    assert s.collection_name == "Iran's 1988 prison massacre" and s.collection_language == "English and Persian"
    assert s.collection_description.startswith("Reports, a joint NGO statement to the UN Human Rights Council")
    (tmp_path / "c.yaml").write_text("corpus_dir: corpus\n")
    assert load(tmp_path / "c.yaml", env={})[1].collection_name is None  # /start then says "a document collection"


def test_citebot_config_prints_effective_settings_with_secrets_masked():
    env = {"CITEBOT_TELEGRAM_WEBHOOK_SECRET": "s3cret", "CITEBOT_LIMITS_PAGE_SIZE": "7",
           "CITEBOT_CONFIG": str(ROOT / "config" / "citebot.yaml")}
    out = CliRunner().invoke(main, ["config"], env=env).output
    assert "limits.page_size = 7  (CITEBOT_LIMITS_PAGE_SIZE)" in out
    assert 'telegram.webhook_secret = "***"' in out and "s3cret" not in out
    assert "telegram.admins = []" in out and "limits.max_results = 50  (CITEBOT_LIMITS_MAX_RESULTS)" in out
    assert 'state.redis_url = null  (CITEBOT_STATE_REDIS_URL)' in out
    printed = [line.split(" = ")[0] for line in out.splitlines()]
    documented = [f"{top}.{key}" if isinstance(value, dict) else top
                  for top, value in yaml.safe_load(defaults_yaml(TABLES)).items()
                  for key in (value if isinstance(value, dict) else [None])]
    assert printed == documented  # every setting of both tables, in the order config/citebot.yaml has them
    assert sorted(printed) == sorted(f.metadata["key"] for table in TABLES for f in fields(table))
    assert len(set(printed)) == len(printed)  # each declared in one table only


def test_admins_must_be_numbers():
    with pytest.raises(ConfigError, match="CITEBOT_ADMINS: 'telegram.admins' must be a list of whole numbers"):
        load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_ADMINS": "alice"})
