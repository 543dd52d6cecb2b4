"""KG501-KG509 and KG603: what procurement law, good practice and Swedish typography ask of
each clause's Swedish wording, and review dates."""

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
# A whole number of five digits or more, not part of an id, an SFS number (2018:585), an EU act
# number (2016/679), a decimal or a web address. Swedish groups thousands with a space.
_LONG_NUMBER = re.compile(r"(?<![\w:/.,-])[1-9][0-9]{4,}(?![\w:/-]|[.,][0-9])")
# Standards keep their numbers as they are named: ISO/IEC 27001, SS 12000, EN 301 549.
_STANDARD_BEFORE = re.compile(r"(?:ISO|IEC|IEEE|SS|EN|TS|CEN|SIS|ETSI|RFC)[/ -]*$")
_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_SUPPLIER = re.compile(r"(?<!\w)leverantör", re.IGNORECASE)
_BIDDER = re.compile(r"(?<!\w)anbudsgivar", re.IGNORECASE)
# The fields the supplier reads; the memo's motive and guidance may speak of bidders.
SUPPLIER_FIELDS = (
    "title",
    "text",
    "evaluation",
    "verification",
    "response.describe",
    "response.price",
)


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
            findings += _thousands(clause, name, value.get("sv", ""))
    findings += _supplier_terms(library)
    return findings


def long_numbers(text: str) -> list[str]:
    """Numbers over 9 999 written without a space between thousands ("10000", not "10 000").
    Template markup is not prose, so placeholders and tags are left out."""
    text = _MARKUP.sub(" ", text)
    return [
        m.group(0)
        for m in _LONG_NUMBER.finditer(text)
        if not _STANDARD_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
    ]


def _thousands(clause: Clause, name: str, text: str) -> list[Finding]:
    """KG508: Swedish writes 10 000 with a space between the thousands."""
    found = long_numbers(text)
    if not found:
        return []
    number = found[0]
    grouped = f"{int(number):,}".replace(",", " ")
    return [
        Finding(
            "KG508",
            f"{clause.id}: {number} in {name} is written without a space between thousands",
            clause.at(f"{name}.sv"),
            f"write {grouped!r} (a non-breaking space keeps it on one line)",
        )
    ]


def _supplier_terms(library: Library) -> list[Finding]:
    """KG509: one word for the supplier throughout. When the library's clauses say
    "leverantör", a clause that also or instead says "anbudsgivare" is flagged."""
    uses: list[tuple[Clause, str]] = []
    says_supplier = False
    for clause in library.clauses:
        for name, value in localized_fields(clause):
            if name not in SUPPLIER_FIELDS:
                continue
            text = value.get("sv", "")
            says_supplier = says_supplier or bool(_SUPPLIER.search(text))
            if _BIDDER.search(text):
                uses.append((clause, name))
    if not says_supplier:
        return []
    findings = []
    seen: set[str] = set()
    for clause, name in uses:
        if clause.id in seen:
            continue
        seen.add(clause.id)
        findings.append(
            Finding(
                "KG509",
                f"{clause.id}: calls the supplier 'anbudsgivare' in {name}, "
                "where the library says 'leverantör'",
                clause.at(f"{name}.sv"),
                "use one word for the supplier throughout: 'leverantören'",
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
