"""A real bug still says so, and --debug still shows its traceback (issue 14's acceptance)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def broken_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    import kravgen.commands

    def fail() -> None:
        raise RuntimeError("a defect planted by the test")

    monkeypatch.setattr(kravgen.commands, "run_schema", fail)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.mark.usefixtures("broken_schema")
def test_an_internal_error_asks_for_a_report(run_cli: Callable[..., object]) -> None:
    result = run_cli("schema")
    assert result.exit_code == 4  # type: ignore[attr-defined]
    assert "RuntimeError: a defect planted by the test" in result.stderr  # type: ignore[attr-defined]
    assert "This is a bug in kravgen" in result.stderr  # type: ignore[attr-defined]


@pytest.mark.usefixtures("broken_schema")
def test_debug_lets_the_traceback_through(run_cli: Callable[..., object]) -> None:
    with pytest.raises(RuntimeError, match="a defect planted by the test"):
        run_cli("--debug", "schema")
