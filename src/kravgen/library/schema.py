"""The library's field table: one declaration drives both the loader's checks and the JSON Schema.

Checks report findings located through the YAML document, so a wrong type or unknown key points
at its file, line and column. `library_json_schema()` turns the same table into the JSON Schema
(draft-07 keywords only, because that is what yaml-language-server supports) that editors use.
The specs are in fields.py; the condition grammar's schema comes from conditions.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kravgen.conditions import condition_json_schemas
from kravgen.errors import Finding
from kravgen.library.fields import (
    DATE,
    ID_AREA,
    ID_CLAUSE,
    ID_DASHED,
    ID_SNAKE,
    LANG,
    LOCALIZED_SCHEMA,
    SEMVER,
    URL,
    AnyOfSpec,
    Boolean,
    Checker,
    ConditionSpec,
    Field,
    Integer,
    ListOf,
    LocalizedSpec,
    Record,
    Text,
    format_path,
    type_name,
)
from kravgen.library.yamlsource import YamlDocument
from kravgen.model import ClauseType, PrincipleStatus, QuestionType

__all__ = ["check_file", "format_path", "iter_records", "library_json_schema"]


def _loc(description: str) -> LocalizedSpec:
    return LocalizedSpec(description=description)


# The model's enums are the one list of types; the field table and JSON Schema read them.
CLAUSE_TYPES = tuple(t.value for t in ClauseType)
QUESTION_TYPES = tuple(t.value for t in QuestionType)
PRINCIPLE_STATUSES = tuple(s.value for s in PrincipleStatus)
REFERENCE_KINDS = ("recommendation", "law", "regulation", "specification", "guidance")


def _ids(pattern: str, description: str) -> ListOf:
    return ListOf(Text(pattern), description=description, unique=True)


MANIFEST = Record(
    "library",
    {
        "name": Field(
            Text(ID_DASHED, description="The library's name: lowercase letters, digits, dashes"),
            required=True,
        ),
        "version": Field(Text(SEMVER, description="Semantic version, e.g. 1.0.0"), required=True),
        "languages": Field(
            ListOf(
                Text(LANG),
                min_items=1,
                unique=True,
                description="Languages every text must have; the first is the default",
            ),
            required=True,
        ),
        "description": Field(_loc("What the library is for"), required=True),
        "license": Field(
            Text(description="SPDX licence identifier, e.g. CC-BY-4.0"), required=True
        ),
        "homepage": Field(Text(URL, description="Where the library is maintained")),
    },
    description="The manifest: exactly one per library",
)
SECTION = Record(
    "section",
    {
        "id": Field(Text(ID_SNAKE, description="Section id that questions name"), required=True),
        "title": Field(_loc("Heading in the questionnaire"), required=True),
    },
    description="A group of questions",
)
OPTION = Record(
    "option",
    {
        "value": Field(Text(ID_DASHED, description="The answer value"), required=True),
        "label": Field(_loc("What the user sees"), required=True),
    },
)
QUESTION = Record(
    "question",
    {
        "id": Field(Text(ID_SNAKE, description="Stable id used in answers files"), required=True),
        "section": Field(Text(ID_SNAKE, description="A section id"), required=True),
        "type": Field(Text(enum=QUESTION_TYPES, description="Kind of answer"), required=True),
        "text": Field(_loc("The question"), required=True),
        "help": Field(_loc("Shown when the user types ?")),
        "options": Field(
            ListOf(OPTION, min_items=1, description="The choices (choice and multi only)")
        ),
        "default": Field(
            AnyOfSpec(
                (Boolean(), Integer(), Text(), ListOf(Text())),
                description="Default answer; a list for multi",
            )
        ),
        "required": Field(Boolean(description="false allows no answer (default true)")),
        "when": Field(ConditionSpec(description="Ask the question only if this holds")),
        "min": Field(Integer(description="Smallest allowed number (number only)")),
        "max": Field(Integer(description="Largest allowed number (number only)")),
        "unit": Field(_loc("Unit shown after a number")),
    },
    description="A question of the questionnaire",
)
AREA = Record(
    "area",
    {
        "id": Field(Text(ID_AREA, description="Area id that clauses name"), required=True),
        "title": Field(
            _loc("The area as the recommendations name it: the memo and the trace appendix"),
            required=True,
        ),
        "heading": Field(_loc("Heading the supplier reads in the annex (default: the title)")),
        "intro": Field(_loc("Printed under the heading")),
        "sources": Field(_ids(ID_AREA, "References (recommendations) behind the area")),
    },
    description="A requirement area: a chapter of the annex",
)
REFERENCE = Record(
    "reference",
    {
        "id": Field(
            Text(ID_AREA, description="Id that sources and legal_refs name"), required=True
        ),
        "kind": Field(Text(enum=REFERENCE_KINDS, description="What kind of text"), required=True),
        "title": Field(_loc("Title"), required=True),
        "url": Field(Text(URL, description="Where to read it")),
        "publisher": Field(Text(description="Who publishes it")),
        "applies_to": Field(
            _ids(ID_DASHED, "Procurement kinds a recommendation is for (coverage report)")
        ),
        "unreadable": Field(Boolean(description="true: the title could not be verified")),
    },
    description="An entry of the registry of sources and legal references",
)
DEFINITION = Record(
    "definition",
    {
        "id": Field(Text(ID_DASHED, description="Id that clauses list in terms"), required=True),
        "term": Field(_loc("The term"), required=True),
        "text": Field(_loc("Its definition"), required=True),
    },
    description="A term the annex can define",
)
PRINCIPLE = Record(
    "principle",
    {
        "id": Field(
            Text(ID_DASHED, description="Id that clauses list in principles"), required=True
        ),
        "title": Field(_loc("The principle, as its source words it"), required=True),
        "status": Field(
            Text(
                enum=PRINCIPLE_STATUSES,
                description="Where the wording comes from: final (Digg's decided principle), "
                "draft-2020 (a heading of Digg's 2020 consultation draft) or guidance",
            ),
            required=True,
        ),
        "source": Field(
            Text(ID_AREA, description="The reference (recommendation or guidance) it is read from"),
            required=True,
        ),
    },
    description="A national principle for making information available",
)
_CHECKLIST_FIELDS: dict[str, Field] = {
    "id": Field(Text(ID_DASHED, description="Stable id, never reused"), required=True),
    "text": Field(_loc("What the buyer settles before announcing"), required=True),
    "when": Field(ConditionSpec(description="List the item only if this holds")),
    "clauses": Field(ListOf(Text(ID_CLAUSE), unique=True, description="Clauses that rely on it")),
    "clause_types": Field(
        ListOf(
            Text(enum=CLAUSE_TYPES),
            unique=True,
            description="Every clause of these types relies on it",
        )
    ),
    "needs_clauses": Field(
        Boolean(description="true: list it only when a clause that relies on it is selected")
    ),
}
CHECKLIST_ITEM = Record(
    "checklist item", _CHECKLIST_FIELDS, description="A step before the procurement is announced"
)
CHECKLIST_OVERRIDE = Record(
    "checklist override",
    {
        "id": Field(
            Text(ID_DASHED, description="A checklist item of an earlier layer"), required=True
        ),
        "justification": Field(Text(description="Why the organisation changes it"), required=True),
        "disable": Field(Boolean(description="true removes the item")),
        "set": Field(
            Record(
                "checklist override set",
                {k: Field(f.spec) for k, f in _CHECKLIST_FIELDS.items() if k != "id"},
                description="Fields that replace those of the earlier item",
            )
        ),
    },
    description="A change to a checklist item of an earlier library",
)
RESPONSE = Record(
    "response",
    {
        "confirm": Field(Boolean(description="The supplier answers fulfilled yes/no")),
        "describe": Field(_loc("Template: what the supplier's description must contain")),
        "price": Field(_loc("The line the price annex must hold")),
    },
    description="How the supplier answers: at least one of confirm, describe, price",
)
FIXED_VALUE = Record(
    "fixed value",
    {
        "label": Field(
            _loc("What the value is, e.g. the deduction when the criterion is met"), required=True
        ),
        "value": Field(_loc("The value as the text states it, e.g. 3 procent"), required=True),
    },
    description="A value the clause's text states instead of asking it; the memo lists it",
)
_CLAUSE_FIELDS: dict[str, Field] = {
    "id": Field(Text(ID_CLAUSE, description="Stable id, never reused"), required=True),
    "version": Field(Integer(1, description="Raise when the text changes"), required=True),
    "type": Field(Text(enum=CLAUSE_TYPES, description="Kind of clause under LOU"), required=True),
    "area": Field(Text(ID_AREA, description="The area (chapter) it belongs to"), required=True),
    "title": Field(_loc("Short title"), required=True),
    "text": Field(_loc("The requirement; Jinja2 placeholders allowed"), required=True),
    "evaluation": Field(_loc("Award criteria only: how the criterion earns credit")),
    "verification": Field(_loc("What the supplier submits or shows; how it is followed up")),
    "response": Field(RESPONSE, required=True),
    "motive": Field(_loc("Why the buyer sets it (buyer's memo only)"), required=True),
    "guidance": Field(_loc("Advice to the buyer (buyer's memo only)"), required=True),
    "when": Field(ConditionSpec(description="Select the clause only if this holds")),
    "sources": Field(_ids(ID_AREA, "References of kind recommendation or guidance")),
    "legal_refs": Field(_ids(ID_AREA, "References of kind law, regulation or specification")),
    "terms": Field(_ids(ID_DASHED, "Definitions the clause relies on")),
    "buyer_annex": Field(
        _loc("Name of an annex the buyer writes that the clause refers to (memo's to-do list)")
    ),
    "principles": Field(_ids(ID_DASHED, "Principles the clause serves (may be empty)")),
    "replaces": Field(Text(ID_CLAUSE, description="The id this clause supersedes")),
    "review_by": Field(Text(DATE, description="YYYY-MM-DD by which a maintainer reviews it")),
    "fixed": Field(
        ListOf(FIXED_VALUE, description="Values written into the text for the buyer to check")
    ),
}
CLAUSE = Record("clause", _CLAUSE_FIELDS, description="A requirement")
CLAUSE_PATCH = Record(
    "override set",
    {k: Field(f.spec) for k, f in _CLAUSE_FIELDS.items() if k != "id"},
    description="Fields that replace those of the earlier clause",
)
OVERRIDE = Record(
    "override",
    {
        "id": Field(Text(ID_CLAUSE, description="A clause of an earlier layer"), required=True),
        "justification": Field(Text(description="Why the organisation changes it"), required=True),
        "disable": Field(Boolean(description="true removes the clause")),
        "set": Field(CLAUSE_PATCH),
    },
    description="A change to a clause of an earlier library",
)
FILE = Record(
    "library file",
    {
        "library": Field(MANIFEST),
        "sections": Field(ListOf(SECTION, description="Groups of questions")),
        "questions": Field(ListOf(QUESTION, description="The questionnaire, in order")),
        "areas": Field(ListOf(AREA, description="Requirement areas, in annex order")),
        "references": Field(ListOf(REFERENCE, description="Sources and legal references")),
        "definitions": Field(ListOf(DEFINITION, description="Terms the annex can define")),
        "principles": Field(ListOf(PRINCIPLE, description="Principles clauses may serve")),
        "clauses": Field(ListOf(CLAUSE, description="The requirements")),
        "overrides": Field(ListOf(OVERRIDE, description="Changes to earlier layers' clauses")),
        "checklist": Field(ListOf(CHECKLIST_ITEM, description="Steps before announcing")),
        "checklist_overrides": Field(
            ListOf(CHECKLIST_OVERRIDE, description="Changes to earlier layers' checklist items")
        ),
    },
)


def check_file(doc: YamlDocument) -> list[Finding]:
    """Every schema finding of one parsed library file."""
    checker = Checker(doc)
    if doc.value is None:
        checker.add(
            "KG101",
            "the file is empty; a library file is a mapping of sections",
            (),
            hint=f"expected keys: {', '.join(FILE.fields)}",
        )
    elif not isinstance(doc.value, dict):
        checker.add(
            "KG101",
            f"a library file is a mapping, found {type_name(doc.value)}",
            (),
            hint="start with a key such as 'clauses:' or 'questions:'",
        )
    else:
        FILE.check(doc.value, (), checker)
    return checker.findings


def iter_records(doc: YamlDocument, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mappings of one top-level list, with their indexes, skipping malformed items."""
    items = doc.value.get(key) if isinstance(doc.value, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def library_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of one library file."""
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://kravgen.invalid/schema/library.schema.json",
        "title": "kravgen requirement library file",
        "description": "One file of a kravgen library; see docs/library-format.md",
    }
    body = FILE.json_schema()
    del body["title"]
    schema.update(body)
    schema["definitions"] = {"localized": LOCALIZED_SCHEMA, **condition_json_schemas()}
    return schema
