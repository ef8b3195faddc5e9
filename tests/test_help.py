"""Every command's help: an Example block, and every example a command line lexmig accepts."""

import shlex

import click
import pytest
from click.testing import CliRunner

from lexmig.search.cli import cli

COMMANDS = sorted(cli.commands)


def examples(help_text: str) -> list[str]:
    """The lines of the help's "Example:" block."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Example:")
    block = []
    for line in lines[start + 1:]:
        if not line.strip() or not line.startswith("  "):
            break
        block.append(line.strip())
    return block


def test_every_command_is_listed():
    assert COMMANDS == ["add", "catalogue", "cite", "eval", "fetch", "index", "passages", "related", "remove",
                        "search", "show", "sources", "subjects", "support", "update", "verify"]


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_command_has_help_with_an_example_that_parses(name):
    args = ["-h"] if name is None else [name, "-h"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    found = examples(result.stdout)
    assert found, f"lexmig {name} -h has no example"
    for example in found:
        words = shlex.split(example)
        assert words[0] == "lexmig"
        command = cli.commands[words[1]]
        if name is not None:
            assert words[1] == name, example
        with click.Context(cli, info_name="lexmig") as parent:
            command.make_context(words[1], words[2:], parent=parent)  # a wrong option raises, one line
