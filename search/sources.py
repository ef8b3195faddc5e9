"""Footnote sources and citation resolution, in the spirit of eyecite's short forms (read
by the one citation grammar, `citations.tokenize`, as `short` tokens).

A footnote is split into references; each full reference is resolved against the catalogue
(document symbol, then title, then alias), and short forms resolve backwards only:

- "Ibid" / "Idem": the source(s) of the immediately preceding footnote;
- "supra note 3": the source(s) of footnote 3;
- "op. cit." / "loc. cit." / "supra": the earlier full citation in the same document whose
  title or author matches; with none, the catalogue by title, saying that this happened;
- anything else that cannot be resolved is reported unresolved, never guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lexmig.indexer.catalogue import Catalogue, Entry, normalise_name
from lexmig.indexer.errors import UnknownCitation
from lexmig.indexer.passage import Passage

from .citations import (Token, find_citation, find_document, footnote_short_form, key_matches, sentence_of, sentence_pinpoint,
                        supra_note, tokenize)

_SEE_RE = re.compile(r"\s*(?:see\s+)?", re.I)  # what may stand before an "Ibid"
_YEAR_RE = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
_URL_RE = re.compile(r"https?://\S+")
_DATE_RE = re.compile(r"\b\d{1,2}(?:\s+\w+)?\s+(?:to\s+\d{1,2}\s+)?(?:January|February|March|April|May|June|July|"
                      r"August|September|October|November|December)\s+\d{4}\b")
_REPORT_RE = re.compile(r"\bReport\s+[IVXLC]+\b")
_MEETING_RE = re.compile(r"(International Labour Conference,?\s+\d+\w*\s+Session|Tripartite Meeting of Experts|"
                         r"World Economic Forum[^,()]*|General Assembly|Governing Body)", re.I)
_LEAD_RE = re.compile(r"^\s*(?:see(?:\s+for\s+example|\s+also)?\s*,?\s*)", re.I)


@dataclass
class Candidate:
    doc_id: str
    confidence: float
    rule: str
    evidence: str


@dataclass
class Reference:
    text: str
    resolved_to: str | None = None
    confidence: float = 0.0
    rule: str = "unresolved"
    evidence: str = ""
    fields: dict = field(default_factory=dict)
    alternatives: list[Candidate] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"text": self.text, "resolved_to": self.resolved_to, "confidence": round(self.confidence, 3),
                "rule": self.rule, "evidence": self.evidence, "fields": self.fields}


@dataclass
class Footnote:
    label: str
    anchor: str | None
    text: str
    references: list[Reference]

    def to_json(self) -> dict:
        return {"label": self.label, "anchor": self.anchor, "text": self.text,
                "references": [r.to_json() for r in self.references]}


def parse_fields(text: str) -> dict:
    """Author or body, year, title, report number, meeting, date and address of a reference."""
    fields: dict = {}
    body = _LEAD_RE.sub("", text)
    url = _URL_RE.search(body)
    if url:
        fields["address"] = url.group(0).rstrip(".,)")
    year = _YEAR_RE.search(body)
    if year:
        fields["year"] = int(year.group(1))
    author = re.match(r"^([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s*(?:\(\s*\d{4}\s*\)|\d{4}|,)", body)
    if author and not author.group(1).lower().startswith(("towards", "dealing", "global", "draft")):
        fields["author"] = author.group(1)
    elif by := re.search(r"\bby\s+([A-Z][\w.]+(?:\s+[A-Z][\w.]+){1,2})", body):
        fields["author"] = by.group(1)
    quoted = re.search(r"[\"“]([^\"”]{8,})[\"”]", body)
    if quoted:
        fields["title"] = quoted.group(1).strip(" ,.")
    report = _REPORT_RE.search(body)
    if report:
        fields["report"] = report.group(0)
    meeting = _MEETING_RE.search(body)
    if meeting:
        fields["meeting"] = " ".join(meeting.group(0).split()).rstrip(",")
    date = _DATE_RE.search(body)
    if date:
        fields["date"] = date.group(0)
    return fields


class Resolver:
    """Resolves reference strings to catalogue entries, with a confidence and the evidence.

    An instrument number or document symbol that matches the catalogue exactly is decisive:
    no fuzzy title competes with it. A resolution's symbol that adopts several instruments
    resolves to the resolution and lists each instrument as an alternative, with its annex.
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def candidates(self, text: str) -> list[Candidate]:
        from rapidfuzz import fuzz

        found: dict[str, Candidate] = {}

        def offer(candidate: Candidate):
            old = found.get(candidate.doc_id)
            if old is None or candidate.confidence > old.confidence:
                found[candidate.doc_id] = candidate

        year = _YEAR_RE.search(text)
        written = Written.of(text)  # the query's forms, worked out once, not once per entry
        keyed = key_matches(text, self.catalogue)
        for match in keyed:
            if match.adopted_by:
                offer(Candidate(match.doc_id, 0.9, "adopted", match.why))
            elif match.token.kind == "instrument":
                offer(Candidate(match.doc_id, *_number_evidence(match.why, self.catalogue.get(match.doc_id), year)))
            else:
                offer(Candidate(match.doc_id, 0.99, "symbol", match.why))
        if keyed:  # an exact number or symbol is decisive
            return sorted(found.values(), key=lambda c: -c.confidence)
        document = find_document(text, self.catalogue)
        if document:
            doc_id, (start, end) = document
            name = text[start:end]
            if len(name) >= 3:
                delta, said = _year_evidence(self.catalogue.get(doc_id), written)
                offer(Candidate(doc_id, (0.9 if len(name) >= 6 else 0.8) + min(0.0, delta), "alias",
                                f"names it: '{name}'{said}"))
        normal = written.normal
        for entry in self.catalogue:
            for title, which in _titles(entry):
                score = fuzz.partial_ratio(title, normal) / 100 if len(title) <= len(normal) + 10 else \
                    fuzz.partial_ratio(normal, title) / 100 * min(1.0, len(normal) / max(1, len(title)))
                if score < 0.86:
                    continue
                confidence = 0.6 + 0.35 * (score - 0.86) / 0.14
                delta, said = _year_evidence(entry, written)
                offer(Candidate(entry.id, min(confidence + delta, 0.98), "title",
                                f"{which} '{title}' ({score:.0%} match){said}"))
        for entry in self.catalogue:
            matched = field_evidence(entry, written)
            if len(matched) < 2 or not any(k in ("speaker", "author", "event") for k, _ in matched):
                continue
            said = ", ".join(f"{k} '{v}'" for k, v in matched)
            old = found.get(entry.id)
            if old is not None:
                old.confidence = min(0.98, old.confidence + 0.02 * len(matched))
                old.evidence += f"; {said}"
            else:
                offer(Candidate(entry.id, min(0.98, 0.7 + 0.07 * len(matched)), "fields",
                                f"{said} (fields of the catalogue entry)"))
        return sorted(found.values(), key=lambda c: -c.confidence)

    def resolve(self, text: str) -> Reference:
        reference = Reference(text, fields=parse_fields(text))
        candidates = self.candidates(text)
        if candidates:
            best = candidates[0]
            reference.resolved_to, reference.confidence = best.doc_id, best.confidence
            reference.rule, reference.evidence = best.rule, best.evidence
            reference.alternatives = [c for c in candidates[1:] if c.confidence >= best.confidence - 0.2][:4]
            if best.rule == "title" and "title" not in reference.fields:
                title = _title_in_text(text, self.catalogue.get(best.doc_id))
                if title:
                    reference.fields["title"] = title
        return reference


def _number_evidence(why: str, entry: Entry, year: re.Match | None) -> tuple[float, str, str]:
    """An exact instrument number; a year beside it confirms it or is said to differ."""
    if year and entry.year:
        if abs(int(year.group(1)) - entry.year) <= 1:
            return 0.99, "number", f"{why}; year {year.group(1)} matches"
        return 0.9, "number", f"{why}; but the year {year.group(1)} is not its year ({entry.year})"
    return 0.99, "number", why


def _year_evidence(entry: Entry, written: "Written") -> tuple[float, str]:
    """A year in the reference is strong evidence: for the entry when one is within a year
    of its date, against it when none is."""
    years = written.years
    if not years or not entry.year:
        return 0.0, ""
    if any(abs(y - entry.year) <= 1 for y in years):
        return 0.04, ""
    return -0.15, f"; but the year {years[0]} is not its year ({entry.year})"


_MONTHS = ("january february march april may june july august september october november december").split()


def _dates(text: str) -> set[str]:
    """Dates written out in a text, as YYYY-MM-DD: '29 January 2004', 'January 29, 2004'."""
    out = set()
    months = "|".join(_MONTHS)
    for day, month, year in re.findall(rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", text, re.I):
        out.add(f"{year}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}")
    for month, day, year in re.findall(rf"\b({months})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", text, re.I):
        out.add(f"{year}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}")
    out.update(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text))
    return out


@dataclass(frozen=True)
class Written:
    """A reference string in the forms it is compared in, worked out once per string (a
    resolver compares it with every catalogue entry)."""

    text: str
    normal: str  # normalise_name(text)
    years: tuple[int, ...]  # the years it writes
    dates: frozenset[str]  # the dates it writes out in full, as YYYY-MM-DD

    @classmethod
    def of(cls, text: str) -> "Written":
        return cls(text, normalise_name(text), tuple(int(y) for y in _YEAR_RE.findall(text)),
                   frozenset(_dates(text)))


def field_evidence(entry: Entry, written: Written) -> list[tuple[str, str]]:
    """Which of an entry's speaker or author, event, place and date a reference gives.

    A name counts when its surname is written ("Annan" for Kofi Annan); a date only in full.
    """
    normal = f" {written.normal} "
    matched = [(key, value) for key, value, forms in _named_fields(entry)
               if any(form and f" {form} " in normal for form in forms)]
    if entry.adopted and len(entry.adopted) == 10 and entry.adopted in written.dates:
        matched.append(("date", entry.adopted))
    return matched


@functools.lru_cache(maxsize=4096)
def _named_fields(entry: Entry) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """An entry's author (or speaker), event and place, each with the normalised forms a
    reference may write it in: an author of up to three words also by the surname. Worked
    out once per entry (a frozen record), not once per reference."""
    out = []
    if entry.author:
        whole = normalise_name(entry.author)
        surname = (whole.split()[-1],) if whole and len(entry.author.split()) <= 3 else ()
        out.append(("speaker" if entry.type == "speech" else "author", entry.author, (whole, *surname)))
    for key in ("event", "place"):
        value = getattr(entry, key)
        if value:
            out.append((key, value, (normalise_name(value),)))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _titles(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The forms of a title worth matching, the entry's own title forms (whole, before a
    colon, without a trailing bracket, the official long title) before its long aliases;
    the fullest first; each with what it is ("title", or "long title" for the official long
    title where it differs). Worked out once per entry (a frozen record), not once per
    reference."""
    title = normalise_name(entry.title)
    long_title = normalise_name(entry.long_title) if entry.long_title else None
    own = {title, normalise_name(re.sub(r"\s*\([^)]*\)\s*$", "", entry.title))}
    if long_title:
        own.add(long_title)
    head = entry.title.split(":")[0]
    # the name it is cited by, without its year: "Protocol to Prevent, ..., Especially Women and Children" is the
    # Trafficking Protocol in every footnote, not only by `cite` (its title goes on "supplementing the ...")
    for name in (head, re.sub(r"\s*\([^)]*\)\s*$", "", entry.cite_as)):
        if len(name) >= 20:
            own.add(normalise_name(name))
    aliases = {normalise_name(a) for a in entry.aliases if len(a) >= 20} - own

    def order(forms):
        return sorted((t for t in forms if len(t) >= 12), key=lambda t: (-len(t), t))

    return tuple((form, "long title" if form == long_title and form != title else "title")
                 for form in order(own) + order(aliases))


def _title_in_text(text: str, entry: Entry) -> str | None:
    """The title as the reference writes it: the longest run of the entry's title words."""
    words = re.findall(r"\w+", entry.title.split("(")[0])
    for n in range(len(words), 2, -1):
        for i in range(len(words) - n + 1):
            pattern = r"\W+".join(re.escape(w) for w in words[i:i + n])
            match = re.search(pattern, text, re.I)
            if match:
                return match.group(0)
    return None


_SEMICOLON = re.compile(r";\s+(?=[A-Z\"“(])", re.I)


def split_references(text: str) -> list[str]:
    """A footnote's references: split at semicolons, and where one part names several
    document symbols, one reference per symbol."""
    # at a semicolon before a word, a quote or a bracket (a short form such as "ibid" or
    # "op. cit." is a word: with re.I, [A-Z] is any letter)
    parts = [p.strip() for p in _SEMICOLON.split(text) if p.strip()]
    out: list[str] = []
    for part in parts:
        symbols = [t for t in tokenize(part) if t.kind == "symbol"]
        if len(symbols) > 1:
            start = 0
            for token in symbols:
                out.append(part[start:token.end + 1].strip(" ,;.").strip())
                start = token.end + 1
        else:
            out.append(part)
    return out


def resolve_footnotes(footnotes: list[tuple[str, str | None, str]], catalogue: Catalogue) -> list[Footnote]:
    """[(label, anchor, text)] in document order -> footnotes with resolved references."""
    resolver = Resolver(catalogue)
    done: list[Footnote] = []
    full: list[tuple[str, Reference]] = []  # earlier full citations: (footnote label, reference)
    for label, anchor, text in footnotes:
        references = []
        for part in split_references(text):
            tokens = tokenize(part)
            if _starts_ibid(part, tokens):
                references.extend(_ibid(part, done))
                continue
            note = supra_note(part)
            if note:  # "supra note 3" names the footnote: never a title search for "note"
                references.extend(_supra_note(part, note, done))
                continue
            if _short_forms(tokens, "op-cit"):
                references.append(_op_cit(part, full, resolver))
                continue
            reference = resolver.resolve(part)
            if reference.resolved_to is None:
                reference.evidence = "no catalogue entry matches its symbol, title or names"
            references.append(reference)
            full.append((label, reference))
        done.append(Footnote(label, anchor, text, references))
    return done


def _short_forms(tokens: list[Token], key: str) -> list[Token]:
    """The short forms of a reference's tokens: "ibid" ("Ibid", "Idem") or "op-cit"
    ("op. cit.", "loc. cit.", "supra")."""
    return [t for t in tokens if t.kind == "short" and t.key == key]


def _starts_ibid(part: str, tokens: list[Token]) -> bool:
    """'Ibid; ILO 2004...', 'See ibid.': a reference that opens with Ibid."""
    ibid = _short_forms(tokens, "ibid")
    return bool(ibid) and bool(_SEE_RE.fullmatch(part[:ibid[0].start]))


def _without_op_cit(part: str, between: str) -> str:
    """The reference with its "op. cit." (or "supra") replaced by `between`."""
    out, at = [], 0
    for token in _short_forms(tokenize(part), "op-cit"):
        out += [part[at:token.start], between]
        at = token.end
    return "".join(out) + part[at:]


def _ibid(part: str, done: list[Footnote]) -> list[Reference]:
    if not done:
        return [Reference(part, rule="ibid", evidence="no preceding footnote")]
    previous = done[-1]
    return _sources_of(part, previous, "ibid", f"Ibid: the source of the preceding footnote, fn. {previous.label}")


def _supra_note(part: str, label: str, done: list[Footnote]) -> list[Reference]:
    """"See supra note 3": the sources of the earlier footnote 3 (Bluebook's form names the note)."""
    earlier = next((f for f in done if f.label == label), None)
    if earlier is None:
        return [Reference(part, rule="supra-note", evidence=f"supra note {label}: no earlier fn. {label} in this document")]
    return _sources_of(part, earlier, "supra-note", f"supra note {label}: the source of fn. {label}")


def _sources_of(part: str, earlier: Footnote, rule: str, evidence: str) -> list[Reference]:
    """A short form's references: those of the footnote it points back to, all resolved, or none."""
    resolved = [r for r in earlier.references if r.resolved_to]
    if not resolved or len(resolved) != len(earlier.references):
        return [Reference(part, rule=rule, evidence=f"fn. {earlier.label} has an unresolved source")]
    confidence = 0.95
    targets = {r.resolved_to for r in resolved}
    if rule == "ibid" and len(targets) > 1:  # Ibid stands for one source: after two, either may be meant
        confidence = 0.5
        evidence += f", which cites {len(targets)} sources: Ibid may mean any of them"
    return [Reference(part, r.resolved_to, min(r.confidence, confidence), rule, evidence, parse_fields(part))
            for r in resolved]


def _op_cit(part: str, full: list[tuple[str, Reference]], resolver: Resolver) -> Reference:
    from rapidfuzz import fuzz

    words = normalise_name(_without_op_cit(part, " "))
    fields = parse_fields(part)
    best, best_score = None, 0.0
    for label, earlier in full:  # the unresolved too: a short form of an uncatalogued source is no catalogue guess
        score = fuzz.partial_ratio(words, normalise_name(earlier.text)) / 100 if len(words) >= 8 else 0.0
        author = fields.get("author")
        if author and author.lower() in earlier.text.lower() and fields.get("year") and \
                str(fields["year"]) in earlier.text:
            score = max(score, 0.85)
        if score > best_score:
            best, best_score = (label, earlier), score
    if best and best_score >= 0.8:
        label, earlier = best
        said = f"op. cit.: the full citation in fn. {label} ('{_short(earlier.text)}')"
        if not earlier.resolved_to:
            return Reference(part, None, 0.0, "op-cit", f"{said}, which no catalogue entry matches", fields)
        # never surer than the full citation it follows
        return Reference(part, earlier.resolved_to, round(min(0.95, best_score, earlier.confidence), 3), "op-cit",
                         said, fields)
    reference = resolver.resolve(_without_op_cit(part, ""))
    reference.text = part
    same = [(label, r) for label, r in full if reference.resolved_to and r.resolved_to == reference.resolved_to]
    if same:  # "ICCPR, op. cit." after the Covenant's full title: that citation, which the words did not match
        label, earlier = same[-1]
        return Reference(part, earlier.resolved_to, round(min(0.95, reference.confidence, earlier.confidence), 3),
                         "op-cit", f"op. cit.: the full citation in fn. {label} ('{_short(earlier.text)}'), the document "
                         f"its words name ({reference.evidence})", fields)
    if reference.resolved_to:
        reference.rule = "op-cit-catalogue"
        reference.confidence = round(reference.confidence * 0.9, 3)
        reference.evidence = (f"op. cit. with no earlier full citation in this document; resolved by the "
                              f"catalogue instead: {reference.evidence}")
    else:
        reference.rule = "op-cit"
        reference.evidence = ("op. cit. with no earlier full citation and no catalogue match" if not full else
                              "op. cit. matching no earlier full citation by its words, and no catalogue entry")
    return reference


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


@dataclass
class ResolvedCitation:
    """What `lexmig cite` prints: the catalogue entry (and passage) a pasted citation names."""

    input: str
    resolved_to: str | None
    confidence: float
    rule: str
    evidence: str
    passage: Passage | None = None
    alternatives: list[Candidate] = field(default_factory=list)
    pinpoint_missing: str | None = None
    sentence: tuple[str, str] | None = None  # a sentence of the passage asked: ("first sentence", its text)


def resolve_citation(text: str, catalogue: Catalogue, engine=None) -> ResolvedCitation:
    """Resolve a citation pasted from another paper: bibliographic string, symbol, name or
    number, with or without a pinpoint ("ILO C181, art. 7(1)")."""
    asked = text
    unit, sentence = sentence_pinpoint(text)  # "ICCPR art. 14(1), second sentence" gave all of Article 14(1)
    ref = find_citation(unit, catalogue)
    if ref is not None:
        text = unit
    elif sentence is not None:  # no unit's sentence: the words are the text's own
        sentence, ref = None, find_citation(text, catalogue)
    resolver = Resolver(catalogue)
    if ref is not None:
        passage = None
        missing = None
        one_sentence = None
        if engine is not None and ref.doc_id in engine.library.installed():
            missing = engine.unread_message(ref, text)  # "C97 Article 6 1 b" gave Article 6 at 0.97
            try:
                passage = None if missing else engine.cited(ref)
                if passage is not None and sentence is not None:
                    one_sentence = sentence_of(passage, sentence, catalogue.get(ref.doc_id), asked)
            except UnknownCitation as e:  # no such unit (the nearest named), or several; no such sentence
                missing, passage = str(e), None
        others = [c for c in resolver.candidates(text) if c.doc_id != ref.doc_id][:3]
        how = "" if ref.evidence in ("", "names it") else f" ({ref.evidence})"
        return ResolvedCitation(asked, ref.doc_id, 0.97 if passage or engine is None else 0.9, "citation",
                          f"names {catalogue.get(ref.doc_id).short_title}{how} and the unit {ref.describe()}",
                          passage, others, missing, one_sentence)
    reference = resolver.resolve(text)
    if reference.resolved_to is None or footnote_short_form(text, first=True):  # "supra note 3, art. 6" is no ECOSOC note
        return ResolvedCitation(text, None, 0.0, "unresolved", "no symbol, title or name matches", None,
                          _nearest(text, catalogue))
    return ResolvedCitation(asked, reference.resolved_to, reference.confidence, reference.rule, reference.evidence,
                      None, reference.alternatives)


def split_citations(text: str, catalogue: Catalogue) -> list[str]:
    """Citations pasted as a list (one a line, or separated by semicolons, as from a paper):
    each part, when every part names a catalogued document by itself; else the text, whole
    ("ICCPR, art. 2; see also art. 26" is one citation)."""
    parts = [p.strip() for line in text.splitlines() for p in _SEMICOLON.split(line) if p.strip()]
    if len(parts) > 1:
        resolver = Resolver(catalogue)
        if all(find_citation(p, catalogue) or resolver.resolve(p).resolved_to for p in parts):
            return parts
    return [text]


def _nearest(text: str, catalogue: Catalogue) -> list[Candidate]:
    from rapidfuzz import fuzz, process

    choices = {}
    for entry in catalogue:
        for name in [entry.title, *entry.names()]:
            choices[normalise_name(name)] = entry.id
    found = process.extract(normalise_name(text), list(choices), scorer=fuzz.token_set_ratio, limit=12)
    out: dict[str, Candidate] = {}
    for name, score, _ in found:
        doc_id = choices[name]
        if doc_id not in out:
            out[doc_id] = Candidate(doc_id, round(score / 100 * 0.5, 3), "nearest", f"'{name}'")
    return list(out.values())[:3]
