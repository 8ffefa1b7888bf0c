"""The library as data files: JSON, CSV and XLSX of all criteria, and JSON per criterion.

Each writer takes the Library (or rows made from it) and returns bytes; downloads.py names the
files and word.py writes the Word files.
The spreadsheets are for people (Swedish labels, one criterion per row); the JSON is for systems
(every field exactly as in the YAML, valid against schema/criterion.schema.json).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tomllib
from datetime import date, datetime, timezone
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Font

from .library import Library
from .pages import permalink, title_of

CRITERION_SCHEMA = "criterion.schema.json"


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


def record_json(data) -> bytes:
    """JSON as published: UTF-8, indented, with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def criteria_json(lib: Library, release_version: str, generated: str) -> bytes:
    """Every criterion with every field as in the YAML, with the release and the schema's URL."""
    return record_json({
        "release": release_version,
        "schema": lib.schemas.documents[CRITERION_SCHEMA]["$id"],
        "generated": generated,
        "criteria": _criteria(lib),
    })


# --- Spreadsheets: one row per criterion, Swedish labels, headers from the schema's titles ---

def _text(record: dict, field: str, lang: str = "sv") -> str:
    return record.get(field, {}).get(lang, "").rstrip()


def names(lib: Library, kind: str, ids: list[str]) -> str:
    """The Swedish names of the records with these ids, as a list to read."""
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
        (title("risk_areas"), lambda r: names(lib, "risk_area", r["risk_areas"])),
        (title("code_of_conduct"), lambda r: ", ".join(r["code_of_conduct"])),
        (title("follow_up"), lambda r: names(lib, "follow_up", r["follow_up"])),
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

