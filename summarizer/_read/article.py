"""Reading an article: refusing bad input with one clear line, and what it says of its source."""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from summarizer._cues.dates import resolve_date
from summarizer._cues.instructions import addressed_to_the_model, withheld_from
from summarizer._errors import InputError
from summarizer._grounding import Span, article_sentences
from summarizer._read.html import html_to_text, looks_like_html
from summarizer._read.language import detect_language
from summarizer._records import Source

logger = logging.getLogger(__name__)

# Magic numbers of the binary files people most often feed a text tool by mistake.
_BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive (or an Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}

_DATE_LINE = re.compile(
    r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*(?:\((?P<outlet>[^)\n]{1,40})\))?", re.IGNORECASE
)
_CAPS = "A-Z\u00c0-\u00de"  # ASCII and Latin-1 capitals: SAO PAULO and SÃO PAULO alike
_PLACE = rf"(?P<place>[{_CAPS}][{_CAPS}'\-]+(?: [{_CAPS}][{_CAPS}'\-]+)*)"
# MOSCOW, November 28. /TASS/.
_WIRE_DATELINE = re.compile(
    rf"\A\s*{_PLACE}\s*,\s*(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{{1,2}})\s*\.?\s*"
    r"/(?P<outlet>[^/\n]{2,30})/"
)
# TEHRAN - ... / LONDON (Reuters) - ...
_PLAIN_DATELINE = re.compile(
    rf"\A\s*{_PLACE}(?:\s*\((?P<outlet>[A-Za-z][\w .-]{{1,30}})\))?\s*[-\u2013\u2014:]\s"
)
# A line near the top that is only a date, maybe after a place or "Published:":
# "LONDON 1996-08-30", "Published: 27 October 2024", "Oct. 27, 2024".
_DATE_ONLY_LINE = re.compile(
    rf"^\s*(?:(?:published|updated|posted)(?:\s+on)?\s*:?\s*|{_PLACE}\s+)?"
    r"(?P<date>\d{4}-\d\d-\d\d|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})"
    r"(?:\s+\d\d?:\d\d(?:\s*[AP]M)?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*By\s+(?P<author>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})\s*$", re.M)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as we summarise it: the decoded text every evidence offset refers to."""

    id: str
    text: str
    path: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, path: str | None = None) -> Article:
        """Build an article from text, refusing empty text."""
        if not text.strip():
            raise InputError(f"{path or id or 'article'}: the article is empty")
        article_id = id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        return cls(id=article_id, text=text, path=path)


def read_article(location: str) -> Article:
    """Read an article from a file path, or from standard input when ``location`` is ``-``.

    Raises:
        InputError: for a missing file, a directory, an empty or whitespace-only file,
            binary bytes, or text that is neither UTF-8 nor cp1252.
    """
    if location == "-":
        # Named by content, like any text without a file name.
        text = decode(sys.stdin.buffer.read(), name="<stdin>")
        if looks_like_html(text):
            text = html_to_text(text, name="<stdin>")
        return Article.from_text(text)
    path = Path(location)
    if path.is_dir():
        raise InputError(f"{location}: is a directory, not an article file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{location}: no such file") from None
    except OSError as error:
        raise InputError(f"{location}: cannot be read ({error.strerror})") from None
    text = decode(data, name=location)
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text = html_to_text(text, name=location)
    return Article.from_text(text, id=path.stem, path=str(path))


def decode(data: bytes, *, name: str) -> str:
    """Decode article bytes: UTF-8 (BOM allowed), else cp1252 with a warning."""
    if not data.strip():
        raise InputError(f"{name}: the article is empty")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: looks like {kind}, not article text")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: contains NUL bytes; binary data, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: is neither UTF-8 nor cp1252 text") from None
        logger.warning("%s: not valid UTF-8; decoded as cp1252", name)
    if _control_share(text) > 0.05:
        raise InputError(f"{name}: mostly control characters; binary data, not article text")
    return text


def _control_share(text: str) -> float:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / len(sample)


def dateline_end(text: str) -> int:
    """Where the text after an opening dateline begins ("date 2024-10-27 (MENAFN) ",
    "TEHRAN - ", "MOSCOW, November 28. /TASS/. "); 0 when the text opens with none."""
    for pattern in (_DATE_LINE, _WIRE_DATELINE, _PLAIN_DATELINE):
        if match := pattern.match(text):
            end = match.end()
            return end + len(text[end:]) - len(text[end:].lstrip(" .\t"))
    return 0


def parse_source(article: Article) -> Source:
    """What the article itself states about its source: date, dateline, outlet, author, title."""
    text = article.text
    published = outlet = dateline = author = None
    # A dateline opens the text or the body under its title.
    head = text[title_end(text) :].lstrip()
    if match := _DATE_LINE.match(text):
        published = match["date"]
        outlet = match["outlet"]
    elif (match := _WIRE_DATELINE.match(head)) or (match := _PLAIN_DATELINE.match(head)):
        dateline, outlet = match["place"].title(), match["outlet"]
    if published is None:
        published = _stated_date(text)
    if byline := _BYLINE.search(text[:600]):
        author = byline["author"]
    return Source(
        id=article.id,
        path=article.path,
        content_hash=article.content_hash,
        # The title as the model may read it: a planted first line is none.
        title=title_line(withheld_from(text, addressed_to_the_model(text))),
        language=detect_language(text),
        published=published,
        dateline=dateline,
        outlet=outlet.strip() if outlet else None,
        author=author,
    )


def _stated_date(text: str) -> str | None:
    """The publication date a line of its own states in the first five lines."""
    for line in text.lstrip("\ufeff").splitlines()[:5]:
        if match := _DATE_ONLY_LINE.match(line):
            day = resolve_date(match["date"])
            if day is not None and len(day) == 10:
                return day
    return None


def body_sentences(text: str) -> list[Span]:
    """The sentences of ``text``'s body, in order: none from a title line it opens with,
    and the first without the dateline it opens with, above or below that title
    ("TEHRAN - ")."""
    start = body_start(text)
    sentences = [s for s in article_sentences(text) if s.end > start]
    if sentences and sentences[0].start < start:
        first = sentences[0]
        begin = start + len(text[start : first.end]) - len(text[start : first.end].lstrip())
        sentences[0] = Span(begin, first.end, text[begin : first.end], first.match)
    return sentences


def body_start(text: str) -> int:
    """Where the body's first sentence begins: after the title line and the dateline
    the text opens with, whichever comes first ("Title\n\nTEHRAN - ..." as well as
    "TEHRAN - ..." alone)."""
    start = title_end(text)
    if start:
        start += len(text[start:]) - len(text[start:].lstrip())
    return start + dateline_end(text[start:])


def title_end(text: str) -> int:
    """Where the title the text opens with ends (a line of its own, short and
    unpunctuated, a blank line after it: "US firm pulls out of Iraq"); 0 when the text
    opens with none. A title is no sentence of the article: it names the story, and a
    summary that states it states nothing the body does not."""
    if title_line(text) is None:
        return 0
    return text.index("\n")


# What may close a sentence after its stop: '... are over."', '(... in 2004.)'.
_CLOSERS = "'\"\u2019\u201d)]\u00bb"


def title_line(text: str) -> str | None:
    """A first line that reads as a title: short, unpunctuated, followed by a blank line;
    not a date, a dateline or a byline. Runs of spaces (a withheld passage) read as one."""
    lines = text.lstrip("\ufeff").split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return None
    first = " ".join(lines[0].split())
    if (
        not first
        or len(first) > 150
        or first.rstrip(_CLOSERS)[-1:] in (".", "!", "?", ":", ";", ",")
    ):
        return None
    if any(p.match(first) for p in (_DATE_LINE, _DATE_ONLY_LINE, _BYLINE)):
        return None
    return first
