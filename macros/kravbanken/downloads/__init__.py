"""The downloads: all criteria as JSON, CSV and XLSX, each criterion as JSON and Word, each published
version as JSON, and the Atom feeds of changes (the news feed is made by the plugin). Imports the
model, urls and labels, never the site.

The build lists the files (`listed`) as soon as the library is loaded, so that pages may link
to them and MkDocs checks those links, and has `make` run in a second process while it renders
the pages (see adapter/plugin.py). The writers are imported here, inside `make`, so the build
process itself never needs openpyxl or python-docx.
"""

from __future__ import annotations

from .. import urls
from ..model import Library


def listed(lib: Library) -> list[str]:
    """What `make` makes, by path under the site root: known as soon as the library is loaded."""
    versions = [(i, r["version"]) for i in lib.criteria for r in lib.history(i)]
    return urls.downloads(lib.criteria, versions, lib.records["risk_area"])


def make(lib: Library, site_url: str) -> dict[str, bytes]:
    """Every download and the changes feeds: path under the site root -> content."""
    from .feeds import changes_atom
    from .tables import criteria_csv, criteria_json, criteria_xlsx, generated_on, record_json, table
    from .word import criterion_docx

    head, rows = table(lib, site_url)
    out = {
        urls.table_file("json"): criteria_json(lib, lib.release, generated_on()),
        urls.table_file("csv"): criteria_csv(head, rows),
        urls.table_file("xlsx"): criteria_xlsx(head, rows),
    }
    for record_id, record in sorted(lib.criteria.items()):
        out[urls.criterion_file(record_id, "docx")] = criterion_docx(lib, record, site_url)
        out[urls.criterion_file(record_id, "json")] = record_json(record)
        for version in lib.history(record_id):
            out[urls.version_file(record_id, version["version"])] = record_json(version)
    out[urls.CHANGES_FEED] = changes_atom(lib, site_url)
    for area in lib.records["risk_area"].values():
        out[urls.area_feed(area["id"])] = changes_atom(lib, site_url, area)
    return out
