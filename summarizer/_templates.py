"""Prompt templates: data files in ``prompts/``, rendered strictly in a sandbox.

A template file is TOML: ``section`` (the record section it fills), ``max_tokens`` (its
output budget) and ``[[messages]]`` whose ``content`` is Jinja. Every section's messages
follow the shared ``_preamble.toml`` (system message, then the article), so the article
is the common prefix of every prompt and a server's prefix cache reuses it.

Rendering refuses a missing variable before anything is sent, and runs in Jinja's
sandbox so a template cannot reach Python internals.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from summarizer._errors import TemplateError

PREAMBLE = "_preamble"
_ROLES = frozenset({"system", "user", "assistant"})
_ENVIRONMENT = ImmutableSandboxedEnvironment(
    undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False
)


@dataclass(frozen=True, slots=True)
class Message:
    role: str
    content: str


@dataclass(frozen=True, slots=True)
class PromptTemplate:
    """One section's prompt: the preamble's messages followed by its own.

    Attributes:
        name: The file stem, which is also the section it fills.
        source: The file's text; with the preamble's, what the content hash covers.
    """

    name: str
    section: str
    max_tokens: int
    messages: tuple[Message, ...]
    source: str
    preamble_source: str
    path: str

    @property
    def content_hash(self) -> str:
        """sha256 (16 hex digits) over the preamble and this file: a prompt's identity."""
        digest = hashlib.sha256(self.preamble_source.encode() + b"\0" + self.source.encode())
        return digest.hexdigest()[:16]

    @property
    def preamble_hash(self) -> str:
        """sha256 (16 hex digits) of the shared preamble alone."""
        return hashlib.sha256(self.preamble_source.encode()).hexdigest()[:16]

    @property
    def variables(self) -> frozenset[str]:
        names: set[str] = set()
        for message in self.messages:
            names |= _variables(message.content, self.path)
        return frozenset(names)

    def render(self, variables: Mapping[str, Any]) -> list[dict[str, str]]:
        """The chat messages, with every variable filled in.

        Raises:
            TemplateError: a variable the template uses is missing, or rendering failed.
        """
        missing = sorted(self.variables - variables.keys())
        if missing:
            raise TemplateError(f"{self.path}: missing template variables: {', '.join(missing)}")
        rendered = []
        for message in self.messages:
            try:
                content = _compiled(message.content).render(variables)
            except jinja2.TemplateError as error:
                raise TemplateError(f"{self.path}: {error}") from None
            rendered.append({"role": message.role, "content": content})
        return rendered


@functools.lru_cache(maxsize=256)
def _variables(content: str, path: str) -> frozenset[str]:
    return frozenset(meta.find_undeclared_variables(_parse(content, path)))


@functools.lru_cache(maxsize=256)
def _compiled(content: str) -> jinja2.Template:
    """A message template compiled once: compiling costs more than rendering."""
    return _ENVIRONMENT.from_string(content)


def _parse(content: str, path: str) -> jinja2.nodes.Template:
    try:
        return _ENVIRONMENT.parse(content)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{path}: line {error.lineno}: {error.message}") from None


def default_prompts_dir() -> Path:
    """The templates shipped inside the installed package."""
    return Path(str(resources.files("summarizer.prompts")))


def load_preamble(directory: Path | None = None) -> tuple[str, tuple[Message, ...]]:
    """The shared preamble of ``directory`` (default: the shipped one): its source and
    messages (the system message, then the article)."""
    directory = directory or default_prompts_dir()
    preamble_path = directory / f"{PREAMBLE}.toml"
    preamble_source, preamble = _read(preamble_path)
    preamble_messages = _messages(preamble, str(preamble_path))
    if any(m.role != "system" for m in preamble_messages[:1]):
        raise TemplateError(f"{preamble_path}: the first message must be the system message")
    return preamble_source, preamble_messages


def section_template(
    *, name: str, content: str, max_tokens: int, source: str, path: Path, prompts_dir: Path | None
) -> PromptTemplate:
    """The template of a section defined elsewhere than ``prompts/`` (a user's section
    file): the preamble, then one user message with ``content``."""
    preamble_source, preamble_messages = load_preamble(prompts_dir)
    _parse(content, str(path))
    return PromptTemplate(
        name=name,
        section=name,
        max_tokens=max_tokens,
        messages=(*preamble_messages, Message(role="user", content=content)),
        source=source,
        preamble_source=preamble_source,
        path=str(path),
    )


def load_templates(directory: Path | None = None) -> dict[str, PromptTemplate]:
    """Every section template of ``directory`` (default: the shipped ones), by name."""
    directory = directory or default_prompts_dir()
    preamble_source, preamble_messages = load_preamble(directory)
    templates = {}
    for path in sorted(directory.glob("*.toml")):
        if path.stem == PREAMBLE:
            continue
        source, data = _read(path)
        section = data.get("section")
        if section != path.stem:
            raise TemplateError(f"{path}: 'section' must name the file's section ({path.stem!r})")
        max_tokens = data.get("max_tokens")
        if not isinstance(max_tokens, int) or max_tokens <= 0:
            raise TemplateError(f"{path}: 'max_tokens' must be a positive integer")
        own = _messages(data, str(path))
        if any(m.role == "system" for m in own):
            raise TemplateError(f"{path}: only the preamble may hold the system message")
        templates[path.stem] = PromptTemplate(
            name=path.stem,
            section=section,
            max_tokens=max_tokens,
            messages=(*preamble_messages, *own),
            source=source,
            preamble_source=preamble_source,
            path=str(path),
        )
    return templates


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return source, tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path}: not valid TOML ({error})") from None


def _messages(data: dict[str, Any], path: str) -> tuple[Message, ...]:
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        raise TemplateError(f"{path}: needs at least one [[messages]] table")
    parsed = []
    for index, message in enumerate(messages):
        role, content = message.get("role"), message.get("content")
        if role not in _ROLES or not isinstance(content, str):
            raise TemplateError(f"{path}: message {index + 1} needs a role and a content string")
        _parse(content, path)
        parsed.append(Message(role=role, content=content))
    return tuple(parsed)
