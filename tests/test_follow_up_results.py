"""The register of follow-ups (issue 25): a follow-up that names something unknown is refused with a
located Swedish message; the site shows each follow-up, the plan, filters that work without script,
charts whose numbers equal their tables and the records, and links both ways between follow-ups,
criteria, risk areas and the code of conduct; the register is published as JSON, CSV and Atom.

Expected figures are computed here from the YAML files themselves, never taken from the program."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, read_page, url

FOLDER = "criteria/uppfoljningsresultat"
FILE = f"{FOLDER}/UPF-2030-01.yaml"
SITE_URL = "https://kravbanken.se/"

# A valid follow-up that each test breaks in one place; the line numbers below are this text's.
BASE = """\
id: UPF-2030-01
version: "1.0"
published: "2026-11-24"
example: true
title:
  sv: Prov av registret
status: completed
year: 2030
risk_area: textil
region: Exempelregion Prov
criteria:
  - id: SOC-002
    version: "1.0"
methods:
  - sjalvskattning
findings:
  - clause: AR-6
    sites: 2
    severity: minor
summary:
  sv: Ett prov.
completed: "2026-11-30"
"""


def records(root: Path = ROOT) -> dict[str, dict]:
    """The follow-ups as the YAML files hold them, read without the program's loader."""
    return {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((root / FOLDER).glob("*.yaml"))}


def problems_with(project: Path, old: str, new: str) -> list[str]:
    assert old in BASE
    (project / FILE).write_text(BASE.replace(old, new, 1), encoding="utf-8")
    from kravbanken.model import load_library

    return [str(p) for p in load_library(project).problems]


def position(text: str, needle: str) -> tuple[int, int]:
    """(line, column) where `needle` starts in `text`, both counted from 1."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_the_valid_follow_up_is_accepted(project):
    assert problems_with(project, "id: UPF-2030-01", "id: UPF-2030-01") == []


def test_an_unknown_criterion_version_is_refused_where_it_stands(project):
    from kravbanken.model import load_library

    published = [r["version"] for r in load_library(project).history("SOC-002")]
    assert "9.9" not in published
    text = BASE.replace('version: "1.0"\nmethods', 'version: "9.9"\nmethods')
    line, col = position(text, '"9.9"')
    [problem] = problems_with(project, 'version: "1.0"\nmethods', 'version: "9.9"\nmethods')
    assert problem.startswith(
        f"{FILE}:{line}:{col}: version i avtalet (criteria[0].version): "
        'kravet SOC-002 har ingen publicerad version "9.9"'
    )
    assert all(f'"{v}"' in problem for v in published)


UNKNOWN = [  # (where the value stands, the line as it is, the line with an unknown value, the message)
    ("SOC-002", "id: SOC-002", "id: SOC-998", 'krav-id (criteria[0].id): kravet "SOC-998" finns inte'),
    (
        "sjalvskattning",
        "  - sjalvskattning",
        "  - sjalvskatning",
        'metoder (methods[0]): uppföljningsmetoden "sjalvskatning" finns inte; menade du "sjalvskattning"?',
    ),
    (
        "textil",
        "risk_area: textil",
        "risk_area: textilier",
        'riskområde (risk_area): riskområdet "textilier" finns inte',
    ),
    (
        "AR-6",
        "clause: AR-6",
        "clause: AR-9",
        'punkt i uppförandekoden (findings[0].clause): punkten i uppförandekoden "AR-9" finns inte',
    ),
]


@pytest.mark.parametrize(
    ("anchor", "line_text", "unknown", "message"), UNKNOWN, ids=["krav", "metod", "riskomrade", "punkt"]
)
def test_an_unknown_reference_is_refused_where_it_stands(project, anchor, line_text, unknown, message):
    line, col = position(BASE, anchor)
    [problem] = problems_with(project, line_text, unknown)
    assert problem.startswith(f"{FILE}:{line}:{col}: {message}")


def test_the_validator_and_the_exit_code_say_the_same(project):
    (project / FILE).write_text(BASE.replace("clause: AR-6", "clause: AR-9"), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [f"{FILE}:17:13"]


def test_supplier_names_only_with_a_public_report(project):
    named = 'completed: "2026-11-30"\nsuppliers:\n  - Exempelföretaget AB\n'
    line, _ = position(BASE.replace('completed: "2026-11-30"\n', named), "suppliers:")
    [problem] = problems_with(project, 'completed: "2026-11-30"\n', named)
    assert re.match(rf"{FILE}:({line}|{line + 1}):\d+: leverantörer som följdes upp \(suppliers\): ", problem)
    assert "report_public: true" in problem
    public = 'completed: "2026-11-30"\nreport_public: true\nsuppliers:\n  - Exempelföretaget AB\n'
    assert problems_with(project, 'completed: "2026-11-30"\n', public) == []


def test_a_planned_follow_up_has_no_findings(project):
    found = problems_with(project, "status: completed", "status: planned")
    assert len(found) == 3  # findings, summary, completed: each where it stands
    line, _ = position(BASE, "findings:")
    # the findings' list starts on the line below its key
    assert any(re.match(rf"{FILE}:({line}|{line + 1}):", p) and "status completed" in p for p in found)


def test_a_completed_follow_up_needs_a_summary(project):
    [problem] = problems_with(project, "summary:\n  sv: Ett prov.\n", "")
    line, col = position(BASE, "completed\n")
    assert problem.startswith(f"{FILE}:{line}:{col}: status (status): en genomförd uppföljning")
    assert "sammanfattning (summary)" in problem


def test_a_criterion_named_twice_in_one_follow_up_is_listed_once(project):
    from bs4 import BeautifulSoup

    from kravbanken.model import load_library
    from kravbanken.site.criterion import criterion_page

    twice = '  - id: SOC-002\n    version: "1.0"\n  - id: SOC-002\n    version: "1.1"\nmethods'
    assert problems_with(project, '  - id: SOC-002\n    version: "1.0"\nmethods', twice) == []
    lib = load_library(project)
    page = BeautifulSoup(criterion_page(lib, lib.criteria["SOC-002"], SITE_URL), "html.parser")
    rows = [tr for tr in page.select("table.kb-results tbody tr") if "UPF-2030-01" in tr.get_text()]
    assert len(rows) == 1
    assert rows[0].find_all("td")[0].get_text() == "1.0, 1.1"


def test_no_spreadsheet_cell_of_the_register_is_a_formula(project):
    from kravbanken.downloads.tables import FORMULA_START, results_csv
    from kravbanken.model import load_library

    hostile = BASE.replace("sv: Ett prov.", 'sv: "=HYPERLINK(\\"https://example.com\\")"').replace(
        "region: Exempelregion Prov", "region: '@SUM(1+1)'"
    )
    (project / FILE).write_text(hostile, encoding="utf-8")
    lib = load_library(project)
    assert lib.problems == ()
    rows = list(csv.reader(io.StringIO(results_csv(lib, SITE_URL).decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://example.com")' in cells and "'@SUM(1+1)" in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert len(rows) == 1 + len(records(project))


# --- The built site ---


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _completed(recs: dict[str, dict]) -> list[dict]:
    return [r for r in recs.values() if r["status"] == "completed"]


def test_a_followed_up_criterion_shows_where_and_what_was_found(site, lib):
    recs = records()
    named: dict[str, dict[str, list[str]]] = defaultdict(dict)  # criterion -> {follow-up: versions}
    for r in recs.values():
        for item in r.get("criteria", []):
            named[item["id"]].setdefault(r["id"], []).append(item["version"])
    assert named, "the register names no criterion"
    for criterion, followed in named.items():
        clauses = set(lib.criteria[criterion]["code_of_conduct"])
        page = read_page(site, url("criterion", id=criterion))
        table = page.select_one("#uppfoljning").find_next("table")
        shown = {}
        for tr in table.select("tbody tr"):
            cells = tr.find_all("td")
            found = dict(re.findall(r"([A-Z]{2}-\d+): (\d+)", cells[2].get_text()))
            shown[tr.th.get_text().split()[0]] = (cells[0].get_text(), {c: int(n) for c, n in found.items()})
        expected = {
            upf: (
                ", ".join(versions),
                {f["clause"]: f["sites"] for f in recs[upf].get("findings", []) if f["clause"] in clauses},
            )
            for upf, versions in followed.items()
        }
        assert shown == expected, criterion


def _charts(page) -> list[tuple[list[str], list[int], list[float], list[str], list[int], str]]:
    out = []
    for figure in page.select("figure.kb-chart"):
        svg = figure.find("svg")
        labels = [t.get_text() for t in svg.select("text.kb-chart-label")] if svg else []
        values = [int(t.get_text()) for t in svg.select("text.kb-chart-value")] if svg else []
        widths = [float(r["width"]) for r in svg.select("rect.kb-chart-bar")] if svg else []
        rows = [tr for tr in figure.select("table tbody tr") if tr.th]
        out.append(
            (
                labels,
                values,
                widths,
                [tr.th.get_text() for tr in rows],
                [int(tr.td.get_text()) for tr in rows],
                svg.find("desc").get_text() if svg else "",
            )
        )
    return out


def test_every_chart_has_the_numbers_of_its_table(site, lib):
    pages = (
        [url("results")]
        + [url("result", id=i) for i in records()]
        + [url("risk_area", id=a) for a in lib.records["risk_area"]]
    )
    seen = 0
    for path in pages:
        for labels, values, widths, table_labels, table_values, desc in _charts(read_page(site, path)):
            seen += 1
            assert (labels, values) == (table_labels, table_values), path
            assert all(f"{label}: {value}" in desc for label, value in zip(labels, values, strict=True)), path
            top = max(values, default=0)
            for value, width in zip(values, widths, strict=True):  # bars in proportion to their numbers
                assert abs(width / max(widths) - value / top) < 0.01, path
    assert seen >= len(_completed(records())) + 1


def test_the_charts_count_what_the_records_say(site, lib):
    recs = records()
    clause_titles = {i: r["title"]["sv"] for i, r in lib.records["coc_clause"].items()}
    for r in _completed(recs):
        [(labels, values, *_)] = _charts(read_page(site, url("result", id=r["id"])))
        expected = {f"{f['clause']} {clause_titles[f['clause']]}": f["sites"] for f in r.get("findings", [])}
        assert dict(zip(labels, values, strict=True)) == expected
    per_area_year: dict[str, int] = defaultdict(int)
    for r in _completed(recs):
        if "risk_area" in r:
            name = lib.records["risk_area"][r["risk_area"]]["name"]["sv"]
            per_area_year[f"{name} {r['year']}"] += sum(f["sites"] for f in r.get("findings", []))
    [(labels, values, *_)] = _charts(read_page(site, url("results")))
    assert dict(zip(labels, values, strict=True)) == per_area_year


def test_each_clause_says_how_often_a_deviation_was_found(site, lib):
    completed = _completed(records())
    page = read_page(site, "uppforandekod/")
    for clause in lib.records["coc_clause"]:
        sites = [sum(f["sites"] for f in r.get("findings", []) if f["clause"] == clause) for r in completed]
        found = sum(1 for s in sites if s)
        note = page.find(id=clause).find_parent("div").find_next_sibling("p", class_="kb-clause-results")
        assert _numbers(note.get_text()) == ([found, len(completed), sum(sites)] if found else [len(completed)])


def test_a_risk_area_page_shows_its_follow_up_history(site, lib):
    recs = records()
    for area in lib.records["risk_area"]:
        page = read_page(site, url("risk_area", id=area))
        section = page.select_one("#uppfoljningar")
        table = section.find_next("table") if section else None
        listed = [tr.th.get_text().split()[0] for tr in table.select("tbody tr")] if table else []
        expected = sorted((r for r in recs.values() if r.get("risk_area") == area), key=lambda r: (-r["year"], r["id"]))
        assert listed[: len(expected)] == [r["id"] for r in expected], area


def test_the_filters_are_pages_that_list_exactly_the_matching_follow_ups(site, lib):
    recs = records()
    nav = read_page(site, url("results")).select_one("nav.kb-result-filters")
    links = [a["href"] for a in nav.find_all("a") if a["href"].count("/") == 2]
    value_of = {
        "riskomrade": lambda r: r.get("risk_area"),
        "ar": lambda r: str(r["year"]),
        "status": lambda r: r["status"],
    }
    assert {href.split("/")[0] for href in links} == set(value_of)
    expected_pages = {(f, str(get(r))) for f, get in value_of.items() for r in recs.values() if get(r) is not None}
    assert {tuple(href.split("/")[:2]) for href in links} == expected_pages
    for href in links:
        facet, value = href.split("/")[:2]
        page = read_page(site, url("results_by", facet=facet, value=value))
        listed = {tr.th.get_text().split()[0] for tr in page.select("table.kb-results tbody tr")}
        assert listed == {i for i, r in recs.items() if str(value_of[facet](r)) == value}, href
        assert page.select_one("nav.kb-result-filters a[aria-current=page]")["href"] == "./"


def test_the_plan_lists_each_planned_follow_up_with_its_region(site):
    page = read_page(site, url("results_plan"))
    rows = {
        tr.find_all("td")[-1].get_text().split()[0]: tr.find_all("td")[0].get_text() for tr in page.select("tbody tr")
    }
    assert rows == {i: r["region"] for i, r in records().items() if r["status"] == "planned"}


def test_the_register_as_json_validates_against_its_published_schema(site):
    import jsonschema

    data = json.loads((site / "data" / "uppfoljningsresultat.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "schema" / "bundled" / "follow-up-results-export.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []
    assert [r["id"] for r in data["follow_ups"]] == sorted(records())
    assert list(validator.iter_errors({**data, "follow_ups": [{**data["follow_ups"][0], "status": "done"}]})) != []
    page = read_page(site, url("results"))
    assert page.find("a", href="../../data/uppfoljningsresultat.json")
    assert page.find("a", href="../../data/uppfoljningsresultat.csv")


def test_the_feed_has_each_new_and_completed_follow_up_on_its_own_date(site):
    import feedparser

    page = read_page(site, url("results"))
    link = page.find("a", type="application/atom+xml")
    feed = feedparser.parse((site / url("results") / link["href"]).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    seen = {(e.link.rstrip("/").rsplit("/", 1)[1], e.id.rsplit("#", 1)[1], e.published[:10]) for e in feed.entries}
    expected = {(i, "new", r["published"]) for i, r in records().items()}
    expected |= {(i, "completed", r["completed"]) for i, r in records().items() if "completed" in r}
    assert seen == expected


def test_the_2022_news_post_links_to_its_record(site):
    page = read_page(site, "nyheter/2022/03/15/uppfoljning-2021/")
    assert page.find("a", href=re.compile(r"uppfoljning/resultat/UPF-2021-01/$"))


def test_the_register_pages_are_in_the_accessibility_and_privacy_sweep(site_visits):
    # test_accessibility and test_privacy judge every page the sweep visited; these must be among them.
    visits, requests = site_visits
    pages = {url("results"), url("results_plan"), url("result", id="UPF-2021-01"), url("result", id="UPF-2024-01")}
    pages.add(url("results_by", facet="riskomrade", value="handskar"))
    assert pages <= set(visits)
    assert pages <= {page for page, _ in requests}
    assert [v for p in pages for v in visits[p].violations] == []


def test_chart_text_stays_readable_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (url("results"), url("result", id="UPF-2023-02")):
        page.goto(path)
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('svg.kb-chart-svg text')].map((t) => {
                 const svg = t.ownerSVGElement;
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return parseFloat(getComputedStyle(t).fontSize) * scale;
               }))"""
        )
        assert 12 <= smallest < 100, path
