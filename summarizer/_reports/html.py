"""One self-contained HTML file of many articles: evidence highlighted, facts clickable.

Written as the records arrive, so a batch of thousands never holds them all: the head
first, each article as it comes, and at the end the index (only a headline, countries,
people and topics are kept per article for it) and the script. The file needs no
network: its CSS and JavaScript are inline, and a Content-Security-Policy lets only the
report's own script run, behind the escaping of every piece of article text and model
output, which is the real defence.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from typing import TextIO

from summarizer._records import ArticleSummary
from summarizer._reports.markdown import headline_of, source_line
from summarizer._reports.marks import Span, highlight
from summarizer.sections import Sections


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return (files("summarizer._reports") / "assets" / name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _IndexEntry:
    """What the index keeps of an article once it is written: a few short strings, and
    the values of each section's index filter (countries, people, topics)."""

    anchor: str
    headline: str
    values: dict[str, tuple[str, ...]]


class HtmlReport:
    """Writes the report to ``out``: :meth:`add` each article, then :meth:`close`."""

    def __init__(
        self, out: TextIO, *, title: str = "News summaries", sections: Sections | None = None
    ) -> None:
        self._out = out
        self._title = title
        self._sections = sections or Sections()
        self._nonce = secrets.token_urlsafe(16)
        self._entries: list[_IndexEntry] = []
        self._failures: list[tuple[str, str]] = []
        # Per filtering section: how often each value came up, and the text it shows as.
        self._counts: dict[str, Counter[str]] = {}
        self._texts: dict[str, dict[str, str]] = {}
        self._write_head()

    def add(self, record: ArticleSummary, text: str) -> None:
        """Write one article: ``text`` is what its evidence offsets refer to."""
        anchor = f"a{len(self._entries)}"
        self._out.write(render_article(record, text, anchor=anchor, sections=self._sections))
        self._out.flush()
        values: dict[str, tuple[str, ...]] = {}
        for section in self._sections.values():
            if section.index_label is None:
                continue
            pairs = dict(section.index_values(record))
            values[section.name] = tuple(pairs)
            self._counts.setdefault(section.name, Counter()).update(pairs.keys())
            self._texts.setdefault(section.name, {}).update(pairs)
        headline = headline_of(record, self._sections)
        self._entries.append(_IndexEntry(anchor, headline, values))

    def fail(self, article: str, reason: str) -> None:
        """List an article that produced no record, with the reason, in the index."""
        self._failures.append((article, reason))

    def close(self) -> None:
        """Write the index and the script: the file is complete."""
        self._out.write("</main>\n" + self._index() + "</div>\n")
        self._out.write(f'<script nonce="{self._nonce}">\n{_asset("report.js")}</script>\n')
        self._out.write("</body>\n</html>\n")
        self._out.flush()

    def _write_head(self) -> None:
        policy = (
            "default-src 'none'; style-src 'unsafe-inline'; "
            f"script-src 'nonce-{self._nonce}'; img-src data:; base-uri 'none'; form-action 'none'"
        )
        marked = list(self._sections.values())
        legend = "".join(
            f'<span class="sec-{s.name}" style="background: {_e(s.colour)}">{_e(s.title)}</span>'
            for s in marked
        )
        # Each section's colour, for its marks and its facts (user sections included).
        colours = "".join(
            f"mark.sec-{s.name} {{ background: {s.colour}; }} "
            f"li.sec-{s.name} {{ border-left-color: {s.colour}; }}\n"
            for s in marked
        )
        self._out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(self._title)}</title>\n<style>\n{_asset('report.css')}{colours}</style>\n"
            "</head>\n<body>\n"
            f'<header class="report-head"><h1>{_e(self._title)}</h1>'
            f'<p class="legend">Evidence: {legend}</p></header>\n'
            '<div class="layout">\n<main>\n'
        )

    def _index(self) -> str:
        def options(label: str, key: str, values: list[tuple[str, str]]) -> str:
            choices = "".join(f'<option value="{_e(v)}">{_e(t)}</option>' for v, t in values)
            return (
                f'<label>{label}<select data-filter="{key}">'
                f'<option value="">any</option>{choices}</select></label>'
            )

        filters = [s for s in self._sections.values() if s.index_label is not None]
        items = "".join(
            f'<li data-article="{e.anchor}" data-headline="{_e(e.headline)}" '
            + "".join(f'data-{s.name}="{_e("|".join(e.values.get(s.name, ())))}" ' for s in filters)
            + f'><a href="#{e.anchor}">{_e(e.headline)}</a></li>'
            for e in self._entries
        )
        selects = "".join(
            options(
                str(s.index_label),
                s.name,
                [
                    (value, self._texts[s.name][value])
                    for value, _ in self._counts.get(s.name, Counter()).most_common(200)
                ],
            )
            for s in filters
        )
        failed = ""
        if self._failures:
            rows = "".join(
                f"<li><b>{_e(name)}</b>: {_e(reason)}</li>" for name, reason in self._failures
            )
            failed = (
                f'<details class="failed"><summary>{len(self._failures)} failed</summary>'
                f"<ul>{rows}</ul></details>"
            )
        return (
            '<nav class="index"><h2>Articles</h2>'
            f'<p><span id="shown-count">{len(self._entries)}</span> '
            f"of {len(self._entries)} shown</p>"
            '<label>Headline contains<input type="search" data-filter="text"></label>'
            + selects
            + f"<ol>{items}</ol>{failed}</nav>\n"
        )


def render_article(
    record: ArticleSummary, text: str, *, anchor: str, sections: Sections | None = None
) -> str:
    """One article's ``<article>``: summary, highlighted text, facts, dropped facts, meta."""
    sections = sections or Sections()
    # (start, end) -> the span's number, its colour (the first fact's section), its facts
    spans: dict[tuple[int, int], tuple[int, str, list[str]]] = {}
    panel: list[str] = ['<div class="span-facts" hidden></div>', _failed(record)]
    for section in sections.values():
        key, title, label = section.name, section.title, section.label
        facts = section.facts(record)
        if not facts:
            continue
        items = []
        for number, fact in enumerate(facts):
            fact_id = f"{anchor}-{key}-{number}"
            where = (fact.evidence.start, fact.evidence.end)
            span_number, _, owners = spans.setdefault(where, (len(spans), f"sec-{key}", []))
            owners.append(fact_id)
            span_id = f"{anchor}-s{span_number}"
            items.append(
                f'<li class="fact sec-{key}" id="{fact_id}" data-span="{span_id}" tabindex="0" '
                f'title="{_e(fact.evidence.text)}">{_e(label(fact))}</li>'
            )
        panel.append(f"<h3>{_e(title)} ({len(facts)})</h3><ul>{''.join(items)}</ul>")
    marks = [
        Span(start, end, f"{anchor}-s{number}", css, tuple(owners))
        for (start, end), (number, css, owners) in spans.items()
    ]
    marks += [
        Span(w.evidence.start, w.evidence.end, f"{anchor}-w{number}", "withheld", ())
        for number, w in enumerate(record.meta.withheld)
    ]
    panel.append(_withheld(record))
    panel.append(_dropped(record))
    panel.append(_meta(record))
    header = [
        f"<h2>{_e(headline_of(record, sections))}</h2>",
        f'<p class="source">{_e(source_line(record))}</p>',
        *(section.html_header(record) for section in sections.values()),
    ]
    return (
        f'<article class="doc" id="{anchor}">\n<header>{"".join(header)}</header>\n'
        '<div class="panes">'
        '<section class="text"><h3>Article</h3>'
        f'<div class="body">{highlight(text, marks)}</div></section>'
        f'<section class="facts">{"".join(panel)}</section>'
        "</div>\n</article>\n"
    )


def _failed(record: ArticleSummary) -> str:
    """The sections that produced no answer: said first, so that an empty list of facts
    is never read as "the article names none"."""
    if not record.meta.failed:
        return ""
    rows = "".join(
        f"<li><b>{_e(f.section)}</b> ({_e(f.error)}): <i>{_e(f.reason)}</i></li>"
        for f in record.meta.failed
    )
    return (
        f'<div class="failed" role="alert"><h3>Sections that failed ({len(record.meta.failed)})'
        f"</h3><p>Left empty in this record; <code>--resume</code> asks for them again.</p>"
        f"<ul>{rows}</ul></div>"
    )


def _withheld(record: ArticleSummary) -> str:
    """The passages addressed to the model: struck through in the text, listed here."""
    withheld = record.meta.withheld
    if not withheld:
        return ""
    rows = "".join(
        f"<li><q>{_e(_shortened(w.evidence.text))}</q> — <i>{_e(w.reason)}</i></li>"
        for w in withheld
    )
    return (
        f'<details class="withheld" open><summary>Withheld from the model ({len(withheld)})'
        "</summary><p>Passages addressed to an AI rather than to readers: the model was not "
        f"shown them, and no fact comes from them.</p><ul>{rows}</ul></details>"
    )


def _shortened(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _dropped(record: ArticleSummary) -> str:
    dropped = record.meta.dropped
    if not dropped:
        return (
            '<details class="dropped"><summary>Dropped facts (0)</summary>'
            "<p>None: every proposed fact verified.</p></details>"
        )
    rows = "".join(
        f"<li><b>{_e(d.section)}</b>: {_e(d.item)} — <i>{_e(d.reason)}</i></li>" for d in dropped
    )
    return (
        f'<details class="dropped" open><summary>Dropped facts ({len(dropped)})</summary>'
        f"<ul>{rows}</ul></details>"
    )


def _meta(record: ArticleSummary) -> str:
    meta = record.meta
    usage = meta.usage
    pairs = [
        ("model", meta.model),
        ("backend", meta.backend),
        ("calls", meta.calls),
        ("attempts", meta.attempts),
        ("from cache", meta.cached),
        ("prompt tokens", f"{usage.prompt_tokens} ({usage.cached_prompt_tokens} reused)"),
        ("completion tokens", usage.completion_tokens),
        ("time", f"{meta.elapsed_s:.1f} s"),
    ]
    if meta.cost_usd is not None:
        pairs.append(("cost", f"${meta.cost_usd:.5f}"))
    pairs.extend((f"template {name}", digest) for name, digest in meta.templates.items())
    if record.source.content_hash:
        pairs.append(("content sha256", record.source.content_hash))
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in pairs)
    return f'<details class="meta"><summary>Meta</summary><dl>{rows}</dl></details>'
