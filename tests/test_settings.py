"""Settings: YAML, environment overrides, clear errors, and a token that never shows."""

from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from citebot.bot.cli import main
from citebot.index.settings import ConfigError, Settings, bot_token, defaults_yaml, load

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_config_and_environment_overrides():
    s = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_LIMITS_PAGE_SIZE": "5", "CITEBOT_ADMINS": "1, 2"})
    assert s.corpus_dir == ROOT / "corpus" and s.page_size == 5 and s.admins == {1, 2}


def test_bad_config_names_the_key(tmp_path):
    (tmp_path / "c.yaml").write_text("limits:\n  page_size: many\n")
    with pytest.raises(ConfigError, match="'limits.page_size' must be int, got 'many'"):
        load(tmp_path / "c.yaml", env={})
    (tmp_path / "c.yaml").write_text("limits:\n  pagesize: 3\n")
    with pytest.raises(ConfigError, match="unknown key 'limits.pagesize'"):
        load(tmp_path / "c.yaml", env={})
    (tmp_path / "c.yaml").write_text("limits: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load(tmp_path / "c.yaml", env={})


def test_token_comes_from_the_environment_or_a_file_only(tmp_path):
    assert bot_token({"TELEGRAM_BOT_TOKEN": " 123:abc "}) == "123:abc"
    (tmp_path / "token").write_text("456:def\n")
    assert bot_token({"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "token")}) == "456:def"
    assert bot_token({}) is None
    s = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_TELEGRAM_WEBHOOK_SECRET": "s3cret"})
    assert "s3cret" not in repr(s)


def test_the_bundled_config_documents_every_setting_with_its_default():
    """config/citebot.yaml documents the settings table (citebot config --defaults); only the collection differs."""
    text = (ROOT / "config" / "citebot.yaml").read_text()
    defaults = defaults_yaml()
    for documented in defaults.splitlines():
        if not documented.lstrip().startswith(("name:", "description:", "language:")):
            assert documented in text.splitlines()
    loaded = load(ROOT / "config" / "citebot.yaml", env={})
    for f in fields(Settings):
        if not f.metadata["key"].startswith("collection."):
            assert getattr(loaded, f.name) == (ROOT / f.default if isinstance(f.default, Path) else f.default), f.name
    assert loaded.collection_name == "Iran's 1988 prison massacre"


def test_the_collection_section_names_what_the_bot_is_about(tmp_path):
    s = load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_COLLECTION_LANGUAGE": "English and Persian"})
    assert s.collection_name == "Iran's 1988 prison massacre" and s.collection_language == "English and Persian"
    assert s.collection_description.startswith("Reports, a joint NGO statement to the UN Human Rights Council")
    (tmp_path / "c.yaml").write_text("corpus_dir: corpus\n")
    assert load(tmp_path / "c.yaml", env={}).collection_name is None  # /start then says "a document collection"


def test_citebot_config_prints_effective_settings_with_secrets_masked():
    env = {"CITEBOT_TELEGRAM_WEBHOOK_SECRET": "s3cret", "CITEBOT_LIMITS_PAGE_SIZE": "7",
           "CITEBOT_CONFIG": str(ROOT / "config" / "citebot.yaml")}
    out = CliRunner().invoke(main, ["config"], env=env).output
    assert "limits.page_size = 7  (CITEBOT_LIMITS_PAGE_SIZE)" in out
    assert 'telegram.webhook_secret = "***"' in out and "s3cret" not in out
    assert "telegram.admins = []" in out


def test_admins_must_be_numbers():
    with pytest.raises(ConfigError, match="'telegram.admins' must be a list of Telegram user ids"):
        load(ROOT / "config" / "citebot.yaml", env={"CITEBOT_ADMINS": "alice"})
