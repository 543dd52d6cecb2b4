"""Writing output files: all or nothing, never overwriting without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kravgen.errors import OutputError, SourceLocation


def check_targets(targets: Sequence[Path], force: bool, lang: str = "en") -> None:
    """Refuse before any work is done if a target exists (without --force) or cannot be made.

    Raises:
        OutputError: naming the first target that cannot be written.
    """
    from kravgen.messages import message

    for target in targets:
        if target.is_dir():
            raise OutputError(message("is_dir", lang), SourceLocation(target))
        if target.exists() and not force:
            raise OutputError(
                message("exists", lang),
                SourceLocation(target),
                hint=message("exists_hint", lang),
            )
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(
                message("no_folder", lang, folder=parent),
                SourceLocation(target),
                hint=message("no_folder_hint", lang),
            )


def write_files(items: Sequence[tuple[Path, bytes]], force: bool, lang: str = "en") -> None:
    """Write every file or none: each goes to a temporary file beside its target first.

    Raises:
        OutputError: a target exists (without --force) or cannot be written.
    """
    from kravgen.messages import message

    check_targets([path for path, _ in items], force, lang)
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in items:
            handle, temp = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
            )
            staged.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o644)
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        raise OutputError(
            message("cannot_write", lang, reason=exc.strerror),
            SourceLocation(Path(exc.filename or "")),
        ) from exc
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
