"""Users' own sections, from a file: a prompt and typed fields, grounded like ours.

A section file is TOML (or a JSON Schema, below)::

    prompt = "List the production figures the article states: ..."
    max_items = 8                 # optional (default 8)
    max_tokens = 1024             # optional

    [fields.commodity]
    type = "text"                 # a verbatim passage of the article
    description = "the commodity produced, as the article names it"
    required = true

    [fields.quantity]
    type = "quantity"             # a number the article states: value, unit, period

Field types map onto our verification and normalisation: ``text`` (a verbatim passage),
``person`` and ``organization`` (a name the article writes), ``country`` (ISO 3166),
``date`` (as written, and ISO 8601, Solar Hijri included), ``quantity`` (one of the
numbers the code found, as a figure is: value, unit, surface, period), ``enum`` (one of
``values``) and ``list`` (of ``items``, any of the others). Every item carries evidence:
the sentence(s) of the article that state it, verified as ours are, with re-asks and
drops in ``meta.dropped``. Records keep a user section's items under ``extra.<name>``.

A JSON Schema file (``*.json``) is read the same way: its ``description`` is the prompt,
its properties the fields, ``required`` what must be given. A string property is a
verbatim passage unless ``x-type`` says otherwise (``person``, ``organization``,
``country``, ``date``); a number is a quantity; ``enum`` and ``array`` are themselves.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, create_model

from summarizer._cues.countries import country_code, country_name
from summarizer._cues.dates import find_date, resolve_date
from summarizer._errors import SectionFileError
from summarizer._eval.matching import Gold, Tally, match, name_key
from summarizer._grounding import Span, fold, locate, sentence_around
from summarizer._records import ArticleSummary, Evidence
from summarizer._templates import PromptTemplate, section_template
from summarizer.sections._base import GoldKind, Output, Section, VerifiedItems, one_of
from summarizer.sections._common import looks_like_a_name, proper_name
from summarizer.sections._context import IN_INSTRUCTIONS, SectionContext

FieldType = Literal["text", "person", "organization", "country", "date", "quantity", "enum", "list"]
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Names a user section cannot take: the record's own keys, and the item's evidence.
_RESERVED = frozenset({*ArticleSummary.model_fields, "extra", "evidence"})


@dataclass(frozen=True)
class FieldSpec:
    """One field of a user section's items."""

    name: str
    type: FieldType
    description: str = ""
    required: bool = False
    values: tuple[str, ...] = ()  # enum
    items: FieldSpec | None = None  # list


@dataclass(frozen=True)
class SectionSpec:
    """What a section file says."""

    name: str
    prompt: str
    fields: tuple[FieldSpec, ...]
    path: Path
    source: str
    title: str = ""
    max_items: int = 8
    max_tokens: int = 1024


# -- reading files ----------------------------------------------------------------------


def load_section_file(path: Path) -> SectionSpec:
    """The section a TOML or JSON Schema file defines.

    Raises:
        SectionFileError: the file cannot be read, or names a wrong type, a missing field,
            a bad name; the message names the file, the field and what is wrong.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SectionFileError(f"{path}: cannot be read ({error.strerror})") from None
    if path.suffix == ".json":
        return _from_json_schema(path, source)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise SectionFileError(f"{path}: not valid TOML ({error})") from None
    return _from_toml(path, source, data)


def _from_toml(path: Path, source: str, data: dict[str, Any]) -> SectionSpec:
    unknown = set(data) - {"name", "title", "prompt", "fields", "max_items", "max_tokens"}
    if unknown:
        raise SectionFileError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    prompt = data.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise SectionFileError(f"{path}: 'prompt' must be the instruction, a non-empty string")
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise SectionFileError(f"{path}: needs a [fields] table with at least one field")
    specs = tuple(_field(path, name, spec) for name, spec in fields.items())
    return SectionSpec(
        name=_section_name(path, data.get("name", _stem(path))),
        title=str(data.get("title", "")),
        prompt=prompt.strip(),
        fields=specs,
        path=path,
        source=source,
        max_items=_positive(path, data, "max_items", 8),
        max_tokens=_positive(path, data, "max_tokens", 1024),
    )


def _field(path: Path, name: str, spec: Any, *, inner: bool = False) -> FieldSpec:
    where = f"{path}: field {name!r}"
    if not inner and not _NAME.match(name):
        raise SectionFileError(f"{where}: a field name is lower case letters, digits and _")
    if not inner and name in _RESERVED:
        raise SectionFileError(f"{where}: the name is reserved")
    if isinstance(spec, str):
        spec = {"type": spec}
    if not isinstance(spec, dict):
        raise SectionFileError(f"{where}: must be a table with a 'type'")
    unknown = set(spec) - {"type", "description", "required", "values", "items"}
    if unknown:
        raise SectionFileError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kind = spec.get("type")
    if kind not in FIELD_TYPES:
        raise SectionFileError(f"{where}: type {kind!r} is not one of {', '.join(FIELD_TYPES)}")
    values: tuple[str, ...] = ()
    items = None
    if kind == "enum":
        raw = spec.get("values")
        if not isinstance(raw, list) or not raw or not all(isinstance(v, str) for v in raw):
            raise SectionFileError(f"{where}: an enum needs 'values', a list of strings")
        values = tuple(raw)
    if kind == "list":
        if "items" not in spec:
            raise SectionFileError(f"{where}: a list needs 'items' (the type of its elements)")
        items = _field(path, name, spec["items"], inner=True)
        if items.type == "list":
            raise SectionFileError(f"{where}: a list of lists is not supported")
    return FieldSpec(
        name=name,
        type=kind,
        description=str(spec.get("description", "")),
        required=bool(spec.get("required", False)),
        values=values,
        items=items,
    )


def _from_json_schema(path: Path, source: str) -> SectionSpec:
    try:
        schema = json.loads(source)
    except json.JSONDecodeError as error:
        raise SectionFileError(f"{path}: not valid JSON ({error.msg})") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        raise SectionFileError(f"{path}: a JSON Schema section needs 'properties'")
    prompt = schema.get("description")
    if not isinstance(prompt, str) or not prompt.strip():
        raise SectionFileError(f"{path}: 'description' must be the instruction to the model")
    required = set(schema.get("required", []))
    fields = tuple(
        _field(path, name, {**_json_field(path, name, prop), "required": name in required})
        for name, prop in schema["properties"].items()
    )
    return SectionSpec(
        name=_section_name(path, schema.get("x-name", _stem(path))),
        title=str(schema.get("title", "")),
        prompt=prompt.strip(),
        fields=fields,
        path=path,
        source=source,
        max_items=int(schema.get("maxItems", 8)),
    )


def _json_field(path: Path, name: str, prop: Any) -> dict[str, Any]:
    """A JSON Schema property as a field table: strings are verbatim passages unless
    ``x-type`` says otherwise; numbers are quantities."""
    if not isinstance(prop, dict):
        raise SectionFileError(f"{path}: field {name!r}: must be a JSON Schema object")
    out: dict[str, Any] = {"description": prop.get("description", "")}
    kind = prop.get("type")
    if "enum" in prop:
        out.update(type="enum", values=prop["enum"])
    elif kind == "array":
        out.update(type="list", items=_json_field(path, name, prop.get("items", {})))
    elif kind in ("number", "integer"):
        out["type"] = "quantity"
    elif kind == "string":
        fmt = prop.get("format")
        out["type"] = prop.get("x-type") or ("date" if fmt in ("date", "date-time") else "text")
    else:
        raise SectionFileError(f"{path}: field {name!r}: type {kind!r} is not supported")
    return out


def _section_name(path: Path, name: Any) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise SectionFileError(f"{path}: section name {name!r}: lower case letters, digits, _")
    # Every built-in section names a record field: those names are all taken.
    if name in _RESERVED:
        raise SectionFileError(f"{path}: section name {name!r} is a built-in one's")
    return name


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


def _positive(path: Path, data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or value <= 0:
        raise SectionFileError(f"{path}: {key!r} must be a positive integer")
    return value


# -- the model's answer -----------------------------------------------------------------

_EVIDENCE_HINT = "the sentence of the article that states it, copied exactly"


def _answer_type(spec: FieldSpec, ids: tuple[int, ...]) -> Any:
    """The model-facing type of a field (a quantity is a candidate id)."""
    if spec.type == "quantity":
        return one_of(ids)[0] if ids else int
    if spec.type == "enum":
        return one_of(spec.values)[0]
    if spec.type == "list":
        assert spec.items is not None
        return list[_answer_type(spec.items, ids)]  # type: ignore[misc]
    return str


def _bounds(spec: FieldSpec) -> dict[str, Any]:
    if spec.type == "list":
        return {"max_length": 8}
    if spec.type in ("text",):
        return {"max_length": 200}
    if spec.type in ("person", "organization", "country", "date"):
        return {"max_length": 120}
    return {}


@functools.lru_cache(maxsize=64)
def _item_type(spec: SectionSpec, ids: tuple[int, ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for field_spec in spec.fields:
        kind = _answer_type(field_spec, ids)
        options = {"description": field_spec.description or None, **_bounds(field_spec)}
        if field_spec.required:
            fields[field_spec.name] = (kind, Field(**options))
        else:
            fields[field_spec.name] = (kind | None, Field(default=None, **options))
    fields["evidence"] = (str, Field(max_length=400, description=_EVIDENCE_HINT))
    return create_model(f"{_camel(spec.name)}Item", **fields)


def _camel(name: str) -> str:
    return "".join(part.title() for part in name.split("_"))


class UserItems(VerifiedItems):
    """Base of a user section's answer: one list, named after the section."""

    spec: ClassVar[SectionSpec]

    @classmethod
    def problem(cls, item: Any, context: SectionContext) -> str | None:
        return _problem(cls.spec, item, context)

    @classmethod
    def describe(cls, item: Any) -> str:
        shown = {k: v for k, v in item.model_dump().items() if k != "evidence" and v}
        return json.dumps(shown, ensure_ascii=False)[:160]


@functools.lru_cache(maxsize=64)
def _output_type(spec: SectionSpec, ids: tuple[int, ...]) -> type[Output]:
    item = _item_type(spec, ids)
    fields: dict[str, Any] = {spec.name: (list[item], Field(max_length=spec.max_items))}  # type: ignore[valid-type]
    output: type[UserItems] = create_model(
        f"{_camel(spec.name)}Output", __base__=UserItems, **fields
    )
    output.section = spec.name
    output.spec = spec
    return output


# -- verification -----------------------------------------------------------------------


def _problem(spec: SectionSpec, item: Any, context: SectionContext) -> str | None:
    evidence = _evidence_span(item.evidence, context)
    if evidence is None:
        return "its evidence is not a verbatim passage of the article"
    for field_spec in spec.fields:
        value = getattr(item, field_spec.name, None)
        values = value if isinstance(value, list) else [value]
        kind = field_spec.items if field_spec.type == "list" else field_spec
        assert kind is not None
        for one in values:
            if one is None or one == "":
                if field_spec.required and field_spec.type != "list":
                    return f"{field_spec.name} is required"
                continue
            if reason := _value_problem(kind, one, evidence, context):
                return f"{field_spec.name} {one!r}: {reason}"
    return None


def _evidence_span(text: str, context: SectionContext) -> Span | None:
    span = locate(text, context.article)
    if span is None:
        return None
    return sentence_around(context.article, span.start, span.end)


def _value_problem(
    spec: FieldSpec, value: Any, evidence: Span, context: SectionContext
) -> str | None:
    article = context.article
    if spec.type == "quantity":
        if not 1 <= value <= len(context.numbers):
            return f"not an id of the list of numbers (1 to {len(context.numbers)})"
        candidate = context.numbers[value - 1]
        if not _within(candidate.span.start, _paragraph(article, evidence)):
            return "the number is not in the item's evidence"
        return None
    if spec.type == "enum":
        return None  # the schema holds it to its values
    text = str(value).strip()
    if spec.type in ("person", "organization") and context.only_in_instructions(text):
        return IN_INSTRUCTIONS
    if spec.type == "country":
        code = country_code(text)
        if code is None:
            return "not a country (no ISO 3166 code)"
        named = [w for w in context.country_mentions if country_code(w) == code]
        return None if locate(text, article) or named else "the article does not mention it"
    span = locate(text, article)
    if span is None:
        return "not written in the article"
    if spec.type == "person" and not looks_like_a_name(text):
        return "not a person's name as the article writes it"
    if spec.type == "organization" and not proper_name(text):
        return "not an organisation's proper name"
    if spec.type in ("text", "date") and not _within(span.start, _paragraph(article, evidence)):
        return "not in the paragraph of the item's evidence"
    return None


def _paragraph(article: str, span: Span) -> tuple[int, int]:
    """The paragraph (between blank lines) around ``span``."""
    start = article.rfind("\n\n", 0, span.start)
    end = article.find("\n\n", span.end)
    return (0 if start < 0 else start, len(article) if end < 0 else end)


def _within(position: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= position <= bounds[1]


# -- records ----------------------------------------------------------------------------


def _records(spec: SectionSpec, output: Any, context: SectionContext) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for item in getattr(output, spec.name):
        span = _evidence_span(item.evidence, context)
        if span is None:
            continue
        record: dict[str, Any] = {}
        for field_spec in spec.fields:
            value = getattr(item, field_spec.name, None)
            record[field_spec.name] = _normalised(field_spec, value, span, context)
        record["evidence"] = Evidence.of(span).model_dump()
        if record not in items:
            items.append(record)
    return items


def _normalised(spec: FieldSpec, value: Any, evidence: Span, context: SectionContext) -> Any:
    if value is None or value == "":
        return [] if spec.type == "list" else None
    if spec.type == "list":
        assert spec.items is not None
        return [_normalised(spec.items, v, evidence, context) for v in value]
    if spec.type == "quantity":
        candidate = context.numbers[value - 1]
        when = find_date(evidence.text, context.published)
        return {
            "value": candidate.value,
            "unit": candidate.unit,
            "surface": candidate.surface,
            "period": when.text if when else None,
            "period_iso": when.iso if when else None,
        }
    text = str(value).strip()
    if spec.type == "country":
        code = country_code(text)
        return {"name": country_name(code) if code else text, "code": code}
    if spec.type == "date":
        span = locate(text, context.article)
        written = span.text if span else text
        return {"text": written, "iso": resolve_date(written, context.published)}
    if spec.type in ("text", "person", "organization"):
        span = locate(text, context.article)
        return span.text if span else text
    return text


# -- the section ------------------------------------------------------------------------


class UserSection(Section):
    """A section a user defined in a file."""

    fields: tuple[str, ...]  # type: ignore[misc]
    colour = "#c8e6c9"

    def __init__(self, spec: SectionSpec, *, prompts_dir: Path | None = None) -> None:
        self.spec = spec
        self.name = spec.name  # type: ignore[misc]
        self.title = spec.title or spec.name.replace("_", " ").capitalize()  # type: ignore[misc]
        self.fields = (spec.name,)
        self.output = _output_type(spec, ())  # type: ignore[misc]
        self.csv_columns = tuple(f.name for f in spec.fields)  # type: ignore[misc]
        self._prompts_dir = prompts_dir
        self._quantities = any(
            f.type == "quantity" or (f.items is not None and f.items.type == "quantity")
            for f in spec.fields
        )

    @functools.cached_property
    def template(self) -> PromptTemplate:
        return section_template(
            name=self.name,
            content=_prompt(self.spec, quantities=self._quantities),
            max_tokens=self.spec.max_tokens,
            source=self.spec.source,
            path=self.spec.path,
            prompts_dir=self._prompts_dir,
        )

    def hints(self, context: SectionContext) -> list[str]:
        return [c.hint() for c in context.numbers] if self._quantities else []

    def output_type(
        self, context: SectionContext, ids: tuple[int, ...] | None = None
    ) -> type[Output]:
        if not self._quantities or not context.numbers:
            return self.output
        return _output_type(self.spec, tuple(range(1, len(context.numbers) + 1)))

    def records(self, output: Output, context: SectionContext) -> dict[str, Any]:
        return {self.name: _records(self.spec, output, context)}

    def merge(self, fields: dict[str, Any], more: dict[str, Any]) -> None:
        known = fields.setdefault(self.name, [])
        known.extend(item for item in more.get(self.name, []) if item not in known)

    def facts(self, record: ArticleSummary) -> list[Any]:
        return [Evidenced(item) for item in record.extra.get(self.name, [])]

    def label(self, fact: Any) -> str:
        return "; ".join(
            f"{name}: {_shown(value)}"
            for name, value in fact.item.items()
            if name != "evidence" and value not in (None, [])
        )

    def csv_cells(self, fact: Any) -> list[object]:
        return [_shown(fact.item.get(name)) for name in self.csv_columns]

    def gold(self, data: Mapping[str, Any], kind: GoldKind) -> list[Any] | None:
        items = data.get(self.name) if kind == "gold" else None
        if items is None:
            return None
        return [GoldItem(dict(item)) for item in items]

    def score(self, record: ArticleSummary, gold: Gold) -> dict[str, Tally] | None:
        items = gold.of(self.name)
        if items is None:
            return None
        found = record.extra.get(self.name, [])
        return {self.name: match(items, found, lambda g, r: _matches(self.spec, g, r))}


@dataclass(frozen=True)
class Evidenced:
    """A user item as reports and eval see a fact: its values and its evidence."""

    item: dict[str, Any]

    @property
    def evidence(self) -> Evidence:
        return Evidence.model_validate(self.item["evidence"])


@dataclass(frozen=True)
class GoldItem:
    """A user section's gold item: the values it gives (a subset of the fields)."""

    values: dict[str, Any] = field(default_factory=dict)
    optional: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "optional", bool(self.values.pop("optional", False)))


def _shown(value: Any) -> str:
    """A field's value in one short string, for reports."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        if "value" in value:
            period = f" ({value['period_iso'] or value['period']})" if value.get("period") else ""
            return f"{value['value']:,.10g} {value['unit']}{period}"
        if "code" in value:
            return f"{value['name']} ({value['code']})"
        if "iso" in value:
            return f"{value['text']} ({value['iso']})" if value["iso"] else str(value["text"])
    return str(value)


def _matches(spec: SectionSpec, gold: GoldItem, item: dict[str, Any]) -> bool:
    """Every value the gold gives matches the item's (names and text folded, countries by
    code, quantities by value and unit, dates by ISO form)."""
    kinds = {f.name: f for f in spec.fields}
    for name, expected in gold.values.items():
        field_spec = kinds.get(name)
        if field_spec is None:
            return False
        got = item.get(name)
        if field_spec.type == "list":
            assert field_spec.items is not None
            inner = field_spec.items
            wanted = expected if isinstance(expected, list) else [expected]
            if not all(any(_same(inner, w, g) for g in got or []) for w in wanted):
                return False
        elif not _same(field_spec, expected, got):
            return False
    return True


def _same(spec: FieldSpec, expected: Any, got: Any) -> bool:
    if got is None:
        return expected is None
    if spec.type == "quantity":
        value = expected.get("value") if isinstance(expected, dict) else expected
        unit = expected.get("unit") if isinstance(expected, dict) else None
        same_value = abs(float(got["value"]) - float(str(value))) < 1e-6
        return same_value and unit in (None, got["unit"])
    if spec.type == "country":
        return bool((country_code(str(expected)) or str(expected).upper()) == got["code"])
    if spec.type == "date":
        written = str(got["text"])
        return str(expected) in (got["iso"], written) or fold(str(expected)) in fold(written)
    key, other = name_key(str(expected)), name_key(str(got))
    return bool(key) and (key == other or key in other or other in key)


def _prompt(spec: SectionSpec, *, quantities: bool) -> str:
    """The user message: the file's instruction, the numbers when a field counts, and
    what each field of an item is."""
    lines = [spec.prompt, ""]
    if quantities:
        lines += [
            "These are the numbers found in the article above, each with its id, its parsed "
            "value and unit, and the words around it:",
            "{% for candidate in candidates %}{{ candidate }}",
            "{% endfor %}",
        ]
    lines.append(f"Give at most {spec.max_items} items. For each item:")
    for field_spec in spec.fields:
        lines.append(f"- {field_spec.name}: {_guide(field_spec)}")
    lines.append(f"- evidence: {_EVIDENCE_HINT}.")
    lines += ["Give each item once; stop when there are no more.", "Answer with JSON only."]
    return "\n".join(lines)


_GUIDES: dict[str, str] = {
    "text": "words copied exactly from the article",
    "person": "a person's name exactly as the article writes it",
    "organization": "an organisation's name exactly as the article writes it",
    "country": "a country's name",
    "date": "a date or period exactly as the article writes it",
    "quantity": "the id of a number from the list",
}


def _guide(spec: FieldSpec) -> str:
    if spec.type == "enum":
        guide = "one of " + ", ".join(spec.values)
    elif spec.type == "list":
        assert spec.items is not None
        guide = f"a list, each {_guide(spec.items)}"
    else:
        guide = _GUIDES[spec.type]
    own = f"{spec.description}: " if spec.description else ""
    optional = "" if spec.required or spec.type == "list" else " (or null)"
    return f"{own}{guide}{optional}"


def load_sections(
    directory: Path | None, *, prompts_dir: Path | None = None
) -> tuple[UserSection, ...]:
    """The sections defined by the ``*.toml`` and ``*.json`` files of ``directory``.

    Raises:
        SectionFileError: a file with a mistake, or two files defining one name.
    """
    if directory is None:
        return ()
    if not directory.is_dir():
        raise SectionFileError(f"{directory}: not a directory of section files")
    sections: dict[str, UserSection] = {}
    for path in sorted([*directory.glob("*.toml"), *directory.glob("*.json")]):
        section = UserSection(load_section_file(path), prompts_dir=prompts_dir)
        if section.name in sections:
            raise SectionFileError(
                f"{path}: section {section.name!r} is defined again "
                f"(first in {sections[section.name].spec.path})"
            )
        section.template  # noqa: B018 - a template error is the file's, found now
        sections[section.name] = section
    return tuple(sections.values())
