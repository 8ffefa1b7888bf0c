"""The library as data files: JSON, CSV and XLSX of all criteria, and JSON per criterion.

Each writer takes the Library (or rows made from it) and returns bytes; urls.py names the files
and word.py writes the Word files.
The spreadsheets are for people (Swedish labels, one criterion per row); the JSON is for systems
(every field exactly as in the YAML, valid against schema/criterion.schema.json).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .. import labels, urls
from ..model import Library, title_of
from ..model.kinds import CRITERION_TEXTS, EXPORT_SCHEMA, RESULTS_EXPORT_SCHEMA
from ..model.rules import build_date
from ..urls import permalink


def generated_on() -> str:
    """The build date (see model.rules.build_date)."""
    return build_date().isoformat()


def _criteria(lib: Library) -> list[dict]:
    return sorted(lib.criteria.values(), key=lambda r: r["id"])


def record_json(data) -> bytes:
    """JSON as published: UTF-8, indented, with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def criteria_json(lib: Library, release_version: str, generated: str, records: list[dict] | None = None) -> bytes:
    """Every published criterion (current version, or `records`) with every field as in the YAML,
    with the library's calendar release (from CHANGELOG.md), the schema's URL and each criterion's
    codes for a contract notice (beside the records, which stay exactly as in the YAML)."""
    chosen = _criteria(lib) if records is None else records
    return record_json(
        {
            "release": release_version,
            "schema": lib.schemas.documents[EXPORT_SCHEMA]["properties"]["schema"]["const"],
            "generated": generated,
            "criteria": chosen,
            "notice_codes": {r["id"]: notice_codes(lib, r) for r in chosen},
        }
    )


def release_records(lib: Library, release) -> list[dict]:
    """Each criterion as `release` held it: the version its manifest names, with the status it had then."""
    versions = {(r["id"], r["version"]): r for i, _, _ in release.contents for r in lib.versions[i]}
    return [{**versions[i, version], "status": status} for i, version, status in release.contents]


def versions_index(lib: Library) -> bytes:
    """What the library on a date needs (kravbanken-historik.js): each criterion's current title and
    the periods of its history (Library.periods), each [version, the day it applies
    from, status] and, when the status began later than the version, that day fourth. Compact: one
    small file."""
    data = {
        i: {
            "title": title_of(lib.criteria[i]),
            "versions": [
                [version, start, status] + ([since] if since != start else [])
                for version, start, status, since in lib.periods(i)
            ],
        }
        for i in sorted(lib.criteria)
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- Codes for a contract notice (documented in docs/kriterier/index.md#koder-for-annonsen) ---
# eForms SDK codelists: strategic-procurement (BT-06) and gpp-criteria (BT-805). OCDS sustainability
# extension: sustainabilityGoal and sustainabilityStrategy. What a criterion is about is read from
# the areas of its code-of-conduct clauses; business ethics has no code of its own in either list.
EFORMS_STRATEGIC = {"environment": "env-imp", "human-rights": "soc-obj", "workers-rights": "soc-obj"}
# Kravbanken's criteria are neither the EU's nor a national set of GPP criteria: "other".
EFORMS_GPP_SOURCE = "other"
OCDS_GOAL = {"environment": "environmental", "human-rights": "social", "workers-rights": "social"}
OCDS_STRATEGY = {
    "qualification": "selectionCriteria",
    "technical-specification": "technicalSpecifications",
    "award-criterion": "awardCriteria",
    "contract-condition": "contractPerformanceConditions",
}


def notice_codes(lib: Library, record: dict) -> dict:
    """{"eforms": {"strategic_procurement": [...], "gpp_criteria"?: ...}, "ocds": {"sustainability": [...]}}:
    the eForms codes of what the criterion is about, and OCDS `sustainability` entries (a goal with
    the strategy of the criterion's type; without a goal when none fits)."""
    areas = {lib.records["coc_clause"][c]["area"] for c in record["code_of_conduct"]}
    strategic = sorted({EFORMS_STRATEGIC[a] for a in areas if a in EFORMS_STRATEGIC})
    eforms: dict[str, list[str] | str] = {"strategic_procurement": strategic}
    if "env-imp" in strategic:
        eforms["gpp_criteria"] = EFORMS_GPP_SOURCE
    strategies = [OCDS_STRATEGY[record["type"]]]
    goals = sorted({OCDS_GOAL[a] for a in areas if a in OCDS_GOAL})
    return {
        "eforms": eforms,
        "ocds": {
            "sustainability": [{"goal": g, "strategies": strategies} for g in goals] or [{"strategies": strategies}]
        },
    }


# --- Spreadsheets: one row per criterion, Swedish labels, headers from the schema's titles ---


def _text(record: dict, field: str, lang: str = "sv") -> str:
    return record.get(field, {}).get(lang, "").rstrip()


def names(lib: Library, kind: str, ids: list[str], lang: str = "sv") -> str:
    """The names in `lang` of the records with these ids, as a list to read."""
    return ", ".join(title_of(lib.records[kind][i], lang) for i in ids)


_WIDE = {"title": 40, "clause": 70, "guidance": 60, "verification": 50}  # column widths of long texts


def columns(lib: Library, site_url: str) -> list[tuple[str, int, Callable[[dict], str]]]:
    """(header, width in Excel, value of a record) for each spreadsheet column."""
    w = labels.words()

    def col(field, value, header=None):
        header = header or labels.field(lib, field)
        return header, _WIDE.get(field, max(12, min(30, len(header) + 4))), value

    cols = [col("id", lambda r: r["id"]), col("version", lambda r: r["version"])]
    cols += [col(f, lambda r, f=f: lib.label(f, r[f])) for f in ("status", "type", "level")]
    for field in CRITERION_TEXTS:
        cols += [
            col(field, lambda r, f=field: _text(r, f)),
            col(field, lambda r, f=field: _text(r, f, "en"), w["in_english"].format(name=labels.field(lib, field))),
        ]
    cols += [
        col("risk_areas", lambda r: names(lib, "risk_area", r["risk_areas"])),
        col("code_of_conduct", lambda r: ", ".join(r["code_of_conduct"])),
        col("follow_up", lambda r: names(lib, "follow_up", r["follow_up"])),
        col("published", lambda r: r["published"]),
        col("valid_from", lambda r: r.get("valid_from", "")),
        col("reviewed", lambda r: r.get("reviewed", "")),
        col("review_due", lambda r: r.get("review_due", "")),
        col("supersedes", lambda r: r.get("supersedes", "")),
        col("superseded_by", lambda r: r.get("superseded_by", "")),
        col("legal_basis", lambda r: ", ".join(r.get("legal_basis", []))),
        col(
            "references",
            lambda r: "\n".join(
                f"{ref['title']} ({ref['url']})" if "url" in ref else ref["title"] for ref in r.get("references", [])
            ),
        ),
        col("tags", lambda r: ", ".join(r.get("tags", []))),
        col(
            "changelog",
            lambda r: "\n".join(f"{e['version']} ({e['date']}): {e['summary']['sv']}" for e in r["changelog"]),
        ),
        col("permalink", lambda r: permalink(r, site_url), w["permalink_column"]),
    ]
    return cols


def table(
    lib: Library, site_url: str, records: list[dict] | None = None
) -> tuple[list[tuple[str, int]], list[list[str]]]:
    """The header (name and width of each column) and one row per criterion (or per one of
    `records`), shared by the CSV and the Excel file."""
    cols = columns(lib, site_url)
    rows = _criteria(lib) if records is None else records
    return [(h, width) for h, width, _ in cols], [[value(r) for _, _, value in cols] for r in rows]


# A cell that starts with one of these is read as a formula by Excel and LibreOffice (OWASP: CSV
# injection), so contributor text such as "=HYPERLINK(…)" could run or leak data when opened.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_csv_text(value: str) -> str:
    """A cell value that a spreadsheet shows as text: a leading ' before a formula-like start,
    which Excel hides and reads as "this is text" (documented in docs/kriterier/index.md)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def criteria_csv(head: list[tuple[str, int]], rows: list[list[str]]) -> bytes:
    """CSV as Swedish Excel opens it: UTF-8 with a byte order mark, semicolons between fields."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([name for name, _ in head])
    writer.writerows([as_csv_text(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def criteria_xlsx(head: list[tuple[str, int]], rows: list[list[str]]) -> bytes:
    """A workbook with a bold, frozen header row, filters on every column and readable widths.
    Written in openpyxl's write-only mode, which streams the rows: several times faster."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(labels.words()["sheet_name"])
    for number, (_, width) in enumerate(head, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "B2"  # the header row and the id column stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(rows) + 1}"
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)

    def cells(values, font=None):
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # always text: openpyxl would make "=…" a formula (see FORMULA_START)
            cell.alignment = wrap
            if font:
                cell.font = font
            yield cell

    sheet.append(list(cells([name for name, _ in head], bold)))
    for row in rows:
        sheet.append(list(cells(row)))
    book.properties.creator = "Kravbanken"
    out = io.BytesIO()
    book.save(out)
    return _dated(out.getvalue())


ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same content gives an identical file
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _dated(xlsx: bytes) -> bytes:
    """The workbook dated the build date, its parts a fixed date: openpyxl writes the time of saving
    into both, so that no two builds of the same library gave the same file."""
    day = f"{build_date().isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as made, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in made.infolist():
            data = made.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + day + rb"\g<2>", data)
            package.writestr(zipfile.ZipInfo(info.filename, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- The register of follow-ups (issue 25) ---


def results_json(lib: Library, generated: str) -> bytes:
    """Every follow-up with every field as in the YAML, sorted by id, valid against
    schema/follow-up-results-export.schema.json."""
    records = [lib.records["follow_up_result"][i] for i in sorted(lib.records["follow_up_result"])]
    schema = lib.schemas.documents[RESULTS_EXPORT_SCHEMA]["properties"]["schema"]["const"]
    return record_json({"schema": schema, "generated": generated, "follow_ups": records})


def results_csv(lib: Library, site_url: str) -> bytes:
    """One follow-up per row, Swedish headers and labels, every cell safe from formulas."""
    w = labels.words()

    def field(name: str) -> str:
        return labels.field(lib, name, "follow_up_result")

    def area(r: dict) -> str:
        return title_of(lib.records["risk_area"][r["risk_area"]]) if "risk_area" in r else w["results_several_areas"]

    scope = ("contracts", "suppliers", "sites")
    counts = ("self_assessments", "office_audits", "site_audits", "audits_closed")
    cols: list[tuple[str, Callable[[dict], str]]] = [
        (field("id"), lambda r: r["id"]),
        (field("version"), lambda r: r["version"]),
        (field("title"), title_of),
        (field("status"), lambda r: lib.label("follow_up_status", r["status"])),
        (field("year"), lambda r: str(r["year"])),
        (field("risk_area"), area),
        (field("region"), lambda r: r["region"]),
        (w["results_csv_criteria"], lambda r: ", ".join(f"{c['id']} {c['version']}" for c in r.get("criteria", []))),
        (field("methods"), lambda r: names(lib, "follow_up", r["methods"])),
        *((w[f"results_scope_{k}"], lambda r, k=k: str(r.get("scope", {}).get(k, ""))) for k in scope),
        (w["results_scope_countries"], lambda r: ", ".join(r.get("scope", {}).get("countries", []))),
        *((w[f"results_count_{k}"], lambda r, k=k: str(r.get("counts", {}).get(k, ""))) for k in counts),
        (
            w["results_csv_findings"],
            lambda r: "; ".join(
                f"{f['clause']}: {f['sites']}, {lib.label('severity', f['severity'])}" for f in r.get("findings", [])
            ),
        ),
        (
            w["results_csv_actions"],
            lambda r: "; ".join(
                f"{lib.label('corrective_action_status', a['status'])}: {a['count']}"
                for a in r.get("corrective_actions", [])
            ),
        ),
        (field("summary"), lambda r: _text(r, "summary")),
        (field("completed"), lambda r: r.get("completed", "")),
        (field("published"), lambda r: r["published"]),
        (w["results_csv_example"], lambda r: w["yes"] if r["example"] else w["no"]),
        (w["results_csv_url"], lambda r: site_url + urls.page("result", id=r["id"])),
    ]
    records = [lib.records["follow_up_result"][i] for i in sorted(lib.records["follow_up_result"])]
    return criteria_csv([(h, 0) for h, _ in cols], [[value(r) for _, value in cols] for r in records])
