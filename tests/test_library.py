import dataclasses
import functools
import http.server
import threading

import pytest

from lexmig.indexer.library import Library
from lexmig.search.render import fetch_line
from tests.conftest import corpus_path


@pytest.fixture()
def served_c189():
    """The c189 mirror folder served over HTTP on the loopback interface only."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(corpus_path("c189")))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_downloads_from_the_official_address_and_checks_the_content(tmp_path, served_c189):
    lib = Library(tmp_path, notify=lambda message: None)
    entry = lib.catalogue.get("c189")
    lib.catalogue = lib.catalogue.with_entry(dataclasses.replace(entry, url=f"{served_c189}/BWBV0005977_README.md"))
    broken = dataclasses.replace(lib.catalogue.get("c181"), url=f"{served_c189}/missing.md")
    lib.catalogue = lib.catalogue.with_entry(broken)
    results = {r.doc_id: r for r in lib.fetch(["c189", "c181"])}
    assert fetch_line(results["c189"]) == f"c189: installed from {served_c189}/BWBV0005977_README.md (93 passages)"
    assert fetch_line(results["c181"]) == (f"c181: cannot download {served_c189}/missing.md (HTTP 404 File not found); "
                                       "use --mirror DIR or lexmig add FILE --id c181")
    assert set(lib.installed()) == {"ecosoc-2006-rt6", "c189"}
    assert [p.label for p in lib.passages("c189")[1] if p.kind == "article"] == [str(n) for n in range(1, 28)]


def test_a_damaged_mirror_copy_is_refused(tmp_path):
    mirror = tmp_path / "mirror" / "c097"
    mirror.mkdir(parents=True)
    (mirror / "provenance.json").write_text(corpus_path("c097", "provenance.json").read_text())
    (mirror / "BWBV0005528_README.md").write_text("### Article 1\n\nTampered.")
    lib = Library(tmp_path / "home", notify=lambda message: None)
    [result] = lib.fetch(["c097"], mirror=tmp_path / "mirror")
    assert not result.ok
    assert fetch_line(result) == (f"c097: {mirror / 'BWBV0005528_README.md'} does not match the sha256 in "
                              "provenance.json; the mirror copy is damaged")
    assert not (tmp_path / "home" / "catalogue.json").exists()
