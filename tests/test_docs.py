"""The README's sessions are run and their output compared, so the documentation cannot rot.

Every indented block of README.md that holds `$ lexmig ...` lines is a session: its
commands run in README order, as `python -m lexmig` with the README's own arguments, in a working
folder beside a link to ../shared (so `../shared/corpus` means what it says), where a file
named bare (`lexmig add c097-en-twocolumn-latex.pdf`) is a copy of the one file of that
name in ../shared. `$ cat FILE` shows a file the session uses: its lines are written to FILE.
The first session (`lexmig fetch --mirror ../shared/corpus`) builds the home; a later one
that changes the library (add, update, remove, fetch) runs in a copy of that home, so each
session starts from the reference corpus alone. A command marked `# without Tesseract`
runs with no tesseract program on its PATH.

The index is built by one process: with two (a full build on two cores), Whoosh hands
each worker the passages it is free to take first, and which passages share a segment
changes scores in the third decimal (`search --explain`, the baseline of `eval`), so a
README figure could not be compared from one build to the next.

What the comparison allows, and nothing more:
- the home's path is printed as the default home, `~/.local/share/lexmig`;
- spaces at the end of a line, and blank lines at the end of the output, are not compared
  (a README block cannot show them);
- a README line that is `...` alone (indented or not) stands for any number of lines
  left out (none too);
- a README line ending in ` ...` is the start of the printed line (the rest left out).
Output is what a terminal shows: stdout and stderr in the order printed, without colour.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner

from conftest import CORPUS, REALDOCS, ROOT
from lexmig.search.cli import cli

# `python -m lexmig ARGS`, its index built by one process (see above)
LEXMIG = "import os, runpy, sys; os.cpu_count = lambda: 1; sys.argv[0] = 'lexmig'; " \
         "runpy.run_module('lexmig', run_name='__main__')"

README = ROOT / "README.md"
DEFAULT_HOME = "~/.local/share/lexmig"
WRITES = {"add", "update", "remove", "fetch"}


@dataclass
class Command:
    line: int  # in README.md, from 1
    args: list[str]
    comment: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Session:
    commands: list[Command]

    @property
    def writes(self) -> bool:
        return any(c.args[:1] and c.args[0] in WRITES and "--dry-run" not in c.args
                   for c in self.commands if c.args[:1] != ["cat"])


def sessions(text: str) -> list[Session]:
    """The README's blocks that run lexmig, each a list of commands and their output."""
    lines = text.splitlines()
    found: list[Session] = []
    i = 0
    while i < len(lines):
        start = re.match(r"( {4,})\$ (lexmig|cat) ", lines[i])
        if not start:
            i += 1
            continue
        indent = len(start.group(1))
        block: list[Command] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" " * indent)):
            text_line = lines[i][indent:]
            if text_line.startswith("$ "):
                words = shlex.split(text_line[2:].split("  #")[0])
                comment = text_line.split("  #", 1)[1].strip() if "  #" in text_line else ""
                block.append(Command(i + 1, words[1:] if words[0] == "lexmig" else words, comment))
            else:
                block[-1].expected.append(text_line.rstrip())
            i += 1
        for command in block:
            while command.expected and not command.expected[-1]:
                command.expected.pop()
        found.append(Session(block))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the printed lines are the README's, with its two marks of omission."""
    if not expected:
        return not actual
    first, rest = expected[0], expected[1:]
    if first.strip() == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    same = actual[0].startswith(first[:-4]) if first.endswith(" ...") else actual[0] == first
    return same and matches(rest, actual[1:])


def shared_file(name: str):
    """The one file of that name in ../shared (the README names files bare)."""
    found = sorted({*CORPUS.rglob(name), *REALDOCS.rglob(name)})
    assert len(found) == 1, f"{name}: {len(found)} files of that name in ../shared"
    return found[0]


def run(command: Command, home, folder, tmp_path) -> list[str]:
    if command.args[0] == "cat":
        (folder / command.args[1]).write_text("\n".join(command.expected) + "\n", encoding="utf-8")
        return command.expected
    for arg in command.args:
        if re.fullmatch(r"[\w.-]+\.(pdf|md|html|txt)", arg) and not (folder / arg).exists():
            shutil.copy(shared_file(arg), folder / arg)
    env = {**os.environ, "LEXMIG_HOME": str(home), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    if command.comment == "without Tesseract":
        env["PATH"] = str(tmp_path / "no-programs")
    elif command.comment:
        pytest.fail(f"README.md:{command.line}: no rule runs a command marked '# {command.comment}'")
    done = subprocess.run([sys.executable, "-c", LEXMIG, *command.args], cwd=folder, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert "Traceback" not in done.stdout, f"README.md:{command.line}: {done.stdout}"
    return [line.rstrip() for line in done.stdout.replace(str(home), DEFAULT_HOME).rstrip().splitlines()]


SESSIONS = sessions(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A working folder beside a link to ../shared, and the home the first session builds."""
    top = tmp_path_factory.mktemp("readme")
    (top / "shared").symlink_to(ROOT.parent / "shared", target_is_directory=True)
    (top / "no-programs").mkdir()
    return top, top / "home"


@pytest.mark.parametrize("session", SESSIONS, ids=[f"README.md:{s.commands[0].line}" for s in SESSIONS])
def test_each_readme_session_prints_what_the_readme_shows(session, workspace):
    top, home = workspace
    first = session is SESSIONS[0]
    if not first and not home.is_dir():
        pytest.fail("the README's first session did not build the home")
    folder = top / f"clone-{session.commands[0].line}"
    folder.mkdir()
    if session.writes and not first:
        copy = top / f"home-{session.commands[0].line}"
        shutil.copytree(home, copy)
        home = copy
    for command in session.commands:
        actual = run(command, home, folder, top)
        assert matches(command.expected, actual), (
            f"README.md:{command.line}: $ lexmig {shlex.join(command.args)}\n"
            + "--- the README shows\n" + "\n".join(command.expected)
            + "\n--- lexmig prints\n" + "\n".join(actual))


def test_every_lexmig_line_of_the_readme_is_run():
    commands = [c for s in SESSIONS for c in s.commands if c.args[0] != "cat"]
    assert len(commands) == README.read_text(encoding="utf-8").count("$ lexmig ")
    assert commands[0].args == ["fetch", "--mirror", "../shared/corpus"]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_appears_in_the_readme(name):
    assert re.search(rf"`lexmig {name}\b", README.read_text(encoding="utf-8")), f"lexmig {name} is not in README.md"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    example = re.search(r"^ *Examples?:\n\n?((?: +lexmig .+\n)+)", result.output, re.M)
    assert example, f"lexmig {name} --help has no example:\n{result.output}"
    assert all(line.split()[1] == name for line in example.group(1).splitlines()), example.group(1)
