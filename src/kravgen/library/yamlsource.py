"""Safe YAML reading that remembers where every value came from.

Library files are untrusted, so this reader is stricter than `yaml.safe_load`: it works on the
parser's event stream (never constructing Python objects from tags), rejects anchors, aliases,
tags, several documents and duplicate keys, caps size and nesting, and resolves plain scalars the
YAML 1.2 way, so `NO` stays text and `12:30` is never a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kravgen.errors import LibraryError, SourceLocation
from kravgen.library.textfile import (
    ANSWERS_FILE,
    LIBRARY_FILE,
    MAX_FILE_BYTES,
    a_kind,
    decode_text,
    line_and_column,
    read_bytes,
)

__all__ = [
    "ANSWERS_FILE",
    "LIBRARY_FILE",
    "MAX_FILE_BYTES",
    "DataPath",
    "TooManyValues",
    "YamlDocument",
    "decode_text",
    "parse_yaml",
    "read_yaml_file",
]

DataPath = tuple[str | int, ...]

MAX_DEPTH = 50
# YAML values (scalars, lists, mappings) in one file: ten times a 250-clause file. Memory and
# time grow with the values, not the bytes: 10 MB of "- a" lines are 2.6 million of them.
MAX_FILE_VALUES = 100_000


class TooManyValues(LibraryError):
    """A file that holds more YAML values than the reader was allowed to take."""


_MAX_NUMBER_DIGITS = 30

# Characters a library text may not hold, with why. C0/C1 controls, U+FFFE/U+FFFF and lone
# surrogates cannot be written to Word's XML (and libyaml refuses most of them without saying
# where); U+2028/U+2029/U+0085 are line breaks to libyaml but not to most editors, so every line
# number after them would be wrong; a BOM is only allowed as the first character.
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]"
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_BASE = re.compile(r"^0(?:o[0-7]+|x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
# The only tags a library may spell out, per kind of node (`!!str 1.10` keeps text as text).
_ALLOWED_TAGS = {
    "scalar": {None, "!", "tag:yaml.org,2002:str"},
    "mapping": {None, "!", "tag:yaml.org,2002:map"},
    "sequence": {None, "!", "tag:yaml.org,2002:seq"},
}
_DEEP_HINT = "library content is never this deep; check the indentation"

# libyaml when available: about ten times faster than the pure-Python parser.
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class YamlDocument:
    """A parsed file: plain Python values plus the location of every value and key."""

    path: Path
    value: Any
    marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    plain_text: dict[DataPath, str] = field(default_factory=dict)
    block_scalars: set[DataPath] = field(default_factory=set)
    events: int = 0  # parser events read: about two per list or mapping, one per scalar

    def where(self, data_path: DataPath, *, key: bool = False) -> SourceLocation:
        """The closest known location of a value (or its key) at `data_path`."""
        mark = (self.key_marks if key else self.marks).get(data_path)
        if mark is not None:  # the common case, and the loader's hot path
            return SourceLocation(self.path, mark[0], mark[1])
        table = self.key_marks if key else self.marks
        probe = data_path
        while probe:
            mark = table.get(probe) or self.marks.get(probe)
            if mark is not None:
                return SourceLocation(self.path, mark[0], mark[1])
            probe = probe[:-1]
        mark = self.marks.get(())
        if mark is None:
            return SourceLocation(self.path, 1, 1)
        return SourceLocation(self.path, mark[0], mark[1])


def _in(kind: str) -> str:
    """What a YAML feature is not allowed in: 'a library', 'an answers file'."""
    return "a library" if kind == LIBRARY_FILE else a_kind(kind)


def read_yaml_file(
    path: Path, kind: str = LIBRARY_FILE, max_values: int = MAX_FILE_VALUES
) -> YamlDocument:
    """Read and parse one library file (or, with `kind`, an answers file).

    Raises:
        LibraryError: the file is unreadable, too large, holds more than `max_values` values,
            is not UTF-8 text, or is not acceptable YAML; the messages call it by `kind`.
    """
    text = decode_text(read_bytes(path, kind), path, kind)
    return parse_yaml(text, path, kind, max_values)


def parse_yaml(
    text: str, path: Path, kind: str = LIBRARY_FILE, max_values: int = MAX_FILE_VALUES
) -> YamlDocument:
    """Parse YAML text into a located document.

    Raises:
        LibraryError: with the location of the first problem.
    """
    # YAML reads CR LF and a lone CR as one line break; normalising first keeps every line
    # number computed here in step with libyaml's and changes no value.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _FORBIDDEN_CHARS.search(text)
    if bad is not None:
        line, column = line_and_column(text[: bad.start()])
        raise _forbidden_char(bad.group(), SourceLocation(path, line, column), kind)
    builder = _Builder(path, kind)
    loader = _Loader(text)
    try:
        # get_event() returns None after the stream ends; one call per event, not two.
        handlers = builder.handlers
        # Every event is counted, end events too, so the cap is met after at most twice
        # `max_values` values.
        budget = 2 * max_values
        for event in iter(loader.get_event, None):
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
            budget -= 1
            if budget < 0:
                raise builder.too_many(event, max_values)
        builder.document.events = 2 * max_values - budget
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, path) from exc
    except yaml.reader.ReaderError as exc:
        line, column = line_and_column(text[: exc.position])
        raise LibraryError(
            f"YAML cannot hold the character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else f"YAML cannot read the text: {exc.reason}",
            SourceLocation(path, line, column),
            code="KG001",
        ) from exc
    finally:
        loader.dispose()
    return builder.finish()


def _forbidden_char(char: str, where: SourceLocation, kind: str = LIBRARY_FILE) -> LibraryError:
    code = ord(char)
    if char in "\u2028\u2029\x85":
        what, hint = "a line separator", "replace it with an ordinary line break"
    elif char == "\ufeff":
        what, hint = "a byte order mark", "remove it; it may only start a file"
    else:
        what, hint = "a control character", "remove it; only tab and line breaks are allowed"
    return LibraryError(
        f"{what} (U+{code:04X}) cannot appear in {a_kind(kind)}", where, hint=hint, code="KG001"
    )


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: Path) -> LibraryError:
    # "could not find expected ':'" is found on a later line than the key that lacks it; the
    # context mark points at that key.
    lacks_colon = exc.context == "while scanning a simple key"
    mark = (exc.context_mark if lacks_colon else None) or exc.problem_mark or exc.context_mark
    if mark is None:  # pragma: no cover - libyaml always marks its errors
        return LibraryError(f"YAML syntax error: {exc.problem}", SourceLocation(path), code="KG002")
    message = exc.problem or "invalid YAML"
    if "maximum nesting depth" in message:  # libyaml's own cap (1000), met while scanning ahead
        where = SourceLocation(path, mark.line + 1, mark.column + 1)
        return LibraryError(f"nesting deeper than {MAX_DEPTH} levels", where, _DEEP_HINT, "KG005")
    if exc.context and not lacks_colon:
        message += f" ({exc.context})"
    line = text.split("\n", mark.line + 1)[mark.line] if mark.line <= text.count("\n") else ""
    char = line[mark.column : mark.column + 1]
    return LibraryError(
        f"YAML syntax error: {message}",
        SourceLocation(path, mark.line + 1, mark.column + 1),
        hint=_syntax_hint(message, char, lacks_colon),
        code="KG002",
    )


def _syntax_hint(message: str, char: str, lacks_colon: bool) -> str | None:
    if char == "\t":
        return "indent with spaces; YAML does not allow tabs here"
    if lacks_colon:
        return "a key needs ': ' after it, as in 'type: ska-krav'"
    if "mapping values are not allowed" in message:
        return "put text that holds ': ' in quotes"
    if "cannot start any token" in message:
        return f"put text that starts with {char!r} in quotes"
    if "expected ',' or ']'" in message or "expected ',' or '}'" in message:
        return "close the list with ']' or the mapping with '}', or quote text holding ',' or ':'"
    return None


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath
    is_list: bool
    pending_key: str | None = None
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Builder:
    """Turns parser events into values, refusing everything a library never needs.

    This is the loader's hot loop (hundreds of thousands of events for a large library), so
    the common case, an untagged scalar in a mapping or list, takes the shortest path.
    """

    def __init__(self, path: Path, kind: str = LIBRARY_FILE) -> None:
        self.path = path
        self.kind = kind
        self.stack: list[_Frame] = []
        self.documents = 0
        self.document = YamlDocument(path, None)
        self.marks = self.document.marks
        # Anchors seen so far. They are refused at the end unless an alias uses one first, so
        # an alias bomb is reported where it would explode.
        self.anchors: dict[str, Any] = {}
        self.handlers: dict[type, Any] = {
            yaml.ScalarEvent: self._scalar,
            yaml.MappingStartEvent: self._open,
            yaml.SequenceStartEvent: self._open,
            yaml.MappingEndEvent: self._close,
            yaml.SequenceEndEvent: self._close,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
        }

    def _fail(self, message: str, event: Any, code: str, hint: str | None = None) -> LibraryError:
        mark = event.start_mark
        return LibraryError(
            message, SourceLocation(self.path, mark.line + 1, mark.column + 1), hint, code
        )

    def too_many(self, event: Any, max_values: int) -> TooManyValues:
        mark = event.start_mark
        return TooManyValues(
            f"the file holds more than {max_values:,} YAML values; kravgen reads at most "
            f"that many from {a_kind(self.kind)}",
            SourceLocation(self.path, mark.line + 1, mark.column + 1),
            "split the content into several files" if self.kind == LIBRARY_FILE else None,
            "KG001",
        )

    def finish(self) -> YamlDocument:
        if self.anchors:
            name, event = next(iter(self.anchors.items()))
            raise self._fail(
                f"YAML anchors (&{name}) are not allowed in {_in(self.kind)}",
                event,
                "KG003",
                hint="remove the anchor; write every value out in full",
            )
        return self.document

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self._fail(
                f"{a_kind(self.kind)} holds one YAML document; found a second one",
                event,
                "KG003",
                hint="remove the '---' line or move the content to a file of its own",
            )

    def _alias(self, event: Any) -> None:
        anchor = self.anchors.get(event.anchor)
        where = f"; its anchor is at line {anchor.start_mark.line + 1}" if anchor else ""
        raise self._fail(
            f"YAML aliases (*{event.anchor}) are not allowed in {_in(self.kind)}{where}",
            event,
            "KG003",
            hint="write the value out in full",
        )

    def _check_node(self, event: Any, kind: str) -> None:
        if event.anchor is not None:
            self.anchors.setdefault(event.anchor, event)
        if event.tag not in _ALLOWED_TAGS[kind]:
            shown = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise self._fail(
                f"YAML tag {shown} is not allowed in {_in(self.kind)}",
                event,
                "KG003",
                hint="remove the tag; libraries hold plain text, numbers, lists and mappings",
            )

    def _scalar(self, event: Any) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_node(event, "scalar")
        text: str = event.value
        # libyaml gives a plain scalar the style "" and the pure-Python parser None; quoted,
        # block and tagged (`!!str`, `!`) scalars are always text.
        if event.style or event.tag is not None or not event.implicit[0]:
            value: Any = text
            if event.style == '"':
                self._check_escapes(text, event)
        else:
            value = _resolve_plain(text)
        mark = event.start_mark
        spot = (mark.line + 1, mark.column + 1)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.pending_key is not None:
            # The most common event of all: the value of a mapping key.
            path: DataPath | None = (*frame.path, frame.pending_key)
            frame.container[frame.pending_key] = value  # type: ignore[call-overload]
            frame.pending_key = None
            self.marks[path] = spot  # type: ignore[index]
        else:
            path = self._place(value, event, spot)
        if path is None:
            return
        if value is not None and type(value) is not str:
            self.document.plain_text[path] = text  # how it was written, for KG105 hints
        elif event.style == "|" or event.style == ">":
            # Block scalar content starts on the line after the indicator.
            self.document.block_scalars.add(path)

    def _check_escapes(self, text: str, event: Any) -> None:
        # Escapes such as "\x07" or "\0" make characters the file itself may not hold.
        bad = _FORBIDDEN_CHARS.search(text)
        if bad is not None:
            mark = event.start_mark
            where = SourceLocation(self.path, mark.line + 1, mark.column + 1)
            raise _forbidden_char(bad.group(), where, self.kind)

    def _place(self, value: Any, event: Any, spot: tuple[int, int]) -> DataPath | None:
        """Put a value in its container; None when it was a mapping key."""
        if not self.stack:
            self.document.value = value
            self.marks[()] = spot
            return ()
        frame = self.stack[-1]
        if frame.is_list:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)  # type: ignore[union-attr]
        elif frame.pending_key is None:
            self._take_key(frame, event, spot)
            return None
        else:
            path = (*frame.path, frame.pending_key)
            frame.container[frame.pending_key] = value  # type: ignore[call-overload]
            frame.pending_key = None
        self.marks[path] = spot
        return path

    def _take_key(self, frame: _Frame, event: Any, spot: tuple[int, int]) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise self._fail(
                "a mapping key must be plain text",
                event,
                "KG002",
                hint="keys are names such as 'id' or 'text', never lists or mappings",
            )
        key = str(event.value)
        first = frame.key_marks.get(key)
        if first is not None:
            at = f"line {first[0]}" if first[0] != spot[0] else f"column {first[1]}"
            raise self._fail(
                f"duplicate key {key!r} (first at {at})",
                event,
                "KG004",
                hint="each key may appear once in a mapping; YAML would silently keep the last",
            )
        frame.pending_key = key
        frame.key_marks[key] = spot
        self.document.key_marks[(*frame.path, key)] = spot

    def _open(self, event: Any) -> None:
        is_list = type(event) is yaml.SequenceStartEvent
        self._check_node(event, "sequence" if is_list else "mapping")
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(f"nesting deeper than {MAX_DEPTH} levels", event, "KG005", _DEEP_HINT)
        container: dict[str, Any] | list[Any] = [] if is_list else {}
        mark = event.start_mark
        path = self._place(container, event, (mark.line + 1, mark.column + 1))
        if path is None:  # pragma: no cover - _place refuses a mapping or list as a key
            raise self._fail("a mapping key must be plain text", event, "KG002")
        self.stack.append(_Frame(container, path, is_list))

    def _close(self, event: Any) -> None:
        self.stack.pop()


# Plain scalars that start with none of these are text; the regexes below need not run.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def _resolve_plain(text: str) -> Any:
    """Resolve a plain scalar the YAML 1.2 core way: only these forms are not text."""
    if not text:
        return None
    if text[0] not in _MAYBE_NOT_TEXT:
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if len(text) <= _MAX_NUMBER_DIGITS:
        if _INT.match(text):
            return int(text)
        if _INT_BASE.match(text):
            return int(text, 0)
        if _FLOAT.match(text):
            return float(text)
    return text
