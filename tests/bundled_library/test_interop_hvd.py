"""Issue 11 §3: the high-value datasets question is asked whatever the plans for open data.

Regulation (EU) 2023/138 binds whoever holds such data, so an answer naming a theme must
select the clauses on high-value datasets even when the buyer does not plan open data.
"""

from __future__ import annotations

from interop_helpers import Run, annex, selected

from conftest import EXAMPLES

SOCIAL = EXAMPLES / "socialtjanst-kommun.yaml"  # answers open_data: false
STUDY = EXAMPLES / "forstudie-kollektivtrafik.yaml"
SYSTEM_HVD = {"KG-3-09", "KG-7-03"}  # API and bulk download for the datasets


def test_a_system_holding_high_value_datasets_gets_their_clauses_without_open_data_plans(
    run_cli: Run,
) -> None:
    chosen = selected(run_cli, SOCIAL, "open_data=false", "hvd_themes=statistics")
    assert chosen >= SYSTEM_HVD


def test_the_given_themes_reach_the_annex_when_open_data_is_not_planned(run_cli: Run) -> None:
    text = annex(run_cli, SOCIAL, "open_data=false", "hvd_themes=geospatial,companies")
    assert "(EU) 2023/138" in text


def test_no_themes_no_high_value_dataset_clauses(run_cli: Run) -> None:
    assert not selected(run_cli, SOCIAL, "open_data=true") & (SYSTEM_HVD | {"KG-7-06"})


def test_a_study_analyses_the_datasets_against_the_regulation_without_open_data_plans(
    run_cli: Run,
) -> None:
    chosen = selected(run_cli, STUDY, "open_data=false")  # the example answers mobility
    assert "KG-7-06" in chosen
    assert not chosen & SYSTEM_HVD  # a study builds no API


def test_open_data_plans_alone_do_not_bring_the_regulation(run_cli: Run) -> None:
    assert "KG-7-06" not in selected(run_cli, STUDY, "hvd_themes=")
