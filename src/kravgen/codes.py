"""Every finding code `kravgen validate` reports. Stable: CI configurations depend on them."""

from __future__ import annotations

CODES: dict[str, str] = {
    "KG001": "The file cannot be read as text (size, encoding, binary data, control characters)",
    "KG002": "YAML syntax error",
    "KG003": "YAML feature not allowed in a library (anchors, aliases, tags, several documents)",
    "KG004": "Duplicate key in a mapping",
    "KG005": "Nesting too deep",
    "KG101": "Wrong type of value",
    "KG102": "Required field missing",
    "KG103": "Unknown key",
    "KG104": "Invalid value (form, allowed values, range, condition syntax)",
    "KG105": "A number or true/false where text is needed: quote it",
    "KG106": "Manifest missing, repeated, or library directory empty",
    "KG201": "Duplicate id",
    "KG202": "Condition names an unknown question",
    "KG203": "Condition tests a value the question can never have",
    "KG204": "Unknown source or legal reference",
    "KG205": "Unknown area, section or definition",
    "KG206": "`replaces` or an override names an unknown clause",
    "KG207": "Question options, default or limits do not fit its type",
    "KG208": "Question condition depends on a question not asked before it",
    "KG209": "Reference of the wrong kind (sources take recommendations, legal_refs take laws)",
    "KG301": "Placeholder syntax error",
    "KG302": "Placeholder is neither a question nor a document field",
    "KG303": "Template construct not allowed in clause text",
    "KG304": "Placeholder has no value when its clause is selected and its question is unanswered",
    "KG401": "Text missing in a declared language",
    "KG501": "Mandatory or qualification requirement not worded with 'ska'",
    "KG502": "Clause without verification",
    "KG503": "Award criterion without evaluation",
    "KG504": "Award criterion worded as a 'ska' requirement",
    "KG505": "Evaluation given for a clause that is not an award criterion",
    "KG506": "Vague wording (warning)",
    "KG507": "A specification is referred to without accepting an equivalent (warning)",
    "KG601": "Clause or question that no combination of answers reaches (warning)",
    "KG602": "Question whose answer changes nothing (warning)",
    "KG603": "Clause past its review date (warning)",
}

# Codes reported as warnings: they fail `validate` only with --strict. Every other code is an
# error. The severity is part of the code's contract, like its meaning.
WARNINGS = frozenset({"KG506", "KG507", "KG601", "KG602", "KG603"})


def severity(code: str) -> str:
    """ "error" or "warning", as `validate` reports the code."""
    return "warning" if code in WARNINGS else "error"
