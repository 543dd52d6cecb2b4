from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL
from kravgen.errors import LibraryError
from kravgen.library import load_library, read_library
from kravgen.model import ClauseType, QuestionType

LAYER_MANIFEST = """\
library:
  name: region-norr
  version: 0.3.0
  languages: [sv, en]
  description: {sv: Regionens tillägg., en: The region's additions.}
  license: CC0-1.0
"""


def test_minimal_library_loads_into_frozen_objects() -> None:
    library = load_library([MINIMAL])
    assert library.manifest.name == "test-minimal"
    assert [c.id for c in library.clauses] == ["T-1-01", "T-2-01", "T-2-02"]
    assert library.clauses[2].type is ClauseType.AWARD
    assert library.question("export_days").type is QuestionType.NUMBER  # type: ignore[union-attr]
    assert library.digest.startswith("sha256:")
    origin = library.clauses[0].origin
    assert origin.path == MINIMAL / "clauses.yaml"
    assert origin.line == 2


def test_digest_changes_when_a_file_changes(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "lib"
    shutil.copytree(MINIMAL, copy)
    before = load_library([copy]).digest
    path = copy / "clauses.yaml"
    path.write_text(path.read_text("utf-8").replace("full rätt", "hela rätten"), "utf-8")
    assert load_library([copy]).digest != before


def test_a_layer_adds_overrides_and_disables_by_id(write_tree: Callable[..., Path]) -> None:
    root = write_tree(
        {
            "layer/library.yaml": LAYER_MANIFEST,
            "layer/changes.yaml": """\
            overrides:
              - id: T-2-01
                justification: Vår arkivplan kräver kortare tid.
                set:
                  version: 2
                  title: {sv: Export inom en vecka, en: Export within a week}
              - id: T-2-02
                justification: Vi utvärderar inte detta.
                disable: true
            """,
        }
    )
    library = load_library([MINIMAL, root / "layer"])
    assert [c.id for c in library.clauses] == ["T-1-01", "T-2-01"]
    changed = library.clause("T-2-01")
    assert changed is not None
    assert changed.version == 2
    assert changed.title["sv"] == "Export inom en vecka"
    assert changed.text["sv"].startswith("Leverantören ska leverera en export")
    assert changed.layer == "region-norr"
    assert [o.justification for o in library.overrides][1] == "Vi utvärderar inte detta."
    assert [m.name for m in library.layers] == ["test-minimal", "region-norr"]


def test_an_override_of_an_unknown_id_is_an_error(write_tree: Callable[..., Path]) -> None:
    root = write_tree(
        {
            "layer/library.yaml": LAYER_MANIFEST,
            "layer/changes.yaml": (
                "overrides:\n  - id: T-9-99\n    justification: x\n    disable: true\n"
            ),
        }
    )
    _, findings = read_library([MINIMAL, root / "layer"])
    assert [(f.code, f.where.line, f.message) for f in findings if f.is_error] == [
        ("KG206", 2, "override names unknown clause 'T-9-99'"),
    ]


def test_a_layer_cannot_redefine_a_clause_without_an_override(
    write_tree: Callable[..., Path],
) -> None:
    clause = (MINIMAL / "clauses.yaml").read_text("utf-8")
    root = write_tree({"layer/library.yaml": LAYER_MANIFEST})
    (root / "layer" / "copy.yaml").write_text(clause, "utf-8")
    with pytest.raises(LibraryError) as info:
        load_library([MINIMAL, root / "layer"])
    codes = {f.code for f in info.value.findings}  # type: ignore[attr-defined]
    assert codes == {"KG201"}
    assert "use 'overrides'" in (info.value.hint or "") or any(
        "overrides" in (f.hint or "")
        for f in info.value.findings  # type: ignore[attr-defined]
    )


def test_load_library_raises_with_every_error(write_tree: Callable[..., Path]) -> None:
    root = write_tree(
        {
            "lib/library.yaml": (MINIMAL / "library.yaml").read_text("utf-8"),
            "lib/bad.yaml": "clauses:\n  - id: bad id\n    versoin: 1\n",
        }
    )
    with pytest.raises(LibraryError) as info:
        load_library([root / "lib"])
    assert info.value.code in {"KG102", "KG103", "KG104"}
    assert len(info.value.findings) >= 3
    assert "kravgen validate" in (info.value.hint or "")


def test_an_override_must_change_an_earlier_library(write_tree: Callable[..., Path]) -> None:
    root = write_tree(
        {
            "lib/library.yaml": (MINIMAL / "library.yaml").read_text("utf-8"),
            "lib/clauses.yaml": (MINIMAL / "clauses.yaml").read_text("utf-8"),
            "lib/own.yaml": "overrides:\n  - id: T-1-01\n    justification: x\n    disable: true\n",
        }
    )
    _, findings = read_library([root / "lib"])
    assert [(f.code, f.message) for f in findings if f.is_error] == [
        ("KG206", "override names a clause of the same library 'T-1-01'"),
    ]


def test_a_record_with_a_schema_error_leaves_its_neighbours_checked(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "lib"
    shutil.copytree(MINIMAL, root)
    clauses = [
        f"""\
  - id: T-9-{n:02d}
    version: {"two" if n == 12 else 1}
    type: ska-krav
    area: "1"
    title: {{sv: Krav {n}, en: Requirement {n}}}
    text:
      sv: Leverantören ska ge {{{{ {"buyer_nam" if n == 1 else "buyer_name"} }}}} data.
      en: The supplier shall give data.
    verification: {{sv: Intyg., en: A statement.}}
    response: {{confirm: true}}
    motive: {{sv: Motiv., en: Motive.}}
    guidance: {{sv: Behåll., en: Keep.}}
"""
        for n in range(13)
    ]
    (root / "more.yaml").write_text("clauses:\n" + "".join(clauses), encoding="utf-8")
    library, findings = read_library([root])
    assert library is not None
    ids = [c.id for c in library.clauses]
    # clauses[12] has the error; clauses[1] and clauses[11] share a prefix with it but are fine.
    assert "T-9-12" not in ids
    assert "T-9-01" in ids
    assert "T-9-11" in ids
    assert any(f.code == "KG302" and "T-9-01" in f.message for f in findings)
    assert [f.data_path for f in findings if f.is_error and f.code != "KG302"] == [
        "clauses[12].version"
    ]
