"""Stage 1: read library directories, check them against the field table, merge layers.

Raw YAML data never leaves this module: it is checked once and frozen into model objects.
`read_library` collects every finding; `load_library` raises if any of them is an error.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kravgen.errors import Finding, LibraryError, SourceLocation, finding_from_error
from kravgen.model import (
    Library,
    Manifest,
    Override,
)
from kravgen.records import (
    Record,
    Where,
    build_all,
    build_area,
    build_clause,
    build_definition,
    build_question,
    build_reference,
    build_section,
)
from kravgen.schema import check_file, format_path, iter_records
from kravgen.yamlsource import MAX_FILE_VALUES, DataPath, YamlDocument, read_yaml_file

LIBRARY_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 2_000
# Limits over all layers of one run (issue 15, point 9), each about five times the
# 10,000-clause library of bench/bench_validate.py (8 MB, 770,000 parser events), so that
# validate and new stay well under 1 GB and 20 s whatever the input.
MAX_LIBRARY_BYTES = 50 * 1024 * 1024
MAX_LIBRARY_VALUES = 2_000_000
MAX_RECORDS = 50_000


@dataclass(slots=True)
class _Budget:
    """What is left of the limits over the whole library."""

    bytes: int = MAX_LIBRARY_BYTES
    values: int = MAX_LIBRARY_VALUES
    records: int = MAX_RECORDS
    spent: Finding | None = None  # the finding that stopped reading, once a limit is reached


@dataclass(slots=True)
class _Layer:
    root: Path
    manifest: Manifest | None = None
    records: dict[str, list[Record]] = field(default_factory=dict)
    # Each file's top-level value: a manifest with schema errors is still a manifest written.
    raw_tops: list[Any] = field(default_factory=list)
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
    """The records and top-level keys that findings point into: `clauses[3].text` gives
    `clauses[3]` and `clauses`. A set of these makes each record's test one lookup; testing
    every finding's path against every record took hours for 50,000 broken records."""
    bad = set()
    for finding in findings:
        path = finding.data_path
        end = path.find("]")
        bad.add(path[: end + 1] if end >= 0 else path)
        bad.add(path[: min((i for i in (path.find("."), path.find("[")) if i >= 0), default=None)])
    return bad


def _is_clean(record_path: DataPath, bad: set[str]) -> bool:
    return format_path(record_path) not in bad


def unread_entries(root: Path) -> list[Finding]:
    """Entries under `root` that discover_files passes over and a user may have meant as part
    of the library: a linked folder (never followed, since links can loop), or a .yaml name
    that is no regular file (a pipe, a device, a link that loops or leads nowhere)."""
    findings = []
    for path in sorted(root.rglob("*")):
        try:
            if path.is_symlink() and path.is_dir():
                findings.append(
                    Finding(
                        "KG001",
                        "error",
                        "a linked folder is not read",
                        SourceLocation(path),
                        "copy the folder into the library, or give it as a layer of its own "
                        "with --library",
                    )
                )
                continue
        except OSError:
            pass
        if path.suffix not in LIBRARY_SUFFIXES or path.is_file():
            continue
        findings.append(_not_a_file(path))
    return findings


def _not_a_file(path: Path) -> Finding:
    try:
        mode = path.stat().st_mode
        what = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a folder"
            if stat.S_ISDIR(mode)
            else "not a regular file"
        )
    except OSError as exc:
        what = (
            "a link that loops"
            if exc.errno == errno.ELOOP
            else "a link that leads nowhere"
            if path.is_symlink()
            else f"unreadable: {exc.strerror or exc}"
        )
    return Finding(
        "KG001",
        "error",
        f"the library file is {what}, so it is not read",
        SourceLocation(path),
        "a library holds regular .yaml files; remove or rename this one",
    )


def _read_layer(root: Path, findings: list[Finding], budget: _Budget) -> _Layer:
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
            doc = _read_within(path, budget)
        except LibraryError as exc:
            findings.append(finding_from_error(exc))
            if exc.code == "KG001" and budget.spent is not None:
                break
            continue
        layer.digest_parts.append(path.read_bytes())
        file_findings = check_file(doc)
        findings.extend(file_findings)
        layer.raw_tops.append(doc.value)
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
                budget.records -= 1
                if budget.records < 0:
                    _spend(budget, findings, doc.where((key, index)), f"{MAX_RECORDS:,} records")
                    return layer
                if _is_clean((key, index), bad):
                    layer.records.setdefault(key, []).append(Record(doc, (key, index), raw))
    manifest_written = any(isinstance(d, dict) and "library" in d for d in layer.raw_tops)
    if layer.manifest is None and files and not manifest_written:
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


def _read_within(path: Path, budget: _Budget) -> YamlDocument:
    """Read one file within what is left of the library's limits.

    Raises:
        LibraryError: the file cannot be read, or a limit of the whole library is reached
            (then `budget.spent` is set too).
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_yaml_file reports it
    if size > budget.bytes:
        raise _spent(budget, SourceLocation(path), f"{MAX_LIBRARY_BYTES // 1_048_576} MB")
    budget.bytes -= size
    limit = min(MAX_FILE_VALUES, budget.values)
    try:
        doc = read_yaml_file(path, max_values=max(limit, 1))
    except LibraryError as exc:
        if limit < MAX_FILE_VALUES and "YAML values" in exc.message:
            raise _spent(budget, exc.where, f"{MAX_LIBRARY_VALUES:,} YAML values") from exc
        raise
    budget.values -= doc.events // 2
    return doc


def _spent(budget: _Budget, where: SourceLocation | None, what: str) -> LibraryError:
    error = LibraryError(
        f"the library holds more than {what} in all; kravgen stops reading here",
        where,
        hint="a library this large is not meant to be read in one run; check for generated "
        "or copied files",
        code="KG001",
    )
    budget.spent = finding_from_error(error)
    return error


def _spend(budget: _Budget, findings: list[Finding], where: SourceLocation, what: str) -> None:
    findings.append(finding_from_error(_spent(budget, where, what)))


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


def read_library(
    roots: Sequence[Path], *, warnings: bool = True
) -> tuple[Library | None, list[Finding]]:
    """Read and merge library layers (the first is the base), collecting every finding.

    `warnings=False` skips the reachability analysis, which only ever warns (for `new`).
    """
    findings: list[Finding] = []
    # The loader builds many small containers that are never cyclic; the cycle collector's
    # passes over them made validation time grow faster than the library.
    collecting = gc.isenabled()
    gc.disable()
    try:
        budget = _Budget()
        layers = [_read_layer(root, findings, budget) for root in roots]
        if any(layer.manifest is None for layer in layers):
            return None, findings
        library = _merge(layers, findings)
        from kravgen.checks import check_library  # late: checks imports jinja2

        complete = warnings and not any(f.is_error for f in findings)
        findings.extend(check_library(library, complete=complete))
    finally:
        if collecting:
            gc.enable()
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
    clauses: dict[str, tuple[dict[str, Any], Record, Where, str]] = {}
    overrides: list[Override] = []
    collected: dict[str, list[Any]] = {
        k: [] for k in ("sections", "questions", "areas", "references", "definitions")
    }
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
        build_clause(raw, rec, where, layer_name, findings)
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
    rec: Record,
    clauses: dict[str, tuple[dict[str, Any], Record, Where, str]],
    layer: str,
    findings: list[Finding],
) -> Override:
    raw = rec.raw
    override = Override(
        raw["id"], raw["justification"], raw.get("disable") is True, layer, rec.where()
    )
    target = clauses.get(raw["id"])
    if target is None or target[3] == layer:
        problem = "unknown clause" if target is None else "a clause of the same library"
        findings.append(
            Finding(
                "KG206",
                "error",
                f"override names {problem} {raw['id']!r}",
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
