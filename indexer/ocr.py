"""OCR of scanned PDFs: ocrmypdf and Tesseract give a temporary copy a text layer.

`lexmig add --ocr` runs `read_with_ocr`: a PDF whose pages have no text (scanned images)
gets an OCR text layer on those pages, in a temporary folder (the user's file is never
touched), and the copy is then read like any PDF. The copy is what the library stores, so
the index can be rebuilt from it without OCR again.

Which text is OCR is read from the PDF itself (`page_layers`): an OCR layer is text drawn
invisibly (text render mode 3) over a page image. That holds for lexmig's own copies and for
documents OCR'd elsewhere (UN ODS scans, Acrobat's Paper Capture), and each passage printed
on such a page records it (`Passage.ocr`).

ocrmypdf is the optional extra `lexmig[ocr]`; Tesseract and its language data are Debian
packages (README, "Scanned PDFs"). Version 17 rasterises pages with pypdfium2 and, asked for
a plain PDF, needs no Ghostscript.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import settings
from .errors import BadFile, NoTextLayer

DEFAULT_LANGUAGES = "eng"
# Tesseract's time for one page before ocrmypdf gives it up and leaves the page without text
# (its default is 180 s: on a busy machine a page of a scan took longer).
PAGE_TIMEOUT = 900
PIP_INSTALL = "pip install 'lexmig[ocr]'"
APT_PACKAGES = "tesseract-ocr tesseract-ocr-eng"
INSTALL = f"{PIP_INSTALL} && apt-get install {APT_PACKAGES}"

_LANG_RE = re.compile(r"^[a-z]{3}(_[a-z]+)?$", re.I)
# "3 Tr" (invisible text) and an image drawn: the signature of an OCR text layer.
_INVISIBLE_RE = re.compile(rb"(?<![\d.])3\s+Tr\b")
_IDENTITY_MAP = b"<0000> <FFFF> <0000>"
_HEX_STRING_RE = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def missing_tools() -> list[str]:
    """What OCR needs and this machine lacks ("no ocrmypdf package", "no tesseract program")."""
    missing = []
    if importlib.util.find_spec("ocrmypdf") is None:
        missing.append("no ocrmypdf package")
    if shutil.which("tesseract") is None:
        missing.append("no tesseract program")
    return missing


def no_text_layer(name: str) -> NoTextLayer:
    """The error for a PDF without a text layer, with what to do on this machine."""
    message = f"{name}: the PDF has no text layer (scanned images); "
    if missing_tools():
        return NoTextLayer(message + f"to run OCR on it, install ocrmypdf and Tesseract ({INSTALL}), "
                                     "then add it with --ocr.")
    return NoTextLayer(message + "add it with --ocr to run OCR on it (ocrmypdf and Tesseract).")


def read_with_ocr(data: bytes, name: str, languages: str = DEFAULT_LANGUAGES, notify=None,
                  jobs: int | None = None):
    """(bytes, SourceText) of a PDF, with an OCR text layer on its pages without text, or of
    an image (a scan saved as PNG, JPEG, TIFF ...), made a PDF of one page per frame first.

    A PDF whose every page has text is read as it is (saying so); the pages of a PDF that
    have text keep it (ocrmypdf's skip-text mode). `languages` are Tesseract's codes joined
    by "+" ("eng", "khm+eng"). Each problem is a one-line `BadFile`.
    """
    from .readers import detect_format, other_format, read_bytes

    notify = notify or (lambda message: None)
    if detect_format(data) != "pdf":
        found = other_format(data)
        if found is None or found[0] != "image":
            notify(f"{name}: not a PDF, so no OCR; reading it as it is.")
            return data, read_bytes(data, name)
        reason = f"it is an image ({found[1]})"
        data = _image_as_pdf(data, name, reason)
    else:
        try:
            source = read_bytes(data, name)
        except NoTextLayer:
            reason = "the PDF has no text layer (scanned images)"
        else:
            blank = set(source.stats.get("blank_pages", ()))
            empty = [n for n in source.stats.get("pages_without_text", ()) if n not in blank]
            if not empty:
                notify(f"{name}: the PDF already has a text layer on every page" + (" that is not blank" if blank else "")
                       + "; no OCR needed, reading it as it is.")
                return data, source
            reason = f"{len(empty)} of {source.pages} pages have no text"
    ocr_data = run_ocr(data, name, languages, jobs, reason)
    try:
        return ocr_data, read_bytes(ocr_data, name)
    except NoTextLayer:
        raise BadFile(f"{name}: OCR found no text on any page (blank or unreadable images); check the scan "
                      f"(resolution, orientation) and the language (--ocr-lang, now {languages}).") from None


def _image_as_pdf(data: bytes, name: str, reason: str) -> bytes:
    """An image file as a PDF of its frames (img2pdf, which ocrmypdf installs: lossless, the
    image's own resolution), for OCR."""
    missing = missing_tools()
    if missing:
        raise BadFile(f"{name}: {reason} and OCR is not installed ({', '.join(missing)}); install it with: {INSTALL}")
    import img2pdf

    try:
        return img2pdf.convert(data)
    except Exception:  # a damaged or unusual image: img2pdf raises its own errors and PIL's
        raise BadFile(f"{name}: {reason}, which cannot be read (damaged, or a kind Pillow does not read); "
                      "save it again as PNG or TIFF and try again.") from None


# An OCR run keeps every temporary file, ocrmypdf's too, in one folder named for its
# process, "lexmig-ocr-PID-XXXXXXXX": a run killed outright (SIGKILL) leaves only that, which
# the next OCR run and `lexmig verify --fix` remove once the process is gone. The run holds an
# flock on the folder's IN_USE file for as long as it (or a worker it forked) lives: the
# kernel releases it at death, so a sweeper that shares /tmp but not the pid namespace (a
# container), or sees the pid reused, still tells a live run from a dead one.
TEMPORARY_PREFIX = "lexmig-ocr-"
IN_USE = "in-use"


@contextlib.contextmanager
def _held(folder: str):
    """The folder's IN_USE file, flock'ed until the block ends."""
    with open(Path(folder) / IN_USE, "w") as mark:
        fcntl.flock(mark, fcntl.LOCK_EX)
        yield


def run_ocr(data: bytes, name: str, languages: str = DEFAULT_LANGUAGES, jobs: int | None = None,
            reason: str = "the PDF has no text layer (scanned images)") -> bytes:
    """The PDF's bytes with an OCR text layer on the pages that have no text."""
    missing = missing_tools()
    if missing:
        raise BadFile(f"{name}: {reason} and OCR is not installed "
                      f"({', '.join(missing)}); install it with: {INSTALL}")
    wanted = _check_languages(languages, name)
    import ocrmypdf
    from ocrmypdf import exceptions as ocr_errors

    # ocrmypdf logs page by page (skew, diacritics, time zones); lexmig reports problems as
    # one line, from the exceptions below.
    log = logging.getLogger("ocrmypdf")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False
    given_up = _GivenUp()  # pages Tesseract took too long on: said, not left silently empty
    log.addHandler(given_up)
    with tempfile.TemporaryDirectory(prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-") as folder, _held(folder):
        source, target = Path(folder) / "input.pdf", Path(folder) / "output.pdf"
        source.write_bytes(data)
        # ocrmypdf's last check of its output (pikepdf's check_linearization) leaves
        # sys.stderr pointing at a StringIO: lexmig's own messages would vanish after it.
        streams = sys.stdout, sys.stderr
        tempfile.tempdir, elsewhere = folder, tempfile.tempdir  # ocrmypdf's work folder goes inside
        try:
            with settings.single_threaded_tesseract():
                ocrmypdf.ocr(source, target, language=wanted, mode="skip", output_type="pdf",
                             # Tesseract's own text-only page (the sandwich renderer) keeps
                             # complex scripts (Khmer) readable by pypdf; optimising images
                             # would only cost time, the text is what lexmig keeps.
                             pdf_renderer="sandwich", optimize=0, jobs=jobs, progress_bar=False,
                             tesseract_timeout=PAGE_TIMEOUT)
        except ocr_errors.EncryptedPdfError:
            raise BadFile(f"{name}: the PDF is encrypted; remove the encryption (e.g. qpdf --decrypt) "
                          "and add the decrypted copy.") from None
        except ocr_errors.DigitalSignatureError:
            raise BadFile(f"{name}: the PDF is digitally signed and OCR would invalidate the signature; "
                          "add an unsigned copy.") from None
        except (ocr_errors.PriorOcrFoundError, ocr_errors.TaggedPDFError):
            raise BadFile(f"{name}: the PDF already has text; add it without --ocr.") from None
        except ocr_errors.MissingDependencyError as exc:
            raise BadFile(f"{name}: OCR needs a program or file that is missing ({_first_line(exc)}); "
                          f"install it with: {INSTALL}") from None
        except (ocr_errors.InputFileError, ocr_errors.UnsupportedImageFormatError, ocr_errors.DpiError) as exc:
            raise BadFile(f"{name}: OCR cannot read the PDF ({_first_line(exc)}); check the file, "
                          "or save it again as PDF and try again.") from None
        except ocr_errors.SubprocessOutputError as exc:
            raise BadFile(f"{name}: Tesseract failed ({_first_line(exc)}); check the file and the "
                          "Tesseract installation.") from None
        except ocr_errors.ExitCodeException as exc:
            raise BadFile(f"{name}: OCR failed ({_first_line(exc)}).") from None
        except OSError as exc:  # a full temporary folder, a missing program
            raise BadFile(f"{name}: OCR failed ({exc.strerror or exc}); check the free space in the "
                          "temporary folder (TMPDIR) and try again.") from None
        finally:
            sys.stdout, sys.stderr = streams
            tempfile.tempdir = elsewhere
            log.removeHandler(given_up)
        if given_up.pages:
            raise BadFile(f"{name}: Tesseract took more than {PAGE_TIMEOUT} s on {given_up.pages} "
                          f"page{'s' if given_up.pages > 1 else ''} and gave up; try again when the machine is "
                          "less busy, or split the scan.")
        compact_text_maps(target)
        return target.read_bytes()


class _GivenUp(logging.Handler):
    """Counts the pages ocrmypdf left without OCR because Tesseract timed out."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.pages = 0

    def emit(self, record):
        if "took too long to OCR" in record.getMessage():
            self.pages += 1


def compact_text_maps(path: Path):
    """Limit the identity text maps of Tesseract's text layer to the codes each page uses.

    Tesseract's invisible font maps every 2-byte code to itself (`<0000> <FFFF> <0000>`), and
    pypdf expands that map to 65,536 entries on every page: about 0.3 s a page, at every
    read of the stored copy (each add, each index rebuild). The same map for the codes a
    page's text uses says the same and reads about fifty times faster.
    """
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for form in _text_forms(page.obj):
                fonts = form.get("/Resources", {}).get("/Font", {})
                identity = [f for f in fonts.values() if "/ToUnicode" in f and
                            _IDENTITY_MAP in f.ToUnicode.read_bytes()]
                if not identity:
                    continue
                used: set[bytes] = set()
                for hexes in _HEX_STRING_RE.findall(form.read_bytes()):
                    digits = re.sub(rb"\s+", b"", hexes)
                    used.update(digits[i:i + 4].upper() for i in range(0, len(digits) - 3, 4))
                cmap = pdf.make_stream(_unicode_cmap(sorted(used)))
                for font in identity:
                    font.ToUnicode = cmap
        pdf.save(path)


def _text_forms(node, depth: int = 0):
    """The form XObjects drawn by a page (and by those forms): where OCR text layers live."""
    xobjects = node.get("/Resources", {}).get("/XObject", {})
    for xobject in xobjects.values():
        if xobject.get("/Subtype") == "/Form" and depth < 4:
            yield xobject
            yield from _text_forms(xobject, depth + 1)


def _unicode_cmap(codes: list[bytes]) -> bytes:
    """A ToUnicode CMap mapping each 2-byte code (hex) to the same UTF-16 code unit."""
    blocks = []
    for start in range(0, len(codes), 100):  # at most 100 entries per block (PDF spec)
        chunk = codes[start:start + 100]
        blocks.append(b"%d beginbfchar\n" % len(chunk) + b"".join(b"<%s> <%s>\n" % (c, c) for c in chunk)
                      + b"endbfchar\n")
    return (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + b"".join(blocks) +
            b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


def _check_languages(languages: str, name: str) -> list[str]:
    """Tesseract's language codes, each installed; else a line naming the package to install."""
    wanted = [code.strip() for code in re.split(r"[+,]", languages or DEFAULT_LANGUAGES) if code.strip()]
    bad = [code for code in wanted if not _LANG_RE.match(code)]
    if bad or not wanted:
        raise BadFile(f"{name}: '{languages}' is not a list of Tesseract language codes; give codes "
                      "joined by '+', like --ocr-lang eng or --ocr-lang khm+eng.")
    installed = tesseract_languages()
    absent = [code for code in wanted if code not in installed]
    if absent:
        packages = " ".join(f"tesseract-ocr-{code.lower().replace('_', '-')}" for code in absent)
        raise BadFile(f"{name}: Tesseract has no language data for {', '.join(absent)} (installed: "
                      f"{', '.join(sorted(installed - {'osd'})) or 'none'}); install it with: apt-get install {packages}")
    return wanted


def tesseract_languages() -> set[str]:
    """The languages the installed Tesseract can read (`tesseract --list-langs`)."""
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in listed.stdout.splitlines()[1:] if line.strip()}


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def page_layers(reader, without_text: list[int]) -> tuple[list[int], list[int]]:
    """One pass over a pypdf reader's pages (1-based): those whose text is an OCR layer
    (`ocr_pages`: invisible text over an image), and of the pages `without_text` those that
    draw no image either (`blank_pages`: blank, not scanned). A damaged page is neither: its
    text is whatever pypdf read, and OCR may still read it."""
    ocr, blank, empty = [], [], set(without_text)
    for number, page in enumerate(reader.pages, 1):
        try:
            invisible, image = _layers(page, page.get_contents(), set())
        except Exception:
            continue
        if invisible and image:
            ocr.append(number)
        elif not image and number in empty:
            blank.append(number)
    return ocr, blank


def _layers(node, contents, seen: set) -> tuple[bool, bool]:
    """(invisible text, image) drawn by a page or form XObject, forms within it included."""
    data = contents.get_data() if contents is not None else b""
    invisible = bool(_INVISIBLE_RE.search(data))
    image = False
    resources = node.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for ref in (xobjects.get_object().values() if xobjects is not None else ()):
        obj = ref.get_object()
        kind = obj.get("/Subtype")
        if kind == "/Image":
            image = True
        elif kind == "/Form" and id(obj) not in seen:
            seen.add(id(obj))
            inner = _layers(obj, obj, seen)
            invisible, image = invisible or inner[0], image or inner[1]
    return invisible, image


def flag_ocr_passages(passages: list, pages: list[int] | None) -> list:
    """Passages printed on a page whose text is OCR carry `ocr=True`."""
    if not pages:
        return passages
    ocr = set(pages)
    return [dataclasses.replace(p, ocr=True) if not p.pages or ocr & set(p.pages) else p for p in passages]
