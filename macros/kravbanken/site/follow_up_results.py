"""The register of follow-ups: the list with its filter pages, a page per follow-up, the plan of
the planned ones, the charts of deviations, and what a criterion, a risk area and a clause of the
code of conduct show of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import labels, urls
from ..model import Library, title_of
from ..model.kinds import RESULTS_EXPORT_SCHEMA
from .render import front_matter, render

KIND = "follow_up_result"
# The filters of the register, each a page per value (no script needed): URL part -> what it reads.
FACETS = ("riskomrade", "ar", "status")


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn at build time (chart.html), with the same numbers in a table beside it."""

    id: str  # the HTML id, unique on its page
    title: str
    label_header: str  # the header of the table's first column
    value_header: str
    rows: list[tuple[str, int]]  # (label, value), in the order shown

    @property
    def top(self) -> int:
        return max((v for _, v in self.rows), default=0) or 1


def results(lib: Library) -> list[dict]:
    """Every follow-up, newest year first, then by id."""
    return sorted(lib.records[KIND].values(), key=lambda r: (-r["year"], r["id"]))


def deviations(record: dict) -> int:
    """The number of production sites with a deviation, summed over the clauses of the code."""
    return sum(f["sites"] for f in record.get("findings", []))


def facet_value(record: dict, facet: str) -> str | None:
    """The value of a record for one filter of the register (None: not in any of its pages)."""
    if facet == "riskomrade":
        return record.get("risk_area")
    return str(record["year"]) if facet == "ar" else record["status"]


def facet_values(lib: Library, facet: str) -> list[tuple[str, str]]:
    """(value, label) of every value of a filter that some follow-up has, in the order shown."""
    present = {v for r in lib.records[KIND].values() if (v := facet_value(r, facet)) is not None}
    if facet == "riskomrade":
        return [(a["id"], title_of(a)) for a in lib.sorted("risk_area") if a["id"] in present]
    if facet == "ar":
        return [(y, y) for y in sorted(present, reverse=True)]
    return [(s, lib.label("follow_up_status", s)) for s in lib.schemas.codes("follow_up_status") if s in present]


def clause_chart(lib: Library, record: dict) -> Chart:
    """Deviations by clause of the code of conduct in one follow-up, in the order of the code."""
    w = labels.words()
    order = {c["id"]: n for n, c in enumerate(lib.sorted("coc_clause"))}
    findings = sorted(record.get("findings", []), key=lambda f: order[f["clause"]])
    clauses = lib.records["coc_clause"]
    return Chart(
        f"diagram-{record['id']}",
        w["results_chart_clauses"].format(id=record["id"]),
        w["results_clause"],
        w["results_sites"],
        [(f"{f['clause']} {title_of(clauses[f['clause']])}", f["sites"]) for f in findings],
    )


def area_year_chart(lib: Library, area: dict | None = None) -> Chart:
    """Production sites with a deviation per risk area and year, from the completed follow-ups
    (of one area when `area` is given), oldest year first."""
    w = labels.words()
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for record in lib.records[KIND].values():
        wanted = area is None or record.get("risk_area") == area["id"]
        if record["status"] == "completed" and "risk_area" in record and wanted:
            totals[record["risk_area"], record["year"]] += deviations(record)
    areas = {a["id"]: n for n, a in enumerate(lib.sorted("risk_area"))}
    keys = sorted(totals, key=lambda k: (areas[k[0]], k[1]))
    names = {i: title_of(lib.records["risk_area"][i]) for i, _ in keys}
    if area is None:
        return Chart(
            "diagram-riskomraden",
            w["results_chart_areas"],
            w["results_area_year"],
            w["results_sites"],
            [(f"{names[a]} {year}", totals[a, year]) for a, year in keys],
        )
    return Chart(
        "diagram-uppfoljning",
        w["results_chart_area"].format(name=title_of(area)),
        w["results_year"],
        w["results_sites"],
        [(str(year), totals[a, year]) for a, year in keys],
    )


def _context(lib: Library) -> dict:
    return {"lib": lib, "deviations": deviations, "field": lambda name: labels.field(lib, name, KIND)}


def area_context(lib: Library, area: dict) -> dict:
    """What a risk area's page shows of its follow-ups (risk_area_results.html)."""
    found = [r for r in results(lib) if r.get("risk_area") == area["id"]]
    shared = {k: v for k, v in _context(lib).items() if k != "lib"}  # the risk area's page has lib already
    return {**shared, "area_results": found, "area_chart": area_year_chart(lib, area)}


def _register(lib: Library, here: str, shown: list[dict], title: str, description: str, chosen=None) -> str:
    filters = [(facet, facet_values(lib, facet)) for facet in FACETS]
    return render(
        "results.md",
        here,
        # A filter page repeats part of the register: only the register is in the site search.
        meta=front_matter(title=title, description=description, **({"search": {"exclude": True}} if chosen else {})),
        title=title,
        shown=shown,
        total=len(lib.records[KIND]),
        filters=filters,
        chosen=chosen,
        chart=area_year_chart(lib) if chosen is None else None,
        tables=[urls.results_file(s) for s in urls.RESULTS_TABLES],
        schema=urls.schema_file(RESULTS_EXPORT_SCHEMA),
        feed=urls.RESULTS_FEED,
        **_context(lib),
    )


def result_page(lib: Library, record: dict) -> str:
    w = labels.words()
    return render(
        "result.md",
        urls.page("result", id=record["id"]),
        meta=front_matter(
            title=f"{record['id']} {title_of(record)}",
            description=record["summary"]["sv"] if "summary" in record else title_of(record),
            # Out of the site search, which finds the register: its many words about an area
            # (handskar) would put it above the criteria a procurer searches for.
            search={"exclude": True},
        ),
        record=record,
        chart=clause_chart(lib, record),
        example=(w["example"], w["example_follow_up_result"]) if record["example"] else None,
        **_context(lib),
    )


def results_pages(lib: Library) -> dict[str, str]:
    """The register, its filter pages, the plan and a page per follow-up: source path -> Markdown."""
    w = labels.words()
    everything = results(lib)
    pages = {
        urls.source("results"): _register(
            lib, urls.page("results"), everything, w["results_title"], w["results_description"]
        )
    }
    for facet, values in ((f, facet_values(lib, f)) for f in FACETS):
        for value, label in values:
            here = urls.page("results_by", facet=facet, value=value)
            shown = [r for r in everything if facet_value(r, facet) == value]
            title = w["results_filtered_title"].format(what=w[f"results_facet_{facet}"], value=label)
            pages[urls.source("results_by", facet=facet, value=value)] = _register(
                lib, here, shown, title, w["results_description"], chosen=(facet, value)
            )
    planned = sorted((r for r in everything if r["status"] == "planned"), key=lambda r: (r["year"], r["id"]))
    pages[urls.source("results_plan")] = render(
        "results_plan.md",
        urls.page("results_plan"),
        meta=front_matter(title=w["results_plan_title"], description=w["results_plan_description"]),
        planned=planned,
        **_context(lib),
    )
    for record in everything:
        pages[urls.source("result", id=record["id"])] = result_page(lib, record)
    return pages


def criterion_index(lib: Library) -> dict[str, list[tuple[dict, list[str]]]]:
    """{criterion id: [(follow-up, the versions its contracts held), ...]}: each follow-up once,
    however many versions of the criterion it names. Made once for all criterion pages."""
    out: dict[str, list[tuple[dict, list[str]]]] = defaultdict(list)
    for record in results(lib):
        versions: dict[str, list[str]] = defaultdict(list)
        for item in record.get("criteria", []):
            versions[item["id"]].append(item["version"])
        for record_id, held in versions.items():
            out[record_id].append((record, held))
    return out


def clause_counts(lib: Library) -> dict[str, tuple[int, int, int]]:
    """{clause id: (follow-ups that found a deviation against it, production sites with one,
    completed follow-ups)} for the code of conduct's pages."""
    completed = [r for r in lib.records[KIND].values() if r["status"] == "completed"]
    out: dict[str, tuple[int, int, int]] = {}
    for clause in lib.records["coc_clause"]:
        sites = [sum(f["sites"] for f in r.get("findings", []) if f["clause"] == clause) for r in completed]
        out[clause] = (sum(1 for s in sites if s), sum(sites), len(completed))
    return out
