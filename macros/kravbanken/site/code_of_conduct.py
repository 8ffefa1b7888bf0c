"""The supplier code of conduct, in Swedish and English, and the conventions it rests on."""

from __future__ import annotations

from ..model import Library
from .follow_up_results import clause_counts
from .render import render


def _clauses_by_area(lib: Library) -> list:
    """(area code, its clauses in order) for each area of the code that has clauses."""
    clauses = lib.sorted("coc_clause")
    by_area = [(area, [c for c in clauses if c["area"] == area]) for area in lib.schemas.codes("coc_area")]
    return [(area, found) for area, found in by_area if found]


def code_of_conduct(lib: Library, here: str, lang: str = "sv") -> str:
    return render(
        "code_of_conduct.html", here, lib=lib, lang=lang, areas=_clauses_by_area(lib), clause_results=clause_counts(lib)
    )


def code_of_conduct_contents(lib: Library, here: str, lang: str = "sv") -> str:
    return render("code_of_conduct_contents.html", here, lib=lib, lang=lang, areas=_clauses_by_area(lib))


def conventions(lib: Library, here: str) -> str:
    return render("conventions.html", here, lib=lib, conventions=lib.sorted("convention"))
