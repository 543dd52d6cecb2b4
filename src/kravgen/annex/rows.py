"""The rows of the response workbook and the CSV: one per selected clause, in annex order.

Both writers and `kravgen evaluate` build rows here, so the running numbers, the text a
supplier must leave alone and the value of an award criterion have one source each.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kravgen.annex.render import number_areas
from kravgen.model import CONFIRM_LABEL_KEYS, ClauseType, RenderedAnnex, RenderedClause

# "ger ett avdrag på 2 procent", "a deduction of 2 per cent": a value written into the text.
_VALUE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:procent|per\s*cent|percent|%)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One requirement as the supplier sees it in a spreadsheet."""

    number: str  # "3.4": area position . clause position
    clause: RenderedClause
    area_title: str
    to_answer: str  # what the supplier must answer, in the annex language

    @property
    def key(self) -> str:
        return f"{self.clause.id}@{self.clause.version}"

    @property
    def needs_description(self) -> bool:
        return self.clause.describe is not None

    @property
    def award_value(self) -> str:
        """The added value an award criterion gives ("" if none): the answer the evaluation
        text renders or, for a library whose text states the number itself, that number."""
        if self.clause.type is not ClauseType.AWARD or not self.clause.evaluation:
            return ""
        if self.clause.award_value is not None:
            return self.clause.award_value
        found = _VALUE.search(self.clause.evaluation)
        return found.group(1).replace(",", ".") if found else ""


def running_numbers(annex: RenderedAnnex) -> dict[str, str]:
    """Clause id -> "area.clause", counting only areas with selected clauses, from 1.

    The numbers are those the Word annex shows (render.number_areas, their one source).
    """
    return {
        clause.id: clause.number for area in number_areas(annex.areas) for clause in area.clauses
    }


def text_digest(text: str) -> str:
    """A digest of a requirement text that ignores how a spreadsheet program wrapped it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _to_answer(clause: RenderedClause, labels: Mapping[str, str]) -> str:
    parts = []
    if clause.confirm:
        parts.append(labels[CONFIRM_LABEL_KEYS[clause.type]])
    if clause.describe:
        parts.append(f"{labels['description']}: {clause.describe}")
    if clause.price:
        parts.append(f"{labels['price_hint']} {clause.price}")
    return "\n".join(parts)


def sheet_rows(annex: RenderedAnnex) -> tuple[SheetRow, ...]:
    """Every selected clause as a row, in the order of the annex."""
    numbers = running_numbers(annex)
    return tuple(
        SheetRow(numbers[clause.id], clause, area.title, _to_answer(clause, annex.labels))
        for area in annex.areas
        for clause in area.clauses
    )
