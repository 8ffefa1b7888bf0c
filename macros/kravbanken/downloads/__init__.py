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
    """Every download: path under the site root -> content."""
    from .tables import criteria_csv, criteria_json, criteria_xlsx, generated_on, record_json, release, table
    from .word import criterion_docx

    head, rows = table(lib, site_url)
    out = {
        urls.table_file("json"): criteria_json(lib, release(lib.root), generated_on()),
        urls.table_file("csv"): criteria_csv(head, rows),
        urls.table_file("xlsx"): criteria_xlsx(head, rows),
    }
    for record_id, record in sorted(lib.criteria.items()):
        out[urls.criterion_file(record_id, "docx")] = criterion_docx(lib, record, site_url)
        out[urls.criterion_file(record_id, "json")] = record_json(record)
    return out
