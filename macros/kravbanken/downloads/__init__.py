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
    english = [i for i, r in lib.criteria.items() if "en" in r["clause"]]
    return urls.downloads(lib.criteria, versions, lib.records["risk_area"], [r.number for r in lib.releases], english)


def make(lib: Library, site_url: str) -> dict[str, bytes]:
    """Every download and the changes feeds: path under the site root -> content (the Word file of
    each criterion in English too, where it has an English clause). Should a writer
    fail on a record (the validator should have refused it), the error names the record's file,
    not the writer."""
    from .feeds import changes_atom, criterion_atom, results_atom
    from .tables import (
        criteria_csv,
        criteria_json,
        criteria_xlsx,
        generated_on,
        record_json,
        release_records,
        results_csv,
        results_json,
        table,
        versions_index,
    )
    from .word import criterion_docx

    head, rows = table(lib, site_url)
    ids = sorted(lib.criteria)
    try:
        xlsx = criteria_xlsx(head, rows)
    except Exception as error:
        # Only now, to find the record: each row on its own.
        bad = next((i for i, row in zip(ids, rows, strict=True) if not _writes(criteria_xlsx, head, [row])), None)
        raise ValueError(
            f"{lib.files.get(('criterion', bad or ''), urls.table_file('xlsx'))}: Excel-filen kunde inte "
            f"skrivas ({error})"
        ) from error
    out = {
        urls.table_file("json"): criteria_json(lib, lib.release, generated_on()),
        urls.table_file("csv"): criteria_csv(head, rows),
        urls.table_file("xlsx"): xlsx,
    }
    for record_id in ids:
        record = lib.criteria[record_id]
        try:
            out[urls.criterion_file(record_id, "docx")] = criterion_docx(lib, record, site_url)
            if "en" in record["clause"]:
                out[urls.criterion_file(record_id, "docx", "en")] = criterion_docx(lib, record, site_url, "en")
        except Exception as error:
            raise ValueError(f"{lib.files['criterion', record_id]}: Word-filen kunde inte skrivas ({error})") from error
        out[urls.criterion_file(record_id, "json")] = record_json(record)
        for version in lib.history(record_id):
            out[urls.version_file(record_id, version["version"])] = record_json(version)
        out[urls.criterion_feed(record_id)] = criterion_atom(lib, site_url, record_id)
    for release in lib.releases:
        # The snapshot: each criterion as the release held it; the same manifest always gives the same files.
        records = release_records(lib, release)
        out[urls.release_file(release.number, "json")] = criteria_json(lib, release.number, release.date, records)
        out[urls.release_file(release.number, "csv")] = criteria_csv(*table(lib, site_url, records))
    out[urls.VERSIONS_INDEX] = versions_index(lib)
    out[urls.results_file("json")] = results_json(lib, generated_on())
    out[urls.results_file("csv")] = results_csv(lib, site_url)
    out[urls.RESULTS_FEED] = results_atom(lib, site_url)
    out[urls.CHANGES_FEED] = changes_atom(lib, site_url)
    for area in lib.records["risk_area"].values():
        out[urls.area_feed(area["id"])] = changes_atom(lib, site_url, area)
    return out


def _writes(writer, *args) -> bool:
    try:
        writer(*args)
    except Exception:
        return False
    return True
