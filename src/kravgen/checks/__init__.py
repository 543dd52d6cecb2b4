"""The semantic checks of `kravgen validate`, one module per family of codes:
references (KG204/205/209, KG401), questionnaire (KG207), conditions (KG202/203/208),
placeholders (KG301-304; KG303 also for markup in texts shown as written), wording
(KG501-509, KG603), principles and the checklist (KG210, KG206) and reachability (KG601/602).

`answerspace` lies beneath them all: pure queries about the answers a library allows. The
checks take a merged Library and return findings as values; they never import the library
loader, the questionnaire or the annex.
"""

from __future__ import annotations

from datetime import date

from kravgen.checks.answerspace import library_index
from kravgen.checks.conditions import check_conditions
from kravgen.checks.placeholders import check_placeholders, check_shown_markup
from kravgen.checks.principles import check_principles
from kravgen.checks.questionnaire import check_questions
from kravgen.checks.reachability import check_reachability
from kravgen.checks.references import check_languages, check_references
from kravgen.checks.wording import check_review_dates, check_wording
from kravgen.errors import Finding
from kravgen.model import Library

__all__ = ["check_library"]


def check_library(
    library: Library, today: date | None = None, *, complete: bool = True
) -> list[Finding]:
    """Every semantic finding of a merged library.

    `complete=False` says some files or records could not be read: reachability warnings
    (KG601, KG602) would then talk about a library that is not the one on disk, so they wait.
    """
    index = library_index(library)
    findings: list[Finding] = []
    findings += check_languages(library)
    findings += check_references(library, index)
    findings += check_principles(library, index)
    findings += check_questions(library)
    findings += check_conditions(library, index)
    findings += check_placeholders(library, index)
    findings += check_shown_markup(library)
    findings += check_wording(library)
    if complete:
        findings += check_reachability(library, index)
    findings += check_review_dates(library, today or date.today())
    return findings
