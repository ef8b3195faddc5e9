"""Export to reference managers: CSL-JSON (Zotero, Pandoc citeproc) and BibTeX."""

from __future__ import annotations

import re

from lexmig.indexer.catalogue import Entry
from lexmig.indexer.citation import format_citation

CSL_TYPES = {
    "convention": "treaty", "protocol": "treaty", "agreement": "treaty", "annex": "treaty",
    "constitution": "treaty", "recommendation": "legislation", "decision": "legislation",
    "resolution": "legislation", "declaration": "legislation", "law": "legislation",
    "regulation": "legislation", "directive": "legislation", "report": "report",
    "issues note": "report", "framework": "document", "speech": "speech", "article": "article",
    "document": "document",
}


def _date_parts(adopted: str | None) -> dict | None:
    if not adopted:
        return None
    return {"date-parts": [[int(p) for p in adopted.split("-")]]}


def csl_item(entry: Entry) -> dict:
    item: dict[str, object] = {"id": entry.id, "type": CSL_TYPES.get(entry.type, "document"), "title": entry.title,
            "title-short": entry.short_title, "author": [{"literal": entry.body}],
            "language": entry.languages[0] if entry.languages else "en"}
    issued = _date_parts(entry.adopted)
    if issued:
        item["issued"] = issued
    if entry.symbol:
        item["number"] = entry.symbol
    if entry.url:
        item["URL"] = entry.url
    item["note"] = f"lexmig: {entry.id} ({entry.type})"
    return item


def hit_csl_item(passage, entry: Entry) -> dict:
    """A passage as a CSL item: the instrument, with the pinpoint as its section."""
    item = csl_item(entry)
    item["id"] = passage.passage_id
    item["section"] = format_citation(passage, entry, short=True).split(", ", 1)[-1]
    item["note"] = format_citation(passage, entry)
    return item


# Braces as commands: BibTeX counts every brace, escaped or not, so "\\}" would still end the field.
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", **{c: "\\" + c for c in "&%$#_"}}


def _bib_escape(text: str) -> str:
    """A field's text as BibTeX reads it literally: a title's stray brace or backslash once
    made the entry unreadable ("Rules }odd{", "\\emph{x}" set in italics)."""
    return re.sub(r"[\\{}~^&%$#_]", lambda m: _BIB_SPECIAL[m.group(0)], text)


def bibtex_entry(entry: Entry) -> str:
    kind = CSL_TYPES.get(entry.type, "document")
    bib_type = "techreport" if kind == "report" else "misc"
    # Double braces keep a corporate author whole ("{{Council of Europe}}", not "Europe, C. o.").
    fields = [("title", "{" + _bib_escape(entry.title) + "}"), ("author", "{{" + _bib_escape(entry.body) + "}}")]
    if entry.adopted:
        fields.append(("year", entry.adopted[:4]))
        if len(entry.adopted) >= 7:
            fields.append(("month", str(int(entry.adopted[5:7]))))
    if bib_type == "techreport":
        fields.append(("institution", "{" + _bib_escape(entry.body) + "}"))
    if entry.symbol:
        fields.append(("number", _bib_escape(entry.symbol)))
    if entry.url:
        fields.append(("url", entry.url))
    fields.append(("note", _bib_escape(f"{entry.type}; cite as: {entry.cite_as}")))
    body = ",\n".join(f"  {name} = {{{value}}}" if not value.startswith("{") else f"  {name} = {value}"
                      for name, value in fields)
    return f"@{bib_type}{{{entry.id},\n{body}\n}}"


def bibtex(entries: list[Entry]) -> str:
    return "\n\n".join(bibtex_entry(e) for e in entries) + "\n"
