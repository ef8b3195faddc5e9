"""The Whoosh index of passages: schema, writing documents, reading passages back.

Each Whoosh document is one passage. Its full record is stored as JSON (`data`), so that
every output is made from the index alone; the searchable fields carry the passage text,
unit titles and the names of its document (BM25F weights are set at search time).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

from .errors import IndexDamaged, IndexLocked
from .kinds import CONTAINING_KINDS, WORDED_DIVISION_KINDS
from .passage import Passage, PathStep
from . import subjects
from .thesaurus import concepts_in, digest

# Bump when the schema or the segmentation changes what is stored: the index is rebuilt.
# 20: realdocs7 (ligatures as letters, implicit first paragraphs, schedule titles); 21: the India Code's
# page-numbered notes and amended sections, an Act's sections headed after a dash; 22: a section
# heading wrapped onto a second line, sections after omitted ones; 23: realdocs8 (run-in headings wrapped,
# misprinted or wrapped after a gap; headings over an Act's subsections title them); 24: webacts (Acts
# as official web pages: headings in layout tables, section numbers under their headings, history dropped);
# 25: realdocs9 (a web page's contents dropped; inserted Parts and sections, long headings, Divisions,
# ordinal schedules); 26: realdocs10 (a UN resolution adopting a declaration, a clause citing a wrapped
# title, an EUR-Lex consolidated text's notes called in its left-out preamble, a page of several
# <article> elements read whole, an annex's lettered schedules kept in it); 27: a paragraph opening with
# its first point ("2. (a) The term ...") holds its points; 28: realdocs11 (marginal notes, NZ subparts, long
# titles) and realdocs12 (per-unit web notes, split words rejoined, lettered headings), both on one number;
# 29: the two merged. 30: a data table's rows keep their empty cells' places and numbers linked after
# "Nummer", "Unterabsatz", "point" ... stay in the text (realdocs14); Sri Lankan sales notices, bracketed
# labels, schedules with their enabling sections (realdocs13); the vocabulary of quality21 (subjects filed
# at index time), all on one number.
# 31: Sri Lankan Acts' titles, marginal notes and schedules read anew, Singapore's page tails (realdocs15);
# courts' resolutions read by their parts ("Considerando 2"), judgments' paragraphs and opinions, Markdown
# footnotes (realdocs16); quality22's subjects and thesaurus group "security of the State" (filed at index
# time), all on one number.
INDEX_VERSION = "31"
VERSION_FILE = "lexmig-index-version"
# The subject vocabulary the index was built with, read and stemmed (see subjects.stored_vocabulary).
SUBJECTS_FILE = "lexmig-subjects.json"


def schema():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemmingAnalyzer
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

    from .postings import StemmedPositions

    stem = StemmingAnalyzer()
    # Unstemmed words, never scored: their lexicon is the vocabulary for spelling correction
    # (a stemmed field with spelling=True would break fuzzy queries; WHOOSH-NOTES.md). They
    # are indexed once per document, in one extra Whoosh document (vocab_of), so a word's
    # frequency there is the number of documents that use it.
    words = RegexTokenizer(r"[^\W\d_]{2,}") | LowercaseFilter()
    found = Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        doc_sha=ID(stored=True),
        kind=ID(stored=True),
        lang=ID(stored=True),
        doc_type=ID(),
        body=TEXT(analyzer=stem),
        # Numbers indexed as one term each (shift_step=0), not one per 4 bits of precision:
        # a range of years reads the few years there are; `order` is only sorted on (its
        # column). Eight and four postings a passage fewer.
        year=NUMERIC(int, bits=16, signed=False, shift_step=0),
        text=TEXT(analyzer=stem, phrase=True),  # stored once, inside `data`
        title=TEXT(analyzer=stem),  # the unit's title, and its article's
        words=TEXT(analyzer=words, phrase=False),
        vocab_of=ID(),
        concepts=KEYWORD(scorable=True),  # thesaurus groups whose expressions the passage holds
        subjects=KEYWORD(scorable=True, stored=True),  # subject tokens (indexer.subjects.index_terms)
        subject_why=STORED(),  # JSON: [{"name", "rule", "evidence"}] per subject
        order=NUMERIC(int, stored=True, sortable=True, shift_step=0),
        data=STORED(),
    )
    # The same postings as Whoosh's formats, made faster (indexer.postings)
    for name in ("body", "text", "title"):  # TEXT fields keep positions unless phrase=False
        found[name].format = StemmedPositions()
    return found


def _storage(path: Path):
    from whoosh.filedb.filestore import FileStorage

    # Memory maps are copied into Python buffers on open; without them a one-shot CLI
    # process stays small (see WHOOSH-NOTES.md).
    return FileStorage(str(path), supports_mmap=False)


def current_version() -> str:
    """The index format, the thesaurus and the subject index it was built with: a change to any means a rebuild."""
    return f"{INDEX_VERSION}-{digest()}-{subjects.digest()}"


def exists(path: Path) -> bool:
    """Whether an index of the current format is there (damaged or not: `open_index` checks)."""
    return path.is_dir() and version(path) == current_version() and any(path.glob("_MAIN_*.toc"))


def version(path: Path) -> str | None:
    try:
        return (path / VERSION_FILE).read_text().strip()
    except OSError:
        return None


def open_index(path: Path):
    """The index, with its table of contents and every segment's directory read: a damaged
    index raises IndexDamaged here, not a traceback later in whichever command reads it."""
    try:
        ix = _storage(path).open_index()
        with ix.reader() as reader:
            reader.doc_count_all()
    except FileNotFoundError as exc:
        raise IndexDamaged(path, f"{Path(exc.filename or '?').name} is missing") from None
    except Exception as exc:  # a damaged file can make Whoosh raise anything: struct, EOF, pickle ...
        raise IndexDamaged(path, _describe(exc)) from None
    _use_stored_vocabulary(path)
    return ix


def check(path: Path):
    """Read every stored passage and every field's terms: what `verify` does to find damage
    that opening the index does not show (a segment cut short in the middle)."""
    ix = open_index(path)
    # Checksums first: they name the damaged file, where reading it may only fail somewhere
    # (damage that lands in a compressed block of stored fields).
    changed = _changed_files(path)
    if changed:
        raise IndexDamaged(path, f"{changed[0]} does not match the checksum recorded at its commit")
    try:
        with ix.reader() as reader:
            for _ in reader.all_stored_fields():
                pass
            for fieldname in reader.indexed_field_names():
                for _ in reader.lexicon(fieldname):
                    pass
    except Exception as exc:  # as in open_index
        raise IndexDamaged(path, _describe(exc)) from None
    return ix


def searcher(ix, weighting, scored=("text", "title", "concepts", "subjects")):
    """A Whoosh searcher whose scored fields' lengths are read into memory on first use.

    BM25 reads one length per passage scored and field; without memory maps (see _storage)
    Whoosh reads each with its own seek and read of the file: thousands of system calls per
    query at 100k passages. One read of the whole column (a byte per passage) replaces them."""
    found = ix.searcher(weighting=weighting)
    for segment_reader, _ in found.reader().leaf_readers():
        _remember_terms(getattr(segment_reader, "_terms", None))
        perdoc = getattr(segment_reader, "_perdoc", None)
        readers = getattr(perdoc, "_readers", None)
        if readers is None:  # not Whoosh's W3 codec: leave it as it is
            continue
        for name in (f"_{fieldname}_len" for fieldname in scored):
            if perdoc.has_column(name):  # else Whoosh gives the default length, as it should
                readers.setdefault(name, _LengthsInMemory(perdoc, name))
    return found


def _remember_terms(terms):
    """Keep what a segment's term index answers (Whoosh's W3 codec): a query looks each of
    its terms up several times per segment (its frequency, whether the segment has it, where
    its postings are), and each look-up reads the file (no memory maps) anew."""
    if type(terms).__name__ != "W3TermsReader" or isinstance(terms._tindex, _TermIndexKept):
        return
    terms._tindex = _TermIndexKept(terms._tindex)
    read, frequencies = terms.doc_frequency, {}

    def doc_frequency(fieldname, tbytes):
        key = (fieldname, tbytes)
        if key not in frequencies:
            frequencies[key] = read(fieldname, tbytes)  # KeyError for a term it has not: not kept
        return frequencies[key]

    terms.doc_frequency = doc_frequency


class _TermIndexKept:
    """Whoosh's hash file of a segment's terms, with the entries looked up kept."""

    def __init__(self, tindex):
        self._tindex, self._values, self._ranges = tindex, {}, {}

    def __contains__(self, key: bytes) -> bool:
        return self._value(key) is not None

    def __getitem__(self, key: bytes) -> bytes:
        value = self._value(key)
        if value is None:
            raise KeyError(key)
        return value

    def _value(self, key: bytes) -> bytes | None:
        if key not in self._values:
            self._values[key] = self._tindex.get(key)
        return self._values[key]

    def range_for_key(self, key: bytes):
        if key not in self._ranges:
            self._ranges[key] = self._tindex.range_for_key(key)  # KeyError for a term it has not
        return self._ranges[key]

    def __iter__(self):
        return iter(self._tindex)

    def __getattr__(self, name: str):  # keys, items, keys_from, extras, close ...
        return getattr(self._tindex, name)


class _LengthsInMemory:
    """A length column read whole on first use; `column[docnum]` as Whoosh's reader gives it."""

    def __init__(self, perdoc, column_name: str):
        self._perdoc, self._name = perdoc, column_name
        self._bytes: bytes | None = None
        self.norms: dict[tuple, list[float]] = {}  # BM25's length part by (K1, B, average length): bm25f

    def whole(self) -> bytes:
        """The column: one byte per passage (Whoosh's logarithmic length code)."""
        if self._bytes is None:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN

            column = self._perdoc.column_reader(self._name, LENGTHS_COLUMN)
            self._bytes = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        return self._bytes

    def __getitem__(self, docnum: int) -> int:
        lengths = self.whole()
        return lengths[docnum] if docnum < len(lengths) else 0


def bm25f(B: float, K1: float, **field_B: float):
    """Whoosh's BM25F with the same scores, computed with fewer Python calls per passage.

    Whoosh scores a passage through seven calls (scorer, length function, searcher, reader,
    column ...). With the lengths in memory (see `searcher`), the length part of BM25's
    denominator takes one of 256 values per field and segment: it is computed once, with
    Whoosh's own formula in its order of operations, so every score is the same float."""
    from whoosh import scoring
    from whoosh.util.numeric import byte_to_length

    class FastBM25F(scoring.BM25F):
        def scorer(self, searcher, fieldname, text, qf=1):
            scorer = super().scorer(searcher, fieldname, text, qf)
            readers = getattr(getattr(searcher.reader(), "_perdoc", None), "_readers", {})
            column = readers.get(f"_{fieldname}_len")
            if type(scorer) is not scoring.BM25FScorer or not isinstance(column, _LengthsInMemory):
                return scorer
            lengths, idf, k1, b, average = column.whole(), scorer.idf, scorer.K1, scorer.B, scorer.avgfl
            norms = column.norms.get((k1, b, average))  # the same for every term of the field
            if norms is None:
                norms = column.norms[k1, b, average] = [k1 * ((1 - b) + b * byte_to_length(code) / average)
                                                        for code in range(256)]
            count, plus_one = len(lengths), k1 + 1

            def score(matcher):
                docnum, tf = matcher.id(), matcher.weight()
                return idf * ((tf * plus_one) / (tf + norms[lengths[docnum] if docnum < count else 0]))

            scorer.score = score
            # What search.collect reads to score whole blocks of postings the same way
            # (a passage past the column's end has the length code 0, as above).
            missing = searcher.reader().doc_count_all() - count
            scorer.fast = (idf, plus_one, norms, lengths + bytes(missing) if missing > 0 else lengths)
            return scorer

    return FastBM25F(B=B, K1=K1, **field_B)


CHECKSUM_FILE = "lexmig-checksums.json"


def record_checksums(path: Path):
    """The sha256 of every file of the committed index (Whoosh has no checksums of its own:
    a segment damaged in the middle reads as wrong numbers, not as an error)."""
    from whoosh.index import TOC

    toc = TOC.read(_storage(path), "MAIN")
    names = [f"_MAIN_{toc.generation}.toc", SUBJECTS_FILE] + \
        [f for segment in toc.segments for f in _segment_files(path, segment)]
    known = _read_checksums(path)  # segment files are written once: hash only the new ones
    sums = {name: known.get(name) or _sha256_file(path / name) for name in names if (path / name).is_file()}
    _write_replacing(path / CHECKSUM_FILE, json.dumps(sums, sort_keys=True))


def _segment_files(path: Path, segment) -> list[str]:
    return sorted(p.name for p in path.glob(f"MAIN_{segment.segid}*"))


def _sha256_file(path: Path) -> str:
    import hashlib

    digest_ = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest_.update(block)
    return digest_.hexdigest()


def _read_checksums(path: Path) -> dict[str, str]:
    try:
        sums = json.loads((path / CHECKSUM_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return sums if isinstance(sums, dict) else {}


def _changed_files(path: Path) -> list[str]:
    sums = _read_checksums(path)
    tocs = sorted(path.glob("_MAIN_*.toc"), key=lambda p: int(p.stem.rsplit("_", 1)[-1]))
    if not tocs or tocs[-1].name not in sums:
        return []  # written before checksums were recorded, or killed before they were
    return [name for name, sha in sorted(sums.items())
            if not (path / name).is_file() or _sha256_file(path / name) != sha]


def _describe(exc: Exception) -> str:
    import struct

    if isinstance(exc, (EOFError, struct.error)):
        return "a file is cut short or empty"
    text = " ".join(str(exc).split())[:100]
    return f"unreadable: {type(exc).__name__}" + (f": {text}" if text else "")


def create(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    ix = _storage(path).create_index(schema())
    (path / VERSION_FILE).write_text(current_version())
    _write_replacing(path / SUBJECTS_FILE, subjects.stored_vocabulary())
    return ix


def _use_stored_vocabulary(path: Path):
    try:
        subjects.use_stored_vocabulary((path / SUBJECTS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        pass  # an index built before it was kept: the vocabulary is computed when needed


def passage_record(passage: Passage) -> str:
    return json.dumps({
        "doc_id": passage.doc_id, "path": [[s.kind, s.label] + ([s.occurrence] if s.occurrence > 1 else [])
                                            for s in passage.path],
        "text": passage.text, "order": passage.order, "lang": passage.lang,
        "title": passage.title, "pages": list(passage.pages), "start": passage.start,
        "end": passage.end, "anchor": passage.anchor, "ocr": passage.ocr,
    }, ensure_ascii=False)


def passage_from_record(data: str) -> Passage:
    raw = json.loads(data)
    return Passage(raw["doc_id"], tuple(PathStep(*step) for step in raw["path"]), raw["text"],
                   raw["order"], raw["lang"], raw["title"], tuple(raw["pages"]), raw["start"],
                   raw["end"], raw["anchor"], raw.get("ocr", False))


def writer(ix, timeout: float, bulk: bool = False):
    """A Whoosh writer; `bulk` (a full build) uses both cores and a larger sort buffer,
    leaving one segment per process (lexmig's queries do not suffer from several)."""
    from whoosh.index import LockError

    from .codec import WritingCodec

    # An incremental writer's postings buffer: Whoosh's default of 128 MB made adding one 47 MB
    # text peak at 457 MiB; 32 MB, at 334 MiB for the same CPU (bench/large_document.py --add-peak).
    options = {"procs": max(1, min(2, os.cpu_count() or 1)), "multisegment": True, "limitmb": 256} if bulk else \
        {"limitmb": INCREMENTAL_LIMIT_MB}
    try:
        return ix.writer(timeout=timeout, codec=WritingCodec(), **options)
    except LockError:
        raise IndexLocked(
            "The index is being written by another lexmig process; wait for it to finish "
            "and try again."
        ) from None


INCREMENTAL_LIMIT_MB = 32
MAX_SEGMENTS = 8  # beyond this, an incremental commit also rewrites the smallest segments


def stop_workers(w):
    """End the indexing processes of a bulk writer that was cancelled or failed. Whoosh's
    cancel only flags them in this process: a worker waiting for the next batch waited for
    ever, and lexmig with it (Python joins its children at exit), holding the library lock."""
    for task in getattr(w, "tasks", ()):
        task.terminate()
        task.join()


def commit(w):
    """Commit an incremental writer. Segments all of whose passages are deleted are dropped;
    no other segment is merged: Whoosh's merge copies each passage's length as stored, in
    one lossy byte, so merged statistics (and scores) would differ from a rebuild's. Passages
    that share a segment with a changed document are rewritten instead (`segments_to_rewrite`)."""
    w.commit(mergetype=_drop_empty_segments)


def _drop_empty_segments(w, segments):
    return [segment for segment in segments if segment.deleted_count() < segment.doc_count_all()]


def segments_to_rewrite(ix, touched: set[str], deleted_too: bool = False) -> set[str]:
    """The documents an incremental commit must index again so that no segment keeps deleted
    passages (which Whoosh counts in every statistic ranking reads: after removes, words
    looked common and search silently lost hits): those sharing a segment with a document
    deleted or replaced now (`touched`), with passages deleted earlier (`deleted_too`), and,
    past MAX_SEGMENTS, those of the smallest segments, so that they do not pile up."""
    rewrite: set[str] = set()
    with ix.reader() as reader:
        readers = [r for r, _ in reader.leaf_readers()]
        sizes = []
        for index, sub in enumerate(readers):
            docs = set()
            for term in sub.lexicon("doc_id"):
                doc_id = term.decode("utf-8") if isinstance(term, bytes) else term
                if any(not sub.is_deleted(n) for n in sub.postings("doc_id", term).all_ids()):
                    docs.add(doc_id)
            if docs & touched or (deleted_too and sub.has_deletions()):
                rewrite |= docs
            else:
                sizes.append((sub.doc_count(), index, docs))
        sizes.sort(key=lambda size: size[:2])
        while len(sizes) + 1 > MAX_SEGMENTS:  # the new segment takes in the smallest
            rewrite |= sizes.pop(0)[2]
    return rewrite - touched


def deleted_count(ix) -> int:
    """How many deleted passages the index still holds (0 after every lexmig commit)."""
    with ix.reader() as reader:
        return reader.doc_count_all() - reader.doc_count()


# A part, chapter or section over at most this many articles, none of them titled, says
# what they are about ("Chapter I - Purposes and functions" over the IOM Constitution's
# Art. 1): its units carry its heading as an article's title. A broader heading does not
# (measured 1, 3 and 6 on the six judged sets: the same).
HEADED_ARTICLES = 3


def _narrow_headings(passages: list[Passage]) -> dict[tuple, str]:
    """(lang, path) -> heading of the divisions whose few articles have no titles (HEADED_ARTICLES)."""
    articles: dict[tuple, int] = {}
    titled: set[tuple] = set()
    for p in passages:
        if p.kind == "article":
            key = (p.lang, p.path[:-1])
            articles[key] = articles.get(key, 0) + 1
            if p.title:
                titled.add(key)
    return {(p.lang, p.path): p.title for p in passages if p.title and p.kind in WORDED_DIVISION_KINDS
            and (p.lang, p.path) not in titled and 0 < articles.get((p.lang, p.path), 0) <= HEADED_ARTICLES}


def add_document(w, entry, sha: str, passages: list[Passage]):
    """Replace every passage of one document in the index writer `w`."""
    delete_document(w, entry.id)
    # A paragraph or point carries its article's title ("Family reunion"); the titles of
    # parts, chapters and sections are too broad to describe what a unit inside says, but
    # for a narrow one over a few untitled articles (_narrow_headings).
    titles = {(p.lang, p.path): p.title for p in passages if p.title and p.kind == "article"}
    titles.update(_narrow_headings(passages))
    seen: dict[str, set[str]] = {}  # concepts by line: an article repeats its paragraphs' lines
    outer = _outermost_ids(passages)
    assigned = subjects.assign(passages)
    vocabulary: set[str] = set()
    # One group: a document's passages stay together, in order, in one segment even with
    # the multi-process writer, so that a passage's sub-units are the documents right
    # after it (search relies on this to find them cheaply).
    with w.group():
        for passage, filed in zip(passages, assigned):
            context = [titles.get((passage.lang, passage.path[:i])) for i in range(1, len(passage.path))]
            title = " ".join([passage.title or ""] + [t for t in context if t]).strip()
            w.add_document(
                passage_id=passage.passage_id, doc_id=entry.id, doc_sha=sha, kind=passage.kind,
                lang=passage.lang, doc_type=entry.type, body=entry.body, year=entry.year or 0,
                text=passage.text, title=title,
                concepts=" ".join(sorted(concepts_in(f"{passage.text}\n{title}", seen))),
                subjects=subjects.index_terms(filed),
                subject_why=json.dumps([a.to_json() for a in filed]),
                order=passage.order, data=passage_record(passage),
            )
            if passage.passage_id in outer:  # inner units' words are in their outer unit
                vocabulary.update(_WORD_RE.findall(passage.text.lower()))
            vocabulary.update(_WORD_RE.findall(title.lower()))
        w.add_document(vocab_of=entry.id, words=" ".join(sorted(vocabulary)))
    # Whoosh's multi-process writer hands a batch to its workers only on an add made
    # outside a group, which never comes here: hand it over between documents.
    if getattr(w, "docbuffer", None) is not None and len(w.docbuffer) >= w.batchsize:
        w._enqueue()

MANIFEST_FILE = "lexmig-manifest.json"
MANIFEST_ASIDE = MANIFEST_FILE + ".before"  # the last commit's manifest while a commit is made


def read_manifest(path: Path) -> dict[str, str] | None:
    """doc_id -> sha256 as recorded after the last commit (cheap to read at start-up)."""
    try:
        return json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(path: Path, documents: dict[str, str]):
    _write_replacing(path / MANIFEST_FILE, json.dumps(documents, sort_keys=True))


def set_manifest_aside(path: Path):
    """Before a commit: the manifest is renamed aside, so that a process killed between the
    commit and the new manifest leaves none (the index is read instead), and a commit that
    fails puts it back by a rename (`restore_manifest`), which a full disk cannot stop, where
    writing it again could fail and leave the library without it."""
    aside = path / MANIFEST_ASIDE
    try:
        os.replace(path / MANIFEST_FILE, aside)
    except FileNotFoundError:  # none to keep: a stale copy a killed process left must not come back
        aside.unlink(missing_ok=True)


def restore_manifest(path: Path) -> bool:
    """After a commit that failed: the manifest set aside is back (False: there was none)."""
    try:
        os.replace(path / MANIFEST_ASIDE, path / MANIFEST_FILE)
    except FileNotFoundError:
        return False
    return True


def _write_replacing(target: Path, text: str):
    """Write through a temporary file and a rename; a write that fails (a full disk) leaves
    no half-written temporary file behind."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def delete_document(w, doc_id: str):
    """Remove a document's passages and its vocabulary entry from the index writer `w`."""
    w.delete_by_term("doc_id", doc_id)
    w.delete_by_term("vocab_of", doc_id)


def _outermost_ids(passages: list[Passage]) -> set[str]:
    """Ids of the passages no other passage's text contains (articles, not their points)."""
    out = set()
    for passage in passages:
        parent = passage.path[:-1]
        if passage.kind == "footnote" or not parent or parent[-1].kind not in CONTAINING_KINDS:
            out.add(passage.passage_id)
    return out


def indexed_documents(ix) -> dict[str, str]:
    """doc_id -> sha256 of the text each indexed document was built from (from the index)."""
    found: dict[str, str] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if "doc_id" in fields:
                found.setdefault(fields["doc_id"], fields["doc_sha"])
    return found


def document_passages(ix, doc_id: str) -> list[Passage]:
    from whoosh.query import Term

    with ix.searcher() as searcher:
        hits = searcher.search(Term("doc_id", doc_id), limit=None, sortedby="order")
        return [passage_from_record(hit["data"]) for hit in hits]


def unfinished_files(path: Path) -> list[str]:
    """Files of the index folder that no committed generation lists (what `discard_unfinished`
    deletes): segments a killed writer or a full disk left half written."""
    from whoosh.index import TOC

    toc = TOC.read(_storage(path), "MAIN")
    listed = {f"_MAIN_{toc.generation}.toc", "MAIN_WRITELOCK", VERSION_FILE, MANIFEST_FILE, CHECKSUM_FILE,
              SUBJECTS_FILE}
    listed.update(name for segment in toc.segments for name in _segment_files(path, segment))
    return sorted(p.name for p in path.iterdir() if p.name not in listed)


def discard_unfinished(path: Path) -> list[str]:
    """Delete the files no committed generation lists (a cancelled or killed writer leaves
    them, and Whoosh's temporary folder MAIN.tmp; Whoosh ignores them, and this keeps the
    folder as it was); returns their names."""
    names = unfinished_files(path)
    for name in names:
        leftover = path / name
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    return names


def passage_counts(ix) -> dict[str, int]:
    """doc_id -> number of (live) passages in the index."""
    from whoosh.query import Term

    counts = {}
    with ix.searcher() as searcher:
        for term in searcher.lexicon("doc_id"):
            doc_id = term.decode("utf-8") if isinstance(term, bytes) else term
            found = sum(1 for _ in searcher.docs_for_query(Term("doc_id", doc_id)))
            if found:
                counts[doc_id] = found
    return counts


def new_version_dir(link: Path) -> Path:
    """A fresh directory beside the index link for a rebuild; leftovers of interrupted
    rebuilds (directories the link does not point to) are removed."""
    current = link.resolve() if link.is_symlink() else None
    for old in link.parent.glob(f"{link.name}-*"):
        if old.is_dir() and old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    path = link.with_name(f"{link.name}-{time.time_ns()}")
    path.mkdir(parents=True)
    return path


def point_to(link: Path, target: Path):
    """Make `link` point at `target` with one rename, then drop the index it pointed at."""
    old = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():  # an index of the first layout: a plain folder
        legacy = link.with_name(f"{link.name}-legacy")
        os.replace(link, legacy)
        old = legacy
    temporary = link.with_name(f".{link.name}.link")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target.name, temporary)
    os.replace(temporary, link)
    if old is not None and old != target.resolve():
        shutil.rmtree(old, ignore_errors=True)
