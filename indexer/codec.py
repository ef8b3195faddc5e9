"""The Whoosh codec lexmig writes with: Whoosh's W3 codec, with posting blocks pickled
with protocol 4, and each segment's field lengths read whole when its postings are written.

Whoosh pickles each block of postings (ids, weights, and the positions of each passage)
with protocol 2, which stores every bytes value as a call to `codecs.encode`: a block of
`text` postings took 42 µs to unpickle at search time, 6.4 µs with protocol 4, and its
compressed size fell from 1.04 to 0.41 MB over 671 blocks of common words at 100k
passages. Whoosh reads either protocol (`pickle.loads`), so an index written so is an
ordinary Whoosh index.

Writing a segment's postings, Whoosh reads the field length of every posting's passage
(for the block's shortest and longest), one seek and read of the length column each: the
index is opened without memory maps (see `index._storage`), so six million read calls at
100k passages. Here each column is read with one call when the postings of its field are
written. Segments record Whoosh's own codec, so reading an index does not need this one.

Imported by `index.writer` only (it imports Whoosh).
"""

from __future__ import annotations

import pickle
from typing import Any, Callable

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader, W3Segment, _lenfield

PICKLE_PROTOCOL = 4


def _dumps(obj: Any, protocol: int | None = None, *, fix_imports: bool = True,
           buffer_callback: Callable[[pickle.PickleBuffer], Any] | None = None) -> bytes:
    """pickle.dumps with PICKLE_PROTOCOL, whichever protocol Whoosh asks for."""
    return pickle.dumps(obj, PICKLE_PROTOCOL, fix_imports=fix_imports, buffer_callback=buffer_callback)


# The name whoosh3's postings writer pickles blocks, their headers and inlined postings with
# (`dumps(data, 2)`), replaced once, on import: only a process that writes imports this module.
whoosh3.dumps = _dumps


class WritingCodec(W3Codec):
    def per_document_reader(self, storage, segment):
        return _LengthsReadWhole(storage, segment)

    def new_segment(self, storage, indexname):
        return W3Segment(W3Codec(self._blocklimit, self._compression, self._inlinelimit), indexname)


class _LengthsReadWhole(W3PerDocReader):
    def doc_field_length_reader(self, fieldname, default=0):
        from .index import _LengthsInMemory

        name = _lenfield(fieldname)
        if self.has_column(name):
            self._readers.setdefault(name, _LengthsInMemory(self, name))
        return super().doc_field_length_reader(fieldname, default)
