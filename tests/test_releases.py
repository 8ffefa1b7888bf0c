"""The releases as data: each release in CHANGELOG.md has a manifest, criteria/utgavor/<release>.lock,
that names the version of every criterion it contained; the manifests agree with the histories, and
a changed, shortened or missing manifest is refused with a located message. scripts/release.py
writes the manifest of a new release.

Expected versions are read from the YAML files, not from the program."""

import re
import subprocess
import sys
from datetime import date, timedelta

import yaml

from helpers import ROOT
from kravbanken.model import load_library
from kravbanken.model.releases import status_on, status_periods

HEADING = re.compile(r"^## (\d{4}\.\d+) – (\d{4}-\d{2}-\d{2})$", re.M)


def releases(root) -> list[tuple[str, str]]:
    return HEADING.findall((root / "CHANGELOG.md").read_text(encoding="utf-8"))


def manifest(root, number) -> dict:
    lines = (root / f"criteria/utgavor/{number}.lock").read_text(encoding="utf-8").splitlines()
    return {line.split()[0]: line.split()[1:] for line in lines if line and not line.startswith("#")}


def published_versions(root) -> dict:
    """id -> [(published, version)] of every published version the repository holds."""
    out: dict[str, list[tuple[str, str]]] = {}
    for file in [*(root / "criteria/arkiv").glob("*/*.yaml"), *(root / "criteria/krav").glob("*.yaml")]:
        record = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        if record["status"] != "draft":
            out.setdefault(record["id"], []).append((record["published"], record["version"]))
    return out


def test_every_release_has_a_manifest_with_the_versions_current_on_its_date():
    history = published_versions(ROOT)
    found = releases(ROOT)
    assert [n for n, _ in found][-2:] == ["2026.2", "2026.1"]
    earlier = set()
    for number, day in reversed(found):
        held = manifest(ROOT, number)
        assert held and earlier <= held.keys(), number  # a criterion never leaves a later release
        for record_id, (version, status, digest) in held.items():
            dated = [(tuple(map(int, v.split("."))), v) for p, v in history[record_id] if p <= day]
            assert version == max(dated)[1], (number, record_id)
            assert re.fullmatch(r"[0-9a-f]{64}", digest) and status in (
                "consultation",
                "active",
                "superseded",
                "withdrawn",
            )
        earlier = set(held)
    # 2026.1 held the 36 criteria of its day, one a draft and so not published.
    assert len(manifest(ROOT, "2026.1")) == 35


def edit(project, path, old, new):
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_a_changed_line_in_a_manifest_is_refused(project):
    path = "criteria/utgavor/2026.1.lock"
    text = edit(project, path, "SOC-003 2.0 ", "SOC-003 1.1 ")
    assert [str(p) for p in load_library(project).problems] == [
        f"{path}:{line_of(text, 'SOC-003')}:1: SOC-003 1.1 stämmer inte med kravets historik: den 2026-11-21 gällde "
        "version 2.0 med det innehåll som är låst. En utgåvas innehåll ändras aldrig; återställ filen från git"
    ]


def test_a_criterion_left_out_of_a_later_release_is_refused(project):
    path = "criteria/utgavor/2026.2.lock"
    text = (project / path).read_text(encoding="utf-8")
    (project / path).write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("TEX-001 ")), encoding="utf-8"
    )
    assert [str(p) for p in load_library(project).problems] == [
        f"{path}:1:1: TEX-001 saknas, men fanns i utgåva 2026.1; ett krav tas aldrig bort ur en senare utgåva. "
        "Återställ filen från git"
    ]


def test_a_missing_manifest_and_a_stray_file_are_named(project):
    (project / "criteria/utgavor/2026.2.lock").rename(project / "criteria/utgavor/2026.2.txt")
    assert [str(p) for p in load_library(project).problems] == [
        "criteria/utgavor/2026.2.lock:1:1: filen saknas: utgåva 2026.2 står i CHANGELOG.md, men vad den innehöll är "
        "inte sparat; skriv filen med python scripts/release.py",
        "criteria/utgavor/2026.2.txt:1:1: filen läses inte: en utgåvas innehåll ska ligga i "
        "criteria/utgavor/<utgåva>.lock, och utgåvan ska ha en rubrik i CHANGELOG.md",
    ]


def test_the_release_script_freezes_a_new_release_and_leaves_old_ones(project):
    today = date.today().isoformat()
    before = {n: (project / f"criteria/utgavor/{n}.lock").read_bytes() for n, _ in releases(project)}
    edit(project, "CHANGELOG.md", "## Ej utgivet\n", f"## Ej utgivet\n\n## {today[:4]}.9 – {today}\n\n- Test.\n")
    run = subprocess.run([sys.executable, "scripts/release.py"], cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    held = manifest(project, f"{today[:4]}.9")
    current = {
        f.stem: yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for f in (project / "criteria/krav").glob("*.yaml")
    }
    assert {i: v[0] for i, v in held.items()} == {i: r["version"] for i, r in current.items() if r["status"] != "draft"}
    assert all(held[i][1] == r["status"] for i, r in current.items() if i in held)
    assert {n: (project / f"criteria/utgavor/{n}.lock").read_bytes() for n in before} == before
    assert load_library(project).problems == ()


# The library on a date: the version in force and its status that day (model.releases.status_periods).


def version(number: str, published: str, status: str = "active", **fields) -> dict:
    return {"version": number, "published": published, "status": status, **fields}


def on(periods, day: str) -> tuple[str, str] | None:
    """(version, status) in force on `day`."""
    found = status_on(periods, day)
    return found and (found[0], found[2])


def test_a_criterion_superseded_without_a_new_version_was_in_force_until_its_successor_applied():
    old = [version("1.0", "2020-01-15"), version("1.1", "2021-05-10", "superseded", superseded_by="NEW-001")]
    successor = [version("1.0", "2024-03-01", valid_from="2024-04-01")]
    periods = status_periods(old, (), successor)
    assert on(periods, "2021-05-09") == ("1.0", "active")
    assert on(periods, "2021-05-10") == ("1.1", "active")
    assert on(periods, "2024-03-31") == ("1.1", "active")  # the day before the successor applies
    assert on(periods, "2024-04-01") == ("1.1", "superseded")  # the day it does
    assert on(periods, "2020-01-14") is None
    # The version page keeps its own day; the status begins later.
    assert status_on(periods, "2024-04-01") == ("1.1", "2021-05-10", "superseded", "2024-04-01")


def test_a_criterion_withdrawn_without_a_new_version_was_in_force_on_the_release_that_held_it():
    """No date in the histories: the release recorded it in force, so it was withdrawn after it."""
    periods = status_periods([version("1.0", "2019-05-06", "withdrawn")], [("2026-11-21", "1.0", "active")])
    assert on(periods, "2019-05-06") == ("1.0", "active")
    assert on(periods, "2026-11-21") == ("1.0", "active")
    assert on(periods, "2026-11-22") == ("1.0", "withdrawn")


def test_a_status_that_came_with_a_new_version_begins_on_its_day(lib):
    """SOC-012 1.1 withdrew the criterion (its changelog says so), SOC-001 1.2 recorded that SOC-002
    replaced it: the day before, the version before was in force."""
    for record_id, number, day, status in (
        ("SOC-012", "1.1", "2021-06-14", "withdrawn"),
        ("SOC-001", "1.2", "2022-10-03", "superseded"),
    ):
        text = ROOT / f"criteria/arkiv/{record_id}/{number}.yaml"
        text = text if text.exists() else ROOT / f"criteria/krav/{record_id}.yaml"
        record = yaml.load(text.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        assert (record["version"], record["published"], record["status"]) == (number, day, status)
    soc012 = lib.periods("SOC-012")
    assert on(soc012, "2021-06-13") == ("1.0", "active")
    assert on(soc012, "2021-06-14") == ("1.1", "withdrawn")
    soc001 = lib.periods("SOC-001")
    assert on(soc001, "2022-10-02") == ("1.1", "active")
    assert on(soc001, "2022-10-03") == ("1.2", "superseded")


def test_the_date_view_agrees_with_every_release_table_on_its_date(lib):
    """The table of a release (its manifest) and the library on the release date give each criterion
    the same status; the version too, unless one was published on the release day after it."""
    for number, day in releases(ROOT):
        for record_id, (held, status, _) in manifest(ROOT, number).items():
            version_then, _, status_then, _ = status_on(lib.periods(record_id), day)
            if version_then != held:  # published that day: the day before is the release's
                previous = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
                version_then, _, status_then, _ = status_on(lib.periods(record_id), previous)
            assert (version_then, status_then) == (held, status), (number, record_id)
