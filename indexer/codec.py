"""The Whoosh codec lexmig writes with: Whoosh's W3 codec, with posting blocks pickled
with protocol 4, postings pooled by term, and each segment's field lengths read whole
when its postings are written.

Whoosh pickles each block of postings (ids, weights, and the positions of each passage)
with protocol 2, which stores every bytes value as a call to `codecs.encode`: a block of
`text` postings took 42 µs to unpickle at search time, 6.4 µs with protocol 4, and its
compressed size fell from 1.04 to 0.41 MB over 671 blocks of common words at 100k
passages. Whoosh reads either protocol (`pickle.loads`), so an index written so is an
ordinary Whoosh index.

Whoosh pools a segment's postings as one list of (field, term, passage, weight, value)
tuples, sorts it, and past its memory limit sorts and writes runs to merge later: at 100k
passages that sorting and merging was 57 of the 92 CPU seconds a writer spent. `TermPool`
keeps each term's postings together instead (passages come in order), so only the terms
are sorted, and `_FieldWriter` writes a term's blocks from them whole: the same postings,
blocks and term statistics as Whoosh writes, without a Python call per posting.

Writing a segment's postings, Whoosh reads the field length of every posting's passage
(for the block's shortest and longest), one seek and read of the length column each: the
index is opened without memory maps (see `index._storage`), so six million read calls at
100k passages. Here each column is read with one call when the postings of its field are
written. Segments record Whoosh's own codec, so reading an index does not need this one.

Imported by `index.writer` only (it imports Whoosh).
"""

from __future__ import annotations

import contextlib
import heapq
import pickle
import weakref
from array import array
from itertools import groupby
from typing import Any, Callable, Iterator

from whoosh import writing
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PerDocReader, W3Segment, _lenfield

PICKLE_PROTOCOL = 4


def _dumps(obj: Any, protocol: int | None = None, *, fix_imports: bool = True,
           buffer_callback: Callable[[pickle.PickleBuffer], Any] | None = None) -> bytes:
    """pickle.dumps with PICKLE_PROTOCOL, whichever protocol Whoosh asks for."""
    return pickle.dumps(obj, PICKLE_PROTOCOL, fix_imports=fix_imports, buffer_callback=buffer_callback)


class TermPool:
    """Whoosh's PostingPool (`add` a posting tuple, `iter_postings` in sorted order,
    `fieldnames`, `cleanup`), holding each term's postings in arrays: about 105 bytes a
    posting with its positions where Whoosh's tuples took 225 (tracemalloc, the reference
    corpus). Past `limitmb` the terms held so far are written, sorted, to a run, and the
    runs are merged term by term at the end (all open at once: a run holds `limitmb` of
    postings, so there are few); a term's postings are held whole while it is written.

    A writer adds passages in order, and the postings of segments it merges after them, a
    segment at a time: each term's postings come in passage order, the order Whoosh's sort
    gives them, and only the terms need sorting. It has none of the runs a multi-process
    writer merges into one segment (`save`, `reduce_to`): a writer with WritingCodec and
    several processes must leave one segment per process (`multisegment=True`, as
    `index.writer` asks)."""

    def __init__(self, tempstore, segment, limitmb: int = 128, **kwargs):
        self.tempstore, self.segment = tempstore, segment
        self.limit = limitmb * 1024 * 1024
        self.fieldnames: set[str] = set()
        self._terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self._size = 0
        self._runs: list[str] = []

    def add(self, item):
        try:
            held = self._terms[item[0], item[1]]
        except KeyError:
            held = self._terms[item[0], item[1]] = (array("I"), array("d"), [])
            self.fieldnames.add(item[0])
            self._size += 450 + len(item[1])
        held[0].append(item[2])
        held[1].append(item[3])
        value = item[4]
        held[2].append(value)
        self._size += 53 + len(value) if value else 20
        if self._size > self.limit:
            self._save()

    def _save(self):
        name = f"{writing.random_name()}.terms"
        with self.tempstore.create_file(name) as handle:
            for key in sorted(self._terms):
                pickle.dump((key, *self._terms[key]), handle, PICKLE_PROTOCOL)
        self._runs.append(name)
        self._terms, self._size = {}, 0

    def _read_run(self, name: str) -> Iterator[tuple]:
        with self.tempstore.open_file(name) as handle:
            while True:
                try:
                    yield pickle.load(handle)
                except EOFError:
                    return

    def terms(self) -> Iterator[tuple[str, bytes, array, array, list]]:
        """(field, term, passages, weights, values) of every term, in Whoosh's order."""
        held = self._terms
        in_memory = ((key, *held[key]) for key in sorted(held))
        if self._runs:
            merged = heapq.merge(*map(self._read_run, self._runs), in_memory, key=lambda term: term[0])
        else:
            merged = in_memory
        for key, runs in groupby(merged, key=lambda term: term[0]):
            _, docnums, weights, values = next(runs)
            for _, more_docnums, more_weights, more_values in runs:  # a later run: later passages
                docnums.extend(more_docnums)
                weights.extend(more_weights)
                values.extend(more_values)
            yield (*key, docnums, weights, values)

    def iter_postings(self) -> _Postings:
        return _Postings(self)

    def cleanup(self):
        for name in self._runs:
            with contextlib.suppress(OSError):  # as Whoosh's pool: the temporary folder goes too
                self.tempstore.delete_file(name)
        self._runs, self._terms = [], {}


class _Postings:
    """A TermPool's postings: iterated, the (field, term, passage, weight, value) tuples
    Whoosh's writers take; `terms()`, each term's whole, for `_FieldWriter`."""

    def __init__(self, pool: TermPool):
        self.terms = pool.terms

    def __iter__(self):
        for fieldname, tbytes, docnums, weights, values in self.terms():
            yield from zip([fieldname] * len(docnums), [tbytes] * len(docnums), docnums, weights, values)


WHOOSH_POOL = writing.PostingPool
_TERM_POOLED: weakref.WeakSet = weakref.WeakSet()  # the new segments of writers with WritingCodec


def _posting_pool(tempstore, segment, limitmb: int = 128, **kwargs):
    """The pool a Whoosh writer makes for its new segment: a TermPool when the writer
    writes with WritingCodec (in this process or a worker process), Whoosh's own otherwise."""
    if segment in _TERM_POOLED:
        return TermPool(tempstore, segment, limitmb)
    return WHOOSH_POOL(tempstore, segment, limitmb=limitmb, **kwargs)


# Replaced once, on import (only a process that writes imports this module): the name
# whoosh3's postings writer pickles blocks, their headers and inlined postings with
# (`dumps(data, 2)`), and the name of the pool class a Whoosh writer makes (its `poolclass`
# argument is not used).
whoosh3.dumps = _dumps
writing.PostingPool = _posting_pool  # type: ignore[misc,assignment]


class WritingCodec(W3Codec):
    def per_document_reader(self, storage, segment):
        return _LengthsReadWhole(storage, segment)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage, indexname):
        segment = W3Segment(W3Codec(self._blocklimit, self._compression, self._inlinelimit), indexname)
        _TERM_POOLED.add(segment)
        return segment


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        """Whoosh's add_postings, a term at a time when `items` come from a TermPool: each
        block is filled as W3PostingsWriter.add_posting fills it, one posting at a time."""
        if not isinstance(items, _Postings):
            return super().add_postings(schema, lengths, items)
        fieldname = None
        for name, tbytes, docnums, weights, values in items.terms():
            if name != fieldname:
                if fieldname is not None:
                    self.finish_field()
                self.start_field(name, schema[name])
                fieldname = name
                length_of = lengths.doc_field_length_reader(name) if lengths else None
            self.start_term(tbytes)
            self._add_term(docnums, weights, values, length_of)
            self.finish_term()
        if fieldname is not None:
            self.finish_field()

    def _add_term(self, docnums: array, weights: array, values: list, length_of):
        block = self._postwriter
        size = block._blocklimit
        for start in range(0, len(docnums), size):
            if start:  # the block before is full: Whoosh writes it when the next posting comes
                block._write_block()
            ids = docnums[start:start + size]
            block._ids = ids
            block._weights = array("f", weights[start:start + size])
            block._maxweight = max(0, max(weights[start:start + size]))
            block._values = [value for value in values[start:start + size] if value]
            known = [length for length in map(length_of, ids) if length] if length_of else []
            block._minlength, block._maxlength = (min(known), max(known)) if known else (None, 0)


class _LengthsReadWhole(W3PerDocReader):
    def doc_field_length_reader(self, fieldname, default=0):
        from .index import _LengthsInMemory

        name = _lenfield(fieldname)
        if self.has_column(name):
            self._readers.setdefault(name, _LengthsInMemory(self, name))
        return super().doc_field_length_reader(fieldname, default)
