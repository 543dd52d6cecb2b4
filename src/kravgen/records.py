"""Turning checked YAML records into frozen model objects (part of stage 1).

Only records without schema findings get here, so the builders may index required keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kravgen.conditions import ConditionSyntaxError, parse_condition
from kravgen.errors import Finding, SourceLocation
from kravgen.model import (
    Area,
    Clause,
    ClauseType,
    Condition,
    Definition,
    FixedValue,
    Localized,
    Option,
    Question,
    QuestionType,
    Reference,
    Response,
    Section,
)
from kravgen.schema import format_path
from kravgen.yamlsource import DataPath, YamlDocument

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
                "error",
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
    )


_LOCALIZED_CLAUSE_FIELDS = ("title", "text", "evaluation", "verification", "motive", "guidance")
_KEY = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _key_path(key: str) -> DataPath:
    """('response', 'describe', 'sv') from "response.describe.sv"; ('sources', 0) from
    "sources[0]"."""
    return tuple(name or int(index) for name, index in _KEY.findall(key))


def _exists(raw: Any, path: DataPath) -> bool:
    for part in path:
        if isinstance(part, int):
            if not isinstance(raw, list) or part >= len(raw):
                return False
        elif not isinstance(raw, dict) or part not in raw:
            return False
        raw = raw[part]
    return True


class _Locations(Mapping[str, SourceLocation]):
    """Where each field of a clause was written ("text", "text.sv", "sources[0]"), looked up
    when a finding needs it: most clauses never have one, and eager tables cost a third of the
    time of loading a large library."""

    def __init__(self, raw: dict[str, Any], where: Where) -> None:
        self._raw = raw
        self._where = where

    def __getitem__(self, key: str) -> SourceLocation:
        path = _key_path(key)
        if not path or not _exists(self._raw, path):
            raise KeyError(key)
        return self._where(path)

    def __iter__(self) -> Iterator[str]:
        for key, value in self._raw.items():
            yield key
            if isinstance(value, list):
                yield from (f"{key}[{i}]" for i in range(len(value)))
            elif isinstance(value, dict):
                for sub, inner in value.items():
                    yield f"{key}.{sub}"
                    if isinstance(inner, dict):
                        yield from (f"{key}.{sub}.{lang}" for lang in inner)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _LineOffsets(Mapping[str, int]):
    """Per "field.lang": the line before a text's first line (the indicator's line for | and >
    block scalars), for turning a Jinja2 line number into a line of the file."""

    def __init__(self, locations: _Locations, rec: Record) -> None:
        self._locations = locations
        self._rec = rec

    def __getitem__(self, key: str) -> int:
        spot = self._locations[key]
        block = (*self._rec.path, *_key_path(key)) in self._rec.doc.block_scalars
        return (spot.line or 1) - 1 + (1 if block else 0)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._locations if k.count(".") >= 1)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def build_clause(
    raw: dict[str, Any], rec: Record, where: Where, layer: str, findings: list[Finding]
) -> Clause:
    response = raw.get("response") or {}
    locations = _Locations(raw, where)
    offsets = _LineOffsets(locations, rec)
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
        replaces=raw.get("replaces"),
        review_by=raw.get("review_by"),
        fixed=tuple(
            FixedValue(_loc(item, "label"), _loc(item, "value"))
            for item in raw.get("fixed") or ()
            if isinstance(item, dict)
        ),
        origin=where(()),
        layer=layer,
        locations=locations,
        text_line_offsets=offsets,
    )


def build_all(records: list[Record], build: Callable[[Record], Any]) -> list[Any]:
    return [build(rec) for rec in records]


def build_section(rec: Record) -> Section:
    return Section(rec.raw["id"], dict(rec.raw["title"]), rec.where())


def build_area(rec: Record) -> Area:
    raw = rec.raw
    return Area(
        raw["id"],
        dict(raw["title"]),
        _loc(raw, "intro"),
        tuple(raw.get("sources") or ()),
        rec.where(),
    )


def build_reference(rec: Record) -> Reference:
    raw = rec.raw
    return Reference(
        raw["id"],
        raw["kind"],
        dict(raw["title"]),
        raw.get("url"),
        raw.get("publisher"),
        tuple(raw.get("applies_to") or ()),
        raw.get("unreadable") is True,
        rec.where(),
    )


def build_definition(rec: Record) -> Definition:
    return Definition(rec.raw["id"], dict(rec.raw["term"]), dict(rec.raw["text"]), rec.where())
