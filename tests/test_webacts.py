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


def _nz_part(ident: str, number: str, heading: str) -> str:
    return f"<h2 class='part' id='{ident}'><span class='label'>Part {number}</span> {heading}</h2>"


def _repealed(ident: str, number: str, heading: str) -> str:
    return (f"<div class='prov' id='{ident}'><h5 class='prov'><span class='label'>{number}</span> {heading}</h5>"
            "<span class='prov deletion-status'>[Repealed]</span><div class='prov-body'></div></div>")


_INSERTED = (("Q1", "1", "Title"), ("Q2", "2", "Interpretation"), ("Q3", "2AA", "Object of this Part"),
             ("Q4", "2AAB", "Review of operation of Part after 2 years"), ("Q5", "2AB", "Object of this Part"),
             ("Q6", "2ABEA", "Proof of circumstances"), ("Q7", "2A", "Object of this subpart"),
             ("Q8", "3", "Employer may opt out of bargaining for a collective agreement, or for an agreement to join "
                         "one, involving 2 or more employers"),
             ("Q9", "4", "One or more unions proposing to initiate bargaining with 2 or more employers for a single "
                         "collective agreement"),
             ("Q10", "4AA", "False warranty: exempt employer"))
INSERTED_ACT = (
    "<html><body><h1>Workers Act 2031</h1><div class='contents'><h2>Contents</h2><table>"
    + "".join(f"<tr><td><a class='toc' href='#{i}'>{n}</a></td><td><a class='toc' href='#{i}'>{h}</a></td></tr>"
              for i, n, h in _INSERTED)
    + "<tr><td></td><td><a class='toc' href='#R1'>Part 1</a> <a class='toc' href='#R1'>Preliminary</a></td></tr>"
    + "</table></div>"
    + _nz_part("R1", "1", "Preliminary")
    + _nz_section("Q1", "1", "Title", "<p class='text'>This Act is the Workers Act 2031.</p>")
    + _nz_section("Q2", "2", "Interpretation", "<p class='text'>In this Act, worker means a person who works.</p>")
    + _nz_part("R2", "1AA", "Flexible work")
    + _nz_section("Q3", "2AA", "Object of this Part", "<p class='text'>The object of this Part is to allow requests.</p>")
    + _repealed("Q4", "2AAB", "Review of operation of Part after 2 years")
    + _nz_part("R3", "1AB", "Short-term arrangements")
    + _nz_section("Q5", "2AB", "Object of this Part", "<p class='text'>The object of this Part is to help quickly.</p>")
    + _nz_section("Q6", "2ABEA", "Proof of circumstances", "<p class='text'>An employer may ask for proof.</p>")
    + _nz_part("R4", "1A", "Restructuring")
    + _nz_section("Q7", "2A", "Object of this subpart", "<p class='text'>The object of this subpart is to protect.</p>")
    + _repealed("Q8", "3", _INSERTED[7][2])
    + _nz_section("Q9", "4", _INSERTED[8][2], _subsection("(1)", "This section applies to a union."))
    + _repealed("Q10", "4AA", "False warranty: exempt employer")
    + "</body></html>")


def test_a_headed_page_s_inserted_parts_and_sections_each_open_a_unit_and_its_contents_none():
    """New Zealand's inserted units ("Part 6AB", "69AB" after "69AAL", "69A" after "69ABK"), section
    headings of 15 words or more and one with a colon, a section after a repealed one: each its own
    unit (the Employment Relations Act 2000: 69 of its 507 sections had none, and a repealed
    section's unit ran on over two Parts); the page's table of contents opens none (it doubled the
    Parts: "part-1" holding the contents, "part-1-2" the Part)."""
    found = segment(read_html(INSERTED_ACT), "x").passages
    assert [(p.label, p.title) for p in found if p.kind == "statute-section"] == [(n, h) for _, n, h in _INSERTED]
    assert [(p.passage_id, p.title) for p in found if p.kind == "part"] == [
        ("x/part-1", "Preliminary"), ("x/part-1aa", "Flexible work"), ("x/part-1ab", "Short-term arrangements"),
        ("x/part-1a", "Restructuring")]
    units = {p.passage_id: p.text for p in found}
    assert units["x/s-2aab"] == "[Repealed]"
    assert units["x/s-2abea"] == "An employer may ask for proof."
    assert units["x/s-3"] == "[Repealed]"
    assert units["x/s-4/1"] == "This section applies to a union."
    assert not any("Title" in p.text or "Contents" in p.text for p in found)


GROUPED_ACT = (
    "<html><body><div class='legis'>" + _row("actHd", "Claims Act 2031")
    + "<div class='part'><div class='partNo'>PART 1</div>" + _row("partHdr", "CLAIMS")
    + "<div class='division'>" + _row("divtitle", "Division 1 — Tribunals and registrars")
    + _provision("1", "Establishment of tribunals", "The President may constitute tribunals.")
    + _provision("2", "Registry, etc.", "A registry is established.")
    + "</div><div class='division'>" + _row("divtitle", "Division 2 — Jurisdiction")
    + _provision("3", "Jurisdiction of tribunal", "—(1) A tribunal may hear a claim."
                 + _row("prov2Txt", "(2) The claim must be lodged in time."))
    + _provision("4", "Lodging of claim", "A claim is lodged with the Registry.")
    + "</div></div>"
    + "<div class='schedule'>" + _row("sHdr", "FIRST SCHEDULE") + _row("SbodyRefs", "Sections 3(2) and 4")
    + _row("scHdr", "Specified matters") + "<p>1. Allowance</p><p>2. Bonus payment</p></div>"
    + "<div class='schedule'>" + _row("sHdr", "SECOND SCHEDULE") + _row("scHdr", "Other matters")
    + "<p>1. Overtime</p></div>"
    + "</div></body></html>")


def test_a_tabled_page_s_divisions_and_ordinal_schedules_open_units_and_leave_its_sections_theirs():
    """Singapore Statutes Online: a Division's heading with its title ("Division 1 — ...") above a
    section's heading and the text its number opens; schedules named by ordinals ("FIRST
    SCHEDULE"). The Employment Claims Act 2016: sections 8 and 12 ran into the text above, the
    21 sections after 12 lost their headings, its schedules' items were sections 36 to 45."""
    found = segment(read_html(GROUPED_ACT), "x").passages
    assert [(p.passage_id, p.title) for p in found if p.kind in ("part", "division", "statute-section")] == [
        ("x/part-1", "CLAIMS"), ("x/part-1/div-1", "Tribunals and registrars"),
        ("x/s-1", "Establishment of tribunals"), ("x/s-2", "Registry, etc."),
        ("x/part-1/div-2", "Jurisdiction"), ("x/s-3", "Jurisdiction of tribunal"), ("x/s-4", "Lodging of claim")]
    units = {p.passage_id: p.text for p in found}
    assert units["x/s-1"] == "The President may constitute tribunals."
    assert units["x/s-3/1"] == "A tribunal may hear a claim."
    assert units["x/s-4"] == "A claim is lodged with the Registry."
    assert [(p.passage_id, p.label) for p in found if p.kind == "appended"] == [
        ("x/schedule-1", "Schedule No. 1"), ("x/schedule-2", "Schedule No. 2")]


AMENDED_ACT = (
    "<html><body><h1 class='title'>Workers Act 2031</h1>"
    + _nz_section("A1", "1", "Title", "<p class='text'>This Act is the Workers Act 2031.</p>")
    + _nz_section("A2", "2", "Permits", "<p class='text'>A worker must hold a permit.</p>")
    + "<h2 class='schedule'>Schedule 1AA Transitional provisions</h2>"
    + _nz_section("B1", "1", "Interpretation", "<p class='text'>In this schedule, commencement means 1 May 2031.</p>")
    + "<h2 class='schedule'>Schedule 1 Enactments repealed</h2><p class='text'>Workers Ordinance 1950 (1950 No 4)</p>"
    + "<h1 class='title'>Workers Amendment Act 2033</h1><p>Public Act | 2033 No 7</p>"
    + _nz_section("C1", "1", "Title", "<p class='text'>This Act is the Workers Amendment Act 2033.</p>")
    + _nz_section("C2", "2", "Transitional provision", "<p class='text'>Section 2 of the principal Act applies to "
                  "permits granted before 2033.</p>")
    + "</body></html>")


def test_a_headed_page_s_amendment_acts_after_the_schedules_are_their_own_and_inserted_schedules_theirs():
    """New Zealand prints the provisions of amendment Acts still in force below the Act's last
    schedule, each under its own title: they are appended instruments, numbered anew (the
    Employment Relations Act 2000: seven such Acts read as Schedule 6's Parts and sections,
    'schedule-6/part-1-2'). An inserted schedule ('Schedule 1AA') has its number, not 'Schedule'."""
    found = segment(read_html(AMENDED_ACT), "x").passages
    assert [(p.passage_id, p.label) for p in found if p.kind == "appended"] == [
        ("x/schedule-1aa", "Schedule No. 1AA"), ("x/schedule-1", "Schedule No. 1"),
        ("x/workers-amendment-act-2033", "Workers Amendment Act 2033")]
    units = {p.passage_id: p.text for p in found}
    assert units["x/schedule-1"] == "Workers Ordinance 1950 (1950 No 4)"
    assert units["x/workers-amendment-act-2033/s-2"] == "Section 2 of the principal Act applies to permits granted before 2033."
    assert [p.passage_id for p in found if p.kind == "statute-section"] == [
        "x/s-1", "x/s-2", "x/schedule-1aa/s-1", "x/workers-amendment-act-2033/s-1", "x/workers-amendment-act-2033/s-2"]


def test_a_page_s_site_header_buttons_and_unlinked_contents_are_no_part_of_the_act():
    """Singapore Statutes Online prints its name and the date above the Act ("print-header") and a
    table of contents whose entries link nowhere ("TocParagraph" blocks under "contents"); New
    Zealand's page has buttons ("legislationActions": "Previous section", "Next hit"). All of it
    was the preamble's text (the Employment Claims Act 2016's preamble: 2,043 characters of it)."""
    page = TABLED_ACT.replace(
        "<div class='legis'>",
        "<div class='print-header'><div>Statutes Online</div><div>Current version as at 1 May 2031</div></div>"
        "<div class='legislationActions'><ul><li><a>Previous section</a></li><li><a>Next hit</a></li></ul></div>"
        "<div id='contents'><p class='HeadingParagraph'>Table of Contents</p><p class='HeadingParagraph'>Part 1</p>"
        + "".join(f"<blockquote class='TocParagraph'><div>{n} {h}</div></blockquote>"
                  for n, h in (("1", "Short title"), ("2", "Interpretation"), ("2A", "Application"), ("3", "Permits")))
        + "</div><div class='legis'>", 1)
    found = segment(read_html(page), "x").passages
    assert [p.passage_id for p in found if p.kind in ("preamble", "part", "statute-section")] == [
        "x/part-1", "x/s-1", "x/s-2", "x/s-2a", "x/s-3"]
    assert not any(word in p.text for p in found for word in ("Contents", "Previous section", "Current version"))


def test_a_tabled_page_s_point_labels_set_in_parts_open_points_without_a_cell_rule():
    """Singapore Statutes Online sets a point's label in a cell of its own, its letter in italics
    ("(<em>a</em>)", read "( a )"): the row was "( a ) | text", every point's text opened with "| "
    (205 of the Foreign Employee Dormitories Act's 205 points)."""
    rows = "".join(f"<tr><td class='p1DefNo'>(<em>{n}</em>)</td><td class='pDefTxt'>{t}</td></tr>"
                   for n, t in (("a", "a dormitory;"), ("b", "a hostel.")))
    page = TABLED_ACT.replace("This Act applies to an agency.", "This Act applies to —"
                              f"<table class='p1_1' width='100%'><tbody>{rows}</tbody></table>")
    units = {p.passage_id: p.text for p in segment(read_html(page), "x").passages}
    assert (units["x/s-2a/a"], units["x/s-2a/b"]) == ("a dormitory;", "a hostel.")


def test_a_heading_broken_to_fit_the_page_is_one_line_and_a_unit_s_number_still_ends_one():
    """Singapore Statutes Online breaks long headings with <br> ("Foreign Employee<br>Dormitories
    Act 2015": the Act was titled "Dormitories Act 2015"; Part 2 "LICENSING OF FOREIGN EMPLOYEE",
    its text "DORMITORY OPERATORS"); a unit's number, another case or a unit's name after the
    break still starts a line ("Article 1<br>Subject matter", "ANNEX I<br>TECHNIQUES<br>referred
    to in Article 3")."""
    page = TABLED_ACT.replace("Workers Act 2031", "Foreign Workers <br>Housing Act 2031", 1).replace(
        "PRELIMINARY", "LICENSING OF WORKER<br>HOUSING OPERATORS")
    source = read_html(page)
    assert source.lines[0].text == "Foreign Workers Housing Act 2031"
    assert [(p.passage_id, p.title) for p in segment(source, "x").passages if p.kind == "part"] == [
        ("x/part-1", "LICENSING OF WORKER HOUSING OPERATORS")]
    eu = read_html("<html><body><h2>Article 1<br>Subject matter</h2><p>This Regulation lays down rules.</p>"
                   "<h2>ANNEX I<br>TECHNIQUES<br>referred to in Article 3</h2><p>(a) learning.</p></body></html>")
    assert [line.text for line in eu.lines if line.heading] == [
        "Article 1", "Subject matter", "ANNEX I", "TECHNIQUES", "referred to in Article 3"]


def test_a_headed_page_s_cross_headings_group_the_sections_below_and_end_no_text_above():
    """New Zealand's cross-headings ("<h4>Good faith employment relations</h4>" between sections 3
    and 4) ended the text of the section above (110 of them in the Employment Relations Act 2000);
    they group the sections below as a `heading` division, titled by them."""
    page = ("<html><body><h1>Workers Act 2031</h1>" + _nz_part("R1", "1", "Preliminary")
            + _nz_section("P1", "1", "Title", "<p class='text'>This Act is the Workers Act 2031.</p>")
            + "<h4 class='crosshead'>Permits and fees</h4>"
            + _nz_section("P2", "2", "Permits", "<p class='text'>A worker must hold a permit.</p>")
            + _nz_section("P3", "3", "Fees", "<p class='text'>No fee is payable.</p>") + "</body></html>")
    found = segment(read_html(page), "x").passages
    assert [(p.passage_id, p.kind, p.title) for p in found] == [
        ("x/part-1", "part", "Preliminary"), ("x/s-1", "statute-section", "Title"),
        ("x/part-1/heading-1", "heading", "Permits and fees"), ("x/s-2", "statute-section", "Permits"),
        ("x/s-3", "statute-section", "Fees")]
    assert [p.text for p in found if p.kind == "statute-section"] == [
        "This Act is the Workers Act 2031.", "A worker must hold a permit.", "No fee is payable."]
