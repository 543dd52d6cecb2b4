"""Stage 1: the library. YAML with marks, the field table, records and layers -> Library.

The entry points: `load_library` (raises on the first fatal problem) and `read_library`
(collects every finding, for `kravgen validate`).
"""

from __future__ import annotations

from kravgen.library.layers import load_library, read_library
from kravgen.library.limits import LIBRARY_SUFFIXES, discover_files

__all__ = ["LIBRARY_SUFFIXES", "discover_files", "load_library", "read_library"]
