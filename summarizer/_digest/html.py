"""The digest as one self-contained HTML page: the network of links, the entities, the
timeline, figures over time, and each article's evidence view.

Every item links to its evidence in its article's view at the foot of the page. Records
carry evidence spans, not whole articles: given the articles' texts (``texts``, what
``summarize digest --articles`` reads), a view shows the text with every span the digest
cites marked; without it, the view lists those spans as the record quotes them, with
their offsets. The page needs no network: CSS, script and drawings are inline, and a
Content-Security-Policy admits only the page's own script and style (by their sha256),
behind the escaping of every piece of record text, which is the real defence.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from html import escape
from importlib.resources import files
from typing import TextIO

from summarizer._digest.markdown import series_title, summary_line
from summarizer._digest.model import ArticleInfo, Digest, Entity, FigureSeries, TimelineEntry
from summarizer._digest.overview import item_anchor
from summarizer._digest.svg import chart_svg, network_of, network_svg, timeline_svg
from summarizer._records import Evidence
from summarizer._reports.marks import Span, highlight

LINKS_SHOWN = 200


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return (files("summarizer._digest") / "assets" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def write_html(
    digest: Digest,
    out: TextIO,
    *,
    texts: Mapping[str, str] | None = None,
    title: str = "Digest",
) -> None:
    """Write the page to ``out``.

    Args:
        digest: The digest to show.
        out: Where the page goes.
        texts: Article id -> the article text its record's offsets refer to; articles
            without one show their cited spans only.
        title: The page's title.
    """
    page = _Page(digest, texts or {})
    for part in page.parts(title):
        out.write(part)
    out.flush()


class _Page:
    def __init__(self, digest: Digest, texts: Mapping[str, str]) -> None:
        self.digest = digest
        self.texts = texts
        self.index = {a.id: n for n, a in enumerate(digest.articles)}
        self.entity_index = {e.id: n for n, e in enumerate(digest.entities)}
        # article number -> (start, end) -> text of each span the page cites
        self.cited: dict[int, dict[tuple[int, int], str]] = defaultdict(dict)

    def parts(self, title: str) -> Iterator[str]:
        style, script = _asset("digest.css"), _asset("digest.js")
        policy = (
            f"default-src 'none'; style-src 'sha256-{_sha256(style)}'; "
            f"script-src 'sha256-{_sha256(script)}'; img-src data:; base-uri 'none'; "
            "form-action 'none'"
        )
        yield (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            f'<header class="digest-head"><h1>{_e(title)}</h1>'
            f'<p class="counts">{_e(summary_line(self.digest))}</p>'
            '<nav><a href="#network">Network</a><a href="#entities">Entities</a>'
            '<a href="#timeline">Timeline</a><a href="#figures-over-time">Figures</a>'
            '<a href="#links">Links</a><a href="#articles">Articles</a></nav></header>\n<main>\n'
        )
        yield self._overview()
        yield self._network()
        yield self._entities()
        yield self._timeline()
        yield self._figures()
        yield self._links()
        yield '<section id="articles"><h2>Articles</h2>\n'
        for number, article in enumerate(self.digest.articles):
            yield self._article(number, article)
        yield f"</section>\n</main>\n<script>{script}</script>\n</body>\n</html>\n"

    # -- links to evidence ---------------------------------------------------------------

    def evidence(self, article: str, evidence: Evidence) -> str:
        """A link to ``evidence`` in its article's view, showing the quoted span."""
        number = self.index[article]
        self.cited[number][(evidence.start, evidence.end)] = evidence.text
        span = _span_id(number, evidence.start, evidence.end)
        return (
            f'<a class="ev" href="#doc-{number}" data-span="{span}" '
            f'title="{_e(article)} [{evidence.start}:{evidence.end}]">'
            f"“{_e(evidence.text)}”</a>"
        )

    def article_link(self, article: str) -> str:
        return f'<a class="art" href="#doc-{self.index[article]}">{_e(article)}</a>'

    def entity_link(self, entity_id: str | None, name: str) -> str:
        if entity_id is None or entity_id not in self.entity_index:
            return f'<span class="unresolved">{_e(name)}</span>'
        return f'<a class="ent" href="#ent-{self.entity_index[entity_id]}">{_e(name)}</a>'

    # -- sections --------------------------------------------------------------------------

    def _overview(self) -> str:
        """The model's paragraph: each citation links to its item on the page."""
        overview = self.digest.overview
        if overview is None:
            return ""
        sentences = " ".join(
            f"{_e(s.text)} "
            + "".join(
                f'<a class="cite" href="#{item_anchor(self.digest, c)}" '
                f'title="{_e(overview.items.get(c, ""))}">[{_e(c)}]</a>'
                for c in s.cites
            )
            for s in overview.sentences
        )
        dropped = "".join(
            f"<li>{_e(d.text)} — <i>{_e(d.reason)}</i></li>" for d in overview.dropped
        )
        return (
            f'<section id="overview"><h2>Overview</h2><p class="overview">{sentences}</p>'
            f'<p class="note">Written by {_e(overview.model)} from the digest\'s items; every '
            "name and number checked against the items each sentence cites.</p>"
            + (
                f'<details class="dropped"><summary>Dropped sentences ({len(overview.dropped)})'
                f"</summary><ul>{dropped}</ul></details>"
                if dropped
                else ""
            )
            + "</section>\n"
        )

    def _network(self) -> str:
        network = network_of(self.digest)
        if not network.nodes:
            body = "<p>No two entities appear together.</p>"
        else:
            body = (
                '<div class="network-pane">'
                f"{network_svg(self.digest, network)}"
                '<aside id="network-panel" aria-live="polite"><p class="hint">Click an entity '
                "to see its articles and evidence.</p></aside></div>"
                f'<p class="note">The {len(network.nodes)} entities in most articles, and '
                "the links between them; a line's width is the number of articles they "
                "share.</p>"
            )
        return f'<section id="network"><h2>Network</h2>{body}</section>\n'

    def _entities(self) -> str:
        items = "".join(self._entity(n, e) for n, e in enumerate(self.digest.entities))
        return f'<section id="entities"><h2>Entities</h2>{items}</section>\n'

    def _entity(self, number: int, entity: Entity) -> str:
        count = len(entity.articles)
        aliases = (
            f'<p class="aliases">Also: {_e(", ".join(entity.aliases))}</p>'
            if entity.aliases
            else ""
        )
        titles = "".join(f"<li>{_e(t.title)}{_when(t.first, t.last)}</li>" for t in entity.titles)
        mentions = "".join(
            f"<li>{self.article_link(m.article)} {_e(' / '.join(m.names))}: "
            f"{self.evidence(m.article, m.evidence)}</li>"
            for m in entity.mentions
        )
        return (
            f'<details class="entity kind-{entity.kind}" id="ent-{number}" '
            f'data-entity="{number}"><summary><b>{_e(entity.name)}</b> '
            f'<span class="kind">{entity.kind}</span> '
            f'<span class="count">{count} article{"s" if count != 1 else ""}</span></summary>'
            f'<div class="entity-detail"><h3>{_e(entity.name)}</h3>{aliases}'
            + (f'<p>Titles:</p><ul class="titles">{titles}</ul>' if titles else "")
            + f'<ul class="mentions">{mentions}</ul></div></details>'
        )

    def _timeline(self) -> str:
        entries = self.digest.timeline
        dated = [(n, e) for n, e in enumerate(entries) if e.date]
        undated = [(n, e) for n, e in enumerate(entries) if not e.date]
        strip = timeline_svg(entries)
        listed = "".join(self._entry(n, e) for n, e in dated) or "<li>No dated entries.</li>"
        rest = ""
        if undated:
            rest = (
                f'<h3>Undated ({len(undated)})</h3><p class="note">No date the records could '
                "resolve; never placed by a guess.</p>"
                f'<ol class="entries undated">{"".join(self._entry(n, e) for n, e in undated)}</ol>'
            )
        return (
            f'<section id="timeline"><h2>Timeline</h2>{strip}'
            f'<ol class="entries dated">{listed}</ol>{rest}</section>\n'
        )

    def _entry(self, number: int, entry: TimelineEntry) -> str:
        who = ", ".join(self.entity_link(p.entity, p.name) for p in entry.participants)
        when = f'<time datetime="{_e(entry.date)}">{_e(entry.date)}</time> ' if entry.date else ""
        return (
            f'<li class="entry kind-{_e(entry.kind)}" id="tl-{number}">{when}'
            f'<span class="kind">{_e(entry.kind)}</span> {_e(entry.description)}'
            + (f'<div class="who">With {who}</div>' if who else "")
            + f'<div class="where">{self.article_link(entry.article)}: '
            f"{self.evidence(entry.article, entry.evidence)}</div></li>"
        )

    def _figures(self) -> str:
        groups = "".join(self._series(n, s) for n, s in enumerate(self.digest.figures))
        return (
            f'<section id="figures-over-time"><h2>Figures over time</h2>'
            f"{groups or '<p>No figures.</p>'}</section>\n"
        )

    def _series(self, number: int, series: FigureSeries) -> str:
        rows = "".join(
            f"<tr><td>{_e(v.period or v.period_text or 'undated')}</td>"
            f'<td class="num">{_e(v.surface)}</td>'
            f"<td>{_e(v.change.text) if v.change else ''}</td>"
            f"<td>{self.article_link(v.article)}</td>"
            f"<td>{self.evidence(v.article, v.evidence)}</td></tr>"
            for v in series.values
        )
        return (
            f'<div class="series" id="fig-{number}"><h3>{_e(series_title(series))}</h3>'
            f"{chart_svg(series)}<table><thead><tr><th>Period</th><th>Value</th><th>Change</th>"
            f"<th>Article</th><th>Evidence</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def _links(self) -> str:
        names = {e.id: e.name for e in self.digest.entities}
        rows = "".join(
            f'<tr id="link-{number}"><td>{self.entity_link(link.a, names[link.a])}</td>'
            f"<td>{self.entity_link(link.b, names[link.b])}</td>"
            f'<td class="num">{link.weight}</td><td class="num">{link.events}</td>'
            f"<td>{' '.join(self.article_link(a) for a in link.articles)}</td></tr>"
            for number, link in enumerate(self.digest.links[:LINKS_SHOWN])
        )
        more = (
            f'<p class="note">The {LINKS_SHOWN} heaviest of {len(self.digest.links)} links; '
            "the JSON has them all.</p>"
            if len(self.digest.links) > LINKS_SHOWN
            else ""
        )
        table = (
            "<table><thead><tr><th>Entity</th><th>Entity</th><th>Articles</th><th>Events</th>"
            f"<th>Where</th></tr></thead><tbody>{rows}</tbody></table>{more}"
            if rows
            else "<p>No two entities appear together.</p>"
        )
        return f'<section id="links"><h2>Links</h2>{table}</section>\n'

    # -- evidence views ------------------------------------------------------------------------

    def _article(self, number: int, article: ArticleInfo) -> str:
        cited = self.cited.get(number, {})
        text = self.texts.get(article.id)
        if text is not None and any(text[s:e] != quoted for (s, e), quoted in cited.items()):
            text = None  # not the text the record was made from: its offsets do not hold
        about = " · ".join(
            _e(x) for x in (article.id, article.published, article.outlet, article.path) if x
        )
        head = (
            f'<article class="doc" id="doc-{number}" data-article="{_e(article.id)}">'
            f'<h3>{_e(article.title or article.id)}</h3><p class="source">{about}</p>'
        )
        if text is not None:
            marks = [Span(s, e, _span_id(number, s, e), "cited", ()) for s, e in sorted(cited)]
            return f'{head}<div class="body">{highlight(text, marks)}</div></article>\n'
        items = "".join(
            f'<li><blockquote data-span="{_span_id(number, s, e)}">{_e(quoted)}</blockquote>'
            f'<span class="offsets">[{s}:{e}]</span></li>'
            for (s, e), quoted in sorted(cited.items())
        )
        return (
            f'{head}<p class="note">The article\'s text was not given to the digest '
            "(<code>summarize digest --articles</code>): these are the spans its record "
            f'quotes as evidence, with their offsets in the article.</p><ol class="cited-spans">'
            f"{items}</ol></article>\n"
        )


def _span_id(number: int, start: int, end: int) -> str:
    """What ties a link to its span: the article's number and the span's offsets."""
    return f"d{number}-{start}-{end}"


def _when(first: str | None, last: str | None) -> str:
    if first is None:
        return ""
    return f" ({_e(first)})" if first == last else f" ({_e(first)} to {_e(last)})"
