"""Tables and lists that hand-written pages show through macros."""

from __future__ import annotations

from .library import Library
from .pages import title_of, url
from .render import escape


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
            f'data-status="{record["status"]}" data-risk-areas="{" ".join(record["risk_areas"])}">'
            f'<td><a href="{prefix}{url("criterion", id=record["id"])}">{escape(record["id"])}</a></td>'
            f'<td>{escape(title_of(record))}</td>'
            f'<td>{escape(lib.label("type", record["type"]))}</td>'
            f'<td>{escape(lib.label("level", record["level"]))}</td>'
            f'<td>{escape(", ".join(title_of(a) for a in areas))}</td>'
            f'<td>{escape(lib.label("status", record["status"]))}</td>'
            f'<td>{escape(record["version"])}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Id", "Rubrik", "Kravtyp", "Nivå", "Riskområden", "Status", "Version"))
    return (f'<table class="kb-criteria" id="kriterier-tabell"><caption>{len(rows)} kriterier</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
