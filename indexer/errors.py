"""Domain exceptions, all of them. The CLI turns each into one line of text and its exit code
(`exit_code`: 2 for bad input or a failure, 1 for a valid request with no answer).

    LexmigError
        CatalogueError, InvalidMetadata         the catalogue or a new entry's metadata
        UnknownDocument, NotInstalled           no such document; catalogued but no text
        BadFile (NoTextLayer), DuplicateDocument, FetchError, WriteFailed
        IndexLocked, IndexDamaged, LibraryLocked
        UnknownCitation, BadFilter, NoMatchingDocuments, QueryError
        SubjectError, ThesaurusError, QrelsError   the shipped data files
"""


class LexmigError(Exception):
    """Base class for every error a user can cause or fix."""

    exit_code = 2


class CatalogueError(LexmigError):
    """The catalogue data is invalid (names the entry and the field)."""


class UnknownDocument(LexmigError):
    """No catalogue entry has this id or alias."""


class NotInstalled(LexmigError):
    """The document is catalogued but its text is not installed (the message says how to get it)."""

    def __init__(self, doc_id: str, message: str | None = None):
        super().__init__(message or not_installed_message(doc_id))
        self.doc_id = doc_id


def not_installed_message(doc_id: str) -> str:
    return (f"'{doc_id}' is catalogued but its text is not installed; get it with lexmig fetch {doc_id} "
            f"(or lexmig add FILE --id {doc_id}).")


class BadFile(LexmigError):
    """A file cannot be read as a document (empty, corrupt, scanned, encrypted ...)."""


class NoTextLayer(BadFile):
    """A PDF has no text layer (scanned images); `lexmig add --ocr` gives it one."""


class DuplicateDocument(LexmigError):
    """The same document (id or bytes) is already in the library."""


class FetchError(LexmigError):
    """A document could not be fetched from the mirror or its official address."""


class IndexLocked(LexmigError):
    """Another lexmig process is writing the index."""


class IndexDamaged(LexmigError):
    """The index files are damaged (truncated, emptied or missing); a rebuild repairs them."""

    def __init__(self, path, reason: str):
        super().__init__(f"the index in {path} is damaged ({reason}); rebuild it with: lexmig index --rebuild")
        self.reason = reason


class InvalidMetadata(LexmigError):
    """Metadata given for a new document fails validation."""


class LibraryLocked(LexmigError):
    """Another lexmig process holds the library for a change."""


class WriteFailed(LexmigError):
    """Writing to the data home failed (disk full, permissions); nothing was changed."""


class UnknownCitation(LexmigError):
    """A citation that cannot be read, or names a unit the document does not have."""


class BadFilter(LexmigError):
    """A filter value that no catalogue document can have (an unknown type or body)."""


class NoMatchingDocuments(LexmigError):
    """Valid filters that no installed document satisfies: nothing can be found."""

    exit_code = 1


class QueryError(LexmigError):
    """A query that cannot be searched as typed."""


class SubjectError(LexmigError):
    """The subject index data file is invalid, or a subject name is unknown."""


class ThesaurusError(LexmigError):
    """The thesaurus data file is invalid."""


class QrelsError(LexmigError):
    """The judged query file is invalid."""
