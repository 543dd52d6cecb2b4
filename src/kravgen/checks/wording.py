"""KG501-KG507 and KG603: what procurement law and good practice ask of each clause's Swedish
wording, and review dates."""

from __future__ import annotations

import re
from datetime import date

from kravgen.checks.references import localized_fields
from kravgen.errors import Finding
from kravgen.model import Clause, ClauseType, Library
from kravgen.values import parse_iso_date

VAGUE_WORDS = (
    "modern",
    "moderna",
    "modernt",
    "användarvänlig",
    "användarvänligt",
    "användarvänliga",
    "ca",
    "ca.",
    "cirka",
    "i möjligaste mån",
    "snabbt",
    "snabb",
    "enkelt",
    "enkel",
    "smidig",
    "smidigt",
    "vid behov",
    "lämplig",
    "lämpligt",
    "tillräcklig",
    "tillräckligt",
)
_VAGUE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in VAGUE_WORDS) + r")(?![\w.])", re.IGNORECASE
)
_EQUIVALENT = re.compile(r"(?<!\w)likvärdig(?:t|a)?(?!\w)", re.IGNORECASE)
_SKA = re.compile(r"(?<!\w)ska(?!\w)", re.IGNORECASE)
# A prohibition ("Leverantören får inte ...") is as binding as "ska inte".
_OBLIGATION = re.compile(r"(?<!\w)(?:ska|får\s+(?:inte|ej))(?!\w)", re.IGNORECASE)


def check_wording(library: Library) -> list[Finding]:
    """KG501-KG507: what LOU and good practice ask of each type of clause (Swedish text)."""
    findings = []
    specifications = {r.id for r in library.references if r.kind == "specification"}
    for clause in library.clauses:
        findings += _clause_wording(clause)
        findings += _equivalents(clause, specifications)
        for name, value in localized_fields(clause):
            match = _VAGUE.search(value.get("sv", ""))
            if match and name in ("text", "verification", "evaluation"):
                findings.append(
                    Finding(
                        "KG506",
                        f"{clause.id}: vague wording {match.group(0)!r} in {name}",
                        clause.at(f"{name}.sv"),
                        "say it measurably: a number, a unit, a named format",
                    )
                )
    return findings


def _equivalents(clause: Clause, specifications: set[str]) -> list[Finding]:
    """KG507: LOU lets a requirement name a standard or specification only if it accepts an
    equivalent, so a clause citing one must say "eller likvärdigt" ("or equivalent")."""
    cited = [r for r in clause.legal_refs if r in specifications]
    text = clause.text.get("sv")
    if not cited or text is None or _EQUIVALENT.search(text):
        return []
    return [
        Finding(
            "KG507",
            f"{clause.id}: cites the specification {cited[0]!r} but does not accept an equivalent",
            clause.at("text.sv"),
            "add 'eller likvärdigt' after the standard (en: 'or equivalent')",
        )
    ]


def _clause_wording(clause: Clause) -> list[Finding]:
    # The wording rules read the Swedish text; a library without Swedish is not checked.
    text = clause.text.get("sv")
    where = clause.at("text.sv")
    kind = clause.type
    findings = []
    obligation = kind in (ClauseType.SKA, ClauseType.QUALIFICATION)
    if text is not None and obligation and not _OBLIGATION.search(text):
        message = f"{clause.id}: a {kind} must be worded with 'ska'"
        findings.append(Finding("KG501", message, where, "write 'Leverantören ska ...'"))
    if clause.verification is None:
        findings.append(
            Finding(
                "KG502",
                f"{clause.id}: a {kind} needs 'verification'",
                clause.origin,
                "say what the supplier submits or shows, or how it is followed up",
            )
        )
    if kind is ClauseType.AWARD:
        if clause.evaluation is None:
            findings.append(
                Finding(
                    "KG503",
                    f"{clause.id}: an award criterion needs 'evaluation'",
                    clause.origin,
                    "say what earns credit and how much (points or a price deduction)",
                )
            )
        if text is not None and _SKA.search(text):
            findings.append(
                Finding(
                    "KG504",
                    f"{clause.id}: an award criterion must not be worded as a 'ska' requirement",
                    where,
                    "say what earns credit: 'Mervärde ges om ...'",
                )
            )
    elif clause.evaluation is not None:
        findings.append(
            Finding(
                "KG505",
                f"{clause.id}: only award criteria are evaluated; this is a {kind}",
                clause.at("evaluation"),
                "remove 'evaluation' or make it a tilldelningskriterium",
            )
        )
    return findings


def check_review_dates(library: Library, today: date) -> list[Finding]:
    """KG603: a clause whose review date has passed."""
    findings = []
    for clause in library.clauses:
        if clause.review_by is None:
            continue
        due = parse_iso_date(clause.review_by)
        if due is None:
            findings.append(
                Finding(
                    "KG104",
                    f"{clause.id}: review_by {clause.review_by!r} is not a date",
                    clause.at("review_by"),
                    "write a real date YYYY-MM-DD",
                )
            )
        elif due < today:
            findings.append(
                Finding(
                    "KG603",
                    f"{clause.id}: review was due {clause.review_by}",
                    clause.at("review_by"),
                    "review the clause, then move review_by forward",
                )
            )
    return findings
