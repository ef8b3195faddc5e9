"""Environment variables: read by lexmig.indexer.settings alone, and checked by the CLI as
the options they stand for."""

import re
from pathlib import Path

from click.testing import CliRunner

from lexmig.indexer import settings
from lexmig.indexer.library import DEFAULT_LOCK_WAIT, Library
from lexmig.search.cli import cli

SOURCE = Path(__file__).resolve().parent.parent


def test_only_the_settings_module_reads_the_environment():
    readers = sorted(str(path.relative_to(SOURCE)) for folder in ("corpus", "indexer", "search", "lexmig")
                     for path in (SOURCE / folder).rglob("*.py")
                     if re.search(r"os\.environ|getenv", path.read_text(encoding="utf-8")))
    assert readers == ["indexer/settings.py"]


def test_an_empty_lock_wait_is_the_default_as_for_click(library, monkeypatch):
    # It was read twice: click took "" for unset, the library then failed on float("").
    monkeypatch.setenv(settings.LOCK_WAIT, "")
    result = CliRunner().invoke(cli, ["--home", str(library.home), "catalogue", "c097"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("id:             c097\n")
    assert Library(library.home, notify=lambda m: None).lock_wait == DEFAULT_LOCK_WAIT


def test_the_lock_wait_variable_is_checked_as_wait_is(library, monkeypatch):
    monkeypatch.setenv(settings.LOCK_WAIT, "abc")
    result = CliRunner().invoke(cli, ["--home", str(library.home), "catalogue", "c097"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for '--wait': 'abc' is not a valid float range; see lexmig -h.\n")
    monkeypatch.setenv(settings.LOCK_WAIT, "0.5")
    assert Library(library.home, notify=lambda m: None).lock_wait == 0.5


def test_the_home_variable_is_checked_as_home_is(monkeypatch):
    monkeypatch.setenv(settings.HOME, "/etc/passwd")
    result = CliRunner().invoke(cli, ["catalogue", "c097"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for '--home': Directory '/etc/passwd' is a file; see lexmig -h.\n")


def test_no_color_turns_colour_off_even_when_empty(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert settings.colour_allowed()
    monkeypatch.setenv("NO_COLOR", "")
    assert not settings.colour_allowed()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not settings.colour_allowed()
