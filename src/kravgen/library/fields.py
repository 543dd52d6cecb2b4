"""The field table's building blocks: one Spec per kind of value, each able to check a value
(reporting located findings) and to describe itself as JSON Schema. schema.py declares the
library's records with them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kravgen.errors import Finding
from kravgen.library.yamlsource import DataPath, YamlDocument

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
            Finding(code, message, self.doc.where(path, key=key), hint, format_path(path))
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


def type_name(value: Any) -> str:
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
        return f"found {plain} ({type_name(value)})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"found {shown!r} (text)"
    return f"found {type_name(value)}"


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
                    f"{plain} is read as {type_name(value)} but must be text",
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
class LocalizedSpec(Spec):
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
class AnyOfSpec(Spec):
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
class ConditionSpec(Spec):
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
