"""The library through time, on the built site: a page and a snapshot for every release, the
library on a date, any two versions of a criterion compared word by word, a feed per criterion and
its timeline. The browser tests run the page's own script in Chromium.

Expected values are read from the YAML files, CHANGELOG.md and the release manifests, never from
the program's output."""

import csv
import functools
import io
import json
import re
from datetime import date, timedelta
from urllib.parse import urljoin, urlparse

import feedparser
import yaml

from helpers import read_page, url
from site_visit import AXE, AXE_TAGS

SITE_URL = "https://kravbanken.se/"
HEADING = re.compile(r"^## (\d{4}\.\d+) – (\d{4}-\d{2}-\d{2})$", re.M)
STATUS = {"consultation": "På remiss", "active": "Gällande", "superseded": "Ersatt", "withdrawn": "Återkallat"}


def releases(root) -> list[tuple[str, str]]:
    """(number, date) of each release in CHANGELOG.md, newest first."""
    return HEADING.findall((root / "CHANGELOG.md").read_text(encoding="utf-8"))


def manifest(root, number) -> dict:
    """id -> (version, status) as the release's manifest holds it."""
    text = (root / f"criteria/utgavor/{number}.lock").read_text(encoding="utf-8")
    return {f[0]: (f[1], f[2]) for f in (line.split() for line in text.splitlines() if line and line[0] != "#")}


@functools.cache
def records(root) -> dict:
    """(id, version) -> every version the repository holds, as written (dates as text)."""
    files = [*(root / "criteria/arkiv").glob("*/*.yaml"), *(root / "criteria/krav").glob("*.yaml")]
    out = {}
    for file in files:
        record = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        out[record["id"], record["version"]] = record
    return out


def key(version: str) -> tuple:
    return tuple(map(int, version.split(".")))


@functools.cache
def history(root, record_id) -> list[dict]:
    """The published versions of a criterion, oldest first."""
    return sorted(
        (r for (i, _), r in records(root).items() if i == record_id and r["status"] != "draft"),
        key=lambda r: key(r["version"]),
    )


def test_every_release_has_a_page_with_the_version_and_status_of_each_criterion(site, root):
    found = releases(root)
    assert len(found) >= 2
    index = read_page(site, url("releases")).find("article")
    listed = {row.find("a").get_text(): row for row in index.select("table.kb-releases tbody tr")}
    assert list(listed) == [n for n, _ in found]
    for number, day in found:
        held = manifest(root, number)
        assert listed[number].find("time")["datetime"] == day
        assert listed[number].find_all("td")[2].get_text() == str(len(held))
        page = read_page(site, url("release", number=number)).find("article")
        rows = {row["data-id"]: row for row in page.select("table.kb-release tbody tr")}
        assert rows.keys() == held.keys()
        here = SITE_URL + url("release", number=number)
        for record_id, (version, status) in held.items():
            cells = rows[record_id].find_all("td")
            link = cells[1].find("a")
            assert link.get_text() == version and cells[2].get_text() == STATUS[status]
            assert urljoin(here, link["href"]) == SITE_URL + url("criterion_version", id=record_id, version=version)


def test_a_release_page_shows_what_changed_since_the_release_before(site, root):
    (new, _), (old, _) = releases(root)[:2]
    before, after = manifest(root, old), manifest(root, new)
    changed = {i for i, held in after.items() if before.get(i) != held}
    assert changed
    page = read_page(site, url("release", number=new)).find("article")
    rows = {row["data-id"]: row for row in page.select("table.kb-release-changes tbody tr")}
    assert rows.keys() == changed
    for record_id in changed:
        was, now = (td.get_text() for td in rows[record_id].find_all("td")[1:])
        assert now.startswith(after[record_id][0] + ", ")
        assert was.startswith(before[record_id][0] + ", ") if record_id in before else was == "fanns inte"


def test_every_release_snapshot_holds_each_criterion_as_the_release_held_it(site, root, lib):
    envelope, item = (
        lib.schemas.validator("criteria-export.schema.json"),
        lib.schemas.validator("criterion.schema.json"),
    )
    kept = records(root)
    for number, day in releases(root):
        held = manifest(root, number)
        data = json.loads((site / f"data/releases/{number}/criteria.json").read_text(encoding="utf-8"))
        assert [e.message for e in envelope.iter_errors(data)] == []
        assert data["release"] == number and data["generated"] == day
        assert [c["id"] for c in data["criteria"]] == sorted(held)
        for criterion in data["criteria"]:
            assert [e.message for e in item.iter_errors(criterion)] == [], criterion["id"]
            version, status = held[criterion["id"]]
            written = kept[criterion["id"], version]
            assert (criterion["version"], criterion["status"]) == (version, status)
            assert criterion["clause"] == written["clause"] and criterion["published"] == written["published"]
        text = (site / f"data/releases/{number}/criteria.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert [(r[0], r[1]) for r in rows[1:]] == [(i, held[i][0]) for i in sorted(held)]


def test_every_criterion_has_a_feed_of_its_versions_linked_from_its_page(site, root, lib):
    for record_id in lib.criteria:
        feed = feedparser.parse((site / f"kriterier/{record_id}/andringar.xml").read_bytes())
        assert feed.bozo == 0 and feed.version == "atom10", record_id
        expected = [
            SITE_URL + url("criterion_version", id=record_id, version=r["version"])
            for r in reversed(history(root, record_id))
        ]
        assert [e.id for e in feed.entries] == expected
    page = read_page(site, url("criterion", id="SOC-003"))
    assert page.select_one(".kb-feed-link a")["href"] == "andringar.xml"
    head = {link["href"] for link in page.find("head").find_all("link", rel="alternate", type="application/atom+xml")}
    assert "andringar.xml" in head


def test_the_timeline_gives_each_version_its_kind_of_change_and_first_release(site, root):
    numbers = [n for n, _ in reversed(releases(root))]  # oldest first
    newest = releases(root)[0][1]
    held = {n: manifest(root, n) for n in numbers}
    for record_id in ("SOC-003", "SOC-012", "IKT-001"):
        changelog = history(root, record_id)[-1]["changelog"]
        page = read_page(site, url("criterion", id=record_id)).find("article")
        rows = page.select("table.kb-changelog tbody tr")
        assert len(rows) == len(changelog)
        for row, entry, older in zip(rows, changelog, [*changelog[1:], None], strict=True):
            cells = [td.get_text() for td in row.find_all("td")]
            assert cells[0] == entry["version"] and cells[1] == entry["date"]
            if older is None:
                kind = "Nytt krav"
            elif key(entry["version"])[0] != key(older["version"])[0]:
                kind = "Ny huvudversion"
            else:
                kind = "Redaktionell ändring" if entry.get("editorial") == "true" else "Ny delversion"
            assert cells[2] == kind
            # In no release: a version after the newest release is to come; an older one never was in one.
            none = "Inte utgiven än" if entry["date"] > newest else "–"
            first = next((n for n in numbers if held[n].get(record_id, ("",))[0] == entry["version"]), none)
            assert cells[3] == first, (record_id, entry["version"])


def _words(text: str) -> set:
    return set(text.split())


def test_two_versions_far_apart_are_compared_word_by_word_and_the_link_keeps_them(page, root):
    versions = history(root, "SOC-003")
    old, new = versions[0], versions[-1]
    assert key(new["version"])[0] - key(old["version"])[0] >= 2  # not neighbours
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url("criterion", id="SOC-003"))
    page.select_option("#kb-fran", old["version"])
    page.select_option("#kb-till", new["version"])
    page.click("form.kb-compare button")
    page.wait_for_selector(".kb-compare-body h3")
    assert page.url.endswith(f"?fran={old['version']}&till={new['version']}#jamfor")
    page.goto(page.url)  # the address alone brings the comparison back
    page.wait_for_selector(".kb-compare-body h3")
    heading = page.inner_text(".kb-compare-body h3")
    assert heading == f"Ändringar från version {old['version']} till version {new['version']}"
    fields = page.eval_on_selector_all(".kb-compare-body h4", "hs => hs.map(h => h.textContent)")
    assert "Kravtext" in fields
    clause = page.locator(".kb-compare-body .kb-diff").nth(fields.index("Kravtext"))
    inserted = " ".join(clause.locator("ins").all_inner_texts())
    deleted = " ".join(clause.locator("del").all_inner_texts())
    added, removed = (
        _words(new["clause"]["sv"]) - _words(old["clause"]["sv"]),
        _words(old["clause"]["sv"]) - _words(new["clause"]["sv"]),
    )
    assert added and all(w in inserted for w in added)
    assert removed and all(w in deleted for w in removed)
    # Words in both texts that the diff keeps are not marked; the marks say what they are.
    assert all(text.startswith("Tillagt:") for text in clause.locator("ins").all_inner_texts())
    assert all(text.startswith("Borttaget:") for text in clause.locator("del").all_inner_texts())
    _no_axe_violations(page)
    assert all(urlparse(r).hostname == "127.0.0.1" for r in requests)


def _change_days(root):
    """(record id, version before, version after, day) for a version that applies from its
    publication day and one that applies from a later valid_from."""
    plain, later = None, None
    for (record_id, _), record in sorted(records(root).items()):
        versions = history(root, record_id)
        if record["status"] == "draft" or record not in versions[1:]:
            continue
        before = versions[versions.index(record) - 1]
        if "valid_from" in record and later is None:
            later = (record_id, before["version"], record["version"], record["valid_from"])
        elif "valid_from" not in record and "valid_from" not in before and plain is None:
            plain = (record_id, before["version"], record["version"], record["published"])
    return [c for c in (plain, later) if c]


def test_the_library_on_a_date_gives_the_version_in_force_the_day_before_and_the_day_of_a_change(page, root):
    changes = _change_days(root)
    assert changes
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for record_id, before, after, day in changes:
        previous = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        for when, version in ((previous, before), (day, after)):
            page.goto(url("releases"))
            page.fill("#kb-date", when)
            page.click("form.kb-on-date button")
            row = page.locator(f'.kb-on-date-result tr[data-id="{record_id}"]')
            row.wait_for()
            assert row.locator("td").nth(1).inner_text() == version, (record_id, when)
            assert page.url.endswith(f"?datum={when}#datum")
    _no_axe_violations(page)
    assert all(urlparse(r).hostname == "127.0.0.1" for r in requests)


def _no_axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []


def test_the_release_pages_pass_axe(page, root):
    """The full gate (test_accessibility.py) visits every page; this checks the new ones on their own."""
    for number, _ in releases(root):
        page.goto(url("release", number=number))
        _no_axe_violations(page)


def test_the_kravpaket_and_history_scripts_load_only_on_the_pages_that_use_them(site):
    """Each page loads what it uses: a plain page neither, the overview and the package page the
    kravpaket's, the releases page and a criterion page with versions to compare the history's."""

    def scripts(path):
        return {s["src"].rsplit("/", 1)[-1] for s in read_page(site, path).select("script[src]")}

    wanted = {
        "om/": set(),
        "kriterier/": {"kravpaket.js"},
        "kriterier/kravpaket/": {"kravpaket.js"},
        "kriterier/utgavor/": {"kravbanken-historik.js"},
        "kriterier/SOC-003/": {"kravbanken-historik.js"},
        "kriterier/SOC-003/1.0/": set(),  # an old version's page compares nothing
        "kriterier/utgavor/2026.1/": set(),
    }
    for path, expected in wanted.items():
        found = scripts(path)
        assert found & {"kravpaket.js", "kravbanken-historik.js"} == expected, path
        assert {"kravbanken.js", "tabeller.js"} <= found, path  # the shared ones stay on every page


def _on_date(page, when, record_id) -> list[str]:
    """The cells of `record_id`'s row in the library on `when`, as the page shows them."""
    page.goto(url("releases"))
    page.fill("#kb-date", when)
    page.click("form.kb-on-date button")
    row = page.locator(f'.kb-on-date-result tr[data-id="{record_id}"]')
    row.wait_for()
    return [cell.inner_text() for cell in row.locator("td").all()]


def test_the_library_on_a_date_gives_the_status_on_that_day(page, root):
    """A criterion withdrawn by a new version (SOC-012 1.1): in force the day before. And one
    superseded without a new version, whose successor applies from a later day: the index the
    build writes is replaced by such a history, and the page reads the status of each day from it."""
    [withdrawn] = [r for r in history(root, "SOC-012") if r["status"] == "withdrawn"][:1]
    [before] = [r for r in history(root, "SOC-012") if key(r["version"]) < key(withdrawn["version"])][-1:]
    day = withdrawn["published"]
    previous = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    assert _on_date(page, previous, "SOC-012")[1:3] == [before["version"], STATUS[before["status"]]]
    assert _on_date(page, day, "SOC-012")[1:3] == [withdrawn["version"], STATUS["withdrawn"]]

    periods = [
        ["1.0", "2020-01-15", "active"],
        ["1.1", "2021-05-10", "active"],
        ["1.1", "2021-05-10", "superseded", "2024-04-01"],
    ]
    index = {"SOC-001": {"title": "Ett krav som ersattes", "versions": periods}}
    page.route("**/data/versions.json", lambda route: route.fulfill(json=index))
    assert _on_date(page, "2024-03-31", "SOC-001")[1:] == ["1.1", STATUS["active"], "2021-05-10"]
    assert _on_date(page, "2024-04-01", "SOC-001")[1:] == ["1.1", STATUS["superseded"], "2021-05-10"]
    page.unroute("**/data/versions.json")
