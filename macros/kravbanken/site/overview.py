"""The overview of all criteria on /kriterier/ and the filters above it."""

from __future__ import annotations

from .. import labels
from ..model import Library, title_of
from .render import render


def criteria_table(lib: Library, here: str) -> str:
    """The table the overview's filters fill in (kravbanken.js): its head only, no rows."""
    return render("criteria_table.html", here, field=lambda name: labels.field(lib, name))


def criteria_filters(lib: Library, here: str) -> str:
    areas = [(a["id"], title_of(a)) for a in sorted(lib.records["risk_area"].values(), key=title_of)]
    return render("criteria_filters.html", here, areas=areas, total=len(lib.criteria),
                  options=lambda codelist: [(c, lib.label(codelist, c)) for c in lib.schemas.codes(codelist)],
                  field=lambda name: labels.field(lib, name))
