"""The built site: every criterion has its pages, clauses are shown exactly as written, and
contributor text is never evaluated as Jinja, Markdown or HTML."""

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def shown_text(box) -> str:
    """What a reader sees in a clause box, written back as the plain text an author would type."""
    blocks = []
    for br in box.find_all("br"):
        br.replace_with("\n")
    for element in box.find(class_="kb-clause").find_all(["p", "ul", "ol"], recursive=False):
        if element.name == "p":
            blocks.append(element.get_text())
        else:
            start = int(element.get("start", 1))
            marks = (f"{start + i}." for i in range(1000)) if element.name == "ol" else iter(lambda: "-", None)
            blocks.append("\n".join(f"{next(marks)} {li.get_text()}" for li in element.find_all("li")))
    return "\n".join(blocks)


def as_written(text: str) -> str:
    """The YAML text with blank lines and indentation dropped: what the page must keep."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def test_every_criterion_has_its_page_and_its_permanent_version_page(site, lib):
    assert len(lib.criteria) >= 30
    for record in lib.criteria.values():
        assert (site / "kriterier" / record["id"] / "index.html").is_file()
        assert (site / "kriterier" / record["id"] / record["version"] / "index.html").is_file()


def test_without_javascript_the_overview_leads_through_the_risk_areas_to_every_criterion(site, lib):
    """The overview carries no row per criterion (the filters fill its table from the search index);
    its risk areas link to pages that list every criterion, with labels, not codes."""
    overview = soup(site / "kriterier" / "index.html")
    assert overview.find("table", id="kriterier-tabell").find("tbody").find_all("tr") == []
    base = "https://kravbanken.se/kriterier/"
    areas = {
        urljoin(base, a["href"]) for a in overview.select(".kb-nojs a[href*='riskomraden/']") if "#" not in a["href"]
    }
    assert areas == {f"https://kravbanken.se/riskomraden/{a}/" for a in lib.records["risk_area"]}
    reached, notes = set(), []
    for area in lib.records["risk_area"]:
        page = soup(site / "riskomraden" / area / "index.html")
        here = f"https://kravbanken.se/riskomraden/{area}/"
        for item in page.select("#krav ~ ul.kb-refs li, #krav + ul.kb-refs li") or page.select("ul.kb-refs li"):
            link = urljoin(here, item.a["href"])
            if link.startswith(base):
                reached.add(link[len(base) :].strip("/"))
                notes.append(item.get_text())
    assert reached == set(lib.criteria)
    assert any("Särskilt kontraktsvillkor" in n for n in notes) and not any("contract-condition" in n for n in notes)


def test_clause_is_shown_exactly_as_in_the_yaml(site, lib):
    for record in lib.criteria.values():
        page = soup(site / "kriterier" / record["id"] / "index.html")
        for lang, text in record["clause"].items():
            box = page.find(attrs={"data-kb-clause": lang})
            assert shown_text(box) == as_written(text), (record["id"], lang)


def test_placeholders_are_marked(site, lib):
    record = next(r for r in lib.criteria.values() if "[" in r["clause"]["sv"])
    gaps = [g.get_text() for g in soup(site / "kriterier" / record["id"] / "index.html").select(".kb-clause .kb-gap")]
    assert gaps and gaps == re.findall(r"\[[^\[\]\n]+\]", record["clause"]["sv"] + record["clause"].get("en", ""))


def test_facts_show_swedish_labels(site, lib):
    record = lib.criteria["SOC-002"]
    facts = soup(site / "kriterier" / "SOC-002" / "index.html").find("dl", class_="kb-facts")
    values = dict(
        zip([dt.get_text() for dt in facts.find_all("dt")], [dd.get_text() for dd in facts.find_all("dd")], strict=True)
    )
    assert values["Kravtyp"] == lib.label("type", record["type"])
    assert values["Nivå"] == lib.label("level", record["level"])
    assert values["Status"] == lib.label("status", record["status"])


def test_navigation_does_not_list_criteria(site):
    nav = soup(site / "index.html").find("nav", class_="md-nav--primary")
    assert not nav.find("a", href=re.compile(r"kriterier/[A-Z]{3}-\d{3}/"))


# The overview has no rows of its own (kravbanken.js fills them in from the search index); the risk
# area page lists the criterion with its title.
@pytest.mark.parametrize(
    "page", ["kriterier/INJ-001/index.html", "kriterier/INJ-001/1.0/index.html", "riskomraden/textil/index.html"]
)
def test_contributor_text_is_never_code(hostile_site, page):
    html = (hostile_site / page).read_text(encoding="utf-8")
    dom = BeautifulSoup(html, "html.parser")
    text = dom.get_text()
    assert "Injektion {{ 7*7 }} <script>alert(1)</script> *stjärnor* __dunder__" in text
    assert "Injektion 49" not in text  # {{ 7*7 }} was never evaluated
    assert not any("alert" in (s.string or "") for s in dom.find_all("script"))
    assert not dom.find(["em", "strong"], string=re.compile("stjärnor|dunder"))
    assert "javascript:" not in " ".join(a.get("href", "") for a in dom.find_all("a"))
    assert not dom.find("img", src="x")


def test_every_payload_on_the_criterion_page_is_literal(hostile_site):
    text = BeautifulSoup(
        (hostile_site / "kriterier/INJ-001/index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text()
    for literal in [
        "{% for x in range(3) %}x{% endfor %}",
        "<b>fet</b>",
        "[länk](javascript:alert(1))",
        "`kod`",
        "{{ config.site_name }}",
        "# inte en rubrik",
        "{% include 'mkdocs.yml' %}",
        "<img src=x onerror=alert(1)>",
        "&amp; ska visas som &amp; och inte som &",
        "{{ 7*7 }} <i>kursiv</i>",
    ]:
        assert literal in text, literal
