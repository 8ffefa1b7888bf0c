"""The library as downloadable files: JSON, CSV and XLSX of all criteria, and JSON and Word per criterion.

Each writer takes the Library and returns bytes; `export_files` and `docx_files` name the files the
site serves.
The spreadsheets are for people (Swedish labels, one criterion per row); the JSON is for systems
(every field exactly as in the YAML, valid against schema/criterion.schema.json).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tomllib
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Font

from .library import Library, Schemas
from .pages import EXAMPLE_NOTE, permalink, source_line, title_of
from .render import PLACEHOLDER, blocks

CRITERION_SCHEMA = "criterion.schema.json"
DATA_DIR = "data"


def release(root: Path) -> str:
    """The library's release version: the project version in pyproject.toml."""
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def generated_on() -> str:
    """Today, or the day given by SOURCE_DATE_EPOCH so that a rebuild can give identical files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()).isoformat()


def _criteria(lib: Library) -> list[dict]:
    return sorted(lib.criteria.values(), key=lambda r: r["id"])


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def criteria_json(lib: Library, release_version: str, generated: str) -> bytes:
    """Every criterion with every field as in the YAML, with the release and the schema's URL."""
    return _json({
        "release": release_version,
        "schema": lib.schemas.documents[CRITERION_SCHEMA]["$id"],
        "generated": generated,
        "criteria": _criteria(lib),
    })


# --- Spreadsheets: one row per criterion, Swedish labels, headers from the schema's titles ---

def _text(record: dict, field: str, lang: str = "sv") -> str:
    return record.get(field, {}).get(lang, "").rstrip()


def _names(lib: Library, kind: str, ids: list[str]) -> str:
    return ", ".join(title_of(lib.records[kind][i]) for i in ids)


def columns(lib: Library, site_url: str) -> list[tuple[str, object]]:
    """(header, value of a record) for each spreadsheet column."""
    def title(field):
        return lib.schemas.field_title(CRITERION_SCHEMA, (field,))

    cols = [(title("id"), lambda r: r["id"]), (title("version"), lambda r: r["version"])]
    cols += [(title(f), lambda r, f=f: lib.label(f, r[f])) for f in ("status", "type", "level")]
    for field in ("title", "clause", "guidance", "verification"):
        cols += [(title(field), lambda r, f=field: _text(r, f)),
                 (f"{title(field)} (engelska)", lambda r, f=field: _text(r, f, "en"))]
    cols += [
        (title("risk_areas"), lambda r: _names(lib, "risk_area", r["risk_areas"])),
        (title("code_of_conduct"), lambda r: ", ".join(r["code_of_conduct"])),
        (title("follow_up"), lambda r: _names(lib, "follow_up", r["follow_up"])),
        (title("published"), lambda r: r["published"]),
        (title("valid_from"), lambda r: r.get("valid_from", "")),
        (title("supersedes"), lambda r: r.get("supersedes", "")),
        (title("superseded_by"), lambda r: r.get("superseded_by", "")),
        (title("legal_basis"), lambda r: ", ".join(r.get("legal_basis", []))),
        (title("references"), lambda r: "\n".join(
            f'{ref["title"]} ({ref["url"]})' if "url" in ref else ref["title"] for ref in r.get("references", []))),
        (title("tags"), lambda r: ", ".join(r.get("tags", []))),
        (title("changelog"), lambda r: "\n".join(
            f'{e["version"]} ({e["date"]}): {e["summary"]["sv"]}' for e in r["changelog"])),
        ("Permanent adress", lambda r: permalink(r, site_url)),
    ]
    return cols


def table(lib: Library, site_url: str) -> tuple[list[str], list[list[str]]]:
    """The header and one row per criterion, shared by the CSV and the Excel file."""
    cols = columns(lib, site_url)
    return [h for h, _ in cols], [[value(r) for _, value in cols] for r in _criteria(lib)]


def criteria_csv(head: list[str], rows: list[list[str]]) -> bytes:
    """CSV as Swedish Excel opens it: UTF-8 with a byte order mark, semicolons between fields."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


_LONG = {"Rubrik": 40, "Kravtext": 70, "Vägledning": 60, "Verifiering": 50}


def criteria_xlsx(head: list[str], rows: list[list[str]]) -> bytes:
    """A workbook with a bold, frozen header row, filters on every column and readable widths.
    Written in openpyxl's write-only mode, which streams the rows: several times faster."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kriterier")
    for number, name in enumerate(head, 1):
        base = name.removesuffix(" (engelska)")
        sheet.column_dimensions[get_column_letter(number)].width = _LONG.get(base, max(12, min(30, len(base) + 4)))
    sheet.freeze_panes = "B2"  # the header row and the id column stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(rows) + 1}"
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)

    def cells(values, font=None):
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.alignment = wrap
            if font:
                cell.font = font
            yield cell

    sheet.append(list(cells(head, bold)))
    for row in rows:
        sheet.append(list(cells(row)))
    book.properties.creator = "Kravbanken"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Word: one document per criterion, from a trimmed python-docx template ---

_STYLES = ("Normal", "heading 1", "heading 2", "List Bullet", "Table Grid")
LANGS = {"sv": "sv-SE", "en": "en-GB"}


def _lang_element(code: str):
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), code)
    return element


@cache
def _template() -> bytes:
    """python-docx's default template with only the styles we use: it opens and saves about six
    times faster than the full one, which matters with thousands of criteria."""
    document = docx.Document()
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep, todo = set(), [s for s in by_id.values() if s.find(qn("w:name")).get(qn("w:val")) in _STYLES]
    while todo:  # keep the styles ours are based on or linked to
        style = todo.pop()
        if style in keep:
            continue
        keep.add(style)
        for ref in ("w:basedOn", "w:link", "w:next"):
            element = style.find(qn(ref))
            if element is not None and element.get(qn("w:val")) in by_id:
                todo.append(by_id[element.get(qn("w:val"))])
    for style in by_id.values():
        if style not in keep:
            styles.remove(style)
    styles.remove(styles.find(qn("w:latentStyles")))
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:lang")).set(qn("w:val"), LANGS["sv"])  # Swedish unless marked otherwise
    section = document.sections[0]  # A4, as Swedish tender documents are
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                rels.pop(rid)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _runs(paragraph, text: str, lang: str = "sv") -> None:
    """Text with line breaks, its [fill-in gaps] highlighted as on the site; English text is
    marked as English so that Word checks its spelling as English."""
    def run(part):
        r = paragraph.add_run(part)
        if lang != "sv":  # python-docx has no API for a run's language
            r._r.get_or_add_rPr().append(_lang_element(LANGS[lang]))
        return r

    for n, line in enumerate(text.split("\n")):
        if n:
            run("").add_break()
        pos = 0
        for gap in PLACEHOLDER.finditer(line):
            run(line[pos:gap.start()])
            run(gap.group(0)).font.highlight_color = WD_COLOR_INDEX.YELLOW
            pos = gap.end()
        run(line[pos:])


def _add_text(document, text: str, lang: str = "sv") -> None:
    """Paragraphs and lists as the site shows them. Numbered items keep their written numbers
    instead of Word numbering, which would run on across lists and across criteria in a package."""
    for kind, lines in blocks(text):
        if kind == "p":
            _runs(document.add_paragraph(), "\n".join(lines), lang)
        elif kind == "ul":
            for item in lines:
                _runs(document.add_paragraph(style="List Bullet"), item, lang)
        else:
            for n, item in enumerate(lines[1:], int(lines[0])):
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.left_indent = Cm(0.75)
                paragraph.paragraph_format.first_line_indent = Cm(-0.75)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
                _runs(paragraph, f"{n}.\t{item}", lang)


_EXAMPLE_TEXT = re.sub(r"<[^>]+>", "", EXAMPLE_NOTE)  # the site's note as plain text


def criterion_docx(lib: Library, record: dict, site_url: str) -> bytes:
    """A Word document to paste from: id, title, facts, clause with source line, guidance, verification."""
    document = docx.Document(io.BytesIO(_template()))
    title = f'{record["id"]} {title_of(record)}'
    document.core_properties.title = title
    document.core_properties.author = "Kravbanken"
    document.add_heading(title, level=1)
    document.add_paragraph(_EXAMPLE_TEXT).runs[0].italic = True
    facts = [("Version", record["version"]), ("Status", lib.label("status", record["status"])),
             ("Kravtyp", lib.label("type", record["type"])), ("Nivå", lib.label("level", record["level"])),
             ("Publicerad", record["published"]),
             ("Riskområden", _names(lib, "risk_area", record["risk_areas"]))]
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        cells[0].paragraphs[0].runs[0].bold = True
    link = permalink(record, site_url)
    for lang, heading in (("sv", "Kravtext"), ("en", "Kravtext på engelska")):
        if lang in record["clause"]:
            document.add_heading(heading, level=2)
            _add_text(document, record["clause"][lang], lang)
            document.add_paragraph(source_line(record, link, lang))
    for field, heading in (("guidance", "Vägledning"), ("verification", "Verifiering")):
        document.add_heading(heading, level=2)
        _add_text(document, record[field]["sv"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def export_files(lib: Library, root: Path, site_url: str) -> dict[str, bytes]:
    """The data downloads (everything but the Word files): path under the site root -> content."""
    head, rows = table(lib, site_url)
    files = {
        f"{DATA_DIR}/criteria.json": criteria_json(lib, release(root), generated_on()),
        f"{DATA_DIR}/criteria.csv": criteria_csv(head, rows),
        f"{DATA_DIR}/criteria.xlsx": criteria_xlsx(head, rows),
    }
    for record in _criteria(lib):
        files[f'{DATA_DIR}/criteria/{record["id"]}.json'] = _json(record)
    return files


def docx_files(root: str, records: dict, site_url: str) -> dict[str, bytes]:
    """One Word file per criterion: path under the site root -> content. Takes the library's
    validated records (`Library.records`) rather than the Library, so that the build can run it in
    a second process (see hooks.py) without loading and validating the library again there."""
    lib = Library(Path(root), Schemas(Path(root) / "schema"), records=records)
    return {f'{DATA_DIR}/criteria/{record["id"]}.docx': criterion_docx(lib, record, site_url)
            for record in _criteria(lib)}
