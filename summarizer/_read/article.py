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
from summarizer._grounding import CLOSERS, Span, article_sentences
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
# TEHRAN - ... / LONDON (Reuters) - ... ; not a section label ("BREAKING: ...").
_LABELS = (
    "BREAKING|UPDATED?|EXCLUSIVE|ANALYSIS|WATCH|LIVE|OPINION|COMMENT|EDITORIAL|CORRECTION|"
    "FACTBOX|FOCUS|INTERVIEW|EXPLAINER"
)
# A section label the body opens with: no dateline, and no part of the first sentence.
_LABEL = re.compile(rf"\A\s*(?:{_LABELS})\b[^-\u2013\u2014:\n]{{0,12}}[-\u2013\u2014:]\s")
_PLAIN_DATELINE = re.compile(
    rf"\A\s*(?!(?:{_LABELS})\b){_PLACE}(?:\s*\((?P<outlet>[A-Za-z][\w .-]{{1,30}})\))?"
    r"\s*[-\u2013\u2014:]\s"
)
# A line near the top that is only a date, maybe after a place, "Published:" or a
# weekday: "LONDON 1996-08-30", "London 28 Oct 2024", "Published On 28 Oct 2024",
# "Monday 28 October 2024 10:00 gmt". Case matters for a place of several words, so
# that "Super Tuesday March 5, 2024" is a title, not a date line.
_WEEKDAY = r"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)"
# One \s* before an optional colon, not two around it: a withheld passage is a long run
# of spaces, and "\s*:?\s*" splits a run of n spaces n^2 ways before it fails.
_DATE_PREFIX = rf"(?i:(?:published|updated|posted)(?:\s+on)?)\s*(?::\s*)?|{_PLACE}\s+"
_DATE_REST = (
    rf"{_WEEKDAY}?"
    r"(?P<date>\d{4}-\d\d-\d\d|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})"
    r"(?:\s+\d\d?:\d\d(?:\s*(?i:[ap]m))?(?:\s+(?i:[a-z]{2,4}))?)?\s*$"
)
_DATE_ONLY_LINE = re.compile(rf"^\s*(?:{_DATE_PREFIX}|[A-Z][a-z]+\s+(?=\d))?{_DATE_REST}")
# As a title's test, a single word before the date is the title's ("Budget 30 October
# 2024"), not a place's.
_DATE_ONLY_TITLE = re.compile(rf"^\s*(?:{_DATE_PREFIX})?{_DATE_REST}")
# A date line or byline is short: longer lines are not tried.
_FRONT_LINE_MOST = 120
# On one line: "By Jo Cox\nBBC News" is a byline and an outlet, not an author of four
# words ([^\S\n] is a space of any kind but a line break: pages bring no-break spaces).
_BYLINE = re.compile(
    r"^[^\S\n]*By[^\S\n]+(?P<author>[A-Z][\w.'\-]+(?:[^\S\n]+[A-Z][\w.'\-]+){0,3})[^\S\n]*$",
    re.M,
)
# A line that reads as a byline though _BYLINE takes no author from it: "By John Smith
# and Jane Doe", "By JOHN SMITH, Reuters", "By Jo Cox | BBC News".
_BYLINE_LIKE = re.compile(
    r"^\s*By\s+[A-Z][\w.'\-]*(?:(?:\s+|\s*[,|&]\s*)(?:and\s+)?[A-Z][\w.'\-]*)*\s*$"
)


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
    "TEHRAN - ", "MOSCOW, November 28. /TASS/. ", or a label: "EXCLUSIVE - "); 0 when the
    text opens with none."""
    if label := _LABEL.match(text):  # a label, then maybe a dateline: "EXCLUSIVE - TEHRAN - "
        return label.end() + dateline_end(text[label.end() :])
    for pattern in (_DATE_LINE, _WIRE_DATELINE, _PLAIN_DATELINE):
        if match := pattern.match(text):
            end = match.end()
            return end + len(text[end:]) - len(text[end:].lstrip(" .\t"))
    return 0


def parse_source(article: Article) -> Source:
    """What the article itself states about its source: date, dateline, outlet, author, title."""
    text = article.text
    # Read as the sections read it: a passage addressed to the model is no title.
    seen = withheld_from(text, addressed_to_the_model(text))
    published = outlet = dateline = author = None
    # A dateline opens the text, or the body under its title, date line and byline.
    head = seen[_front_end(seen) :]
    if label := _LABEL.match(head):  # "EXCLUSIVE - TEHRAN - ..."
        head = head[label.end() :]
    if match := _DATE_LINE.match(head):
        published = match["date"]
        outlet = match["outlet"]
    elif (match := _WIRE_DATELINE.match(head)) or (match := _PLAIN_DATELINE.match(head)):
        dateline, outlet = match["place"].title(), match["outlet"]
    if published is None:
        # Under the title: a title's own date ("Budget 30 October 2024") is the story's.
        published = _stated_date(seen[title_end(seen) :])
    if byline := _BYLINE.search(seen[:600]):
        author = byline["author"]
    return Source(
        id=article.id,
        path=article.path,
        content_hash=article.content_hash,
        title=title_line(seen),
        language=detect_language(text),
        published=published,
        dateline=dateline,
        outlet=outlet.strip() if outlet else None,
        author=author,
    )


def _stated_date(text: str) -> str | None:
    """The publication date a line of its own states in the first five lines."""
    for line in text.lstrip("\ufeff").splitlines()[:5]:
        if len(line) <= _FRONT_LINE_MOST and (match := _DATE_ONLY_LINE.match(line)):
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
    """Where the body's first sentence begins: after the title line, the date line and
    byline under it, and the dateline the body opens with ("Title\n\nTEHRAN - ..." as
    well as "TEHRAN - ..." alone)."""
    start = _front_end(text)
    return start + dateline_end(text[start:])


def _front_end(text: str) -> int:
    """Where the text's front matter ends: its title line, then up to three lines of
    their own that are a date or a byline ("Published: 27 October 2024", "By Jo Cox"),
    and the blank lines around them; 0 when it opens with none."""
    start = title_end(text)
    for _ in range(3):
        line = _FIRST_LINE.match(text, start)
        if line is None or not _date_or_byline(line["line"]):
            break
        start = line.end("line")
    if start:
        start += len(text[start:]) - len(text[start:].lstrip())
    return start


def title_end(text: str) -> int:
    """Where the title the text opens with ends (a line of its own, short and
    unpunctuated, a blank line after it: "US firm pulls out of Iraq"); 0 when the text
    opens with none. A title is no sentence of the article: it names the story, and a
    summary that states it states nothing the body does not."""
    found = _title(text)
    return found[1] if found else 0


def title_line(text: str) -> str | None:
    """A first line that reads as a title: short, unpunctuated, followed by a blank line;
    not a date, a dateline or a byline. Runs of spaces (a withheld passage) read as one."""
    found = _title(text)
    return found[0] if found else None


# The first line with words (after blank or blanked-out lines), and what follows it.
_FIRST_LINE = re.compile(r"[\s\ufeff]*(?P<line>[^\n]*\S[^\n]*)(?P<after>\n[ \t\r]*\n|\n|\Z)?")


def _title(text: str) -> tuple[str, int] | None:
    """The title line's words and where the line ends, or None."""
    found = _FIRST_LINE.match(text)
    if found is None or (found["after"] or "").count("\n") != 2:
        return None
    title = " ".join(found["line"].split())
    if len(title) > 150 or _date_or_byline(title, title=True) or _DATE_LINE.match(title):
        return None
    if dateline_end(title + " ") >= len(title):  # a dateline alone: "LONDON (Reuters) -"
        return None
    last = title.rstrip(CLOSERS)[-1:]
    # A question or an exclamation is a title when front matter follows it, as the
    # HTML reader's "Title\n\nPublished: ..." does; otherwise it may be a sentence.
    if last in (".", ":", ";", ",") or (last in ("?", "!") and not _front_follows(text, found)):
        return None
    return title, found.end("line")


def _front_follows(text: str, title: re.Match[str]) -> bool:
    """Whether a date, a byline or a dateline follows the title: not a speaker's label
    ("MILLER: The taxpayers pay ...")."""
    line = _FIRST_LINE.match(text, title.end())
    if line is None:
        return False
    words = line["line"] + " "
    if _date_or_byline(line["line"]) or _DATE_LINE.match(words) or _WIRE_DATELINE.match(words):
        return True
    # A dash after a place is a dateline ("KYIV - "); a colon may be a speaker's label,
    # unless an outlet comes with it.
    plain = _PLAIN_DATELINE.match(words)
    return plain is not None and (plain["outlet"] is not None or words[plain.end() - 2] != ":")


def _date_or_byline(line: str, *, title: bool = False) -> bool:
    """Whether ``line`` is a date line or a byline (tested as a title: a single word
    before a date is the title's own)."""
    if len(line) > _FRONT_LINE_MOST:
        return False
    date = _DATE_ONLY_TITLE if title else _DATE_ONLY_LINE
    return any(p.match(line) for p in (date, _BYLINE, _BYLINE_LIKE))
