"""Recorded fixtures: which recordings are stale, and re-recording them.

Layout under a fixtures directory:

    articles/<id>.txt                  the input articles
    recordings/<id>/<template>.json    the model traffic of one (article, template)
    expected/<id>.json                 the record that replaying them must give

A recording is fresh while its template hash, schema hash, model settings and article
text all match what a run would send now; ``check`` names the first that does not.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import httpx2

from summarizer._article import Article, read_article
from summarizer._records import ArticleSummary
from summarizer._replay import canonical_hash, load_recording
from summarizer._sections import SectionContext, candidate_hints, needs_call, output_type_for
from summarizer._settings import Settings
from summarizer._summarizer import Summarizer
from summarizer._templates import PromptTemplate, load_templates


@dataclass(frozen=True, slots=True)
class Staleness:
    article: str
    template: str
    reason: str

    def __str__(self) -> str:
        return f"{self.article} / {self.template}: {self.reason}"


@dataclass(frozen=True)
class Fixtures:
    directory: Path

    @property
    def articles_dir(self) -> Path:
        return self.directory / "articles"

    @property
    def recordings_dir(self) -> Path:
        return self.directory / "recordings"

    @property
    def expected_dir(self) -> Path:
        return self.directory / "expected"

    def articles(self) -> list[Article]:
        return [read_article(str(p)) for p in sorted(self.articles_dir.glob("*.txt"))]


def check(fixtures: Fixtures, settings: Settings) -> list[Staleness]:
    """Every stale or missing recording and expected record, with its reason."""
    settings = settings.resolved()
    templates = load_templates(settings.prompts_dir)
    problems = []
    for article in fixtures.articles():
        context = SectionContext.for_article(article.text)
        for name, template in templates.items():
            if not needs_call(name, context):
                continue
            reason = _recording_problem(fixtures, article, template, context, settings)
            if reason:
                problems.append(Staleness(article.id, name, reason))
        if not (fixtures.expected_dir / f"{article.id}.json").is_file():
            problems.append(Staleness(article.id, "-", "no expected record"))
    return problems


def _recording_problem(
    fixtures: Fixtures,
    article: Article,
    template: PromptTemplate,
    context: SectionContext,
    settings: Settings,
) -> str | None:
    recording = load_recording(fixtures.recordings_dir / article.id / f"{template.name}.json")
    if recording is None:
        return "no recording (new article or template)"
    if recording.get("template_hash") != template.content_hash:
        return f"the template changed ({template.path})"
    schema = output_type_for(template.name, context).model_json_schema()
    if recording.get("schema_hash") != canonical_hash(schema):
        return "the schema changed"
    wanted = {
        "model": settings.model,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "max_tokens": template.max_tokens,
    }
    recorded = recording.get("settings", {})
    changed = [
        f"{k} {recorded.get(k)!r} -> {v!r}" for k, v in wanted.items() if recorded.get(k) != v
    ]
    if changed:
        return "the model settings changed (" + ", ".join(changed) + ")"
    variables = {
        **context.template_variables(),
        "candidates": candidate_hints(template.name, context),
    }
    article_message = next(m for m in template.render(variables) if m["role"] == "user")
    if recording.get("article_hash") != canonical_hash(article_message["content"]):
        return "the article text changed"
    return None


def refresh(
    fixtures: Fixtures,
    settings: Settings,
    *,
    everything: bool = False,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> list[Staleness]:
    """Re-record the stale recordings (all with ``everything``), rewrite the expected
    records, and prune recordings nothing uses. Returns what was re-recorded.

    Args:
        transport: Record from this transport instead of the settings' backend (tests).
    """
    settings = settings.resolved()
    stale = check(fixtures, settings)
    articles = {a.id: a for a in fixtures.articles()}
    if everything:
        stale = [
            Staleness(a, t, "refresh --all")
            for a in articles
            for t in load_templates(settings.prompts_dir)
        ]
    by_article: dict[str, set[str]] = {}
    for item in stale:
        if item.template != "-":
            by_article.setdefault(item.article, set()).add(item.template)
    recorder = replace(settings, record=True, recordings_dir=fixtures.recordings_dir)
    for article_id, sections in sorted(by_article.items()):
        chosen = tuple(s for s in load_templates(settings.prompts_dir) if s in sections)
        live = Summarizer(replace(recorder, sections=chosen), transport=transport)
        _summarise(live, articles[article_id])
    _prune(fixtures, articles, settings)
    replayer = replace(
        settings,
        backend="replay",
        recordings_dir=fixtures.recordings_dir,
        record=False,
        base_url=None,
        api_key=None,
    )
    fixtures.expected_dir.mkdir(parents=True, exist_ok=True)
    for article in articles.values():
        record = _summarise(Summarizer(replayer), article)
        write_expected(fixtures.expected_dir / f"{article.id}.json", record)
    return stale


def _summarise(summarizer: Summarizer, article: Article) -> ArticleSummary:
    async def run() -> ArticleSummary:
        try:
            return await summarizer.asummarize(article)
        finally:
            await summarizer.aclose()

    return asyncio.run(run())


def _prune(fixtures: Fixtures, articles: dict[str, Article], settings: Settings) -> None:
    templates = load_templates(settings.prompts_dir)
    if not fixtures.recordings_dir.is_dir():
        return
    for directory in fixtures.recordings_dir.iterdir():
        if directory.name not in articles:
            shutil.rmtree(directory)
            continue
        context = SectionContext.for_article(articles[directory.name].text)
        for recording in directory.glob("*.json"):
            if recording.stem not in templates or not needs_call(recording.stem, context):
                recording.unlink()


def comparable(record: ArticleSummary) -> dict[str, object]:
    """A record as JSON data, without what legitimately varies between runs (timing)."""
    data = json.loads(record.model_dump_json())
    data["meta"]["elapsed_s"] = 0.0
    return data  # type: ignore[no-any-return]


def write_expected(path: Path, record: ArticleSummary) -> None:
    path.write_text(
        json.dumps(comparable(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
