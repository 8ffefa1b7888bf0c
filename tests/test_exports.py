"""The downloads the site publishes, opened with the reading side of each format's library and
compared with the YAML: what a procurer gets in Excel or Word, and what a system gets as JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import docx
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from playwright.sync_api import expect


def criteria_sorted(lib) -> list[dict]:
    return [lib.criteria[i] for i in sorted(lib.criteria)]


def permanent_url(record: dict) -> str:
    return f"https://kravbanken.se/kriterier/{record['id']}/{record['version']}/"


def test_json_holds_every_criterion_with_every_field_and_the_release(site, root, lib):
    data = json.loads((site / "data" / "criteria.json").read_text(encoding="utf-8"))
    # The release is the newest "## YEAR.N – DATE" heading of CHANGELOG.md.
    newest = re.search(r"^## (\d{4}\.\d+) – ", (root / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert data["release"] == newest.group(1)
    assert data["schema"] == "https://kravbanken.se/schema/criterion.schema.json"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["generated"])
    assert data["criteria"] == criteria_sorted(lib)
    assert all(c["status"] != "draft" for c in data["criteria"])


def test_every_published_version_is_a_download_of_its_own(site, root, lib):
    """data/criteria/<ID>/<version>.json for every version the archive and the current files hold,
    each exactly as its YAML file and valid against the criterion schema."""
    import yaml

    validator = lib.schemas.validator("criterion.schema.json")
    files = [*sorted((root / "criteria/arkiv").glob("*/*.yaml")), *sorted((root / "criteria/krav").glob("*.yaml"))]
    assert len(files) > len(lib.criteria)
    for file in files:
        record = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # dates stay text
        if record["status"] == "draft":
            assert not (site / "data/criteria" / record["id"]).exists()
            continue
        data = json.loads((site / "data/criteria" / record["id"] / f"{record['version']}.json").read_text("utf-8"))
        assert data["clause"] == record["clause"] and data["published"] == record["published"]
        assert list(validator.iter_errors(data)) == []


def test_json_is_valid_against_the_published_schemas(site, root, lib):
    data = json.loads((site / "data" / "criteria.json").read_text(encoding="utf-8"))
    envelope = lib.schemas.validator("criteria-export.schema.json")
    assert [e.message for e in envelope.iter_errors(data)] == []
    item = lib.schemas.validator("criterion.schema.json")
    for criterion in data["criteria"]:
        assert [e.message for e in item.iter_errors(criterion)] == [], criterion["id"]
    # The schemas, and each bundled into one file, are served with the site, byte for byte as in the repository.
    schemas = sorted((root / "schema").rglob("*.schema.json"))
    assert any(schema.parent.name == "bundled" for schema in schemas)
    for schema in schemas:
        assert (site / schema.relative_to(root)).read_bytes() == schema.read_bytes()


def test_one_json_file_per_criterion(site, lib):
    for record in lib.criteria.values():
        assert json.loads((site / "data" / "criteria" / f"{record['id']}.json").read_text(encoding="utf-8")) == record


def read_csv(site) -> list[dict]:
    raw = (site / "data" / "criteria.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel the file is UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_opens_in_swedish_excel_with_the_clause_text_as_written(site, lib):
    rows = read_csv(site)
    assert [row["Id"] for row in rows] == sorted(lib.criteria)
    for row in rows:
        record = lib.criteria[row["Id"]]
        assert row["Kravtext"] == record["clause"]["sv"].rstrip()
        assert row["Kravtext (engelska)"] == record["clause"].get("en", "").rstrip()
        assert row["Version"] == record["version"]
        assert row["Status"] == lib.label("status", record["status"])
        assert row["Nivå"] == lib.label("level", record["level"])
        assert row["Riskområden"] == ", ".join(lib.records["risk_area"][a]["name"]["sv"] for a in record["risk_areas"])
        assert row["Permanent adress"] == permanent_url(record)


def test_xlsx_is_a_workbook_with_header_filters_frozen_panes_and_widths(site, lib):
    sheet = load_workbook(site / "data" / "criteria.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert header == list(read_csv(site)[0])
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(lib.criteria) + 1}"
    widths = {name: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width for i, name in enumerate(header)}
    assert widths["Kravtext"] >= 50 and widths["Id"] >= 10
    values = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(values) == set(lib.criteria)
    for criterion_id, row in values.items():
        record = lib.criteria[criterion_id]
        assert row["Kravtext"] == record["clause"]["sv"].rstrip()
        assert row["Rubrik"] == record["title"]["sv"]
    assert sheet.cell(2, header.index("Kravtext") + 1).alignment.wrap_text


def written_lines(text: str) -> list[str]:
    """The YAML text as Word shows it: one entry per line, list markers turned into Word's."""
    out = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        item = line[2:] if line.startswith("- ") else line
        out.append(re.sub(r"^(\d+)\. ", r"\1.\t", item))
    return out


def section(document, heading: str) -> list:
    """The paragraphs under a heading, up to the next heading."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.style.name.startswith("Heading") and p.text == heading)
    end = next(
        (i for i in range(start + 1, len(paragraphs)) if paragraphs[i].style.name.startswith("Heading")),
        len(paragraphs),
    )
    return paragraphs[start + 1 : end]


@pytest.mark.parametrize("criterion_id", ["SOC-001", "HSK-001", "ETI-002"])
def test_word_file_has_clause_source_line_and_guidance(site, lib, criterion_id):
    record = lib.criteria[criterion_id]
    document = docx.Document(str(site / "data" / "criteria" / f"{criterion_id}.docx"))
    assert document.paragraphs[0].text == f"{record['id']} {record['title']['sv']}"
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Version"] == record["version"]
    assert facts["Status"] == lib.label("status", record["status"])

    clause = section(document, "Kravtext")
    lines = [line for p in clause[:-1] for line in p.text.split("\n")]
    assert lines == written_lines(record["clause"]["sv"])
    assert clause[-1].text == f"Källa: Kravbanken {record['id']} version {record['version']}, {permanent_url(record)}"
    if "en" in record["clause"]:
        english = section(document, "Kravtext på engelska")
        assert [line for p in english[:-1] for line in p.text.split("\n")] == written_lines(record["clause"]["en"])
        assert english[-1].text.startswith(f"Source: Kravbanken {record['id']} version {record['version']}")
    guidance = section(document, "Vägledning")
    assert [line for p in guidance for line in p.text.split("\n")] == written_lines(record["guidance"]["sv"])

    gaps = re.findall(r"\[[^\[\]\n]+\]", record["clause"]["sv"])
    highlighted = [run.text for p in clause for run in p.runs if run.font.highlight_color is not None]
    assert highlighted == gaps


def test_downloads_are_linked_from_the_overview_and_each_criterion_page(site, lib):
    overview = BeautifulSoup((site / "kriterier" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in overview.find_all("a", href=True)}
    for name in ("criteria.json", "criteria.csv", "criteria.xlsx"):
        assert f"../data/{name}" in hrefs
    assert "../schema/criterion.schema.json" in hrefs
    for criterion_id in lib.criteria:
        page = BeautifulSoup(
            (site / "kriterier" / criterion_id / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        links = [a["href"] for a in page.select(".kb-downloads a[href]")]
        for suffix in (".docx", ".json"):
            href = f"../../data/criteria/{criterion_id}{suffix}"
            assert href in links
            assert (site / "kriterier" / criterion_id / href).resolve().is_file()


def choose(page, ids):
    """Tick each criterion in the overview, found by its id in the free-text filter (the list shows
    50 rows at a time); the choice is kept while the filter changes."""
    page.goto("kriterier/")
    text = page.get_by_label("Sök på id, ord i rubrik eller kravtext")
    for criterion_id in ids:
        text.fill(criterion_id)
        page.get_by_role("checkbox", name=f"Välj {criterion_id}", exact=True).check()
    text.fill("")
    expect(page.locator("#kb-selected")).to_have_text(f"{len(ids)} krav är valda.")


def test_package_as_one_word_file_holds_each_chosen_criterion(page, lib, tmp_path):
    chosen = ["ETI-002", "HSK-001", "SOC-002"]
    choose(page, chosen)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner valda som Word").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "kravpaket.docx"
    document = docx.Document(str(path))
    # Grouped by criterion type in the order of the procurement documents (tests/test_package.py)
    order = ["qualification", "technical-specification", "award-criterion", "contract-condition"]
    grouped = sorted(chosen, key=lambda i: (order.index(lib.criteria[i]["type"]), i))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"][: len(chosen)]
    assert headings == [f"{i} {lib.criteria[i]['title']['sv']}" for i in grouped]
    texts = [p.text for p in document.paragraphs]
    for criterion_id in chosen:
        record = lib.criteria[criterion_id]
        end = texts.index(f"Källa: Kravbanken {criterion_id} version {record['version']}, {permanent_url(record)}")
        start = texts.index(f"{criterion_id} {record['title']['sv']}") + 1
        assert "\n".join(texts[start:end]).split("\n") == written_lines(record["clause"]["sv"])
    assert document.core_properties.title == "Kravpaket från Kravbanken: " + ", ".join(chosen)


def test_package_as_csv_has_the_chosen_rows_of_the_published_csv(page, lib, tmp_path):
    chosen = ["HSK-002", "TEX-001"]
    choose(page, chosen)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner valda som CSV").click()
    path = tmp_path / "kravpaket.csv"
    info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row["Id"] for row in rows] == chosen
    for row in rows:
        assert row["Kravtext"] == lib.criteria[row["Id"]]["clause"]["sv"].rstrip()
        assert row["Vägledning"] == lib.criteria[row["Id"]]["guidance"]["sv"].rstrip()


def test_package_asks_for_a_choice_first(page):
    page.goto("kriterier/")
    page.get_by_role("button", name="Ladda ner valda som Word").click()
    expect(page.locator("#kb-selected")).to_have_text("Välj minst ett krav i tabellen först.")


def test_downloads_made_in_a_fresh_python_are_those_the_build_published(site, lib, root):
    # `mkdocs build` makes the downloads in a forked process; `mkdocs serve` has threads, so it
    # starts a fresh Python instead (plugin.start_method). That one must give the same files.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from kravbanken import downloads

    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        made = pool.submit(downloads.make, lib, "https://kravbanken.se/").result()
    published = {path.relative_to(site).as_posix() for path in (site / "data").rglob("*") if path.is_file()}
    assert {path for path in made if path.startswith("data/")} == published  # and the feeds of changes:
    assert {path for path in made if not path.startswith("data/")} == {
        "kriterier/andringar.xml",
        *(f"riskomraden/{a}/andringar.xml" for a in lib.records["risk_area"]),
        *(f"kriterier/{i}/andringar.xml" for i in lib.criteria),
        "uppfoljning/resultat/uppfoljningar.xml",  # new and completed follow-ups
    }
    for path, content in made.items():
        if not path.endswith(".xlsx"):  # the workbook records when it was written
            assert (site / path).read_bytes() == content, path


# eForms SDK codelists strategic-procurement and gpp-criteria; OCDS sustainability extension
# codelists sustainabilityGoal and sustainabilityStrategy (written out here, not read from the program).
STRATEGY = {
    "qualification": "selectionCriteria",
    "technical-specification": "technicalSpecifications",
    "award-criterion": "awardCriteria",
    "contract-condition": "contractPerformanceConditions",
}


def test_json_gives_each_criterion_the_codes_of_a_contract_notice(site, lib):
    codes = json.loads((site / "data" / "criteria.json").read_text(encoding="utf-8"))["notice_codes"]
    assert sorted(codes) == sorted(lib.criteria)
    for criterion_id, record in lib.criteria.items():
        areas = {lib.records["coc_clause"][c]["area"] for c in record["code_of_conduct"]}
        social = bool(areas & {"human-rights", "workers-rights"})
        green = "environment" in areas
        got = codes[criterion_id]
        assert got["eforms"]["strategic_procurement"] == ["env-imp"] * green + ["soc-obj"] * social, criterion_id
        assert got["eforms"].get("gpp_criteria") == ("other" if green else None)
        goals = [entry.get("goal") for entry in got["ocds"]["sustainability"]]
        assert goals == (["environmental"] * green + ["social"] * social or [None])
        assert all(entry["strategies"] == [STRATEGY[record["type"]]] for entry in got["ocds"]["sustainability"])
