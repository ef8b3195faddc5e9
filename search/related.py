"""Mentions, cross-references and concordance between instruments.

- `find_mentions`: the instruments a text names ("the ILO Migration for Employment
  Convention, 1949 (No. 97)", "the 1990 International Convention on the Protection of the
  Rights of All Migrant Workers ...", "the draft ILO multilateral framework");
- `internal_references`: "Article 3 of this Annex", "paragraph 1 of this Article",
  "Article 4 of the Convention", resolved against the unit's own path;
- `Relations.related`: what a unit cites, what cites it, and the closest provisions of
  the other instruments (a concordance), each with why;
- `Relations.support`: the provisions that best support or concern a policy paragraph.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lexmig.indexer.catalogue import Catalogue, normalise_name
from lexmig.indexer.kinds import (ARTICLE_KINDS, COMPARABLE_KINDS, INTERNAL_REFERENCE_KINDS, REFERENCE_SCOPE_KINDS,
                                  WHOLE_UNIT_KINDS)
from lexmig.indexer.passage import Passage, PathStep, article_key, id_depth, id_parent, passage_id

from lexmig.indexer.thesaurus import load_thesaurus, stems

from .citations import catalogue_keys, kind_word_before, per_catalogue, scope_of, tokenize
from .query import expansions_for
from .sources import Reference

# Words that Bo1 may rank as "key" in a short text but that say nothing of its subject.
_VAGUE = frozenset(stems("many much most still best especially also however such would could should may might "
                         "various certain particular number several one two three way ways no "
                         "thus therefore whether within without among including include"))
CONCEPT_WEIGHT = 2.0  # a shared thesaurus group, against the Bo1 weights of key terms
# The instruments whose provisions `related` and `support` compare: treaties and national and EU law.
BINDING_TYPES = ("convention", "protocol", "agreement", "annex", "constitution", "decision", "recommendation", "law",
                 "regulation", "directive")


@dataclass
class Link:
    label: str  # as written
    kind: str  # "mention" (another instrument) or "internal" (a unit of the same document)
    doc_id: str | None  # catalogue id, None for an instrument the catalogue does not know
    target: str | None = None  # passage id where one can be named
    why: str = ""

    def to_json(self) -> dict:
        return {"label": self.label, "kind": self.kind, "doc_id": self.doc_id, "target": self.target,
                "why": self.why}


def _name_patterns(catalogue: Catalogue) -> list[tuple[re.Pattern, str]]:
    names: dict[str, str] = {}
    for entry in catalogue:
        for name in (entry.title, entry.cite_as, *entry.aliases):
            clean = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
            if len(clean) >= 12 or re.search(r"\d", clean):
                names.setdefault(normalise_name(clean), entry.id)
    ordered = sorted(names, key=len, reverse=True)
    out = []
    for name in ordered:
        words = [re.escape(w) for w in name.split()]
        out.append((re.compile(r"(?<!\w)" + r"[\s.,:;()\"'’]+".join(words) + r"(?!\w)", re.I), names[name]))
    return out


@functools.lru_cache(maxsize=8)
def _patterns(entries: tuple) -> list[tuple[re.Pattern, str]]:
    """The name patterns of a catalogue's entries, cached by their content."""
    return _name_patterns(Catalogue({e.id: e for e in entries}))


def find_mentions(text: str, catalogue: Catalogue, self_doc: str | None = None) -> list[Link]:
    """The instruments a text names, each once, in order of first mention: by number or
    symbol (the citation tokenizer's instrument and symbol tokens), then by name."""
    found: list[tuple[int, int, Link]] = []

    def taken(start, end):
        return any(a < end and start < b for a, b, _ in found)

    keys = catalogue_keys(catalogue)
    for token in tokenize(text):
        matches = keys.match(token)
        bracketed = token.kind == "instrument" and token.text.startswith("(")
        if not matches and not bracketed:
            continue
        start = token.start
        before = kind_word_before(text, start) if bracketed else None
        if before:  # "Domestic Workers Convention, 2011 (No. 189)": the name is part of it
            start = _name_start(text, before[1])
        label = " ".join(text[start:token.end].split())
        if not matches:
            number = token.key[1:]
            found.append((start, token.end, Link(label, "mention", None, None, f"ILO number {number} "
                                                 f"({token.key[0].upper()}{number} is not in the catalogue)")))
            continue
        match = matches[0]
        why = f"ILO number {token.key[1:]}" if bracketed else match.why
        found.append((start, token.end, Link(label, "mention", match.doc_id, None, why)))
    for pattern, doc_id in per_catalogue(catalogue, "name patterns", lambda: _patterns(tuple(catalogue))):
        for named in pattern.finditer(text):
            if not taken(named.start(), named.end()):
                found.append((named.start(), named.end(),
                              Link(" ".join(named.group(0).split()), "mention", doc_id, None, "names it")))
    seen: set[str] = set()
    out = []
    for _, _, link in sorted(found, key=lambda f: f[0]):
        key_id = link.doc_id or link.label
        if key_id in seen or (self_doc and link.doc_id == self_doc):
            continue
        seen.add(key_id)
        out.append(link)
    return out


_CONNECTIVES = frozenset("of for with and the on in to against".split())


def _name_start(text: str, convention_at: int) -> int:
    """Back from "Convention" to the start of the instrument's name: capitalised words,
    with connectives ("Workers with Family Responsibilities") between capitalised ones."""
    tokens = list(re.finditer(r"\([^()]*\)|[\w'’-]+", text[:convention_at]))
    start = convention_at
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 14), -1):
        word = tokens[i].group(0)
        if word[0].isupper() or word.startswith("("):
            start = tokens[i].start()
        elif word in _CONNECTIVES and i > 0 and tokens[i - 1].group(0)[0].isupper() \
                and tokens[i - 1].group(0) not in ("The",):
            continue
        else:
            break
    return start


def internal_references(unit: Passage, existing: set[str]) -> list[Link]:
    """References to units of the same document, resolved relative to `unit`'s path."""
    out: list[Link] = []
    seen: set[str] = set()
    annex = next((s for s in unit.path if s.kind == "annex"), None)
    article = next((s for s in unit.path if s.kind in ARTICLE_KINDS), None)
    for token in tokenize(unit.text):
        if token.kind != "pinpoint" or token.steps[0].kind not in INTERNAL_REFERENCE_KINDS:
            continue
        said = scope_of(unit.text, token)
        if said.elsewhere:
            continue
        scope = said.unit
        named_annex = PathStep("annex", said.annex) if said.annex else None
        written = unit.text[token.start:said.end]
        head, groups = token.steps[0], [s.label for s in token.steps[1:]]
        if scope == "Constitution" and not unit.doc_id.endswith("constitution"):
            continue  # "Article 19 of the Constitution of the ILO": another instrument
        path: list[PathStep] = []
        if head.kind in ARTICLE_KINDS:  # "Article 4", "section 46"
            container = named_annex or (annex if scope not in ("Convention", "Protocol", "Agreement", "Covenant") else None)
            if container:
                path.append(container)
            path.append(head)
            if groups and groups[0].isdigit():
                path.append(PathStep("paragraph", groups.pop(0)))
        else:
            if article is None:
                continue
            path += [s for s in unit.path if s.kind in REFERENCE_SCOPE_KINDS]
            path.append(head)
        for g in groups:
            path.append(PathStep("point" if len(g) == 1 else "subpoint", g))
        target = passage_id(unit.doc_id, tuple(path), unit.lang)
        while target not in existing and id_depth(target) > 1 and groups:
            target = id_parent(target)
            groups.pop()
        if target not in existing or target == unit.passage_id or target in seen:
            continue
        seen.add(target)
        out.append(Link(" ".join(written.split()), "internal", unit.doc_id, target,
                        f"of {named_annex.label and f'Annex {named_annex.label}'}" if named_annex else
                        f"{scope and f'of this {scope}' or 'in the same instrument'}"))
    return out


@dataclass
class Close:
    passage: Passage
    score: float
    why: str
    groups: tuple[str, ...] = ()  # the thesaurus groups both texts touch


@dataclass
class Related:
    unit: Passage
    cites: list[Link] = field(default_factory=list)
    cited_by: list[tuple[Passage, Link]] = field(default_factory=list)
    closest: list[Close] = field(default_factory=list)


class Relations:
    def __init__(self, engine):
        self.engine = engine
        self.catalogue = engine.catalogue
        self._mentions: dict[str, list[Link]] = {}  # text -> every instrument it names

    def mentions(self, text: str, self_doc: str | None = None) -> list[Link]:
        """`find_mentions` of a text, found once per text however many times a command needs
        it (`support` needs a paragraph's mentions, then its text without them for each search
        of `closest`)."""
        if text not in self._mentions:
            self._mentions[text] = find_mentions(text, self.catalogue)
        return [m for m in self._mentions[text] if not (self_doc and m.doc_id == self_doc)]

    def without_names(self, text: str) -> str:
        """The text without the names of the instruments it mentions: "Members of Their
        Families" in a title says nothing about family reunion."""
        for link in self.mentions(text):
            text = text.replace(link.label, " ")
        return text

    def _passages(self, lang: str = "en") -> list[Passage]:
        out = []
        for doc_id in sorted(self.engine.library.installed()):
            out.extend(self.engine.document_passages(doc_id, lang))
        return out

    def links(self, unit: Passage, existing: set[str]) -> list[Link]:
        return internal_references(unit, existing) + self.mentions(unit.text, unit.doc_id)

    def related(self, unit: Passage, limit: int = 5) -> Related:
        result = Related(unit)
        everything = self._passages(unit.lang)
        ids_by_doc: dict[str, set[str]] = {}
        for p in everything:
            ids_by_doc.setdefault(p.doc_id, set()).add(p.passage_id)
        result.cites = self.links(unit, ids_by_doc.get(unit.doc_id, set()))
        names = _cheap_names(self.catalogue.get(unit.doc_id))
        for other in everything:
            if unit.holds(other) or other.contains(unit):
                continue
            if other.kind not in COMPARABLE_KINDS:
                continue
            if other.doc_id == unit.doc_id:
                for link in internal_references(other, ids_by_doc[other.doc_id]):
                    if link.target is not None and unit.holds(link.target):
                        result.cited_by.append((other, link))
            elif (unit.kind in WHOLE_UNIT_KINDS or len(unit.path) == 1) and \
                    any(name in other.text.lower() for name in names):
                for link in find_mentions(other.text, self.catalogue, other.doc_id):
                    if link.doc_id == unit.doc_id:
                        result.cited_by.append((other, link))
        result.cited_by = _outermost(result.cited_by)
        result.closest = self.closest(unit, limit, exclude_doc=unit.doc_id, types=BINDING_TYPES)
        return result

    def closest(self, unit: Passage, limit: int = 5, exclude_doc: str | None = None,
                types: tuple[str, ...] | None = None, only_docs: list[str] | None = None) -> list[Close]:
        """The articles of other instruments nearest to `unit`.

        Each text is searched by its key terms (Whoosh's Bo1 model, as more_like uses) and the
        thesaurus groups it touches: "treatment no less favourable" (C97 Art. 6) then finds
        "equality of treatment" (C118 Art. 3) although the two share few words. An article
        with several paragraphs is also searched paragraph by paragraph, and the rankings are
        fused (reciprocal rank), so that a long clause (C97 Art. 6(2) on federal States)
        does not drown what the article is about.
        """
        from whoosh import query as wq

        allowed: list[wq.Query] = [wq.Term("lang", unit.lang)]
        if exclude_doc:
            allowed.append(wq.Not(wq.Term("doc_id", exclude_doc)))
        if types:
            allowed.append(wq.Or([wq.Term("doc_type", t) for t in types]))
        if only_docs:
            allowed.append(wq.Or([wq.Term("doc_id", d) for d in only_docs]))
        texts = [unit.text]
        if unit.kind in ARTICLE_KINDS:
            paragraphs = [p.text for p in self.engine.children(unit)
                          if p.kind == "paragraph" and len(p.path) == len(unit.path) + 1]
            if len(paragraphs) > 1:
                texts += paragraphs
        fused: dict[str, float] = {}
        found: dict[str, Close] = {}
        for text in texts:
            for rank, close in enumerate(self._nearest_articles(text, wq.And(allowed), 3 * limit)):
                key = close.passage.passage_id
                fused[key] = fused.get(key, 0.0) + 1.0 / (10 + rank)
                if key not in found or (close.why and len(close.why) > len(found[key].why)):
                    found[key] = close
        ranked = sorted(fused, key=lambda k: (-fused[k], k))[:limit]  # ties by id, not by the build's order
        return [Close(found[k].passage, round(fused[k], 4), found[k].why, found[k].groups) for k in ranked]

    def _nearest_articles(self, text: str, allowed, limit: int) -> list[Close]:
        from whoosh import query as wq

        searcher = self.engine.searcher
        text = self.without_names(text)
        keys = [(t, w) for t, w in searcher.key_terms_from_text("text", text, numterms=16)
                if t not in _VAGUE][:12]
        expansions = expansions_for(text)
        parts = [wq.Term("text", term, boost=weight) for term, weight in keys]
        tokens = {g.name: g.token for g in load_thesaurus()}
        for expansion in expansions:
            parts.append(wq.Term("concepts", tokens[expansion.group], boost=CONCEPT_WEIGHT * expansion.weight))
        if not parts:
            return []
        # Equal scores in passage-id order: Whoosh orders them by document number, which
        # depends on how a build split the passages into segments.
        hits = sorted(searcher.search(wq.Or(parts), filter=allowed, limit=200, terms=True),
                      key=lambda hit: (-hit.score, hit["passage_id"]))
        words = _surface_words(text)
        groups = [e.group for e in expansions]
        best: dict[str, Close] = {}
        for hit in hits:
            pid = hit["passage_id"]
            key = article_key(pid)
            if key in best or hit["kind"] not in COMPARABLE_KINDS \
                    or hit["doc_id"] not in self.engine.installed:
                continue
            matched = {t.decode() if isinstance(t, bytes) else t for f, t in hit.matched_terms()
                       if f in ("text", "concepts")}
            shared = [words.get(s, s) for s, _ in keys if s in matched][:6]
            touched = [g for g in groups if tokens[g] in matched]
            why = "shares " + ", ".join(shared) if shared else ""
            if touched:
                why += ("; " if why else "") + "both about " + ", ".join(touched)
            whole = self.engine.passage(key) or self.engine.passage(pid)
            best[key] = Close(whole, hit.score, why, tuple(touched))
            if len(best) == limit:
                break
        return list(best.values())

    def support(self, unit: Passage, limit: int = 8) -> "Support":
        """For a paragraph of a policy paper, what supports or concerns it, each item with why:

        1. its own footnotes' sources (the reference and the rule that resolved it);
        2. the provisions of the instruments it names (the name as written);
        3. provisions of binding instruments that share one of its specific subjects (the
           thesaurus groups both texts touch, with the words of each side). Shared words
           alone ("developing countries") are not evidence and are only added to a reason.
        """
        from .sources import resolve_footnotes

        notes = [p for p in self.engine.document_passages(unit.doc_id, unit.lang) if p.kind == "footnote"]
        resolved = resolve_footnotes([(p.label, p.anchor, p.text) for p in notes], self.catalogue)
        anchored = {unit.passage_id} | {p.passage_id for p in self.engine.children(unit)}
        sources = [(note.label, ref, ref.resolved_to) for note in resolved if note.anchor in anchored
                   for ref in note.references if ref.resolved_to]
        mentions = self.mentions(unit.text, unit.doc_id)
        installed = self.engine.library.installed()
        items: list[SupportItem] = []
        for label, ref, doc_id in sources:
            items.append(SupportItem("source", doc_id, None, 1.0, f"its fn. {label} cites it: {ref.evidence}"))
        cited = [doc_id for _, _, doc_id in sources]
        named = [(m, m.doc_id) for m in mentions if m.doc_id and m.doc_id not in cited]
        for link, doc_id in named:
            if doc_id in installed:
                continue
            items.append(SupportItem("named", doc_id, None, 1.0,
                                     f"the paragraph names it: '{link.label}' (its text is not installed)"))
        taken: set[str] = set()
        for doc_id, reason in [(d, f"its fn. {label} cites {self.catalogue.get(d).short_title}")
                               for label, _, d in sources if d in installed] + \
                              [(d, f"the paragraph names {self.catalogue.get(d).short_title}: "
                                   f"'{m.label}'") for m, d in named if d in installed]:
            for close in self.closest(unit, 3, exclude_doc=unit.doc_id, only_docs=[doc_id])[:2]:
                if close.passage.passage_id not in taken:
                    taken.add(close.passage.passage_id)
                    items.append(SupportItem("named", doc_id, close.passage, close.score,
                                             reason + (f"; {close.why}" if close.why else "")))
        subjects = _subject_words(self.without_names(unit.text))
        if subjects:
            for close in self.closest(unit, 3 * limit, exclude_doc=unit.doc_id, types=BINDING_TYPES):
                theirs = _subject_words(close.passage.text)
                shared = [g for g in close.groups if g in subjects and g in theirs]
                if not shared or close.passage.passage_id in taken:
                    continue  # shared words alone are not evidence
                said = "; ".join(f"'{g}' (paragraph: '{subjects[g]}'; provision: '{theirs[g]}')"
                                 for g in shared)
                taken.add(close.passage.passage_id)
                items.append(SupportItem("subject", close.passage.doc_id, close.passage, close.score,
                                         f"shares the subject {said}"))
        return Support(unit, [(label, ref) for label, ref, _ in sources], mentions,
                       items[:max(limit, len(sources) + len(named))],
                       sorted(subjects))


@dataclass(frozen=True)
class SupportItem:
    """One thing that supports or concerns a paragraph, and why."""

    kind: str  # "source" (a footnote cites it), "named" (the paragraph names it), "subject"
    doc_id: str
    passage: Passage | None  # None for an instrument or source whose text is not installed
    score: float
    why: str


@dataclass(frozen=True)
class Support:
    """What supports or concerns a paragraph of a policy paper (`lexmig support`)."""

    unit: Passage
    sources: list[tuple[str, Reference]]  # (footnote label, a reference of that footnote)
    mentions: list[Link]
    items: list[SupportItem]
    subjects: list[str]  # the paragraph's own subjects (thesaurus groups)


def _subject_words(text: str) -> dict[str, str]:
    """The thesaurus groups a text touches, each with its words that touched it. The words
    must be written in the text, each word whole or inflected ("workers" for "worker"):
    stems alone drop one-character words ("mode 4" would be "mode", which "another mode of
    settlement" has)."""
    out = {}
    for group in load_thesaurus():
        for term in group.terms:
            written = _term_pattern(term).search(text)
            if written:
                out[group.name] = written.group(0)
                break
    return out


@functools.lru_cache(maxsize=512)
def _term_pattern(term: str) -> re.Pattern:
    words = re.findall(r"\w+", term)
    return re.compile(r"\b" + r"\W+".join(re.escape(w) + r"(?:s|es|ed|ing)?" for w in words) + r"\b", re.I)


def _cheap_names(entry) -> list[str]:
    """Lower-case strings one of which a text must hold to mention `entry` (a quick filter
    before the full mention search)."""
    names = [n.lower() for n in (entry.title, entry.cite_as, *entry.aliases) if len(n) >= 8]
    number = re.match(r"^[cr](\d{3})$", entry.id)
    if number:
        names.append(f"(no. {int(number.group(1))})")
    return names


def _outermost(found: list[tuple[Passage, Link]]) -> list[tuple[Passage, Link]]:
    """One entry per citing unit: the smallest unit that holds the reference."""
    ids = {p.passage_id for p, _ in found}
    out = []
    for passage, link in found:
        deeper = any(passage.contains(other) for other in ids)
        if not deeper:
            out.append((passage, link))
    return out


def _surface_words(text: str) -> dict[str, str]:
    from lexmig.indexer.thesaurus import analyzer

    words: dict[str, str] = {}
    for token in analyzer()(text, chars=True):
        words.setdefault(token.text, text[token.startchar:token.endchar].lower())
    return words
