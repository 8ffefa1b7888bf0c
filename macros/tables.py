"""Tables and lists that hand-written pages show through macros."""

from __future__ import annotations

import re

from .library import Library
from .pages import title_of, url
from .render import escape


def _search_words(record: dict) -> str:
    """The distinct words of the Swedish title, clause and search keywords, for the free-text filter."""
    text = " ".join([record["title"]["sv"], record["clause"]["sv"], *record.get("tags", [])]).lower()
    return " ".join(dict.fromkeys(re.findall(r"\w{2,}", text)))


def criteria_table(lib: Library, prefix: str = "../") -> str:
    """The overview of all criteria, one row each, linking to each criterion's page.

    Each row carries its codes in data- attributes so that the filters can narrow the table
    without a second copy of the data; the cells show the Swedish labels.
    """
    rows = []
    for record in sorted(lib.criteria.values(), key=lambda r: r["id"]):
        areas = [lib.records["risk_area"][a] for a in record["risk_areas"]]
        rows.append(
            f'<tr data-id="{escape(record["id"])}" data-type="{record["type"]}" data-level="{record["level"]}" '
            f'data-status="{record["status"]}" data-risk-areas="{" ".join(record["risk_areas"])}" '
            f'data-search="{escape(_search_words(record))}">'
            f'<td><a href="{prefix}{url("criterion", id=record["id"])}">{escape(record["id"])}</a></td>'
            f'<td>{escape(title_of(record))}</td>'
            f'<td>{escape(lib.label("type", record["type"]))}</td>'
            f'<td>{escape(lib.label("level", record["level"]))}</td>'
            f'<td>{escape(", ".join(title_of(a) for a in areas))}</td>'
            f'<td>{escape(lib.label("status", record["status"]))}</td>'
            f'<td>{escape(record["version"])}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Id", "Rubrik", "Kravtyp", "Nivå", "Riskområden", "Status", "Version"))
    # The wrapper scrolls sideways on narrow screens instead of the page (WCAG 1.4.10); it takes
    # focus so that keyboard users can scroll it too.
    return ('<div class="kb-scroll" role="region" aria-label="Tabell med kriterierna" tabindex="0">'
            f'<table class="kb-criteria" id="kriterier-tabell"><caption>{len(rows)} kriterier</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _select(name: str, label: str, every: str, options: list[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{escape(code)}">{escape(text)}</option>' for code, text in options)
    return (f'<div class="kb-field"><label for="kb-filter-{name}">{label}</label>'
            f'<select id="kb-filter-{name}" name="{name}"><option value="">{every}</option>{items}</select></div>')


def criteria_filters(lib: Library) -> str:
    """The filter form above the overview table. kravbanken.js shows it and filters the rows; the
    form is hidden without JavaScript, when the full table is what a reader gets. Field names are
    the URL query keys, so a filtered list can be shared as a link."""
    def codes(codelist):
        return [(c, lib.label(codelist, c)) for c in lib.schemas.codelists[codelist]["enum"]]

    areas = [(a["id"], title_of(a)) for a in sorted(lib.records["risk_area"].values(), key=title_of)]
    fields = "".join([
        _select("riskomrade", "Riskområde", "Alla riskområden", areas),
        _select("kravtyp", "Kravtyp", "Alla kravtyper", codes("type")),
        _select("niva", "Nivå", "Alla nivåer", codes("level")),
        _select("status", "Status", "Alla", codes("status")),
        '<div class="kb-field kb-field-text"><label for="kb-filter-text">Sök på id, ord i rubrik eller kravtext</label>'
        '<input type="search" id="kb-filter-text" name="text" autocomplete="off"></div>',
    ])
    return ('<form class="kb-filter" id="kb-filter" role="search" aria-label="Filtrera kriterierna" hidden>'
            f'<fieldset><legend>Filtrera kriterierna</legend>{fields}</fieldset>'
            '<button type="reset" class="md-button">Visa alla kriterier</button>'
            f'<p class="kb-count" id="kb-count" role="status">{len(lib.criteria)} av {len(lib.criteria)} kriterier</p>'
            '</form>')
