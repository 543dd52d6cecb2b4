"""The library's field table: one declaration drives both the loader's checks and the JSON Schema.

Checks report findings located through the YAML document, so a wrong type or unknown key points
at its file, line and column. `library_json_schema()` turns the same table into the JSON Schema
(draft-07 keywords only, because that is what yaml-language-server supports) that editors use.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kravgen.errors import Finding
from kravgen.yamlsource import DataPath, YamlDocument

ID_CLAUSE = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
ID_SNAKE = r"^[a-z][a-z0-9_]*$"
ID_DASHED = r"^[a-z0-9][a-z0-9-]*$"
ID_AREA = r"^[A-Za-z0-9][A-Za-z0-9.-]*$"
LANG = r"^[a-z]{2}$"
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL = r"^https?://"
_PATTERN_NAMES = {
    ID_CLAUSE: "a clause id such as KG-2A-01 (capitals, digits and dashes)",
    ID_SNAKE: "a snake_case id such as procurement_kind",
    ID_DASHED: "lowercase letters, digits and dashes, such as it-system",
    ID_AREA: "letters, digits, dots and dashes",
    LANG: "a two-letter language code such as sv",
    SEMVER: "a semantic version such as 1.0.0",
    DATE: "a date YYYY-MM-DD",
    URL: "a web address starting with https://",
}
# Keys of a condition that are not question ids (see conditions.py).
CONDITION_WORDS = ("all", "any", "not")
_REF = "#/definitions/"


def format_path(path: DataPath) -> str:
    """`clauses[3].text.sv` from ('clauses', 3, 'text', 'sv')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass(slots=True)
class Checker:
    """Accumulates findings for one document."""

    doc: YamlDocument
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, code: str, message: str, path: DataPath, *, hint: str | None = None, key: bool = False
    ) -> None:
        self.findings.append(
            Finding(code, "error", message, self.doc.where(path, key=key), hint, format_path(path))
        )


class Spec:
    """One kind of value: how to check it and how to describe it in JSON Schema."""

    description: str = ""
    expected: str = "a value"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _with_description(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema["description"] = self.description
        return schema


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _found(value: Any, path: DataPath, checker: Checker) -> str:
    """What was written, as the author wrote it: `found 1.10 (a number)`."""
    plain = checker.doc.plain_text.get(path)
    if plain is not None:
        return f"found {plain} ({_type_name(value)})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"found {shown!r} (text)"
    return f"found {_type_name(value)}"


def _did_you_mean(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


@dataclass
class Text(Spec):
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    description: str = ""
    max_length: int = 20_000
    expected: str = "text"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, str):
            plain = checker.doc.plain_text.get(path)
            if plain is not None:
                # YAML read it as a number or true/false; never pass it on changed (1.10 -> 1.1).
                checker.add(
                    "KG105",
                    f"{plain} is read as {_type_name(value)} but must be text",
                    path,
                    hint=f'write it in quotes: "{plain}"',
                )
            else:
                checker.add("KG101", f"expected text, {_found(value, path, checker)}", path)
            return
        if not value.strip():
            checker.add("KG104", "must not be empty", path)
        elif len(value) > self.max_length:
            checker.add("KG104", f"longer than {self.max_length} characters", path)
        elif self.enum and value not in self.enum:
            checker.add(
                "KG104",
                f"{value!r} is not one of: {', '.join(self.enum)}",
                path,
                hint=_did_you_mean(value, list(self.enum)),
            )
        elif self.pattern and not re.match(self.pattern, value):
            form = _PATTERN_NAMES.get(self.pattern, f"the form {self.pattern}")
            checker.add("KG104", f"{value!r} is not {form}", path)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.pattern:
            schema["pattern"] = self.pattern
        return self._with_description(schema)


@dataclass
class Integer(Spec):
    minimum: int | None = None
    maximum: int | None = None
    description: str = ""
    expected: str = "a whole number"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            checker.add("KG101", f"expected a whole number, {_found(value, path, checker)}", path)
        elif self.minimum is not None and value < self.minimum:
            checker.add("KG104", f"{value} is less than {self.minimum}", path)
        elif self.maximum is not None and value > self.maximum:
            checker.add("KG104", f"{value} is more than {self.maximum}", path)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_description(schema)


@dataclass
class Boolean(Spec):
    description: str = ""
    expected: str = "true or false"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, bool):
            checker.add(
                "KG101",
                f"expected true or false, {_found(value, path, checker)}",
                path,
                hint="write true or false (yes, no, on and off are text)",
            )

    def json_schema(self) -> dict[str, Any]:
        return self._with_description({"type": "boolean"})


def _ref(name: str, description: str) -> dict[str, Any]:
    # draft-07 ignores keywords beside "$ref"; wrapping it in allOf keeps the description
    # that editors show on hover.
    if not description:
        return {"$ref": _REF + name}
    return {"description": description, "allOf": [{"$ref": _REF + name}]}


@dataclass
class Localized(Spec):
    """Text per language: {sv: ..., en: ...}. Completeness is checked against the manifest."""

    description: str = ""
    expected: str = "text per language"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, dict):
            checker.add(
                "KG101",
                f"expected text per language ({{sv: ..., en: ...}}), "
                f"{_found(value, path, checker)}",
                path,
                hint="write one text per language, e.g. {sv: ..., en: ...}",
            )
            return
        if not value:
            checker.add("KG102", "needs a text for each language of the library", path)
        for lang, text in value.items():
            if not re.match(LANG, lang):
                checker.add(
                    "KG103",
                    f"{lang!r} is not a two-letter language code",
                    (*path, lang),
                    key=True,
                    hint="use codes such as sv and en",
                )
            else:
                _TEXT.check(text, (*path, lang), checker)

    def json_schema(self) -> dict[str, Any]:
        return _ref("localized", self.description)


_TEXT = Text()
LOCALIZED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Text per language, e.g. {sv: ..., en: ...}; every declared language",
    "patternProperties": {LANG: {"type": "string", "minLength": 1}},
    "additionalProperties": False,
    "minProperties": 1,
}


@dataclass
class ListOf(Spec):
    item: Spec
    description: str = ""
    min_items: int = 0
    unique: bool = False
    expected: str = "a list"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, list):
            checker.add("KG101", f"expected a list, {_found(value, path, checker)}", path)
            return
        if len(value) < self.min_items:
            checker.add("KG104", f"needs at least {self.min_items} item(s)", path)
        seen: set[Any] = set()
        for index, item in enumerate(value):
            self.item.check(item, (*path, index), checker)
            if self.unique and isinstance(item, str):
                if item in seen:
                    checker.add("KG104", f"{item!r} is listed twice", (*path, index))
                seen.add(item)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._with_description(schema)


@dataclass
class AnyOf(Spec):
    """A value of one of several shapes (used for defaults); the first matching spec wins."""

    options: tuple[Spec, ...]
    description: str = ""

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        for option in self.options:
            trial = Checker(checker.doc)
            option.check(value, path, trial)
            if not trial.findings:
                return
        expected = ", ".join(o.expected for o in self.options[:-1])
        expected += f" or {self.options[-1].expected}"
        plain = checker.doc.plain_text.get(path)
        checker.add(
            "KG101" if plain is None else "KG105",
            f"expected {expected}, {_found(value, path, checker)}",
            path,
            hint=None if plain is None else f'if it is text, write it in quotes: "{plain}"',
        )

    def json_schema(self) -> dict[str, Any]:
        return self._with_description({"anyOf": [o.json_schema() for o in self.options]})


@dataclass
class Condition(Spec):
    """A `when` condition. Its shape is checked by conditions.py, its names against questions."""

    description: str = "A condition on answers; see docs/library-format.md"
    expected: str = "a condition"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, dict):
            checker.add(
                "KG101",
                f"a condition is a mapping, {_found(value, path, checker)}",
                path,
                hint="e.g. when: {procurement_kind: it-system}",
            )

    def json_schema(self) -> dict[str, Any]:
        return _ref("condition", self.description)


_ANSWER_VALUE = {"type": ["string", "integer", "boolean"]}
_ONE_OR_MORE = {
    "anyOf": [
        {"$ref": _REF + "answer_value"},
        {"type": "array", "minItems": 1, "items": {"$ref": _REF + "answer_value"}},
    ]
}
_QUESTION_KEY = r"^(?!(?:all|any|not)$)[a-z][a-z0-9_]*$"
CONDITION_SCHEMAS: dict[str, Any] = {
    "answer_value": _ANSWER_VALUE,
    "condition": {
        "type": "object",
        "description": "Every key must hold: a question id with a test, or all/any/not",
        "minProperties": 1,
        "properties": {
            "all": {
                "description": "Holds if every condition in the list holds",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": _REF + "condition"},
            },
            "any": {
                "description": "Holds if one of the conditions in the list holds",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": _REF + "condition"},
            },
            "not": _ref("condition", "Holds if the condition does not hold"),
        },
        "patternProperties": {_QUESTION_KEY: {"$ref": _REF + "test"}},
        "additionalProperties": False,
    },
    "test": {
        "description": "A value (equals/includes), a list (one of), or a mapping of operators",
        "anyOf": [
            {"$ref": _REF + "one_or_more"},
            {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": False,
                "properties": {
                    "in": {"$ref": _REF + "one_or_more"},
                    "not_in": {"$ref": _REF + "one_or_more"},
                    "min": {"type": "integer"},
                    "max": {"type": "integer"},
                    "answered": {"type": "boolean"},
                },
            },
        ],
    },
    "one_or_more": _ONE_OR_MORE,
}


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    name: str
    fields: Mapping[str, Field]
    description: str = ""
    expected: str = "a mapping"

    def check(self, value: Any, path: DataPath, checker: Checker) -> None:
        if not isinstance(value, dict):
            checker.add(
                "KG101",
                f"{self.name}: expected a mapping, {_found(value, path, checker)}",
                path,
            )
            return
        # "clause KG-1-01" reads better than "clause" when the id is known.
        name = f"{self.name} {value['id']}" if isinstance(value.get("id"), str) else self.name
        for key, item in value.items():
            spec = self.fields.get(key)
            if spec is None:
                checker.add(
                    "KG103",
                    f"unknown key {key!r} in {name}",
                    (*path, key),
                    key=True,
                    hint=_did_you_mean(key, list(self.fields))
                    or f"allowed keys: {', '.join(self.fields)}",
                )
            elif item is None:
                if spec.required:
                    checker.add(
                        "KG102",
                        f"{name}: {key!r} is empty",
                        (*path, key),
                        key=True,
                        hint="fill it in; a required field cannot be left empty",
                    )
            else:
                spec.spec.check(item, (*path, key), checker)
        for key, spec in self.fields.items():
            if spec.required and key not in value:
                checker.add(
                    "KG102",
                    f"{name} needs {key!r}",
                    path,
                    hint=_missing_hint(key, value, self.fields),
                )

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.name,
            "properties": {k: f.spec.json_schema() for k, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return self._with_description(schema)


def _missing_hint(key: str, value: dict[str, Any], fields: Mapping[str, Field]) -> str | None:
    """Point at a misspelt key that was probably meant to be the missing one."""
    unknown = [k for k in value if k not in fields]
    close = difflib.get_close_matches(key, unknown, n=1, cutoff=0.6)
    return f"is {close[0]!r} a misspelling of {key!r}?" if close else None


def _loc(description: str) -> Localized:
    return Localized(description=description)


CLAUSE_TYPES = ("ska-krav", "tilldelningskriterium", "kontraktsvillkor", "kvalificeringskrav")
QUESTION_TYPES = ("choice", "multi", "yesno", "text", "number", "date")
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
            AnyOf(
                (Boolean(), Integer(), Text(), ListOf(Text())),
                description="Default answer; a list for multi",
            )
        ),
        "required": Field(Boolean(description="false allows no answer (default true)")),
        "when": Field(Condition(description="Ask the question only if this holds")),
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
        "title": Field(_loc("Heading in the annex"), required=True),
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
    "when": Field(Condition(description="Select the clause only if this holds")),
    "sources": Field(_ids(ID_AREA, "References of kind recommendation or guidance")),
    "legal_refs": Field(_ids(ID_AREA, "References of kind law, regulation or specification")),
    "terms": Field(_ids(ID_DASHED, "Definitions the clause relies on")),
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
        "clauses": Field(ListOf(CLAUSE, description="The requirements")),
        "overrides": Field(ListOf(OVERRIDE, description="Changes to earlier layers' clauses")),
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
            f"a library file is a mapping, found {_type_name(doc.value)}",
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
    schema["definitions"] = {"localized": LOCALIZED_SCHEMA, **CONDITION_SCHEMAS}
    return schema
