"""The site's render functions on a small library, without MkDocs: what each page shows, where its
links lead, and that contributor text comes out escaped whatever it holds.

The small library is a handful of real records plus the test criterion TST-001. The hostile
variant puts markup, Jinja and quotes into every text a contributor writes, in every kind of record.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT, url
from kravbanken.model import load_library
from kravbanken.model.releases import RELEASES_DIR, manifest_path, manifest_text, read_releases
from kravbanken.model.versions import LOCK_FILE, lock_text
from kravbanken.site import code_of_conduct, follow_up, generated_pages, good_practice, overview, risk_areas
from kravbanken.site.criterion import criterion_page

SITE_URL = "https://kravbanken.se/"
BASE = "https://kravbanken.se/"
RECORDS = {
    "riskomraden": ["textil", "handskar"],
    "uppforandekod": ["AR-1", "AR-2"],
    "uppfoljning": None,
    "konventioner": None,
    "goda-exempel": ["orebro-kommun"],
}
HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% raw %} \"' & <b>fet</b> [lucka]"
SHORT_HOSTILE = "<b>x</b>&{{ 1 }}"  # for a convention's short name, at most 30 characters
TEXT_LISTS = {
    "tags",
    "legal_basis",
    "suppliers",
}  # lists of free text a contributor writes (country names have a pattern)


def small_library(dest: Path, hostile: bool = False) -> Path:
    """A project folder with the schemas, TST-001 and the records it refers to."""
    shutil.copytree(ROOT / "schema", dest / "schema")
    for folder, ids in RECORDS.items():
        (dest / "criteria" / folder).mkdir(parents=True)
        for file in sorted((ROOT / "criteria" / folder).glob("*.yaml")):
            if ids is None or file.stem in ids:
                shutil.copy(file, dest / "criteria" / folder / file.name)
    (dest / "criteria" / "krav").mkdir()
    shutil.copy(FIXTURES / "TST-001.yaml", dest / "criteria" / "krav" / "TST-001.yaml")
    (dest / "criteria" / "uppfoljningsresultat").mkdir()  # a follow-up of TST-001
    shutil.copy(FIXTURES / "UPF-2030-01.yaml", dest / "criteria" / "uppfoljningsresultat" / "UPF-2030-01.yaml")
    # Its version 1.0, which its changelog names, the releases, and a lock with nothing published yet.
    (dest / "criteria" / "arkiv" / "TST-001").mkdir(parents=True)
    shutil.copy(FIXTURES / "TST-001-1.0.yaml", dest / "criteria" / "arkiv" / "TST-001" / "1.0.yaml")
    shutil.copy(ROOT / "CHANGELOG.md", dest / "CHANGELOG.md")
    (dest / LOCK_FILE).write_text(lock_text([]), encoding="utf-8")
    (dest / RELEASES_DIR).mkdir()
    for release in read_releases(dest)[0]:  # the releases held none of these criteria
        (dest / manifest_path(release[0])).write_text(manifest_text(release[0], release[1], []), encoding="utf-8")
    if hostile:
        for file in (dest / "criteria").rglob("*.yaml"):
            record = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
            file.write_text(yaml.safe_dump(_hostile(record), allow_unicode=True), encoding="utf-8")
    return dest


def _hostile(value, key=None):
    """The record with every contributor text replaced by HOSTILE (ids, codes and dates kept)."""
    if isinstance(value, dict):
        return {k: (HOSTILE if k in ("sv", "en") else _hostile(v, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [HOSTILE + str(i) if key in TEXT_LISTS else _hostile(v, key) for i, v in enumerate(value)]
    if key in ("title", "region") and isinstance(value, str):  # a source's name, a follow-up's region
        return HOSTILE
    if key == "short":
        return SHORT_HOSTILE
    if value in ("true", "false"):
        return value == "true"
    return (
        int(value)
        if isinstance(value, str)
        and value.isdigit()
        and key in ("order", "year", "fundamental_since", "sites", "count")
        else value
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    lib = load_library(small_library(tmp_path_factory.mktemp("small")))
    assert lib.problems == ()
    return lib


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    lib = load_library(small_library(tmp_path_factory.mktemp("hostile"), hostile=True))
    assert lib.problems == (), "\n".join(map(str, lib.problems))
    return lib


def every_output(lib) -> dict[str, str]:
    """Every page the site makes from the library, and every macro a hand-written page may call."""
    out = dict(generated_pages(lib, SITE_URL))
    for here, name, text in [
        ("kriterier/", "criteria_table", overview.criteria_table(lib, "kriterier/")),
        ("kriterier/", "criteria_filters", overview.criteria_filters(lib, "kriterier/")),
        ("uppforandekod/", "code_of_conduct", code_of_conduct.code_of_conduct(lib, "uppforandekod/")),
        (
            "en/code-of-conduct/",
            "code_of_conduct_en",
            code_of_conduct.code_of_conduct(lib, "en/code-of-conduct/", "en"),
        ),
        ("en/criteria/", "criteria_index_en", overview.criteria_index(lib, "en/criteria/", "en")),
        ("en/risk-areas/", "risk_overview_en", risk_areas.risk_overview(lib, "en/risk-areas/", "en")),
        ("en/follow-up/", "follow_up_overview_en", follow_up.follow_up_overview(lib, "en/follow-up/", "en")),
        ("uppforandekod/", "contents", code_of_conduct.code_of_conduct_contents(lib, "uppforandekod/")),
        ("uppforandekod/konventioner/", "conventions", code_of_conduct.conventions(lib, "uppforandekod/konventioner/")),
        ("riskomraden/", "risk_overview", risk_areas.risk_overview(lib, "riskomraden/")),
        ("uppfoljning/", "follow_up_overview", follow_up.follow_up_overview(lib, "uppfoljning/")),
        ("goda-exempel/", "profiles_overview", good_practice.profiles_overview(lib, "goda-exempel/")),
        ("goda-exempel/", "stage_links", good_practice.stage_links(lib, "goda-exempel/")),
    ]:
        out[f"{here}#{name}"] = text
    return out


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def test_every_output_escapes_hostile_text_in_every_field(hostile):
    outputs = every_output(hostile)
    assert len(outputs) > 15
    escaped = html.escape("<script>alert(1)</script>", quote=False)
    for name, text in outputs.items():
        assert "<script" not in text.lower(), name
        assert "<b>fet</b>" not in text and "<b>x</b>" not in text, name
        assert " 49 " not in text, name  # the {{ 7*7 }} in contributor text is never evaluated
    # The hostile text reached every kind of page, escaped, and as data in attributes.
    for name in [
        "kriterier/TST-001/index.md",
        "riskomraden/textil/index.md",
        "uppfoljning/sjalvskattning/index.md",
        "goda-exempel/orebro-kommun/index.md",
        "uppfoljning/resultat/UPF-2030-01/index.md",
        "uppfoljning/resultat/index.md",
        "uppforandekod/#code_of_conduct",
        "uppforandekod/konventioner/#conventions",
    ]:
        assert escaped in outputs[name] and "{{ 7*7 }}" in outputs[name], name
    clause = soup(outputs["kriterier/TST-001/index.md"]).select_one('[data-kb-clause="sv"]')
    assert clause["data-kb-text"] == HOSTILE  # the copy button gets the text exactly as written


def test_the_front_matter_of_a_hostile_page_is_text_for_the_theme(hostile):
    page = generated_pages(hostile, SITE_URL)["riskomraden/textil/index.md"]
    meta = yaml.safe_load(page.split("---\n")[1])
    # The theme puts the title into <title> unescaped, so it must arrive escaped, and mean the text.
    assert "<" not in meta["title"] and html.unescape(meta["title"]) == HOSTILE


def test_criterion_page_shows_the_clause_exactly_and_its_facts(small):
    record = small.criteria["TST-001"]
    page = soup(criterion_page(small, record, SITE_URL))
    box = page.select_one('[data-kb-clause="sv"]')
    assert box["data-kb-text"] == record["clause"]["sv"].rstrip()
    assert box["data-kb-source"] == (
        f"Källa: Kravbanken TST-001 version {record['version']}, {SITE_URL}kriterier/TST-001/{record['version']}/"
    )
    facts = {
        dt.get_text(): dd for dt, dd in zip(page.select("dl.kb-facts dt"), page.select("dl.kb-facts dd"), strict=True)
    }
    assert facts["Id"].get_text() == "TST-001" and facts["Version"].get_text() == record["version"]
    here = BASE + url("criterion", id="TST-001")
    areas = {urljoin(here, a["href"]) for a in facts["Riskområden"].find_all("a")}
    assert areas == {BASE + url("risk_area", id=i) for i in record["risk_areas"]}
    clauses = {urljoin(here, a["href"]) for a in facts["Uppförandekod"].find_all("a")}
    assert clauses == {BASE + url("coc_clause", id=i) for i in record["code_of_conduct"]}


def test_the_permanent_version_page_links_back_and_offers_only_its_own_data(small):
    record = small.criteria["TST-001"]
    page = soup(criterion_page(small, record, SITE_URL, versioned=True))
    here = BASE + url("criterion_version", id="TST-001", version=record["version"])
    note = page.select_one(".kb-version-note a")
    assert urljoin(here, note["href"]) == BASE + url("criterion", id="TST-001")
    # Only this version's data, which never changes; the Word file and JSON of the current one are not here.
    [download] = page.select(".kb-downloads a")
    assert urljoin(here, download["href"]) == BASE + "data/criteria/TST-001/2.0.json"
    current = soup(criterion_page(small, record, SITE_URL))
    links = {urljoin(BASE + url("criterion", id="TST-001"), a["href"]) for a in current.select(".kb-downloads a")}
    assert {BASE + "data/criteria/TST-001.docx", BASE + "data/criteria/TST-001.json"} <= links


def test_fill_in_gaps_are_marked_and_lists_kept(small):
    record = small.criteria["TST-001"]
    box = soup(criterion_page(small, record, SITE_URL)).select_one('[data-kb-clause="sv"]')
    gaps = [span.get_text() for span in box.select("span.kb-gap")]
    assert gaps == re.findall(r"\[[^\[\]\n]+\]", record["clause"]["sv"])
    bullets = [li.get_text() for li in box.select("ul > li")]
    assert bullets == [line[2:].strip() for line in record["clause"]["sv"].splitlines() if line.startswith("- ")]
    numbered = [li.get_text() for li in box.select("ol > li")]
    assert numbered == [line[3:].strip() for line in record["clause"]["sv"].splitlines() if re.match(r"\d\. ", line)]


def test_the_overview_table_has_its_head_and_no_rows(small):
    """The rows come from the search index in the browser (kravbanken.js), so the page stays small."""
    table = soup(overview.criteria_table(small, "kriterier/"))
    assert table.select("tbody tr") == []
    assert [th.get_text() for th in table.select("thead th")][:3] == ["Välj", "Id", "Rubrik"]


def test_a_criterion_page_carries_its_search_facts_escaped(hostile):
    """The facts the search index reads (overrides/partials/kb-search-facts.html) are in the front
    matter, escaped like the title."""
    page = generated_pages(hostile, SITE_URL)["kriterier/TST-001/index.md"]
    facts = json.loads(re.search(r"^kravbanken: (.*)$", page, re.M).group(1))
    assert facts["id"] == "TST-001" and facts["type"] == hostile.criteria["TST-001"]["type"]
    assert facts["title"].startswith("&lt;script&gt;") and "<" not in str(facts)


def test_a_risk_area_page_lists_the_criteria_that_name_it(small):
    page = soup(generated_pages(small, SITE_URL)["riskomraden/textil/index.md"])
    here = BASE + url("risk_area", id="textil")
    linked = {urljoin(here, a["href"]) for a in page.select("ul.kb-refs a")}
    assert BASE + url("criterion", id="TST-001") in linked
    matrix = page.select_one("table.kb-risk-matrix")
    assert len(matrix.select("tbody tr")) == len(small.schemas.codes("chain_stage"))


def test_the_code_of_conduct_links_each_clause_to_its_conventions_and_criteria(small):
    block = soup(code_of_conduct.code_of_conduct(small, "uppforandekod/"))
    here = BASE + "uppforandekod/"
    for clause in small.records["coc_clause"].values():
        section = block.find(id=clause["id"]).parent
        targets = {urljoin(here, a["href"]) for a in section.find_all("a")}
        assert {BASE + url("convention", id=c) for c in clause["basis"]} <= targets
        assert BASE + url("criterion", id="TST-001") in targets


def test_the_english_code_is_marked_english(small):
    block = soup(code_of_conduct.code_of_conduct(small, "en/code-of-conduct/", "en"))
    assert block.div["lang"] == "en"
    assert [h3.get_text() for h3 in block.select("h3")] == [
        f"{c['id']} {c['title']['en']}" for c in small.sorted("coc_clause")
    ]


def test_the_changes_between_versions_are_escaped_and_marked_in_words(tmp_path):
    """A version page shows the old and new words of the clause, marked for every reader, and a
    contributor's markup in either version stays text."""
    project = small_library(tmp_path)
    archived = project / "criteria" / "arkiv" / "TST-001" / "1.0.yaml"
    old = "Leverantören ska redovisa var varorna tillverkas."
    text = archived.read_text(encoding="utf-8")
    assert old in text
    archived.write_text(text.replace(old, "Leverantören <b>ska</b> {{ 7*7 }} redovisa."), encoding="utf-8")
    lib = load_library(project)
    assert lib.problems == ()
    page = soup(criterion_page(lib, lib.criteria["TST-001"], SITE_URL, versioned=True))
    changes = page.select(".kb-diff")[0]
    deleted = [d.get_text() for d in changes.select("del")]
    assert any("<b>ska</b> {{ 7*7 }}" in d for d in deleted) and all(d.startswith("Borttaget: ") for d in deleted)
    assert changes.find("b") is None
    inserted = " ".join(i.get_text() for i in changes.select("ins"))
    assert "inom [två (2)] veckor" in inserted and "Tillagt: " in inserted
