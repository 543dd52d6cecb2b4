"""Findings as text, JSON, GitHub workflow annotations or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from kravgen import __version__
from kravgen.errors import CODES, Finding, SourceLocation, severity

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def display_path(path: Path | None) -> str:
    """A path relative to the working directory where it lies below it, else as given."""
    if path is None:
        return "<input>"
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


# Findings shown per code. A generated or broken library can hold hundreds of thousands of the
# same finding; the first ones say what is wrong, a count says how often (issue 15, point 9).
MAX_SHOWN_PER_CODE = 500


def cap_per_code(
    findings: Sequence[Finding], root: Path | None, limit: int = MAX_SHOWN_PER_CODE
) -> list[Finding]:
    """The first `limit` findings of each code, then one finding per code counting the rest."""
    shown: list[Finding] = []
    left: dict[str, int] = {}
    seen: dict[str, int] = {}
    for finding in findings:
        seen[finding.code] = seen.get(finding.code, 0) + 1
        if seen[finding.code] <= limit:
            shown.append(finding)
        else:
            left[finding.code] = left.get(finding.code, 0) + 1
    for code, count in left.items():
        shown.append(
            Finding(
                code,
                f"{count:,} more {code} findings like the ones above are not shown",
                SourceLocation(root),
                "fix the ones shown and run validate again",
            )
        )
    return shown


def format_text(findings: Sequence[Finding]) -> str:
    """`path:line:col: severity CODE: message`, then `  hint: ...` when there is a hint."""
    lines = []
    for f in findings:
        where = display_path(f.where.path)
        if f.where.line is not None:
            where += f":{f.where.line}:{f.where.column or 1}"
        lines.append(f"{where}: {f.severity} {f.code}: {f.message}")
        if f.hint:
            lines.append(f"  hint: {f.hint}")
    return "\n".join(lines) + ("\n" if lines else "")


def _as_dict(f: Finding) -> dict[str, object]:
    return {
        "file": display_path(f.where.path),
        "line": f.where.line,
        "column": f.where.column,
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "hint": f.hint,
        "path": f.data_path or None,
    }


def format_json(findings: Sequence[Finding]) -> str:
    """A JSON array; the keys file, line, column, code, severity and message are stable."""
    return json.dumps([_as_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


# GitHub's workflow-command escaping (actions/toolkit, command.ts): data escapes %, CR and LF;
# property values also escape ':' and ',', which separate properties.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(display_path(f.where.path))}"]
        if f.where.line is not None:
            props.append(f"line={f.where.line}")
            props.append(f"col={f.where.column or 1}")
        props.append(f"title={_escape_property(f'kravgen {f.code}')}")
        message = f.message + (f"\nhint: {f.hint}" if f.hint else "")
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _sarif_rule(code: str, text: str) -> dict[str, object]:
    return {
        "id": code,
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": severity(code)},
    }


def _sarif_result(f: Finding, index: dict[str, int]) -> dict[str, object]:
    # A relative path is a URI reference once reserved characters (a space, '#') are escaped.
    location: dict[str, object] = {"artifactLocation": {"uri": quote(display_path(f.where.path))}}
    if f.where.line is not None:
        location["region"] = {"startLine": f.where.line, "startColumn": f.where.column or 1}
    result: dict[str, object] = {
        "ruleId": f.code,
        "level": "error" if f.is_error else "warning",
        "message": {"text": f.message + (f" (hint: {f.hint})" if f.hint else "")},
        "locations": [{"physicalLocation": location}],
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    return result


def format_sarif(findings: Sequence[Finding]) -> str:
    """A SARIF 2.1.0 log for code-scanning tools."""
    index = {code: i for i, code in enumerate(CODES)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kravgen",
                        "version": __version__,
                        "rules": [_sarif_rule(code, text) for code, text in CODES.items()],
                    }
                },
                # Columns count characters (code points), not SARIF's default UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(f, index) for f in findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}


def summary(findings: Sequence[Finding], files: int) -> str:
    """`2 error(s), 1 warning(s) in 9 file(s)`, for stderr."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    return f"{errors} error(s), {warnings} warning(s) in {files} file(s)"
