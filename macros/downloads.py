"""The site's downloads: which files there are, and the one function that makes them all.

The build lists the files as soon as the library is loaded, so that pages may link to them and
MkDocs checks those links, and has them made in a second process while it renders the pages
(see hooks.py). `make` runs in that process, so it takes the validated records rather than the
Library, and imports the writers itself: the build process never needs openpyxl or python-docx.
"""

from __future__ import annotations

from pathlib import Path

from .library import Library, Schemas

DATA_DIR = "data"
TABLES = ("json", "csv", "xlsx")  # all criteria in one file
PER_CRITERION = ("docx", "json")  # one file per criterion


def criterion_file(record_id: str, suffix: str) -> str:
    """Path under the site root of one criterion's download."""
    return f"{DATA_DIR}/criteria/{record_id}.{suffix}"


def paths(criterion_ids) -> list[str]:
    """Every download, by its path under the site root."""
    return ([f"{DATA_DIR}/criteria.{suffix}" for suffix in TABLES]
            + [criterion_file(i, suffix) for i in sorted(criterion_ids) for suffix in PER_CRITERION])


def make(root: str, records: dict, site_url: str) -> dict[str, bytes]:
    """Every download: path under the site root -> content."""
    from .export import criteria_csv, criteria_json, criteria_xlsx, generated_on, record_json, release, table
    from .word import criterion_docx

    lib = Library(Path(root), Schemas(Path(root) / "schema"), records=records)
    head, rows = table(lib, site_url)
    out = {
        f"{DATA_DIR}/criteria.json": criteria_json(lib, release(lib.root), generated_on()),
        f"{DATA_DIR}/criteria.csv": criteria_csv(head, rows),
        f"{DATA_DIR}/criteria.xlsx": criteria_xlsx(head, rows),
    }
    for record_id, record in sorted(lib.criteria.items()):
        out[criterion_file(record_id, "docx")] = criterion_docx(lib, record, site_url)
        out[criterion_file(record_id, "json")] = record_json(record)
    return out
