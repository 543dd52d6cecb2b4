"""Which format an annex is written in when --format is left at its default."""

from __future__ import annotations

from pathlib import Path

# The formats an --output suffix chooses while --format is left at docx (issue 13).
FORMAT_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv"}


def annex_format(output: Path, fmt: str) -> str:
    """The format to write: --format, unless it is the default and the suffix says otherwise."""
    return FORMAT_BY_SUFFIX.get(output.suffix.lower(), fmt) if fmt == "docx" else fmt
