"""The public API is what __all__ says, and nothing drifts by accident (as httpx pins it)."""

import summarizer


def test_public_names() -> None:
    assert set(summarizer.__all__) == {
        "Article",
        "ArticleSummary",
        "ConfigurationError",
        "Country",
        "Digest",
        "DigestBuilder",
        "Dropped",
        "Event",
        "Evidence",
        "Figure",
        "HtmlReport",
        "InputError",
        "UnsupportedLanguageError",
        "Meta",
        "ModelCallError",
        "ModelRequestsBlocked",
        "Organization",
        "OutputTruncatedError",
        "Person",
        "Quote",
        "RecordingMissingError",
        "ReportWriter",
        "RetryPolicy",
        "SectionFileError",
        "Settings",
        "Source",
        "Summarizer",
        "Summary",
        "SummarizerError",
        "TemplateError",
        "TransportError",
        "ValidationFailedError",
        "open_report",
        "read_article",
        "render_markdown",
        "summarize",
        "build_digest",
        "write_overview",
    }
    for name in summarizer.__all__:
        assert getattr(summarizer, name).__module__.startswith("summarizer")
