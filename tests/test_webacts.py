"""Acts published as official web pages, on small pages of our own made like them: a page laid
out in tables, each section's heading in a row of its own above the text its number opens
("Short title" / "1. This Act is ..."); the publisher's amendment history, under each section
or at the end ("Legislative History"), which is no part of the Act."""

from lexmig.indexer.readers import read_html
from lexmig.indexer.segment import segment


def _row(cls: str, html: str) -> str:
    return f"<table width='100%'><tr><td class='{cls}'>{html}</td></tr></table>"


def _provision(number: str, heading: str, text: str) -> str:
    return ("<div class='prov1'>" + _row("prov1Hdr", heading)
            + _row("prov1Txt", f"<strong>{number}.</strong>&nbsp;&nbsp;{text}") + "</div>")


TABLED_ACT = (
    "<html><body><div class='legis'>" + _row("actHd", "Workers Act 2031")
    + "<table><tr><td class='part'><div class='partNo'>PART 1</div>" + _row("partHdr", "PRELIMINARY")
    + _provision("1", "Short title", "This Act is the Workers Act 2031.")
    + _provision("2", "Interpretation", "—(1) In this Act, “worker” means a person who works."
                 + _row("prov2Txt", "(2) A reference to a permit is to a valid one."))
    + _provision("2A", "Application to agencies", "This Act applies to an agency.")
    + _provision("3", "Permits", "—(1) A worker must hold a permit.")
    + "</td></tr></table>"
    + _row("LH", "<p>LEGISLATIVE HISTORY</p>" + _row("x", "1. Ordinance 11 of 1950")
           + "<p>PART 2</p><p>31. Commencement: 1 May 1968</p>")
    + "</div></body></html>")


def test_a_tabled_page_s_headings_title_the_sections_their_numbers_open():
    found = segment(read_html(TABLED_ACT), "x").passages
    assert [(p.passage_id, p.title) for p in found if p.kind == "statute-section"] == [
        ("x/s-1", "Short title"), ("x/s-2", "Interpretation"), ("x/s-2a", "Application to agencies"),
        ("x/s-3", "Permits")]
    units = {p.passage_id: p.text for p in found}
    assert units["x/s-1"] == "This Act is the Workers Act 2031."
    assert units["x/s-2/1"] == "In this Act, “worker” means a person who works."
    assert units["x/s-2a"] == "This Act applies to an agency."
    assert units["x/s-3"] == "(1) A worker must hold a permit."
    assert [(p.passage_id, p.title) for p in found if p.kind == "part"] == [("x/part-1", "PRELIMINARY")]
    assert not any("Ordinance" in p.text or "Commencement" in p.text for p in found)


def _nz_section(ident: str, number: str, heading: str, body: str, history: str = "") -> str:
    note = f"<div class='history'><p class='history-note'>{history}</p></div>" if history else ""
    return (f"<div class='prov' id='{ident}'><h5 class='prov'><span class='label'>{number}</span> {heading}</h5>"
            f"<div class='prov-body'>{body}</div>{note}</div>")


def _subsection(label: str, text: str, points: str = "") -> str:
    return (f"<div class='subprov'><p class='subprov'><span class='label'>{label}</span> </p>"
            f"<div class='para'><p class='text'>{text}</p>{points}</div></div>")


def _point(label: str, text: str) -> str:
    return (f"<div class='label-para'><h5 class='label-para'><span class='label'>{label}</span> </h5>"
            f"<div class='para'><p class='text'>{text}</p></div></div>")


HEADED_ACT = (
    "<html><body><h1>Workers Act 2031</h1><h2 class='part'><span class='label'>Part 1</span> Preliminary</h2>"
    + _nz_section("P1", "1", "Title", "<p class='text'>This Act is the Workers Act 2031.</p>")
    + _nz_section("P2", "2", "Permits", _subsection("(1)", "A worker must hold a permit that is—",
                                                     _point("(a)", "valid; and") + _point("(b)", "current."))
                  + _subsection("(2)", "See section <a class='intref' href='#P3'>3</a>."),
                  history="Section 2(1): amended, on 1 May 2031, by section 4 of the Workers Amendment Act 2031.")
    + _nz_section("P3", "3", "Fees", "<p class='text'>No fee is payable under section <a class='intref' "
                  "href='#P2'>2</a>.</p>")
    + "</body></html>")


def test_a_headed_page_s_labels_run_into_their_text_and_its_history_notes_are_dropped():
    found = segment(read_html(HEADED_ACT), "x").passages
    assert [(p.passage_id, p.title) for p in found if p.kind == "statute-section"] == [
        ("x/s-1", "Title"), ("x/s-2", "Permits"), ("x/s-3", "Fees")]
    units = {p.passage_id: p.text for p in found}
    assert units["x/s-2/1/a"] == "valid; and"
    assert units["x/s-2/1/b"] == "current."
    assert units["x/s-2/2"] == "See section 3."
    assert units["x/s-3"] == "No fee is payable under section 2."
    assert not any(p.kind == "footnote" for p in found)
    assert not any("amended, on" in p.text for p in found)
