"""`kravgen evaluate` end to end: suppliers' copies of the socialtjänst workbook."""

from __future__ import annotations

import openpyxl

from evaluate.evaluate_helpers import AWARD_TOTAL, EXAMPLES, clause_rows, evaluate_json, first


def test_three_suppliers_qualified_failed_and_tampered(run_cli, annex_xlsx, fill):
    rows = clause_rows(annex_xlsx)
    ska = first(rows, "Ska-krav", confirm=True)
    edited = first(rows, "Ska-krav", confirm=True, describe=True)
    text = next(r["text"] for r in rows if r["id"] == edited)
    good = fill("a.xlsx", supplier="Alfa AB")
    refused = fill("b.xlsx", {ska: {"answer": "Nej"}}, supplier="Beta AB")
    softened = fill("c.xlsx", {edited: {"text": f"{text} I möjligaste mån."}})

    report = evaluate_json(run_cli, annex_xlsx, good, refused, softened)

    alfa, beta, gamma = report["suppliers"]
    assert alfa == {
        "name": "Alfa AB", "file": str(good), "qualified": True, "failed": [],
        "missing": [], "tampered": [], "added_value": AWARD_TOTAL,
    }  # fmt: skip
    assert (beta["name"], beta["qualified"], beta["failed"]) == ("Beta AB", False, [ska])
    assert (gamma["name"], gamma["qualified"]) == ("c", False)
    assert (gamma["tampered"], gamma["failed"], gamma["missing"]) == ([edited], [], [])


def test_the_answers_file_serves_as_the_annex(run_cli, annex_xlsx, fill, tmp_path):
    ska = first(clause_rows(annex_xlsx), "Ska-krav", confirm=True)
    copies = [fill("a.xlsx"), fill("b.xlsx", {ska: {"answer": "Nej"}})]

    from_workbook = evaluate_json(run_cli, annex_xlsx, *copies)
    from_answers = evaluate_json(run_cli, tmp_path / "bilaga-svar.yaml", *copies)

    assert from_answers == from_workbook


def test_a_refused_contract_condition_fails_and_is_named_in_the_summary(run_cli, annex_xlsx, fill):
    condition = first(clause_rows(annex_xlsx), "Kontraktsvillkor", confirm=True)
    copy = fill("a.xlsx", {condition: {"answer": "nej"}})

    result = run_cli("evaluate", annex_xlsx, copy)

    assert result.exit_code == 0
    assert result.stdout.startswith(f"a ({copy}): inte kvalificerad;")
    assert f"villkor som inte accepteras: {condition}" in result.stdout


def test_missing_answers_and_descriptions(run_cli, annex_xlsx, fill):
    rows = clause_rows(annex_xlsx)
    unanswered = first(rows, "Ska-krav", confirm=True)
    undescribed = first(rows, "Ska-krav", confirm=True, describe=True)
    copy = fill("a.xlsx", {unanswered: {"answer": None}, undescribed: {"description": "  "}})

    (supplier,) = evaluate_json(run_cli, annex_xlsx, copy)["suppliers"]

    assert supplier["qualified"] is False
    assert sorted(supplier["missing"]) == sorted({unanswered, undescribed})


def test_an_award_criterion_not_offered_lowers_the_value_but_still_qualifies(
    run_cli, annex_xlsx, fill
):
    award = first(clause_rows(annex_xlsx), "Tilldelningskriterium", confirm=True)
    copy = fill("a.xlsx", {award: {"answer": "Nej"}})

    (supplier,) = evaluate_json(run_cli, annex_xlsx, copy)["suppliers"]

    assert supplier["qualified"] is True
    assert 0 < supplier["added_value"] < AWARD_TOTAL


def test_reordered_rows_are_matched_by_id(run_cli, annex_xlsx, fill, tmp_path):
    ska = first(clause_rows(annex_xlsx), "Ska-krav", confirm=True)
    copy = fill("a.xlsx", {ska: {"answer": "Nej"}})
    book = openpyxl.load_workbook(copy)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for index, values in enumerate(reversed(rows), start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(index, column).value = value
    book.save(copy)

    (supplier,) = evaluate_json(run_cli, annex_xlsx, copy)["suppliers"]

    assert (supplier["failed"], supplier["missing"], supplier["tampered"]) == ([ska], [], [])


def test_an_edited_id_or_version_is_tampering(run_cli, annex_xlsx, fill):
    rows = clause_rows(annex_xlsx)
    renamed, bumped = rows[0]["id"], rows[1]["id"]
    copy = fill("a.xlsx", {renamed: {"id": "KG-XX-99@1"}, bumped: {"id": f"{bumped}@99"}})

    (supplier,) = evaluate_json(run_cli, annex_xlsx, copy)["suppliers"]

    assert supplier["tampered"] == [renamed, bumped]
    assert supplier["qualified"] is False


def test_a_copy_of_another_annex_is_refused(run_cli, annex_xlsx, fill, tmp_path):
    other = tmp_path / "annan.xlsx"
    built = run_cli(
        "new", "--answers", EXAMPLES / "e-tjanst-region.yaml", "--output", other, "--no-input"
    )
    assert built.exit_code == 0, built.stderr

    result = run_cli("evaluate", annex_xlsx, fill("a.xlsx"), other)

    assert result.exit_code == 3
    assert f"{other}: arbetsboken hör till en annan bilaga" in result.stderr
    assert result.stdout == ""


def test_evaluation_never_changes_the_suppliers_files(run_cli, annex_xlsx, fill, tmp_path):
    copies = [fill("a.xlsx"), fill("b.xlsx")]
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in copies]

    result = run_cli("evaluate", annex_xlsx, *copies, "--output", tmp_path / "utv.xlsx")

    assert result.exit_code == 0
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in copies] == before


def test_the_matrix_workbook(run_cli, annex_xlsx, fill, tmp_path):
    ska = first(clause_rows(annex_xlsx), "Ska-krav", confirm=True)
    copies = [fill("a.xlsx", supplier="Alfa AB"), fill("b.xlsx", {ska: {"answer": "Nej"}})]
    first_run, second_run = tmp_path / "utv1.xlsx", tmp_path / "utv2.xlsx"

    for target in (first_run, second_run):
        assert run_cli("evaluate", annex_xlsx, *copies, "--output", target).exit_code == 0

    assert first_run.read_bytes() == second_run.read_bytes()
    book = openpyxl.load_workbook(first_run)
    assert book.sheetnames == ["Matris", "Sammanfattning"]
    matrix = {row[1].split("@")[0]: row for row in book["Matris"].iter_rows(values_only=True)}
    assert matrix["Id"][3:] == ("Alfa AB", "b")
    assert matrix[ska][3:] == ("Ja", "Nej")
    summary = list(book["Sammanfattning"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3]) for r in summary] == [("Alfa AB", "Ja", None), ("b", "Nej", ska)]


def test_an_existing_matrix_is_not_overwritten(run_cli, annex_xlsx, fill, tmp_path):
    target = tmp_path / "utv.xlsx"
    target.write_bytes(b"the buyer's notes")

    result = run_cli("evaluate", annex_xlsx, fill("a.xlsx"), "--output", target)

    assert result.exit_code == 3
    assert target.read_bytes() == b"the buyer's notes"


def test_english_summary(run_cli, annex_xlsx, fill):
    copy = fill("a.xlsx")

    result = run_cli("evaluate", annex_xlsx, copy, "--lang", "en")

    assert result.exit_code == 0
    assert result.stdout == f"a ({copy}): qualified; added value {AWARD_TOTAL} per cent\n"


def test_the_matrix_never_replaces_a_supplier_copy(run_cli, annex_xlsx, fill):
    copy = fill("a.xlsx")
    before = copy.read_bytes()

    result = run_cli("evaluate", annex_xlsx, copy, "--output", copy, "--force")

    assert result.exit_code == 3
    assert "utvärderingen skulle skriva över en fil den läser" in result.stderr
    assert copy.read_bytes() == before


def test_an_english_workbook_answered_yes_and_no(run_cli, tmp_path):
    annex = tmp_path / "annex.xlsx"
    built = run_cli(
        "new", "--answers", EXAMPLES / "socialtjanst-kommun.yaml", "--output", annex,
        "--lang", "en", "--no-input",
    )  # fmt: skip
    assert built.exit_code == 0, built.stderr
    book = openpyxl.load_workbook(annex)
    sheet = book["Requirements"]
    refused = None
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 9).value != "–":
            first_ska = refused is None and sheet.cell(row, 4).value == "Mandatory requirement"
            sheet.cell(row, 9).value = "No" if first_ska else "Yes"
            refused = str(sheet.cell(row, 2).value).split("@")[0] if first_ska else refused
        if sheet.cell(row, 10).value != "–":
            sheet.cell(row, 10).value = "This is how."
    copy = tmp_path / "tender.xlsx"
    book.save(copy)

    report = evaluate_json(run_cli, annex, copy, "--lang", "en")
    summary = run_cli("evaluate", annex, copy)  # no --lang: the annex's language

    (supplier,) = report["suppliers"]
    assert (supplier["failed"], supplier["missing"], supplier["tampered"]) == ([refused], [], [])
    assert supplier["added_value"] == AWARD_TOTAL
    assert summary.stdout.startswith(f"tender ({copy}): not qualified; added value ")
    assert f"  requirements not met: {refused}\n" in summary.stdout


def test_a_swedish_annex_is_reported_in_swedish_unless_asked(run_cli, annex_xlsx, fill):
    copy = fill("a.xlsx")

    result = run_cli("evaluate", annex_xlsx, copy)

    assert result.stdout == f"a ({copy}): kvalificerad; mervärde {AWARD_TOTAL} procent\n"
