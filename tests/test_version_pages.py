"""What a reader sees of versions in the built site: a page for every published version with a
notice when a newer one exists, the changes word by word, superseded and withdrawn criteria marked
with their successor, drafts nowhere, consultations on the Remisser page, the Ändringslogg with
the release, and Atom feeds that feed readers accept.

Expected values are read from the YAML files and CHANGELOG.md, not from the program."""

import itertools
import json
import re
from urllib.parse import urljoin

import feedparser
import yaml

from helpers import read_page, url

SITE_URL = "https://kravbanken.se/"


def versions(root) -> list[dict]:
    """Every version the repository holds, current and archived, as written (dates as text)."""
    files = [*sorted((root / "criteria/arkiv").glob("*/*.yaml")), *sorted((root / "criteria/krav").glob("*.yaml"))]
    return [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) for f in files]


def current(root, record_id: str) -> dict:
    return yaml.load((root / f"criteria/krav/{record_id}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def article(site, path: str):
    return read_page(site, path).find("article")


def test_every_published_version_has_its_page_with_its_own_text(site, root):
    published = [r for r in versions(root) if r["status"] != "draft"]
    assert len(published) > 150
    for record in published:
        page = article(site, url("criterion_version", id=record["id"], version=record["version"]))
        box = page.find(attrs={"data-kb-clause": "sv"})
        assert box["data-kb-text"] == record["clause"]["sv"].rstrip(), record["id"]
        newest = current(root, record["id"])["version"]
        notice = page.find(class_="kb-newer")
        if record["version"] == newest:
            assert notice is None
        else:
            # A clear notice, naming the current version and linking to it.
            assert f"Den aktuella versionen är {newest}" in notice.get_text()
            link = notice.find("a")["href"]
            here = SITE_URL + url("criterion_version", id=record["id"], version=record["version"])
            assert urljoin(here, link) == SITE_URL + url("criterion", id=record["id"])


def test_old_version_pages_are_left_out_of_the_search_index(site, root):
    """Pagefind indexes only what stands in a data-pagefind-body element: the current page of a
    criterion has one, its permanent version pages do not, so a search finds each criterion once."""
    for record in versions(root):
        if record["status"] == "draft":
            continue
        page = read_page(site, url("criterion_version", id=record["id"], version=record["version"]))
        assert page.find(attrs={"data-pagefind-body": True}) is None, record["id"]
    assert read_page(site, url("criterion", id="SOC-001")).find(attrs={"data-pagefind-body": True})


def test_a_version_page_shows_the_changes_word_by_word(site, root):
    old = yaml.safe_load((root / "criteria/arkiv/SOC-001/1.0.yaml").read_text(encoding="utf-8"))
    new = yaml.safe_load((root / "criteria/arkiv/SOC-001/1.1.yaml").read_text(encoding="utf-8"))
    page = article(site, url("criterion_version", id="SOC-001", version="1.1"))
    section = page.find(id="andringar")
    assert section.get_text().startswith("Ändringar från version 1.0")
    # Words only in the new clause are marked inserted, words only in the old one deleted; each
    # change also says so in words for screen readers, and the legend explains the marks.
    old_words, new_words = set(old["clause"]["sv"].split()), set(new["clause"]["sv"].split())
    inserted = " ".join(ins.get_text() for ins in page.select(".kb-diff ins"))
    deleted = " ".join(d.get_text() for d in page.select(".kb-diff del"))
    assert new_words - old_words and all(word in inserted for word in new_words - old_words)
    assert old_words - new_words and all(word in deleted for word in old_words - new_words)
    assert all(ins.find(class_="kb-sr-only").get_text() == "Tillagt: " for ins in page.select(".kb-diff ins"))
    assert all(d.find(class_="kb-sr-only").get_text() == "Borttaget: " for d in page.select(".kb-diff del"))
    legend = page.find(class_="kb-diff-legend").get_text()
    assert "understruken" in legend and "överstruken" in legend
    # The current page links to what changed in its own version.
    link = article(site, url("criterion", id="SOC-002")).find(class_="kb-see-changes").find("a")["href"]
    assert link.endswith(f"{current(root, 'SOC-002')['version']}/#andringar")


def test_superseded_and_withdrawn_criteria_are_marked_with_their_successor(site, root):
    superseded = current(root, "SOC-001")
    assert superseded["status"] == "superseded"
    for path in (url("criterion", id="SOC-001"), url("criterion_version", id="SOC-001", version="1.0")):
        note = article(site, path).find(class_="kb-status")
        assert "Kravet är ersatt av" in note.get_text()
        here = SITE_URL + path
        assert urljoin(here, note.find("a")["href"]) == SITE_URL + url("criterion", id=superseded["superseded_by"])
    assert current(root, "SOC-012")["status"] == "withdrawn"
    note = article(site, url("criterion", id="SOC-012")).find(class_="kb-status")
    assert "återkallat" in note.get_text()


def test_drafts_are_not_published(site, root):
    drafts = {r["id"] for r in versions(root) if r["status"] == "draft"}
    assert drafts
    overview = read_page(site, "kriterier/")
    listed = {row["data-id"] for row in overview.select("tr[data-id]")}
    exported = {c["id"] for c in json.loads((site / "data/criteria.json").read_text(encoding="utf-8"))["criteria"]}
    for record_id in drafts:
        assert not (site / "kriterier" / record_id).exists()
        assert record_id not in listed and record_id not in exported


def test_consultations_are_listed_with_closing_date_and_how_to_comment(site, root):
    on_consultation = {
        r["id"]: r
        for r in map(
            yaml.safe_load, (f.read_text(encoding="utf-8") for f in sorted((root / "criteria/krav").glob("*.yaml")))
        )
        if r["status"] == "consultation"
    }
    assert on_consultation
    page = article(site, "kriterier/remisser/")
    assert "gäller inte" in page.get_text()
    rows = {row.find("a").get_text().split()[0]: row for row in page.select("tbody tr")}
    assert rows.keys() == on_consultation.keys()
    for record_id, record in on_consultation.items():
        assert rows[record_id].find("time")["datetime"] == record["consultation_closes"]
        note = article(site, url("criterion", id=record_id)).find(class_="kb-status")
        assert "gäller inte" in note.get_text() and record["consultation_closes"] in note.get_text()
    ways = page.find(id="synpunkter").find_next("ul").get_text()
    assert "pull request" in ways and "ärende" in ways and "@" in ways


def test_the_change_log_lists_every_published_version_newest_first_and_the_release(site, root):
    page = article(site, "kriterier/andringslogg/")
    rows = page.select("table.kb-changes tbody tr")
    published = [r for r in versions(root) if r["status"] != "draft"]
    assert len(rows) == len(published)
    dates = [row.find("time")["datetime"] for row in rows]
    assert dates == sorted(dates, reverse=True)
    newest = re.search(r"^## (\d{4}\.\d+) – (\S+)", (root / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert f"Den senaste utgåvan av Kravbanken är {newest.group(1)}, från {newest.group(2)}." in page.get_text()


def test_feeds_of_changes_are_valid_and_linked_from_the_pages(site, root):
    feed = feedparser.parse((site / "kriterier/andringar.xml").read_bytes())
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.entries
    for entry in feed.entries:
        # The id is the version's permanent address: the same entry keeps the same id forever.
        assert re.fullmatch(r"https://kravbanken\.se/kriterier/[A-Z]{3}-\d{3}/\d+\.\d+/", entry.id)
        assert entry.link == entry.id
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    textile = feedparser.parse((site / "riskomraden/textil/andringar.xml").read_bytes())
    assert textile.bozo == 0 and textile.entries
    for entry in textile.entries:
        record_id, version = entry.id.split("/")[-3:-1]
        path = root / "criteria/krav" / f"{record_id}.yaml"
        if current(root, record_id)["version"] != version:
            path = root / "criteria/arkiv" / record_id / f"{version}.yaml"
        assert "textil" in yaml.safe_load(path.read_text(encoding="utf-8"))["risk_areas"]
    head = read_page(site, "riskomraden/textil/").find("head")
    feeds = {link["href"] for link in head.find_all("link", rel="alternate", type="application/atom+xml")}
    assert feeds == {"../../kriterier/andringar.xml", "andringar.xml"}


def test_every_old_version_page_says_it_is_replaced_and_by_which_version(site, root):
    """A reader who arrives from an old contract must not be told the version is in force."""
    by_id = {}
    for record in versions(root):
        if record["status"] != "draft":
            by_id.setdefault(record["id"], []).append(record)
    old = 0
    for record_id, records in by_id.items():
        records.sort(key=lambda r: tuple(map(int, r["version"].split("."))))
        for record, newer in itertools.pairwise(records):
            page = article(site, url("criterion_version", id=record_id, version=record["version"]))
            facts = {
                dt.get_text(): dd.get_text()
                for dt, dd in zip(page.select(".kb-facts dt"), page.select(".kb-facts dd"), strict=True)
            }
            assert facts["Status"] == (
                f"Tidigare version, ersatt av version {newer['version']} ({newer['published']})"
            ), (record_id, record["version"])
            old += 1
    assert old > 40  # the library has dozens of criteria with earlier versions
