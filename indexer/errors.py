"""Domain exceptions. The CLI turns each into one line of text and an exit code."""


class LexmigError(Exception):
    """Base class for every error a user can cause or fix."""

    exit_code = 2


class CatalogueError(LexmigError):
    """The catalogue data is invalid (names the entry and the field)."""


class UnknownDocument(LexmigError):
    """No catalogue entry has this id or alias."""


class NoText(LexmigError):
    """The document is catalogued but its text is not installed."""


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
