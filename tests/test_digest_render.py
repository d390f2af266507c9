"""The digest's Markdown brief and HTML page: everything cited, nothing executable."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from html.parser import HTMLParser
from typing import Any

from conftest import FIXTURES
from digest_records import record
from test_reports import HOSTILE

from summarizer._digest import Digest, DigestRecord, build_digest, read_records, render_markdown
from summarizer._digest import write_html as write_digest_html
from summarizer._digest.svg import NETWORK_NODES, network_of
from summarizer._read.inputs import expand_inputs

TEXT = f"Officials of {HOSTILE} | Corp met *Bob* Smith in 2024 | again."


def _hostile() -> Digest:
    return build_digest(
        [
            DigestRecord.model_validate(
                record(
                    "hostile",
                    TEXT,
                    people=("Bob* Smith",),
                    organizations=(f"{HOSTILE} | Corp",),
                    events=(
                        {
                            "kind": "meeting",
                            "description": f"{HOSTILE} met",
                            "participants": [HOSTILE],
                            "date_iso": "2024",
                            "evidence": f"{HOSTILE} | Corp met",
                        },
                    ),
                )
            )
        ]
    )


def _fixtures() -> tuple[Digest, dict[str, str]]:
    digest = build_digest(read_records([str(FIXTURES / "expected")]))
    ids = {a.content_hash: a.id for a in digest.articles}
    texts = {
        ids[a.content_hash]: a.text
        for a in expand_inputs([str(FIXTURES / "articles")])
        if not isinstance(a, Exception) and a.content_hash in ids
    }
    return digest, texts


def _page(digest: Digest, texts: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    write_digest_html(digest, out, texts=texts, title="Test digest")
    return out.getvalue()


class _Parsed(HTMLParser):
    """Tags with attributes, the text under each data-span, and inline script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, Any]]] = []
        self.spans: dict[str, str] = {}
        self.inline: dict[str, str] = {}
        self._open: list[str | None] = []
        self._raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("mark", "blockquote"):
            self._open.append(attributes.get("data-span"))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("mark", "blockquote"):
            self._open.pop()
        self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw:
            self.inline[self._raw] = self.inline.get(self._raw, "") + data
        for span in self._open:
            if span:
                self.spans[span] = self.spans.get(span, "") + data


def _parse(page: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(page)
    return parsed


def test_every_evidence_link_points_at_a_mark_that_is_its_evidence() -> None:
    digest, texts = _fixtures()
    parsed = _parse(_page(digest, texts))
    links = [(a, tag) for tag, a in parsed.tags if tag == "a" and "ev" in (a.get("class") or "")]
    assert len(links) > 60
    quoted = {tag["data-span"]: tag for tag, _ in links}
    for span, link in quoted.items():
        assert parsed.spans[span] == _evidence_text(digest, span), link
    ids = {a.get("id") for _, a in parsed.tags}
    assert all(link["href"][1:] in ids for link in quoted.values())


def _evidence_text(digest: Digest, span: str) -> str:
    number, start, end = (int(x) for x in span[1:].split("-"))
    article = digest.articles[number]
    evidences = [m.evidence for e in digest.entities for m in e.mentions if m.article == article.id]
    evidences += [t.evidence for t in digest.timeline if t.article == article.id]
    evidences += [v.evidence for s in digest.figures for v in s.values if v.article == article.id]
    return next(e.text for e in evidences if (e.start, e.end) == (start, end))


def test_without_texts_each_article_lists_the_spans_it_is_cited_for() -> None:
    digest, texts = _fixtures()
    parsed = _parse(_page(digest))
    assert not any(tag == "mark" for tag, _ in parsed.tags)
    for tag, link in parsed.tags:
        if tag == "a" and link.get("class") == "ev":
            assert parsed.spans[link["data-span"]] == _evidence_text(digest, link["data-span"])
    # A text that is not the one the record was made from is not shown with its offsets.
    wrong = {identifier: "x" + text for identifier, text in texts.items()}
    assert "<mark" not in _page(digest, wrong)


def test_the_page_runs_only_its_own_script_and_style_and_fetches_nothing() -> None:
    page = _page(*_fixtures())
    parsed = _parse(page)
    policy = next(a["content"] for t, a in parsed.tags if a.get("http-equiv"))
    for kind in ("script", "style"):
        digest = hashlib.sha256(parsed.inline[kind].encode("utf-8")).digest()
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy
    assert "default-src 'none'" in policy
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    assert page.count("<svg") >= 2  # the network and the timeline strip


def test_record_text_is_escaped_in_the_page_and_the_brief() -> None:
    digest = _hostile()
    page = _page(digest, {"hostile": TEXT})
    tags = [tag for tag, _ in _parse(page).tags]
    assert tags.count("script") == 1 and "img" not in tags  # only the page's own script
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    brief = render_markdown(digest)
    assert "<script>" not in brief and "\\<script\\>" in brief
    table_rows = [line for line in brief.splitlines() if line.startswith("| ") and "Corp" in line]
    assert all(line.count(" | ") == 4 for line in table_rows)  # a pipe in a name stays text
    assert "\\*Bob" not in brief and "Bob\\* Smith" in brief


def test_the_brief_has_every_part_with_its_evidence() -> None:
    digest, _ = _fixtures()
    brief = render_markdown(digest, title="Iran and Cuba")
    for heading in (
        "# Iran and Cuba",
        "## Entities",
        "## Timeline",
        "### Undated",
        "## Figures over time",
        "## Links",
        "## Articles",
    ):
        assert f"\n{heading}\n" in f"\n{brief}"
    assert (
        "**Iranian Mines and Mining Industries Development and Renovation Organization** "
        "(also IMIDRO) — 2 articles" in brief
    )
    assert (
        "“Iranian Mines and Mining Industries Development and Renovation Organization” "
        "[17:92]" in brief
    )


def test_the_same_digest_renders_the_same_page_and_brief() -> None:
    digest, texts = _fixtures()
    again, _ = _fixtures()
    assert _page(digest, texts) == _page(again, texts)
    assert render_markdown(digest) == render_markdown(again)


def test_the_network_draws_no_entity_alone() -> None:
    digest, _ = _fixtures()
    network = network_of(digest)
    assert 10 < len(network.nodes) <= NETWORK_NODES
    linked = {end for a, b, _ in network.edges for end in (a, b)}
    assert linked == set(range(len(network.nodes)))
    names = [digest.entities[i].id for i in network.nodes]
    assert all({link.a, link.b} <= set(names) for _, _, link in network.edges)
