"""The downloads: all criteria as JSON, CSV and XLSX, each criterion as JSON and Word, and the news
feed. Imports the model, urls and labels, never the site.

The build lists the files (urls.downloads) as soon as the library is loaded, so that pages may link
to them and MkDocs checks those links, and has `make` run in a second process while it renders
the pages (see adapter/plugin.py). The writers are imported here, inside `make`, so the build
process itself never needs openpyxl or python-docx.
"""

from __future__ import annotations

from .. import urls
from ..model import Library


def make(lib: Library, site_url: str) -> dict[str, bytes]:
    """Every download: path under the site root -> content. Should a writer fail on a record (the
    validator should have refused it), the error names the record's file, not the writer."""
    from .tables import criteria_csv, criteria_json, criteria_xlsx, generated_on, record_json, release, table
    from .word import criterion_docx

    head, rows = table(lib, site_url)
    ids = sorted(lib.criteria)
    try:
        xlsx = criteria_xlsx(head, rows)
    except Exception as error:
        # Only now, to find the record: each row on its own.
        bad = next((i for i, row in zip(ids, rows) if not _writes(criteria_xlsx, head, [row])), None)
        raise ValueError(f"{lib.files.get(('criterion', bad), urls.table_file('xlsx'))}: Excel-filen kunde inte "
                         f"skrivas ({error})") from None
    out = {
        urls.table_file("json"): criteria_json(lib, release(lib.root), generated_on()),
        urls.table_file("csv"): criteria_csv(head, rows),
        urls.table_file("xlsx"): xlsx,
    }
    for record_id in ids:
        record = lib.criteria[record_id]
        try:
            out[urls.criterion_file(record_id, "docx")] = criterion_docx(lib, record, site_url)
        except Exception as error:
            raise ValueError(f"{lib.files['criterion', record_id]}: Word-filen kunde inte skrivas ({error})") from None
        out[urls.criterion_file(record_id, "json")] = record_json(record)
    return out


def _writes(writer, *args) -> bool:
    try:
        writer(*args)
    except Exception:
        return False
    return True
