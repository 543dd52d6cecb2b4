"""Stage 1: read library directories, check them against the field table, merge layers.

Raw YAML data never leaves this module: it is checked once and frozen into model objects.
`read_library` collects every finding; `load_library` raises if any of them is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kravgen.checks import check_library
from kravgen.errors import Finding, LibraryError, SourceLocation, finding_from_error
from kravgen.library.limits import (
    Budget,
    discover_files,
    read_within,
    spend_record,
    unread_entries,
)
from kravgen.library.records import (
    Record,
    Where,
    build_all,
    build_area,
    build_checklist_item,
    build_clause,
    build_definition,
    build_principle,
    build_question,
    build_reference,
    build_section,
    located,
    patched_where,
)
from kravgen.library.schema import check_file, format_path, iter_records
from kravgen.library.yamlsource import DataPath, YamlDocument
from kravgen.model import (
    Library,
    Manifest,
    Override,
)

_BUILD_KEYS = ("id", "version", "type", "area")  # what a clause needs to be built at all


@dataclass(slots=True)
class _Layer:
    root: Path
    manifest: Manifest | None = None
    records: dict[str, list[Record]] = field(default_factory=dict)
    # Each file's top-level value: a manifest with schema errors is still a manifest written.
    raw_tops: list[Any] = field(default_factory=list)
    digest_parts: list[bytes] = field(default_factory=list)


def _builds_anyway(finding: Finding, doc: YamlDocument) -> bool:
    """A clause lacking a required key (KG102) is built for validate's other checks (#14)."""
    index = finding.data_path.removeprefix("clauses[").removesuffix("]")
    clauses = doc.value.get("clauses", []) if isinstance(doc.value, dict) else []
    ok = finding.code == "KG102" and index.isdigit() and isinstance(clauses, list)
    raw = clauses[int(index)] if ok and int(index) < len(clauses) else None
    return isinstance(raw, dict) and all(raw.get(k) is not None for k in _BUILD_KEYS)


def _bad_paths(findings: list[Finding]) -> set[str]:
    """The data path of every finding and each path above it ("clauses[3]" and "clauses" for
    "clauses[3].text.sv"), so that asking whether a record is clean is one lookup, not a scan
    of every finding (a file of 3,000 clauses with one finding each made that quadratic)."""
    bad = set()
    for finding in findings:
        path = finding.data_path
        bad.add(path)
        bad.update(path[:cut] for cut, char in enumerate(path) if char in ".[")
    return bad


def _is_clean(record_path: DataPath, bad: set[str]) -> bool:
    """No finding names the record or anything inside it."""
    return format_path(record_path) not in bad


def _read_layer(root: Path, findings: list[Finding], budget: Budget) -> _Layer:
    layer = _Layer(root)
    try:
        files = discover_files(root)
    except LibraryError as exc:
        findings.append(finding_from_error(exc))
        return layer
    findings.extend(unread_entries(root))
    for path in files:
        if budget.spent is not None:
            break
        layer.digest_parts.append(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            doc = read_within(path, budget)
        except LibraryError as exc:
            findings.append(finding_from_error(exc))
            if exc.code == "KG001" and budget.spent is not None:
                break
            continue
        layer.digest_parts.append(path.read_bytes())
        file_findings = check_file(doc)
        findings.extend(file_findings)
        layer.raw_tops.append(doc.value)
        bad = _bad_paths([f for f in file_findings if not _builds_anyway(f, doc)])
        if isinstance(doc.value, dict) and isinstance(doc.value.get("library"), dict):
            _take_manifest(layer, doc, bad, findings)
        if not _take_records(layer, doc, bad, findings, budget):
            return layer
    # `library:` with no value counts as no manifest (the field table lets a null key pass).
    manifest_written = any(
        isinstance(d, dict) and d.get("library") is not None for d in layer.raw_tops
    )
    if layer.manifest is None and files and not manifest_written:
        findings.append(
            Finding(
                "KG106",
                "the library has no manifest",
                SourceLocation(root),
                "add a file with a 'library:' mapping (see docs/library-format.md)",
            )
        )
    return layer


_RECORD_KEYS = (
    "sections",
    "questions",
    "areas",
    "references",
    "definitions",
    "principles",
    "clauses",
    "overrides",
    "checklist",
    "checklist_overrides",
)


def _take_records(
    layer: _Layer, doc: YamlDocument, bad: set[str], findings: list[Finding], budget: Budget
) -> bool:
    """Add the clean records of one file to the layer; False once the library has too many."""
    for key in _RECORD_KEYS:
        for index, raw in iter_records(doc, key):
            if not spend_record(budget, findings, doc.where((key, index))):
                return False
            if _is_clean((key, index), bad):
                layer.records.setdefault(key, []).append(Record(doc, (key, index), raw))
    return True


def _take_manifest(
    layer: _Layer, doc: YamlDocument, bad: set[str], findings: list[Finding]
) -> None:
    where = doc.where(("library",), key=True)
    if layer.manifest is not None:
        findings.append(
            Finding(
                "KG106",
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
        locations=located(raw, lambda path: doc.where(("library", *path))),
    )


def read_library(
    roots: Sequence[Path], *, warnings: bool = True
) -> tuple[Library | None, list[Finding]]:
    """Read and merge library layers (the first is the base), collecting every finding.

    `warnings=False` skips the reachability analysis, which only ever warns (for `new`).
    """
    findings: list[Finding] = []
    budget = Budget()
    layers = [_read_layer(root, findings, budget) for root in roots]
    if any(layer.manifest is None for layer in layers):
        return None, findings
    library = _merge(layers, findings)
    complete = warnings and not any(f.is_error for f in findings)
    findings.extend(check_library(library, complete=complete))
    return library, findings


def load_library(roots: Sequence[Path]) -> Library:
    """Read and merge libraries for use; warnings are ignored, errors are fatal.

    Raises:
        LibraryError: carrying every finding, when any of them is an error.
    """
    library, findings = read_library(roots, warnings=False)
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
                    f"duplicate {kind} id {item.id!r}; first defined at {first.origin}",
                    item.origin,
                    f"{kind} ids must be unique across all files and layers",
                )
            )
            continue
        seen[item.id] = item
        kept.append(item)
    return kept


@dataclass(frozen=True, slots=True)
class _PendingClause:
    """A clause's raw fields before it is built, with where they came from: an override
    replaces `raw` and `where` but the clause keeps its place in file order."""

    raw: dict[str, Any]
    record: Record
    where: Where
    layer: str


def _merge(layers: list[_Layer], findings: list[Finding]) -> Library:
    clauses: dict[str, _PendingClause] = {}
    overrides: list[Override] = []
    collected: dict[str, list[Any]] = {
        k: [] for k in ("sections", "questions", "areas", "references", "definitions", "principles")
    }
    checklist: dict[str, _PendingItem] = {}
    for layer in layers:
        assert layer.manifest is not None
        name = layer.manifest.name
        records = layer.records
        collected["sections"] += build_all(records.get("sections", []), build_section)
        collected["questions"] += [
            build_question(r, findings) for r in records.get("questions", [])
        ]
        collected["areas"] += build_all(records.get("areas", []), build_area)
        collected["references"] += build_all(records.get("references", []), build_reference)
        collected["definitions"] += build_all(records.get("definitions", []), build_definition)
        collected["principles"] += build_all(records.get("principles", []), build_principle)
        for rec in records.get("clauses", []):
            _add_clause(clauses, rec, name, findings)
        for rec in records.get("overrides", []):
            overrides.append(_apply_override(rec, clauses, name, findings))
        _add_checklist(checklist, records, name, findings)
    built = [build_clause(c.raw, c.record, c.where, c.layer, findings) for c in clauses.values()]
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
        principles=tuple(_unique(collected["principles"], "principle", findings)),
        checklist=tuple(
            build_checklist_item(p.raw, p.record, p.where, findings, p.justification)
            for p in checklist.values()
        ),
    )


def _add_clause(
    clauses: dict[str, _PendingClause], rec: Record, layer: str, findings: list[Finding]
) -> None:
    """Queue a clause for building, or report KG201 if its id is taken."""
    clause_id = rec.raw["id"]
    taken = clauses.get(clause_id)
    if taken is None:
        clauses[clause_id] = _PendingClause(rec.raw, rec, rec.where, layer)
        return
    hint = (
        "use 'overrides' to change a clause of an earlier library"
        if taken.layer != layer
        else "clause ids are never reused"
    )
    message = f"duplicate clause id {clause_id!r}; first defined at {taken.record.where()}"
    findings.append(Finding("KG201", message, rec.where(), hint))


def _apply_override(
    rec: Record,
    clauses: dict[str, _PendingClause],
    layer: str,
    findings: list[Finding],
) -> Override:
    raw = rec.raw
    override = Override(
        id=raw["id"],
        justification=raw["justification"],
        disable=raw.get("disable") is True,
        layer=layer,
        origin=rec.where(),
        locations=located(raw, rec.where),
    )
    target = clauses.get(raw["id"])
    if target is None or target.layer == layer:
        problem = "unknown clause" if target is None else "a clause of the same library"
        hint = "an override may only change a clause of an earlier library"
        findings.append(_wrong_target(rec, "override", problem, hint))
        return override
    patch: dict[str, Any] = raw.get("set") or {}
    if override.disable == bool(patch):
        findings.append(
            Finding(
                "KG104",
                "an override either disables a clause or sets fields, not both",
                rec.where(("set",)),
                "give 'disable: true' or a 'set:' mapping",
            )
        )
        return override
    if override.disable:
        del clauses[raw["id"]]
        return override
    merged = {**target.raw, **patch}
    patched = replace(rec, path=(*rec.path, "set"), raw=merged)
    where = patched_where(rec, patch, target.where)
    clauses[raw["id"]] = _PendingClause(merged, patched, where, layer)
    return override


# --- the checklist ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PendingItem:
    """A checklist item's raw fields before it is built; an override replaces them and adds
    its justification."""

    raw: dict[str, Any]
    record: Record
    where: Where
    layer: str
    justification: str | None = None


def _add_checklist(
    checklist: dict[str, _PendingItem],
    records: dict[str, list[Record]],
    layer: str,
    findings: list[Finding],
) -> None:
    """Add one layer's checklist items, then apply its checklist overrides (as for clauses:
    an organisation changes or removes an earlier layer's item by id, saying why; the
    justification stays with the item)."""
    for rec in records.get("checklist", []):
        taken = checklist.get(rec.raw["id"])
        if taken is not None:
            first = taken.record.where()
            message = f"duplicate checklist item id {rec.raw['id']!r}; first defined at {first}"
            hint = (
                "use 'checklist_overrides' to change an item of an earlier library"
                if taken.layer != layer
                else "checklist item ids must be unique"
            )
            findings.append(Finding("KG201", message, rec.where(), hint))
            continue
        checklist[rec.raw["id"]] = _PendingItem(rec.raw, rec, rec.where, layer)
    for rec in records.get("checklist_overrides", []):
        _override_checklist(rec, checklist, layer, findings)


def _wrong_target(rec: Record, what: str, problem: str, hint: str) -> Finding:
    """KG206 for an override (of a clause or a checklist item) whose target it may not change."""
    return Finding(
        "KG206",
        f"{what} names {problem} {rec.raw['id']!r}",
        rec.where(("id",)),
        hint,
        format_path((*rec.path, "id")),
    )


def _override_checklist(
    rec: Record, checklist: dict[str, _PendingItem], layer: str, findings: list[Finding]
) -> None:
    raw = rec.raw
    item_id = raw["id"]
    disable = raw.get("disable") is True
    target = checklist.get(item_id)
    if target is None or target.layer == layer:
        problem = "unknown checklist item" if target is None else "an item of the same library"
        hint = "a checklist override may only change an item of an earlier library"
        findings.append(_wrong_target(rec, "checklist override", problem, hint))
        return
    patch: dict[str, Any] = raw.get("set") or {}
    if disable == bool(patch):
        findings.append(
            Finding(
                "KG104",
                "a checklist override either disables an item or sets fields, not both",
                rec.where(("set",)),
                "give 'disable: true' or a 'set:' mapping",
            )
        )
        return
    if disable:
        del checklist[item_id]
        return
    merged = {**target.raw, **patch}
    patched = replace(rec, path=(*rec.path, "set"), raw=merged)
    where = patched_where(rec, patch, target.where)
    checklist[item_id] = _PendingItem(merged, patched, where, layer, raw["justification"])
