"""Judging one supplier's copy against the annex: a pure function, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kravgen.annex.rows import text_digest
from kravgen.evaluate.reading import CopyRow, Expected, ExpectedRow, SupplierCopy
from kravgen.model import ClauseType

YES = frozenset({"ja", "yes"})
NO = frozenset({"nej", "no"})
# A "Nej" to one of these makes the tender fail; a contract condition must be accepted too.
MUST = frozenset({ClauseType.SKA, ClauseType.QUALIFICATION, ClauseType.CONTRACT})


@dataclass(frozen=True, slots=True)
class SupplierResult:
    """What `kravgen evaluate` reports for one supplier (see the README for the JSON)."""

    name: str
    file: Path
    qualified: bool
    failed: tuple[str, ...]  # ska-krav and kvalificeringskrav answered no, conditions refused
    not_accepted: tuple[str, ...]  # the contract conditions among `failed`
    missing: tuple[str, ...]  # no valid answer, or a required description left out
    tampered: tuple[str, ...]  # requirement text, id or version edited, or rows duplicated;
    # in a Word copy, answer fields removed, copied or added
    added_value: Decimal  # the award criteria offered, summed
    cells: Mapping[str, str]  # requirement id -> "yes", "no", "missing", "tampered"


def _answer(row: CopyRow) -> str:
    """'yes', 'no' or '' (no valid answer: empty, a formula, anything else)."""
    if row.answer.formula:
        return ""
    text = row.answer.text.casefold()
    return "yes" if text in YES else "no" if text in NO else ""


def _find(expected: ExpectedRow, copy: SupplierCopy, known: frozenset[str]) -> list[CopyRow]:
    same_id = [r for r in copy.rows if r.id == expected.id]
    if same_id:
        return same_id
    # The id itself was edited: a row in the annex's place whose id the annex does not know.
    # A Word copy's rows have no place: their ids come from the fields' tags.
    return [
        r
        for r in copy.rows
        if r.id not in known and r.controls is None and r.number == expected.number
    ]


def _is_tampered(expected: ExpectedRow, found: list[CopyRow]) -> bool:
    if len(found) != 1:
        return True
    row = found[0]
    if row.id != expected.id or row.version != str(expected.version):
        return True
    if row.controls is not None:  # a Word copy: its fields are compared, not its text
        return tuple(sorted(row.controls)) != expected.fields
    return text_digest(row.text) != expected.text_digest


def judge(expected: Expected, copy: SupplierCopy) -> SupplierResult:
    """Compare a supplier's copy with the annex, row by row, matched by id."""
    known = frozenset(r.id for r in expected.rows)
    failed: list[str] = []
    missing: list[str] = []
    tampered: list[str] = []
    cells: dict[str, str] = {}
    added = Decimal(0)
    for want in expected.rows:
        found = _find(want, copy, known)
        if not found:
            missing.append(want.id)
            cells[want.id] = "missing"
            continue
        if _is_tampered(want, found):
            tampered.append(want.id)
            cells[want.id] = "tampered"
            continue
        row = found[0]
        answer = _answer(row) if want.confirm else "yes"
        described = bool(row.description.text) and not row.description.formula
        cells[want.id] = answer or "missing"
        if not answer or (want.describe and answer == "yes" and not described):
            missing.append(want.id)
            cells[want.id] = "missing"
        elif answer == "no" and want.type in MUST:
            failed.append(want.id)
        elif answer == "yes" and want.type is ClauseType.AWARD and want.value is not None:
            added += want.value
    # Rows the annex does not know and that took no annex row's place were added by the supplier.
    taken = {r.number for r in expected.rows if r.id in tampered}
    extra = [
        r.id
        for r in copy.rows
        if r.id not in known and (r.controls is not None or r.number not in taken)
    ]
    tampered.extend(dict.fromkeys(extra))
    types = {r.id: r.type for r in expected.rows}
    blocking = [m for m in missing if types[m] is not ClauseType.AWARD]
    return SupplierResult(
        name=copy.name,
        file=copy.file,
        qualified=not (failed or blocking or tampered),
        failed=tuple(failed),
        not_accepted=tuple(f for f in failed if types[f] is ClauseType.CONTRACT),
        missing=tuple(missing),
        tampered=tuple(tampered),
        added_value=added,
        cells=cells,
    )
