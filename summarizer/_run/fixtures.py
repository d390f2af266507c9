"""Recorded fixtures: which recordings are stale, and re-recording them.

Layout under a fixtures directory:

    articles/<id>.txt                  the input articles
    recordings/<id>/<template>.json    the model traffic of one (article, template)
    expected/<id>.json                 the record that replaying them must give

A recording is fresh while its template hash, schema hash, model settings and article
text all match what a run would send now; ``check`` names the first that does not.
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx2

from summarizer._backends.replay import RequestIdentity, canonical_hash, load_recording, settings_of
from summarizer._errors import ConfigurationError, RecordingMissingError, SummarizerError
from summarizer._read.article import Article, read_article
from summarizer._records import ArticleSummary
from summarizer._run.summarizer import Summarizer, sections_and_templates
from summarizer._settings import Settings
from summarizer._templates import PromptTemplate
from summarizer.sections import (
    SectionCall,
    SectionContext,
    Sections,
    UserSection,
    section_of_call,
)


@dataclass(frozen=True, slots=True)
class Staleness:
    article: str
    template: str
    reason: str

    def __str__(self) -> str:
        return f"{self.article} / {self.template}: {self.reason}"


@dataclass(frozen=True)
class Fixtures:
    """A fixtures directory: ``articles/``, ``recordings/``, ``expected/``, and an optional
    ``fixtures.toml`` naming users' sections to record too, and the articles they run on::

        [sections]
        dir = "../examples/sections"
        articles = ["001_e881001fa6066b09"]
    """

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

    @functools.cached_property
    def _config(self) -> dict[str, Any]:
        path = self.directory / "fixtures.toml"
        if not path.is_file():
            return {}
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigurationError(f"{path}: not valid TOML ({error})") from None
        sections = data.get("sections", {})
        if not isinstance(sections, dict) or not isinstance(sections.get("dir", ""), str):
            raise ConfigurationError(f"{path}: [sections] needs dir = a directory of files")
        return sections

    @property
    def sections_dir(self) -> Path | None:
        """The users' sections the fixtures record too (``fixtures.toml``), if any."""
        directory = self._config.get("dir")
        return (self.directory / directory).resolve() if directory else None

    def settings(self, settings: Settings) -> Settings:
        """``settings`` with the fixtures' own sections directory."""
        return replace(settings, sections_dir=self.sections_dir)

    def sections_for(self, article: str, sections: Sections) -> tuple[str, ...]:
        """The sections recorded for ``article``: the built-in ones, and the users' for
        the articles ``fixtures.toml`` lists."""
        chosen = set(self._config.get("articles", []))
        user = {s.name for s in sections.values() if isinstance(s, UserSection)}
        return tuple(n for n in sections if n not in user or article in chosen)


def check(fixtures: Fixtures, settings: Settings) -> list[Staleness]:
    """Every stale or missing recording and expected record, with its reason."""
    settings = fixtures.settings(settings).resolved()
    sections, templates = sections_and_templates(settings)
    articles = {a.id: a for a in fixtures.articles()}
    problems = []
    for article in articles.values():
        context = SectionContext.for_article(article.text)
        for name in fixtures.sections_for(article.id, sections):
            template = templates[name]
            if not sections[name].needs_call(context):
                continue
            reason = _recording_problem(fixtures, article, template, context, settings, sections)
            if reason:
                problems.append(Staleness(article.id, name, reason))
        if not (fixtures.expected_dir / f"{article.id}.json").is_file():
            problems.append(Staleness(article.id, "-", "no expected record"))
    problems.extend(
        Staleness("-", "-", f"{path.relative_to(fixtures.directory)} is used by nothing")
        for path in unused_files(fixtures, articles, templates, sections)
    )
    # What hashes cannot see: code that validates answers or turns them into records.
    # Replaying every fresh article finds both (as pydantic-ai checks unplayed cassettes).
    stale_articles = {p.article for p in problems}
    fresh = [a for a in articles.values() if a.id not in stale_articles]
    problems.extend(_replay_problems(fixtures, fresh, settings))
    return problems


def _replay_problems(
    fixtures: Fixtures, articles: list[Article], settings: Settings
) -> list[Staleness]:
    problems = []
    with Summarizer(_replay_settings(fixtures, settings)) as replaying:
        for article in articles:
            try:
                record = replay(fixtures, article, replaying)
            except RecordingMissingError as error:
                reason = (
                    f"replay needs a call the recordings lack ({error.template}): {error.reason}"
                )
                problems.append(Staleness(article.id, section_of_call(error.template), reason))
                continue
            except SummarizerError as error:
                problems.append(Staleness(article.id, "-", f"replay fails: {error}"))
                continue
            expected = json.loads((fixtures.expected_dir / f"{article.id}.json").read_text())
            if comparable(record) != expected:
                reason = "the expected record differs from what replay now gives"
                problems.append(Staleness(article.id, "-", reason))
    return problems


def _replay_settings(fixtures: Fixtures, settings: Settings) -> Settings:
    return replace(
        fixtures.settings(settings),
        backend="replay",
        recordings_dir=fixtures.recordings_dir,
        record=False,
        sections=None,
    )


def replay(fixtures: Fixtures, article: Article, summarizer: Summarizer) -> ArticleSummary:
    """The record replay gives for one fixture article: its expected record."""
    return summarizer.summarize(
        article, sections=fixtures.sections_for(article.id, summarizer.registry)
    )


def replayer(fixtures: Fixtures) -> Summarizer:
    """A summarizer that replays the fixtures' recordings, their own sections included."""
    return Summarizer(_replay_settings(fixtures, Settings(backend="replay")))


def _recording_problem(
    fixtures: Fixtures,
    article: Article,
    template: PromptTemplate,
    context: SectionContext,
    settings: Settings,
    sections: Sections,
) -> str | None:
    section = sections[template.name]
    for call in section.calls(context):
        schema = section.output_type(context, call.ids).model_json_schema()
        problem = _call_recording_problem(fixtures, article, template, call, schema, settings)
        if problem:
            return problem
    return None


def _call_recording_problem(
    fixtures: Fixtures,
    article: Article,
    template: PromptTemplate,
    call: SectionCall,
    schema: dict[str, object],
    settings: Settings,
) -> str | None:
    recording = load_recording(fixtures.recordings_dir / article.id / f"{call.key}.json")
    if recording is None:
        return "no recording (new article or template)"
    messages = template.render(call.variables)
    article_message = next(m for m in messages if m["role"] == "user")
    identity = RequestIdentity(
        template_hash=template.content_hash,
        preamble_hash=template.preamble_hash,
        schema_hash=canonical_hash(schema),
        settings=settings_of(
            {
                "model": settings.model,
                "temperature": settings.temperature,
                "seed": settings.seed,
                "max_tokens": template.max_tokens,
            }
        ),
        article_hash=canonical_hash(article_message["content"]),
    )
    if difference := identity.difference(recording, template=template.path):
        return difference
    exchanges = recording.get("exchanges") or [{}]
    if exchanges[0].get("request", {}).get("messages") != messages:
        # Same template and article, other prompt: the code now proposes other candidates.
        return "the rendered prompt changed (the candidates computed from the text)"
    return None


@dataclass
class RefreshReport:
    """What a refresh re-recorded, and the articles it could not (with the reason)."""

    recorded: list[Staleness] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def refresh(
    fixtures: Fixtures,
    settings: Settings,
    *,
    everything: bool = False,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> RefreshReport:
    """Re-record the stale recordings (all with ``everything``), rewrite the expected
    records, and prune recordings nothing uses.

    An article whose model call fails is reported and the others go on; every exchange
    already recorded stays on disk, so running refresh again redoes only what is stale.

    Args:
        transport: Record from this transport instead of the settings' backend (tests).
    """
    settings = fixtures.settings(settings).resolved()
    sections, templates = sections_and_templates(settings)
    articles = {a.id: a for a in fixtures.articles()}
    stale = check(fixtures, settings)
    if everything:
        stale = [
            Staleness(a, t, "refresh --all")
            for a in articles
            for t in fixtures.sections_for(a, sections)
        ]
    report = RefreshReport()
    by_article: dict[str, list[Staleness]] = {}
    for item in stale:
        if item.article in articles and item.template in templates:
            by_article.setdefault(item.article, []).append(item)
    # A fixture is a whole record: a section that fails is a failed refresh, not a gap.
    recorder = replace(
        settings,
        record=True,
        recordings_dir=fixtures.recordings_dir,
        on_section_failure="raise",
    )
    # One summarizer for every article: the local model loads once.
    with Summarizer(recorder, transport=transport) as live:

        def record(article_id: str, chosen: list[str], items: list[Staleness]) -> bool:
            directory = fixtures.recordings_dir / article_id
            before = _set_aside(directory, chosen)
            try:
                live.summarize(articles[article_id], sections=chosen)
            except SummarizerError as error:
                report.failed[article_id] = str(error)
                _put_back(directory, chosen, before)
                return False
            report.recorded.extend(items)
            return True

        for article_id, items in sorted(by_article.items()):
            chosen = [t for t in templates if t in {i.template for i in items}]
            if chosen:  # else only the expected record is stale: replay rewrites it below
                record(article_id, chosen, items)
        _prune(fixtures, articles, templates, sections)
        fixtures.expected_dir.mkdir(parents=True, exist_ok=True)
        with Summarizer(_replay_settings(fixtures, settings)) as replaying:
            for article in articles.values():
                # A replay can diverge from a recording that looked fresh: the code now
                # re-asks where it did not (or no longer does). That section is recorded
                # again, once each, until the whole record replays.
                again: set[str] = set()
                while article.id not in report.failed:
                    try:
                        result = replay(fixtures, article, replaying)
                    except RecordingMissingError as error:
                        template = section_of_call(error.template)
                        if template in again or template not in templates:
                            report.failed[article.id] = str(error)
                            break
                        again.add(template)
                        item = Staleness(article.id, template, f"replay diverged: {error.reason}")
                        record(article.id, [template], [item])
                        continue
                    write_expected(fixtures.expected_dir / f"{article.id}.json", result)
                    break
    return report


def unused_files(
    fixtures: Fixtures,
    articles: dict[str, Article],
    templates: dict[str, PromptTemplate],
    sections: Sections,
) -> list[Path]:
    """Recordings and expected records that no (article, template) of a run would use."""
    unused = [
        path for path in sorted(fixtures.expected_dir.glob("*.json")) if path.stem not in articles
    ]
    if not fixtures.recordings_dir.is_dir():
        return unused
    for directory in sorted(fixtures.recordings_dir.iterdir()):
        if directory.name not in articles:
            unused.extend(sorted(directory.glob("*.json")))
            continue
        context = SectionContext.for_article(articles[directory.name].text)
        # A second pass (figures.rest) is kept while its section is used: whether it is
        # asked depends on the recorded first answer, and a refresh rewrites a section's
        # recordings whole, so none outlives the answer that asked for it.
        used = {
            key
            for name in fixtures.sections_for(directory.name, sections)
            if sections[name].needs_call(context)
            for key in sections[name].possible_keys(context)
        }
        unused.extend(
            recording
            for recording in sorted(directory.glob("*.json"))
            if recording.stem not in used
        )
    return unused


def _set_aside(directory: Path, sections: list[str]) -> dict[Path, bytes]:
    """Take the recordings of ``sections`` off disk before they are recorded again (a
    call the new answers no longer make, a second pass, must not stay behind), and
    return them, to put back if the recording fails."""
    taken: dict[Path, bytes] = {}
    for path in directory.glob("*.json"):
        if section_of_call(path.stem) in sections:
            taken[path] = path.read_bytes()
            path.unlink()
    return taken


def _put_back(directory: Path, sections: list[str], taken: dict[Path, bytes]) -> None:
    """After a failed recording: what it wrote goes, what was there before comes back.
    A refresh that cannot reach its model loses no recording."""
    _set_aside(directory, sections)
    for path, data in taken.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _prune(
    fixtures: Fixtures,
    articles: dict[str, Article],
    templates: dict[str, PromptTemplate],
    sections: Sections,
) -> None:
    for path in unused_files(fixtures, articles, templates, sections):
        path.unlink()
        if path.parent != fixtures.expected_dir and not any(path.parent.iterdir()):
            path.parent.rmdir()


def comparable(record: ArticleSummary) -> dict[str, object]:
    """A record as JSON data, without what legitimately varies between runs: the time it
    took, and where the checkout is (the path keeps only the file name)."""
    data = json.loads(record.model_dump_json())
    data["meta"]["elapsed_s"] = 0.0
    if data["source"]["path"]:
        data["source"]["path"] = Path(data["source"]["path"]).name
    return data  # type: ignore[no-any-return]


def write_expected(path: Path, record: ArticleSummary) -> None:
    path.write_text(
        json.dumps(comparable(record), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
