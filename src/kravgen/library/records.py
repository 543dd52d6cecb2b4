"""Turning checked YAML records into frozen model objects (part of stage 1).

Only records without schema findings get here, so the builders may index required keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kravgen.conditions import ConditionSyntaxError, parse_condition
from kravgen.errors import Finding, SourceLocation
from kravgen.library.schema import format_path
from kravgen.library.yamlsource import DataPath, YamlDocument
from kravgen.model import (
    Area,
    ChecklistItem,
    Clause,
    ClauseType,
    Condition,
    Definition,
    Localized,
    Option,
    Principle,
    PrincipleStatus,
    Question,
    QuestionType,
    Reference,
    Response,
    Section,
)

Where = Callable[[DataPath], SourceLocation]


@dataclass(slots=True)
class Record:
    doc: YamlDocument
    path: DataPath
    raw: dict[str, Any]

    def where(self, sub: DataPath = ()) -> SourceLocation:
        return self.doc.where((*self.path, *sub))


def _loc(raw: dict[str, Any], key: str) -> Localized:
    value = raw.get(key)
    return dict(value) if isinstance(value, dict) else {}


def _opt_loc(raw: dict[str, Any], key: str) -> Localized | None:
    value = raw.get(key)
    return dict(value) if isinstance(value, dict) else None


def _condition(
    rec: Record, key: str, raw: dict[str, Any], findings: list[Finding], where: Where
) -> Condition | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return parse_condition(value)
    except ConditionSyntaxError as exc:
        findings.append(
            Finding(
                "KG104",
                f"invalid condition: {exc}",
                where((key, *exc.path)),
                "see 'Conditions' in docs/library-format.md",
                format_path((*rec.path, key, *exc.path)),
            )
        )
        return None


def build_question(rec: Record, findings: list[Finding]) -> Question:
    raw = rec.raw
    default = raw.get("default")
    if isinstance(default, list):
        default = tuple(default)
    return Question(
        id=raw["id"],
        section=raw["section"],
        type=QuestionType(raw["type"]),
        text=_loc(raw, "text"),
        help=_loc(raw, "help"),
        options=tuple(Option(o["value"], dict(o["label"])) for o in raw.get("options") or ()),
        default=default,
        required=raw.get("required", True) is not False,
        when=_condition(rec, "when", raw, findings, rec.where),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        unit=_loc(raw, "unit"),
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


_LOCALIZED_CLAUSE_FIELDS = ("title", "text", "evaluation", "verification", "motive", "guidance")


class LocationTable(Mapping[str, SourceLocation]):
    """Where each field of a clause was written: "text", "text.sv", "sources[0]",
    "response.describe.sv".

    Kept as (file number, line, column) tuples of ints and turned into a SourceLocation when
    asked: a 10,000-clause library has about 330,000 of them, and the cycle collector stops
    visiting tuples of ints, while as many SourceLocation objects made every full collection
    walk them all (issue 9's validate benchmark).
    """

    __slots__ = ("_files", "_spots")

    def __init__(self, locations: Iterable[tuple[str, SourceLocation]]) -> None:
        files: dict[Path | None, int] = {}
        self._spots: dict[str, tuple[int, int | None, int | None]] = {
            key: (files.setdefault(at.path, len(files)), at.line, at.column)
            for key, at in locations
        }
        self._files = tuple(files)

    def __getitem__(self, key: str) -> SourceLocation:
        file, line, column = self._spots[key]
        return SourceLocation(self._files[file], line, column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._spots)

    def __len__(self) -> int:
        return len(self._spots)


def _field_locations(raw: dict[str, Any], where: Where) -> Iterator[tuple[str, SourceLocation]]:
    """Every field's location, read once, so a record keeps locations, not raw YAML: "key",
    "key.sub", "key.sub.lang", "key[i]" and, for a list of mappings, "key[i].sub" and
    "key[i].sub.lang" (a question's option labels)."""
    for key, value in raw.items():
        yield key, where((key,))
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield f"{key}[{i}]", where((key, i))
                if isinstance(item, dict):
                    yield from _inner_locations(f"{key}[{i}]", (key, i), item, where)
        elif isinstance(value, dict):
            for sub, inner in value.items():
                yield f"{key}.{sub}", where((key, sub))
                if isinstance(inner, dict):
                    yield from ((f"{key}.{sub}.{lang}", where((key, sub, lang))) for lang in inner)


def _inner_locations(
    name: str, path: DataPath, value: dict[str, Any], where: Where
) -> Iterator[tuple[str, SourceLocation]]:
    """The fields of a mapping in a list, as _field_locations gives those of a record."""
    for sub, inner in value.items():
        yield f"{name}.{sub}", where((*path, sub))
        if isinstance(inner, dict):
            yield from ((f"{name}.{sub}.{lang}", where((*path, sub, lang))) for lang in inner)


def located(raw: dict[str, Any], where: Where) -> LocationTable:
    """The location table of one record's fields."""
    return LocationTable(_field_locations(raw, where))


def _line_offsets(locations: list[tuple[str, SourceLocation]], rec: Record) -> dict[str, int]:
    """Per "field.lang": the line before a text's first line (the indicator's line for | and >
    block scalars), for turning a Jinja2 line number into a line of the file."""
    offsets = {}
    for key, spot in locations:
        if "." not in key:
            continue
        block = (*rec.path, *key.split(".")) in rec.doc.block_scalars
        offsets[key] = (spot.line or 1) - 1 + (1 if block else 0)
    return offsets


def build_clause(
    raw: dict[str, Any], rec: Record, where: Where, layer: str, findings: list[Finding]
) -> Clause:
    response = raw.get("response") or {}
    locations = list(_field_locations(raw, where))
    return Clause(
        id=raw["id"],
        version=raw["version"],
        type=ClauseType(raw["type"]),
        area=raw["area"],
        title=_loc(raw, "title"),
        text=_loc(raw, "text"),
        evaluation=_opt_loc(raw, "evaluation"),
        verification=_opt_loc(raw, "verification"),
        response=Response(
            confirm=response.get("confirm") is True,
            describe=_opt_loc(response, "describe"),
            price=_opt_loc(response, "price"),
        ),
        motive=_loc(raw, "motive"),
        guidance=_loc(raw, "guidance"),
        when=_condition(rec, "when", raw, findings, where),
        sources=tuple(raw.get("sources") or ()),
        legal_refs=tuple(raw.get("legal_refs") or ()),
        terms=tuple(raw.get("terms") or ()),
        principles=tuple(raw.get("principles") or ()),
        replaces=raw.get("replaces"),
        review_by=raw.get("review_by"),
        fixed=tuple(
            {"label": _loc(item, "label"), "value": _loc(item, "value")}
            for item in raw.get("fixed") or ()
            if isinstance(item, dict)
        ),
        origin=where(()),
        layer=layer,
        locations=LocationTable(locations),
        text_line_offsets=_line_offsets(locations, rec),
        buyer_annex=_opt_loc(raw, "buyer_annex"),
    )


def patched_where(override: Record, patch: dict[str, Any], old_where: Where) -> Where:
    """Where a field of an overridden record was written: in the override's `set:` when the
    override sets it, else where the earlier layer wrote it."""

    def where(path: DataPath) -> SourceLocation:
        if path and path[0] in patch:
            return override.where(("set", *path))
        return old_where(path)

    return where


def build_all(records: list[Record], build: Callable[[Record], Any]) -> list[Any]:
    return [build(rec) for rec in records]


def build_section(rec: Record) -> Section:
    raw = rec.raw
    return Section(
        id=raw["id"],
        title=dict(raw["title"]),
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


def build_area(rec: Record) -> Area:
    raw = rec.raw
    return Area(
        id=raw["id"],
        title=dict(raw["title"]),
        intro=_loc(raw, "intro"),
        sources=tuple(raw.get("sources") or ()),
        heading=_loc(raw, "heading"),
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


def build_reference(rec: Record) -> Reference:
    raw = rec.raw
    return Reference(
        id=raw["id"],
        kind=raw["kind"],
        title=dict(raw["title"]),
        url=raw.get("url"),
        publisher=raw.get("publisher"),
        applies_to=tuple(raw.get("applies_to") or ()),
        unreadable=raw.get("unreadable") is True,
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


def build_definition(rec: Record) -> Definition:
    raw = rec.raw
    return Definition(
        id=raw["id"],
        term=dict(raw["term"]),
        text=dict(raw["text"]),
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


def build_principle(rec: Record) -> Principle:
    raw = rec.raw
    return Principle(
        id=raw["id"],
        title=dict(raw["title"]),
        status=PrincipleStatus(raw["status"]),
        source=raw["source"],
        origin=rec.where(),
        locations=located(raw, rec.where),
    )


def build_checklist_item(
    raw: dict[str, Any],
    rec: Record,
    where: Where,
    findings: list[Finding],
    justification: str | None = None,
) -> ChecklistItem:
    """A checklist item from its raw fields (after any override's `set` was merged in);
    `where` finds each field in the file that wrote it."""
    return ChecklistItem(
        id=raw["id"],
        text=dict(raw["text"]),
        when=_condition(rec, "when", raw, findings, where),
        clauses=tuple(raw.get("clauses") or ()),
        clause_types=tuple(ClauseType(t) for t in raw.get("clause_types") or ()),
        needs_clauses=raw.get("needs_clauses") is True,
        justification=justification,
        origin=where(()),
        locations=located(raw, where),
    )
