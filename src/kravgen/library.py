"""Stage 1: read library directories, check them against the field table, merge layers.

Raw YAML data never leaves this module: it is checked once and frozen into model objects.
`read_library` collects every finding; `load_library` raises if any of them is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kravgen.conditions import ConditionSyntaxError, parse_condition
from kravgen.errors import Finding, LibraryError, SourceLocation, finding_from_error
from kravgen.model import (
    Area,
    Clause,
    ClauseType,
    Condition,
    Definition,
    Library,
    Localized,
    Manifest,
    Option,
    Override,
    Question,
    QuestionType,
    Reference,
    Response,
    Section,
)
from kravgen.schema import check_file, format_path, iter_records
from kravgen.yamlsource import DataPath, YamlDocument, read_yaml_file

LIBRARY_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 2_000

Where = Callable[[DataPath], SourceLocation]


@dataclass(slots=True)
class _Record:
    doc: YamlDocument
    path: DataPath
    raw: dict[str, Any]

    def where(self, sub: DataPath = ()) -> SourceLocation:
        return self.doc.where((*self.path, *sub))


@dataclass(slots=True)
class _Layer:
    root: Path
    manifest: Manifest | None = None
    records: dict[str, list[_Record]] = field(default_factory=dict)
    digest_parts: list[bytes] = field(default_factory=list)


def discover_files(root: Path) -> list[Path]:
    """Every library file under `root`, in a stable order.

    Raises:
        LibraryError: `root` is not a readable directory or holds too many files.
    """
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a directory"
        raise LibraryError(
            f"the library {what}",
            SourceLocation(root),
            code="KG001",
            hint="a library is a directory of .yaml files",
        )
    files = sorted(
        (p for p in root.rglob("*") if p.suffix in LIBRARY_SUFFIXES and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if len(files) > MAX_FILES:
        raise LibraryError(f"more than {MAX_FILES} files", SourceLocation(root), code="KG001")
    if not files:
        raise LibraryError(
            "the directory holds no .yaml files",
            SourceLocation(root),
            code="KG106",
            hint="a library needs at least a manifest file",
        )
    return files


def _bad_paths(findings: list[Finding]) -> set[str]:
    return {f.data_path for f in findings}


def _is_clean(record_path: DataPath, bad: set[str]) -> bool:
    prefix = format_path(record_path)
    return not any(b == prefix or b.startswith((prefix + ".", prefix + "[")) for b in bad)


def _read_layer(root: Path, findings: list[Finding]) -> _Layer:
    layer = _Layer(root)
    try:
        files = discover_files(root)
    except LibraryError as exc:
        findings.append(finding_from_error(exc))
        return layer
    for path in files:
        layer.digest_parts.append(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            doc = read_yaml_file(path)
        except LibraryError as exc:
            findings.append(finding_from_error(exc))
            continue
        layer.digest_parts.append(path.read_bytes())
        file_findings = check_file(doc)
        findings.extend(file_findings)
        bad = _bad_paths(file_findings)
        if isinstance(doc.value, dict) and isinstance(doc.value.get("library"), dict):
            _take_manifest(layer, doc, bad, findings)
        for key in (
            "sections",
            "questions",
            "areas",
            "references",
            "definitions",
            "clauses",
            "overrides",
        ):
            for index, raw in iter_records(doc, key):
                if _is_clean((key, index), bad):
                    layer.records.setdefault(key, []).append(_Record(doc, (key, index), raw))
    if layer.manifest is None and files:
        findings.append(
            Finding(
                "KG106",
                "error",
                "the library has no manifest",
                SourceLocation(root),
                "add a file with a 'library:' mapping (see docs/library-format.md)",
            )
        )
    return layer


def _take_manifest(
    layer: _Layer, doc: YamlDocument, bad: set[str], findings: list[Finding]
) -> None:
    where = doc.where(("library",), key=True)
    if layer.manifest is not None:
        findings.append(
            Finding(
                "KG106",
                "error",
                f"a second manifest; the first is at {layer.manifest.origin}",
                where,
                "a library has exactly one 'library:' mapping",
            )
        )
        return
    if not _is_clean(("library",), bad):
        return
    raw = doc.value["library"]
    layer.manifest = Manifest(
        name=raw["name"],
        version=str(raw["version"]),
        languages=tuple(raw["languages"]),
        description=raw["description"],
        license=raw["license"],
        homepage=raw.get("homepage"),
        origin=where,
    )


def read_library(roots: Sequence[Path]) -> tuple[Library | None, list[Finding]]:
    """Read and merge library layers (the first is the base), collecting every finding."""
    findings: list[Finding] = []
    layers = [_read_layer(root, findings) for root in roots]
    if any(layer.manifest is None for layer in layers):
        return None, findings
    library = _merge(layers, findings)
    from kravgen.checks import check_library  # late: checks imports jinja2

    findings.extend(check_library(library))
    return library, findings


def load_library(roots: Sequence[Path]) -> Library:
    """Read and merge libraries for use; warnings are ignored, errors are fatal.

    Raises:
        LibraryError: carrying every finding, when any of them is an error.
    """
    library, findings = read_library(roots)
    errors = sorted((f for f in findings if f.is_error), key=Finding.sort_key)
    if library is None or errors:
        first = errors[0] if errors else None
        raise LibraryError(
            f"the library has {len(errors)} error(s)"
            + (f"; first: {first.message}" if first else ""),
            first.where if first else None,
            hint="run 'kravgen validate' with the same --library options to see them all",
            code=first.code if first else "KG106",
            findings=tuple(errors),
        )
    return library


# --- building model objects ------------------------------------------------------------------


def _loc(raw: dict[str, Any], key: str) -> Localized:
    value = raw.get(key)
    return dict(value) if isinstance(value, dict) else {}


def _opt_loc(raw: dict[str, Any], key: str) -> Localized | None:
    value = raw.get(key)
    return dict(value) if isinstance(value, dict) else None


def _condition(
    rec: _Record, key: str, raw: dict[str, Any], findings: list[Finding], where: Where
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


def _build_question(rec: _Record, findings: list[Finding]) -> Question:
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


def _build_clause(
    raw: dict[str, Any], rec: _Record, where: Where, layer: str, findings: list[Finding]
) -> Clause:
    response = raw.get("response") or {}
    locations: dict[str, SourceLocation] = {}
    offsets: dict[str, int] = {}
    for key in raw:
        locations[key] = where((key,))
    for key in (*_LOCALIZED_CLAUSE_FIELDS, "response.describe", "response.price"):
        parts = tuple(key.split("."))
        value = raw.get(parts[0]) if len(parts) == 1 else response.get(parts[1])
        for lang in value or {}:
            spot = where((*parts, lang))
            locations[f"{key}.{lang}"] = spot
            block = (*rec.path, *parts, lang) in rec.doc.block_scalars
            offsets[f"{key}.{lang}"] = (spot.line or 1) - 1 + (1 if block else 0)
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
        origin=where(()),
        layer=layer,
        locations=locations,
        text_line_offsets=offsets,
    )


def _simple(records: list[_Record], build: Callable[[_Record], Any]) -> list[Any]:
    return [build(rec) for rec in records]


def _section(rec: _Record) -> Section:
    return Section(rec.raw["id"], dict(rec.raw["title"]), rec.where())


def _area(rec: _Record) -> Area:
    raw = rec.raw
    return Area(
        raw["id"],
        dict(raw["title"]),
        _loc(raw, "intro"),
        tuple(raw.get("sources") or ()),
        rec.where(),
    )


def _reference(rec: _Record) -> Reference:
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


def _definition(rec: _Record) -> Definition:
    return Definition(rec.raw["id"], dict(rec.raw["term"]), dict(rec.raw["text"]), rec.where())


# --- merging layers ---------------------------------------------------------------------------


def _unique(items: list[Any], kind: str, findings: list[Finding]) -> list[Any]:
    seen: dict[str, Any] = {}
    kept = []
    for item in items:
        first = seen.get(item.id)
        if first is not None:
            findings.append(
                Finding(
                    "KG201",
                    "error",
                    f"duplicate {kind} id {item.id!r}; first defined at {first.origin}",
                    item.origin,
                    f"{kind} ids must be unique across all files and layers",
                )
            )
            continue
        seen[item.id] = item
        kept.append(item)
    return kept


def _merge(layers: list[_Layer], findings: list[Finding]) -> Library:
    clauses: dict[str, tuple[dict[str, Any], _Record, Where, str]] = {}
    overrides: list[Override] = []
    collected: dict[str, list[Any]] = {
        k: [] for k in ("sections", "questions", "areas", "references", "definitions")
    }
    for layer in layers:
        assert layer.manifest is not None
        name = layer.manifest.name
        records = layer.records
        collected["sections"] += _simple(records.get("sections", []), _section)
        collected["questions"] += [
            _build_question(r, findings) for r in records.get("questions", [])
        ]
        collected["areas"] += _simple(records.get("areas", []), _area)
        collected["references"] += _simple(records.get("references", []), _reference)
        collected["definitions"] += _simple(records.get("definitions", []), _definition)
        for rec in records.get("clauses", []):
            clause_id = rec.raw["id"]
            if clause_id in clauses:
                first = clauses[clause_id][1].where()
                hint = (
                    "use 'overrides' to change a clause of an earlier library"
                    if clauses[clause_id][3] != name
                    else "clause ids are never reused"
                )
                findings.append(
                    Finding(
                        "KG201",
                        "error",
                        f"duplicate clause id {clause_id!r}; first defined at {first}",
                        rec.where(),
                        hint,
                    )
                )
                continue
            clauses[clause_id] = (rec.raw, rec, rec.where, name)
        for rec in records.get("overrides", []):
            overrides.append(_apply_override(rec, clauses, name, findings))
    built = [
        _build_clause(raw, rec, where, layer_name, findings)
        for raw, rec, where, layer_name in clauses.values()
    ]
    digest = hashlib.sha256(b"".join(p for layer in layers for p in layer.digest_parts)).hexdigest()
    manifests = tuple(layer.manifest for layer in layers if layer.manifest is not None)
    return Library(
        manifest=manifests[0],
        layers=manifests,
        sections=tuple(_unique(collected["sections"], "section", findings)),
        questions=tuple(_unique(collected["questions"], "question", findings)),
        areas=tuple(_unique(collected["areas"], "area", findings)),
        references=tuple(_unique(collected["references"], "reference", findings)),
        definitions=tuple(_unique(collected["definitions"], "definition", findings)),
        clauses=tuple(built),
        overrides=tuple(overrides),
        digest=f"sha256:{digest}",
    )


def _apply_override(
    rec: _Record,
    clauses: dict[str, tuple[dict[str, Any], _Record, Where, str]],
    layer: str,
    findings: list[Finding],
) -> Override:
    raw = rec.raw
    override = Override(
        raw["id"], raw["justification"], raw.get("disable") is True, layer, rec.where()
    )
    target = clauses.get(raw["id"])
    if target is None:
        findings.append(
            Finding(
                "KG206",
                "error",
                f"override names unknown clause {raw['id']!r}",
                rec.where(("id",)),
                "an override may only change a clause of an earlier library",
                format_path((*rec.path, "id")),
            )
        )
        return override
    patch: dict[str, Any] = raw.get("set") or {}
    if override.disable == bool(patch):
        findings.append(
            Finding(
                "KG104",
                "error",
                "an override either disables a clause or sets fields, not both",
                rec.where(),
                "give 'disable: true' or a 'set:' mapping",
            )
        )
        return override
    if override.disable:
        del clauses[raw["id"]]
        return override
    old_raw, _, old_where, _ = target
    merged = {**old_raw, **patch}

    def where(path: DataPath) -> SourceLocation:
        if path and path[0] in patch:
            return rec.where(("set", *path))
        return old_where(path)

    clauses[raw["id"]] = (merged, replace(rec, path=(*rec.path, "set"), raw=merged), where, layer)
    return override
