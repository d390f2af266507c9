"""The one exception tree of the package.

    SummarizerError
     ├── InputError              an article we refuse to read (missing, empty, binary, ...)
     ├── TemplateError           a prompt file that is malformed or misses a variable
     ├── ConfigurationError      settings that cannot work (unknown backend, bad model file)
     │    └── ModelRequestsBlocked   a live model call while they are switched off (tests)
     ├── ModelCallError          a section that produced no valid output (a partial record
 │    │                       lists it in meta.failed, or it is raised)
     │    ├── TransportError         the server kept failing (429, 5xx, timeouts) past the retries
     │    ├── ValidationFailedError  the model's answers stayed invalid past the re-asks
     │    └── OutputTruncatedError   the answer hit its max-tokens budget
     └── RecordingMissingError   replay found no recording for a request

Every error's message is one line that a CLI user can act on; the CLI prints
``str(error)`` and nothing else.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(SummarizerError):
    """An article that cannot be summarised: missing, a directory, empty, binary, undecodable."""


class UnsupportedLanguageError(InputError):
    """An article in a language the settings do not allow (``Settings.languages``)."""


class TemplateError(SummarizerError):
    """A prompt template that cannot be loaded or rendered."""


class ConfigurationError(SummarizerError):
    """Settings that cannot work, found before any model call."""


class SectionFileError(ConfigurationError):
    """A user's section file that cannot define a section: the message names the file,
    the field and what is wrong."""


class ModelRequestsBlocked(ConfigurationError):
    """A live model request while live requests are switched off (the test-suite guard)."""


class ModelCallError(SummarizerError):
    """A section's model call ended without a valid answer.

    A record keeps the sections that succeeded and lists this one in ``meta.failed``
    (``Settings.on_section_failure="raise"`` raises it instead).

    Attributes:
        section: The record section being filled (``people``, ``figures``, ...).
        reason: What went wrong, without the section's name.
        attempts: How many model calls were made for it.
    """

    def __init__(self, message: str, *, section: str, attempts: int = 0) -> None:
        super().__init__(f"section {section!r}: {message}")
        self.section = section
        self.reason = message
        self.attempts = attempts


class TransportError(ModelCallError):
    """The server kept failing (rate limits, 5xx, timeouts, refused connections)."""


class ValidationFailedError(ModelCallError):
    """The model's answers were still invalid after every re-ask."""


class OutputTruncatedError(ModelCallError):
    """The answer reached its max-tokens budget before it was complete."""


class RecordingMissingError(SummarizerError):
    """Replay was asked for a request that no recording matches.

    Attributes:
        article: The article id of the request.
        template: The template (section) name of the request.
        reason: What differs from the nearest recording.
    """

    def __init__(self, *, article: str, template: str, reason: str) -> None:
        super().__init__(
            f"no recording for article {article!r}, template {template!r}: {reason}; "
            "run `summarize fixtures refresh` to re-record"
        )
        self.article = article
        self.template = template
        self.reason = reason
