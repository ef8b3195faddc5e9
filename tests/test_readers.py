import io
import os
import socket
import threading

import pytest

from lexmig.indexer.errors import BadFile
from lexmig.indexer.readers import detect_format, load_file, read_bytes, read_file, read_html
from tests.conftest import corpus_path

C097_PDF = ("c097", "renderings", "c097-en-libreoffice.pdf")


@pytest.mark.parametrize("parts, expected", [
    (C097_PDF, "pdf"),
    (("c097", "renderings", "c097-en-webpage.html"), "html"),
    (("c097", "BWBV0005528_README.md"), "md"),
])
def test_content_decides_the_format_not_the_name(parts, expected):
    assert detect_format(corpus_path(*parts).read_bytes()) == expected


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path):
    disguised = tmp_path / "c097.txt"
    disguised.write_bytes(corpus_path(*C097_PDF).read_bytes())
    source = read_file(disguised)
    assert source.format == "pdf" and source.pages == 16


def test_html_reader_drops_site_chrome():
    source = read_file(corpus_path("c097", "renderings", "c097-en-webpage.html"))
    text = "\n".join(line.text for line in source.lines)
    for chrome in ("cookies", "Ratifications by country", "Related instruments", "Copyright", "dataLayer",
                   "Home > Instruments"):
        assert chrome not in text
    assert "1. Each Member for which this Convention is in force undertakes that it will" in text


def test_pdf_running_headers_page_numbers_and_footnotes_are_taken_out():
    source = read_file(corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-latex.pdf"))
    body = [line.text for line in source.lines if line.footnote is None and not line.continues_footnote]
    assert not any(line.startswith("ECOSOC 2006 HLS") for line in body)
    assert not any(line.strip().isdigit() for line in body)
    assert [line.footnote for line in source.lines if line.footnote] == [str(n) for n in range(1, 10)]


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(corpus_path(*C097_PDF)).pages[:1]:
        writer.add_page(page)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_FILES = [
    ("empty.md", lambda: b"", "empty.md: the file is empty; there is nothing to add."),
    ("blank.txt", lambda: b"  \n\n ", "blank.txt: the file is empty; there is nothing to add."),
    ("truncated.pdf", lambda: corpus_path(*C097_PDF).read_bytes()[:40000],
     "truncated.pdf: the PDF is truncated (no end-of-file marker); get a complete copy and try again."),
    ("locked.pdf", _encrypted_pdf,
     "locked.pdf: the PDF is encrypted with a password; remove it (e.g. qpdf --decrypt) and add the decrypted copy."),
    ("scan.pdf", lambda: corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-scanned-pages-1-2.pdf").read_bytes(),
     "scan.pdf: the PDF has no text layer (scanned images); add it with --ocr to run OCR on it "
     "(ocrmypdf and Tesseract)."),
    ("garbage.bin", lambda: bytes(range(256)) * 40,
     "garbage.bin: not a PDF, HTML, Markdown or text file (binary data); add the document in one of those formats."),
    ("latin1.txt", lambda: "Article 1\n\nLes travailleurs migrants b\xe9n\xe9ficient.".encode("latin-1"),
     "latin1.txt: the text is not UTF-8; convert it to UTF-8 (e.g. iconv -f LATIN1 -t UTF-8) and try again."),
    ("nav.html", lambda: b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
     "nav.html: the HTML page has no document text once navigation and scripts are removed; "
     "save the document's own page and try again."),
    ("broken.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n",
     "broken.pdf: the PDF is corrupt"),
]


@pytest.mark.parametrize("name, make, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_get_one_line_that_says_what_to_do(tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(BadFile) as info:
        read_file(path)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_a_directory_a_missing_file_and_the_size_limit(tmp_path):
    with pytest.raises(BadFile, match=r"is a directory; give a document file"):
        read_file(tmp_path)
    with pytest.raises(BadFile, match=r"nope.pdf: no such file; check the path.$"):
        read_file(tmp_path / "nope.pdf")
    big = tmp_path / "big.md"
    big.write_text("x" * 2000)
    with pytest.raises(BadFile, match=r"^big.md: 2,000 bytes is over the size limit of 1,000 bytes"):
        read_file(big, max_bytes=1000)


def test_only_regular_files_are_read_a_fifo_a_socket_or_a_device_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock = tmp_path / "sock.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    outcome: dict = {}

    def read_all():  # in a thread, so that a reader that blocks fails the test instead of hanging it
        for path in (fifo, sock, "/dev/zero", "/dev/null"):
            with pytest.raises(BadFile) as info:
                load_file(path, max_bytes=1000)
            outcome[str(path)] = str(info.value)

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    reader.join(20)
    server.close()
    if reader.is_alive():
        with open(fifo, "wb"):  # let the blocked open go on, then fail
            pass
        pytest.fail("reading a FIFO blocked")
    regular = "not a regular file; give a document file (PDF, HTML, Markdown or text) saved on disk."
    assert outcome == {str(fifo): f"{fifo}: is a named pipe (FIFO), {regular}",
                       str(sock): f"{sock}: is a socket, {regular}",
                       "/dev/zero": f"/dev/zero: is a device, {regular}",
                       "/dev/null": f"/dev/null: is a device, {regular}"}


def test_a_link_to_a_regular_file_is_read(tmp_path):
    link = tmp_path / "c097.pdf"
    link.symlink_to(corpus_path(*C097_PDF))
    assert load_file(link) == corpus_path(*C097_PDF).read_bytes()


def test_utf16_with_bom_is_read():
    source = read_bytes("### Article 1\n\nText.".encode("utf-16"), "u16.txt")
    assert [line.text for line in source.lines] == ["Article 1", "Text."]


@pytest.mark.parametrize("parts", [("gats-mnp", "BWBV0001160_annex_mnp_excerpt.md"),
                                   ("c097", "renderings", "c097-en-webpage.html")])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_byte_order_mark_is_read_like_utf8(parts, encoding):
    # Without its mark, UTF-16 was refused as binary data; an HTML page in UTF-16 was read as text.
    data = corpus_path(*parts).read_bytes()
    utf8 = read_bytes(data, parts[-1])
    utf16 = read_bytes(data.decode("utf-8").encode(encoding), parts[-1])
    assert utf16.format == utf8.format == ("html" if parts[-1].endswith(".html") else "md")
    assert [line.text for line in utf16.lines] == [line.text for line in utf8.lines]


@pytest.mark.parametrize("declared", ["windows-1252", "ISO-8859-1"])
def test_an_html_page_in_the_encoding_it_declares_is_read(declared):
    # A page saved from an older site in Windows-1252 was refused as "not UTF-8".
    page = corpus_path("c097", "renderings", "c097-en-webpage.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8" />' in page and any(c in page for c in "\u201d\u2014\u2019")
    saved = page.replace('<meta charset="utf-8" />', f'<meta charset="{declared}" />').encode("cp1252")
    assert [line.text for line in read_bytes(saved, "c097.html").lines] == \
        [line.text for line in read_bytes(page.encode("utf-8"), "c097.html").lines]


def test_windows_1252_text_is_refused_naming_windows_1252():
    # Its quotes are bytes 0x80-0x9F: converted "from LATIN1", as the message said, they became control characters.
    data = corpus_path("gats-mnp", "BWBV0001160_annex_mnp_excerpt.md").read_text(encoding="utf-8")
    with pytest.raises(BadFile) as info:
        read_bytes(("\u201cMovement\u201d " + data).encode("cp1252", errors="replace"), "annex.txt")
    assert str(info.value) == ("annex.txt: the text is not UTF-8; convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 "
                               "-t UTF-8) and try again.")


def test_html_named_pdf_is_read_as_html(tmp_path):
    disguised = tmp_path / "c097.pdf"
    disguised.write_bytes(corpus_path("c097", "renderings", "c097-en-webpage.html").read_bytes())
    assert read_file(disguised).format == "html"


def test_a_huge_line_is_read_in_memory_proportional_to_it():
    # A 47 MB line of words took 900 MB: its spaces were normalised through a list of every word.
    import tracemalloc

    words = " ".join(corpus_path("gats-mnp", "BWBV0001160_annex_mnp_excerpt.md").read_text(encoding="utf-8").split())
    copies = 4_000_000 // len(words)
    line = (words + " ") * copies
    once = read_bytes(("### Article 1\n\n" + words).encode("utf-8"), "once.md").lines[1].text
    tracemalloc.start()
    try:
        read = read_bytes(("### Article 1\n\n" + line).encode("utf-8"), "huge.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    heading, text = read.lines
    assert (heading.text, text.text[:len(once)], text.text[-40:]) == ("Article 1", once, once[-40:])
    assert peak < 10 * len(line), f"{peak:,} bytes for a line of {len(line):,}"  # it took 17 times


def _docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # the parts a Word file starts with
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
     "scan.png: an image (PNG), not a text; add it with --ocr to read it by OCR."),
    ("scan.tif", b"II*\x00" + bytes(64), "scan.tif: an image (TIF), not a text; add it with --ocr to read it by OCR."),
    ("letter.docx", _docx(), "letter.docx: DOCX is not a format lexmig reads; save it as PDF or HTML and add that."),
    ("letter.rtf", b"{\\rtf1\\ansi Article 1 The text.}",
     "letter.rtf: RTF is not a format lexmig reads; save it as PDF or HTML and add that."),
    ("laws.zip", b"PK\x03\x04" + bytes(64),
     "laws.zip: an archive (ZIP); unpack it and add the documents in it (lexmig add FOLDER)."),
])
def test_a_format_lexmig_does_not_read_is_named_with_what_to_do(name, data, message):
    # An RTF file is text: it was read as one, its markup and all; the others were "binary data".
    with pytest.raises(BadFile) as error:
        read_bytes(data, name)
    assert str(error.value) == message


def test_a_consolidated_eu_texts_footnote_brackets_outside_the_link_are_dropped():
    # EUR-Lex's consolidated texts print "(<a>1</a>)" for a call and a note's number: the number
    # became a marker and "()" stayed in the text and before the note ("() OJ L 1, ...").
    from lexmig.indexer.readers import read_html
    from lexmig.indexer.source import marker

    page = ('<html><body><p>Article 1</p><p>The definitions in Directive 2031/1/EU (<a href="#E0001" id="src.E0001">'
            '<span class="superscript">1</span></a>) shall apply.</p><p class="footnote">(<a href="#src.E0001" '
            'id="E0001"><span class="superscript">1</span></a>) OJ L 1, 5.1.2031, p. 1.</p></body></html>')
    assert [(line.text, line.footnote) for line in read_html(page).lines] == [
        ("Article 1", None), (f"The definitions in Directive 2031/1/EU{marker('1')} shall apply.", None),
        ("OJ L 1, 5.1.2031, p. 1.", "1")]


def test_a_consolidated_eu_texts_notes_called_in_its_left_out_preamble_stay_notes():
    # A consolidated EUR-Lex text drops the preamble, where the first notes were called, and keeps
    # their bodies, linked back to calls the page no longer holds: "(1) OJ C 365 E, ..." after the
    # last article was read as its paragraph 1 (the Directive on privacy and electronic
    # communications: Article 21(1)-(7); a 1998 joint action's old page, anchored by name: Article 9(1)-(5)).
    from lexmig.indexer.readers import read_html
    from lexmig.indexer.segment import segment
    from lexmig.indexer.source import marker

    page = ('<html><body><p>Article 1</p><p>Directive 2031/1/EU (<a href="#E0002" id="src.E0002">'
            '<span class="superscript">2</span></a>) applies.</p><p>Article 2</p><p>It enters into force.</p>'
            '<hr/><p class="footnote">(<a href="#src.E0001" id="E0001"><span class="superscript">1</span></a>) '
            'OJ C 1, 4.1.2031, p. 2.</p><p class="footnote">(<a href="#src.E0002" id="E0002">'
            '<span class="superscript">2</span></a>) OJ L 1, 5.1.2031, p. 1.</p>'
            '<a name="E0003"></a><p>(<a href="#src.E0003">3</a>) OJ L 9, 9.1.2031, p. 9.</p>'
            '<p>See <a href="#nowhere">4</a> of the list.</p></body></html>')
    assert [(line.text, line.footnote) for line in read_html(page).lines] == [
        ("Article 1", None), (f"Directive 2031/1/EU{marker('2')} applies.", None), ("Article 2", None),
        ("It enters into force.", None), ("OJ C 1, 4.1.2031, p. 2.", "1"), ("OJ L 1, 5.1.2031, p. 1.", "2"),
        ("OJ L 9, 9.1.2031, p. 9.", "3"), ("See 4 of the list.", None)]
    assert [p.passage_id for p in segment(read_html(page), "d").passages] == ["d/art-1", "d/art-2", "d/fn-1", "d/fn-2", "d/fn-3"]


def test_a_page_marking_up_each_article_as_an_article_element_is_read_whole():
    # A law's page that wraps its preamble and each article in <article> (Lexparency's Visa Code,
    # 57 articles) was read from its first <article> alone: the preamble, and "no legal structure".
    # A page with one <article> (a news or blog page) is still read from it, without its site.
    from lexmig.indexer.readers import read_html

    page = ('<html><body><nav>Home</nav><article><p>REGULATION (EC) No 7/2031</p></article>'
            '<div><article><h1>Article 1</h1><p>This Regulation applies.</p></article>'
            '<article><h1>Article 2</h1><p>It enters into force.</p></article></div></body></html>')
    assert [line.text for line in read_html(page).lines] == [
        "REGULATION (EC) No 7/2031", "Article 1", "This Regulation applies.", "Article 2", "It enters into force."]
    one = '<html><body><div>Site menu</div><article><h1>Article 1</h1><p>This Act applies.</p></article></body></html>'
    assert [line.text for line in read_html(one).lines] == ["Article 1", "This Act applies."]


def test_a_consolidated_eur_lex_texts_disclaimer_is_no_part_of_it():
    # Before, "This document is meant purely as a documentation tool ..." opened the act's preamble.
    page = ("<html><body><p class=\"disclaimer\">This document is meant purely as a documentation tool and the "
            "institutions do not assume any liability for its contents</p><p class=\"title-doc-first\">DIRECTIVE "
            "2031/1/EU OF THE COUNCIL on seasonal workers</p><p class=\"norm\">THE COUNCIL OF THE EUROPEAN UNION,</p>"
            "</body></html>")
    source = read_html(page, "consolidated.html")
    assert [line.text for line in source.lines] == ["DIRECTIVE 2031/1/EU OF THE COUNCIL on seasonal workers",
                                                    "THE COUNCIL OF THE EUROPEAN UNION,"]


def test_a_pdfs_fonts_are_read_once_not_once_a_page(tmp_path, monkeypatch):
    # pypdf reads a page's fonts anew for every page; a /ToUnicode map written as one range over
    # every code (mPDF's "<0000> <FFFF> <0000>") made an Indian Act of 226 pages take 10-20 s a
    # page. The pages share their font objects: each is read once per file, the text unchanged.
    from pypdf import _page

    from lexmig.indexer.readers import read_pdf
    from tests.test_segment import pdf_of

    path = pdf_of("\n".join(f"Article {n}\nThe text of article {n}." for n in range(1, 120)), tmp_path / "long.pdf")
    reads = []
    original = _page.Font.__dict__["from_font_resource"]

    def counted(cls, font_dict):
        reads.append(id(font_dict))
        return original.__func__(cls, font_dict)

    monkeypatch.setattr(_page.Font, "from_font_resource", classmethod(counted))
    source = read_pdf(path.read_bytes(), "long.pdf")
    assert source.pages == 6 and len(reads) == len(set(reads)) == 1
    assert source.page_texts[5].splitlines()[-1] == "The text of article 119."
    assert _page.Font.__dict__["from_font_resource"].__func__ is counted  # put back as it was


def test_a_list_items_label_printed_as_its_attribute_is_its_label():
    # Lexparency numbers each item of an EU act's lists in an attribute ('<li data-title="(1)">',
    # '"a)"'): read as the list's running number, recitals "(1)" were paragraphs "1." and points
    # "a)" paragraphs 1, 2 (the Visa Code: 316 paragraphs, no point; the CRR: no recital).
    page = ('<html><body><ol><li data-title="(1)">Member States shall register seasonal workers.</li>'
            '<li data-title="(2)">They shall inform them:<ol><li data-title="a)">in writing;</li>'
            '<li data-title="b)">in a language they understand.</li></ol></li>'
            '<li data-title="\u25a1">a box to tick</li></ol></body></html>')
    assert [line.text for line in read_html(page).lines] == [
        "(1) Member States shall register seasonal workers.", "(2) They shall inform them:", "a) in writing;",
        "b) in a language they understand.", "3. a box to tick"]


def test_a_heading_and_paragraphs_set_directly_in_a_list_are_read():
    # The Visa Code's annexes print their forms as headings and paragraphs inside an <ol> (no <li>):
    # Annex I's text was lost and the annex empty.
    page = ('<html><body><h1>ANNEX I</h1><ol><ol><h3>APPLICATION FORM</h3><p>This form is free.</p></ol>'
            '<li>Surname</li></ol></body></html>')
    assert [(line.text, line.heading) for line in read_html(page).lines] == [
        ("ANNEX I", 1), ("APPLICATION FORM", 3), ("This form is free.", 0), ("1. Surname", 0)]


def test_notes_numbered_anew_under_each_article_are_the_notes_of_the_unit_that_calls_them():
    # Lexparency prints each article's notes below it, numbered from (1) again, linked from their
    # calls but linking nowhere: the Visa Code kept 1 of its 27 notes, the others read as the text of
    # the unit above. A call's target that opens with its number is the note's body; numbered anew,
    # each note is the calling unit's own.
    from lexmig.indexer.segment import segment

    def article(n: int, calls: int) -> str:
        called = "".join(f'<sup><a href="#A{n}-note_{k}">({k})</a></sup>' for k in range(1, calls + 1))
        notes = "".join(f'<p class="footnote" id="A{n}-note_{k}"><sup>({k})</sup> OJ L {n}{k}, 2031, p. {k} .</p>'
                        for k in range(1, calls + 1))
        return f"<h1>Article {n}</h1><p>Regulation No {n}/2031{called} applies.</p><div>{notes}</div>"

    passages = segment(read_html(f"<html><body>{article(1, 1)}{article(2, 2)}</body></html>"), "d").passages
    assert [(p.passage_id, p.text) for p in passages] == [
        ("d/art-1", "Regulation No 1/2031 applies."), ("d/art-1/fn-1", "OJ L 11, 2031, p. 1."),
        ("d/art-2", "Regulation No 2/2031 applies."), ("d/art-2/fn-1", "OJ L 21, 2031, p. 1."),
        ("d/art-2/fn-2", "OJ L 22, 2031, p. 2.")]
    # numbered once through the page, they are its footnotes, as EUR-Lex's are
    once = segment(read_html(f"<html><body>{article(1, 1)}</body></html>".replace("1/2031", "1/2031 and")), "d")
    assert [(p.passage_id, p.text, p.anchor) for p in once.passages] == [
        ("d/art-1", "Regulation No 1/2031 and applies.", None), ("d/fn-1", "OJ L 11, 2031, p. 1.", "d/art-1")]


def test_a_german_or_french_cross_reference_linked_to_its_unit_keeps_its_number():
    # Lexparency links every article a German act cites ('gemäß Artikel <a href="#ART_14">14</a>'):
    # a number linked to a place of the page after "Artikel" was taken for a note's call (forward)
    # or body (back), and the Visa Code read "nach Artikel vorzulegen" throughout, its annexes'
    # opening sentences footnotes 14 and 46.
    page = ('<html><body><h1 id="ART_14">Artikel 14</h1><p>Belege sind vorzulegen.</p><h1>Artikel 15</h1>'
            '<p>Die Belege gemäß Artikel <a href="#ART_14">14</a> und Absatz <a href="#ART_16-2">2</a> des Artikels '
            '<a href="#ART_16">16</a>, voir article <a href="#ART_16">16</a> et <a href="#ART_14">14</a>.</p>'
            '<h1 id="ART_16">Artikel 16</h1><p id="ART_16-2">Die Gebühr ist zu entrichten.</p></body></html>')
    assert [line.text for line in read_html(page).lines][3] == \
        "Die Belege gemäß Artikel 14 und Absatz 2 des Artikels 16, voir article 16 et 14."


CORRELATION_PAGE = (
    "<html><body><h1>Artikel 1</h1><p>Diese Verordnung gilt, wie in Artikel <a href='#art2'>2</a> Absatz <a href='#a21'>1</a> "
    "Nummer <a href='#a211'>3</a> und Unterabsatz <a href='#a212'>2</a> bestimmt.</p>"
    "<h1 id='art2'>Artikel 2</h1><p>Die Staaten melden die Saisonarbeit der Kommission.</p>"
    "<h1>ANHANG</h1><p>Entsprechungstabelle</p><table><thead><tr><th>Diese Verordnung</th><th>Richtlinie 2001/1/EG</th>"
    "<th>Richtlinie 2001/2/EG</th></tr></thead><tbody>"
    "<tr><td>Artikel 1</td><td></td><td></td></tr><tr><td>Artikel 2</td><td></td><td></td></tr>"
    "<tr><td>Artikel 3</td><td>Artikel 5</td><td></td></tr></tbody></table></body></html>")


def test_a_correlation_tables_rows_with_empty_cells_open_no_articles():
    # Lexparency's CRR (Regulation (EU) No 575/2013, German): the rows "Artikel 1", "Artikel 2",
    # "Artikel 3" of Annex IV's correlation table, their other columns empty, opened Articles 1-4
    # in the annex. A data table's row keeps the places of its empty cells.
    from lexmig.indexer.segment import segment

    source = read_html(CORRELATION_PAGE)
    assert [line.text for line in source.lines][-4:] == [
        "Diese Verordnung | Richtlinie 2001/1/EG | Richtlinie 2001/2/EG", "Artikel 1 | |", "Artikel 2 | |",
        "Artikel 3 | Artikel 5"]
    passages = segment(source, "d").passages
    assert [p.passage_id for p in passages] == ["d/de/art-1", "d/de/art-2", "d/de/annex"]
    # a layout table's empty cells are still no text: "(a)" and its point, an empty margin
    layout = read_html("<html><body><table><tr><td></td><td>(a)</td><td>the worker</td></tr></table></body></html>")
    assert [line.text for line in layout.lines] == ["(a) the worker"]


def test_a_number_linked_after_nummer_or_unterabsatz_is_a_reference_not_a_notes_call():
    # CRR's table printed "Artikel 4 Absatz 1 Nummer" for "Artikel 4 Absatz 1 Nummer 1": the
    # linked "1" after "Nummer" was taken for a note's call and dropped.
    text = read_html(CORRELATION_PAGE).lines[1].text
    assert text == "Diese Verordnung gilt, wie in Artikel 2 Absatz 1 Nummer 3 und Unterabsatz 2 bestimmt."
