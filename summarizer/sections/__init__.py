"""The sections of a record, each a plug-in: built-in ones, and users' own from files.

Every section is a :class:`Section`: its template, answer type and hints, verification,
follow-up calls, merging across chunks, its part of the record, how reports show it and how
``summarize eval`` scores it. The pipeline, the reports and eval take a :class:`Sections`
registry and never name a section.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from summarizer.sections._base import (
    GoldKind,
    Output,
    Section,
    SectionCall,
    VerifiedItems,
    combined,
    section_of_call,
    verifying,
)
from summarizer.sections._context import SectionContext
from summarizer.sections.countries import CountriesSection
from summarizer.sections.events import EventsSection
from summarizer.sections.figures import FiguresSection
from summarizer.sections.organizations import OrganizationsSection
from summarizer.sections.people import PeopleSection
from summarizer.sections.quotes import QuotesSection
from summarizer.sections.summary import SummarySection
from summarizer.sections.user import UserSection, load_sections

# The built-in sections, in the order records list them.
BUILT_IN: tuple[Section, ...] = (
    SummarySection(),
    PeopleSection(),
    OrganizationsSection(),
    CountriesSection(),
    EventsSection(),
    FiguresSection(),
    QuotesSection(),
)
SECTION_NAMES: tuple[str, ...] = tuple(section.name for section in BUILT_IN)


class Sections(Mapping[str, Section]):
    """The sections a run knows, by name, in record order: the built-in ones, then the
    user's own (``Settings.sections_dir``)."""

    def __init__(self, sections: tuple[Section, ...] = BUILT_IN) -> None:
        self._sections = {section.name: section for section in sections}

    def __getitem__(self, name: str) -> Section:
        return self._sections[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sections)

    def __len__(self) -> int:
        return len(self._sections)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._sections)

    def user(self) -> tuple[Section, ...]:
        """The sections not built in (their record fields live under ``extra``)."""
        return tuple(s for name, s in self._sections.items() if name not in SECTION_NAMES)

    @classmethod
    def load(cls, directory: Path | None, *, prompts_dir: Path | None = None) -> Sections:
        """The built-in sections, then those the files of ``directory`` define.

        Raises:
            SectionFileError: a section file with a mistake (before any model call).
        """
        return cls((*BUILT_IN, *load_sections(directory, prompts_dir=prompts_dir)))

    def of_field(self, field: str) -> Section | None:
        """The section that fills record field ``field``."""
        return next((s for s in self._sections.values() if field in s.fields), None)


__all__ = [
    "BUILT_IN",
    "SECTION_NAMES",
    "GoldKind",
    "Output",
    "Section",
    "SectionCall",
    "SectionContext",
    "Sections",
    "UserSection",
    "VerifiedItems",
    "combined",
    "section_of_call",
    "verifying",
]
