"""Fault soak (not run in CI): random SIGKILLs while a library is being changed.

    python bench/fault_soak.py --trials 60 [--seed 1] [--mirror ../shared/corpus]

A library of every mirror document (25 and the built-in note) is built once. Each trial
starts one change in its own process: an add, a remove or an update of a second rendering
of C97 (PDF, two-column PDF, web page), or a full `index --rebuild` (which uses Whoosh's
worker processes), with two readers searching meanwhile; it kills the change with SIGKILL
after a random delay (sometimes after it has finished). Then:

- no process may still hold a file of the data home (workers die with their parent);
- `lexmig verify` must find the library consistent ("clean"), or `verify --fix` must
  repair it ("fixed");
- a set of queries must give the same hits and scores as a rebuilt copy of the library;
- every reader's search must have ended with exit code 0 or 1 and no traceback.

Anything else counts as "broken", which must be 0. Prints the counts and writes them to
bench/results/fault_soak.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lexmig.indexer.errors import LexmigError  # noqa: E402
from lexmig.indexer.library import Library  # noqa: E402
from lexmig.search.rank import Engine  # noqa: E402

QUERIES = ["recruitment", "family reunion", "domestic workers wages", "remittances", "equality of treatment",
           "C97 art. 6(1)(b)", "movement of natural persons", "trafficking victims", "remitances"]
RENDERINGS = {"c097-pdf": "c097-en-libreoffice.pdf", "c097-tex": "c097-en-twocolumn-latex.pdf",
              "c097-web": "c097-en-webpage.html"}


def lexmig(home: Path, *args: str, wait: bool = True):
    env = dict(os.environ, LEXMIG_HOME=str(home), NO_COLOR="1")
    env.pop("LEXMIG_FAULT", None)
    process = subprocess.Popen([sys.executable, "-m", "lexmig", *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not wait:
        return process
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def quiet(home: Path) -> Library:
    return Library(home, notify=lambda m: None, lock_wait=30)


def results(home: Path) -> dict:
    engine = Engine(quiet(home))
    try:
        return {q: [(h.passage.passage_id, round(h.score, 4)) for h in engine.search(q, limit=10).hits]
                for q in QUERIES}
    finally:
        engine.close()


def processes_using(home: Path) -> list[int]:
    target = str(home.resolve())
    found = set()
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd).startswith(target):
                found.add(int(fd.parts[2]))
        except OSError:
            continue
    return sorted(found - {os.getpid()})


class Readers:
    """Two threads running `lexmig search` one after another until stopped."""

    def __init__(self, home: Path, rng: random.Random):
        self.home, self.stop, self.failures, self.searches = home, threading.Event(), [], 0
        self.queries = [rng.choice(QUERIES) for _ in range(50)]
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(2)]
        for thread in self.threads:
            thread.start()

    def run(self, offset: int):
        n = offset
        while not self.stop.is_set():
            code, _, err = lexmig(self.home, "search", self.queries[n % len(self.queries)], "--limit", "3")
            self.searches += 1
            if code not in (0, 1) or "Traceback" in err:
                self.failures.append(f"search exit {code}: {err.strip().splitlines()[-1:] }")
            n += 2

    def finish(self) -> list[str]:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=600)
        return self.failures


def choose(rng: random.Random, installed: set[str]) -> list[str]:
    absent = [d for d in RENDERINGS if d not in installed]
    present = [d for d in RENDERINGS if d in installed]
    options = ["rebuild"] + (["add"] if absent else []) + (["remove", "update"] if present else [])
    op = rng.choice(options)
    if op == "rebuild":
        return ["index", "--rebuild"]
    if op == "add":
        doc = rng.choice(absent)
        return ["add", str(mirror_file(RENDERINGS[doc])), "--id", doc]
    doc = rng.choice(present)
    if op == "remove":
        return ["remove", doc]
    other = rng.choice([f for d, f in RENDERINGS.items() if d != doc])
    return ["update", doc, str(mirror_file(other))]


MIRROR = ROOT.parent / "shared" / "corpus"


def mirror_file(name: str) -> Path:
    return MIRROR / "c097" / "renderings" / name


TYPICAL: dict[str, float] = {}  # seconds each kind of change takes when left alone
SEARCHES = [0]  # searches the readers ran


def trial(home: Path, rng: random.Random, work: Path) -> tuple[str, str, list[str]]:
    installed = set(quiet(home).installed())
    command = choose(rng, installed)
    readers = Readers(home, rng)
    started = time.monotonic()
    process = lexmig(home, *command, wait=False)
    if command[0] in TYPICAL:  # a kill at any moment of it (one in ten after its end)
        delay = rng.uniform(0.05, 1.05) * TYPICAL[command[0]]
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
    else:  # the first of its kind runs to the end, to learn how long it takes
        process.wait(timeout=600)
        delay = TYPICAL[command[0]] = time.monotonic() - started
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=600)
    failures = readers.finish()
    SEARCHES[0] += readers.searches
    deadline = time.monotonic() + 5
    while processes_using(home) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = processes_using(home)
    if left:
        failures.append(f"processes still hold files of the home: {left}")
        for pid in left:  # ours: the killed change's children
            os.kill(pid, signal.SIGKILL)
    name = " ".join(Path(a).name if "/" in a else a for a in command)
    what = f"{name}: killed after {delay:.1f} s" if not finished else f"{name}: finished"
    try:
        problems = quiet(home).verify()
        outcome = "clean"
        if problems:
            quiet(home).repair()
            problems = quiet(home).verify()
            outcome = "fixed"
            if problems:
                failures.append("verify --fix left: " + "; ".join(p.message for p in problems))
        copy = work / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(home, copy, symlinks=True)
        now = results(home)
        quiet(copy).update_index(rebuild=True)
        if results(copy) != now:
            failures.append("search differs from a rebuild")
    except LexmigError as exc:
        failures.append(f"{type(exc).__name__}: {exc}")
        outcome = "broken"
    return ("broken" if failures else outcome), what, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mirror", type=Path, default=MIRROR)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="lexmig-soak-") as tmp:
        work = Path(tmp)
        home = work / "home"
        code, out, err = lexmig(home, "fetch", "--mirror", str(args.mirror))
        if code != 0:
            sys.exit(f"fetch failed: {err}")
        print(out.strip().splitlines()[-1], f"({len(quiet(home).installed())} documents)")
        counts = {"trials": 0, "clean": 0, "fixed": 0, "broken": 0, "killed": 0, "searches": 0}
        started = time.perf_counter()
        for number in range(1, args.trials + 1):
            outcome, what, failures = trial(home, rng, work)
            counts["trials"] += 1
            counts[outcome] += 1
            counts["killed"] += "killed" in what
            print(f"{number:3d} {what:60s} {outcome}" + (f": {failures}" if failures else ""), flush=True)
        counts["seconds"] = round(time.perf_counter() - started)
        counts["searches"] = SEARCHES[0]
    print(f"trials {counts['trials']} (killed mid-change {counts['killed']}): clean {counts['clean']}, fixed by "
          f"verify --fix {counts['fixed']}, broken {counts['broken']}; {counts['searches']} searches meanwhile")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "fault_soak.json").write_text(json.dumps(dict(counts, seed=args.seed), indent=2) + "\n")
    sys.exit(1 if counts["broken"] else 0)


if __name__ == "__main__":
    main()
