"""The overview of all criteria on /kriterier/ and the filters above it."""

from __future__ import annotations

import re

from .. import labels
from ..model import Library, title_of
from .render import render


def _search_words(record: dict) -> str:
    """The distinct words of the Swedish title, clause and search keywords, for the free-text filter."""
    text = " ".join([record["title"]["sv"], record["clause"]["sv"], *record.get("tags", [])]).lower()
    return " ".join(dict.fromkeys(re.findall(r"\w{2,}", text)))


def criteria_table(lib: Library, here: str) -> str:
    rows = [(record, _search_words(record)) for record in sorted(lib.criteria.values(), key=lambda r: r["id"])]
    return render("criteria_table.html", here, lib=lib, rows=rows, field=lambda name: labels.field(lib, name))


def criteria_filters(lib: Library, here: str) -> str:
    areas = [(a["id"], title_of(a)) for a in sorted(lib.records["risk_area"].values(), key=title_of)]
    return render("criteria_filters.html", here, areas=areas, total=len(lib.criteria),
                  options=lambda codelist: [(c, lib.label(codelist, c)) for c in lib.schemas.codes(codelist)],
                  field=lambda name: labels.field(lib, name))
