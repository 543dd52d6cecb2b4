"""The one place that finds the data files shipped with kravgen."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from kravgen.errors import KravgenError


def data_dir(name: str) -> Path:
    """A bundled directory (`requirements-library`, `templates`, `schema`).

    A wheel carries them under `kravgen/_data/`; an editable install or a source checkout
    finds them at the top of the repository (hatchling's editable install does not expose
    force-included folders through importlib.resources).

    Raises:
        KravgenError: the installation is broken and the directory is nowhere.
    """
    packaged = Path(str(files("kravgen"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise KravgenError(
        f"the bundled {name!r} directory is missing from this installation",
        hint="reinstall kravgen: pip install --force-reinstall kravgen",
    )


def bundled_library() -> Path:
    return data_dir("requirements-library")


def bundled_templates() -> Path:
    return data_dir("templates")


BUNDLED = "@bundled"


def library_roots(paths: Sequence[str]) -> tuple[Path, ...]:
    """The library layers to load: the bundled library unless paths are given."""
    if not paths:
        return (bundled_library(),)
    return tuple(bundled_library() if p == BUNDLED else Path(p) for p in paths)
