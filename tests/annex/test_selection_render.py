from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, REPO
from kravgen.annex.render import render_annex, render_context, render_text
from kravgen.annex.sandbox import environment, holds_markup
from kravgen.errors import RenderError
from kravgen.library import load_library
from kravgen.model import Answers, Reason
from kravgen.selection import select_clauses

TEMPLATES = REPO / "templates"


def _answers(**values: object) -> Answers:
    return Answers({"procurement_kind": "it-system", "buyer_name": "Umeå kommun", **values})  # type: ignore[arg-type]


def test_selection_follows_the_procurement_kind() -> None:
    library = load_library([MINIMAL])
    it = select_clauses(library, _answers(export_days=30))
    study = select_clauses(library, _answers(procurement_kind="feasibility-study"))
    assert [d.clause.id for d in it.selected] == ["T-1-01", "T-2-01"]
    assert [d.clause.id for d in study.selected] == ["T-1-01", "T-2-02"]
    assert [d.reasons for d in study.rejected] == [
        (Reason("procurement_kind", "feasibility-study"),)
    ]


def test_selection_is_a_pure_function() -> None:
    library = load_library([MINIMAL])
    assert select_clauses(library, _answers()) == select_clauses(library, _answers())


def test_placeholders_are_filled_in_the_annex_language() -> None:
    library = load_library([MINIMAL])
    answers = _answers(export_days=14)
    annex = render_annex(library, answers, select_clauses(library, answers), "en", TEMPLATES)
    texts = {c.id: c.text for c in annex.clauses}
    assert (
        texts["T-1-01"]
        == "The supplier shall give Umeå kommun the full right to use all data delivered."
    )
    assert "within 14 days" in texts["T-2-01"]
    assert annex.clauses[1].describe == "Describe formats, fields and how an export is ordered."
    assert [t.term for t in annex.definitions] == ["Open format"]
    assert annex.provenance["clauses"] == "T-1-01@1, T-2-01@1"
    assert "Umeå kommun" in annex.introduction[0]


def test_an_undefined_placeholder_names_the_clause(tmp_path: Path) -> None:
    library = load_library([MINIMAL])
    clause = library.clauses[0]
    context = render_context(library, Answers({}), "sv")
    with pytest.raises(RenderError) as info:
        render_text(clause.text["sv"], context, clause, "text.sv")
    assert str(info.value).endswith("clause T-1-01: 'buyer_name' is undefined in text.sv")
    assert info.value.where is not None
    assert info.value.where.path == MINIMAL / "clauses.yaml"


def test_the_sandbox_blocks_attribute_escapes() -> None:
    library = load_library([MINIMAL])
    clause = library.clauses[0]
    evil = "{{ buyer_name.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises(RenderError, match="clause T-1-01"):
        render_text(evil, render_context(library, _answers(), "sv"), clause, "text.sv")


def test_template_markup_in_an_answer_never_reaches_the_document() -> None:
    library = load_library([MINIMAL])
    clause = library.clauses[0]
    context = render_context(library, _answers(buyer_name="{{ 7*7 }}"), "sv")
    with pytest.raises(RenderError, match="still holds"):
        render_text(clause.text["sv"], context, clause, "text.sv")


def test_kept_defaults_and_coverage_for_the_memo() -> None:
    library = load_library([MINIMAL])
    answers = _answers(export_days=30)
    annex = render_annex(
        library,
        answers,
        select_clauses(library, answers),
        "sv",
        TEMPLATES,
        frozenset({"export_days"}),
    )
    assert [(k.question, k.value) for k in annex.kept_defaults] == [("export_days", "30")]
    assert [(r.source, r.status, r.clauses) for r in annex.coverage] == [
        ("rec-1", "covered", ("T-1-01",)),
    ]
    # the memo names the answer that excluded a clause in words, not as an id and a value
    assert [(r.id, r.reasons) for r in annex.rejected] == [
        ("T-2-02", ("Inte valt eftersom ni svarade it-system på ”Vad upphandlar ni?”.",))
    ]
    assert [c.reasons for c in annex.clauses] == [(), ("Vad upphandlar ni? It-system",)]


def test_missing_fixed_text_in_a_template_is_a_clear_error(tmp_path: Path) -> None:
    from kravgen.errors import TemplateError

    templates = tmp_path / "tpl"
    shutil.copytree(TEMPLATES, templates)
    for path in templates.glob("*/instructions.md.j2"):
        path.unlink()
    library = load_library([MINIMAL])
    answers = _answers(export_days=30)
    with pytest.raises(TemplateError, match=r"instructions\.md\.j2"):
        render_annex(library, answers, select_clauses(library, answers), "sv", templates)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_text_without_markup_reads_as_jinja_would_render_it(lang: str) -> None:
    # render_text skips Jinja for texts without markup; the annex must read the same either way.
    library = load_library([REPO / "requirements-library"])
    context = render_context(library, _answers(), lang)
    plain = [
        (clause, name, text[lang])
        for clause in library.clauses
        for name in ("title", "text", "evaluation", "verification", "motive", "guidance")
        if (text := getattr(clause, name)) is not None and lang in text
        if not holds_markup(text[lang])
    ]
    assert len(plain) > 100
    for clause, name, text in plain:
        jinja = environment(lang).from_string(text).render(context).strip()
        assert render_text(text, context, clause, f"{name}.{lang}") == jinja


def test_markup_and_carriage_returns_still_go_through_jinja() -> None:
    library = load_library([MINIMAL])
    clause = library.clauses[0]
    context = render_context(library, _answers(), "sv")
    assert render_text("a{# note #}b\n", context, clause, "text.sv") == "ab"
    assert render_text("rad ett\r\nrad två\n", context, clause, "text.sv") == "rad ett\nrad två"
    assert all(holds_markup(text) for text in ("{{ x }}", "{% if x %}", "{# x #}", "a\rb"))
    assert not holds_markup("ett { och } två")
