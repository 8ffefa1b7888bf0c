"""The library's calendar releases (2026.1, 2026.2 …), read from CHANGELOG.md: one `## ` heading
per release, newest first, `## 2026.2 – 2026-12-01`, with its changes as a list below it; a
heading `## Ej utgivet` above them collects what the next release will bring. CHANGELOG.md is the
one place a release number is written: data/criteria.json and the site's Ändringslogg read it here.

What a release contained is frozen in a manifest, `criteria/utgavor/<release>.lock`, written once
by scripts/release.py: one line per criterion with the version current on the release date, its
status then, and the version's fingerprint (as in criteria/publicerat.lock). The histories alone
cannot say it: a criterion may arrive with a history older than the library (published dates from
before it was taken in), and a status changes without a new version. The check here holds each
manifest to the histories, so that editing one is found: every line names the version the history
says was current on that date, with the same content, and a criterion in a release is in every
later one (criteria are never removed).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from .aliases import Record
from .files import entries, read_text, shown_path
from .versions import fingerprint, is_published
from .yamlload import Problem, YamlError

CHANGELOG = "CHANGELOG.md"
UNRELEASED = "Ej utgivet"
RELEASES_DIR = "criteria/utgavor"
_ENTRY = re.compile(r"^([A-Z]{3}-[0-9]{3}) ([1-9][0-9]*\.(?:0|[1-9][0-9]*)) ([a-z]+) ([0-9a-f]{64})$")
_HEADING = re.compile(r"^## (\d{4})\.([1-9]\d*) – (\d{4})-(\d{2})-(\d{2})$")


Heading = tuple[str, str, tuple[str, ...]]  # a release's number, date and the changes listed under it


def read_releases(root: Path) -> tuple[tuple[Heading, ...], list[Problem]]:
    """((number, date, (change, …)), …) newest first, and the problems of CHANGELOG.md."""
    file = root / CHANGELOG
    if not os.path.lexists(file):
        return (), [
            Problem(
                CHANGELOG, 1, 1, "filen saknas; den ska ha en rubrik per utgåva, till exempel ## 2026.1 – 2026-11-21"
            )
        ]
    try:
        text = read_text(file, root, CHANGELOG)
    except YamlError as exc:
        return (), [exc.problem]
    releases: list[tuple[str, str, list[str]]] = []
    problems: list[Problem] = []
    current: tuple[str, str, list[str]] | None = None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("## "):
            match = _HEADING.match(line)
            current = None
            if match:
                number, day = f"{match[1]}.{match[2]}", "-".join(match.group(3, 4, 5))
                if match[1] != match[3]:
                    problems.append(
                        Problem(CHANGELOG, n, 4, f"utgåvans år {match[1]} ska vara samma som datumets år {match[3]}")
                    )
                elif releases and (int(match[1]), int(match[2])) >= tuple(map(int, releases[-1][0].split("."))):
                    problems.append(
                        Problem(
                            CHANGELOG,
                            n,
                            4,
                            f"utgåva {number} ska vara äldre än {releases[-1][0]} "
                            "ovanför; den senaste utgåvan står först",
                        )
                    )
                else:
                    current = (number, day, [])
                    releases.append(current)
            elif line != f"## {UNRELEASED}":
                problems.append(
                    Problem(
                        CHANGELOG,
                        n,
                        1,
                        f"rubriken ska vara ## {UNRELEASED} eller en utgåva med "
                        "år, nummer och datum, till exempel ## 2026.2 – 2026-12-01",
                    )
                )
        elif current is not None and line.startswith("- "):
            current[2].append(line[2:].strip())
        elif current is not None and line.startswith("  ") and current[2]:
            current[2][-1] += " " + line.strip()
    if not releases and not problems:
        problems.append(Problem(CHANGELOG, 1, 1, "filen har ingen utgåva; skriv en rubrik som ## 2026.1 – 2026-11-21"))
    return tuple((number, day, tuple(items)) for number, day, items in releases), problems


class Release(NamedTuple):
    number: str
    date: str
    changes: tuple[str, ...]  # the items under its heading in CHANGELOG.md
    contents: tuple[
        tuple[str, str, str], ...
    ]  # ((id, version, status), …) by id, from its manifest; () while it has none


def manifest_path(number: str) -> str:
    return f"{RELEASES_DIR}/{number}.lock"


def _published(record: Record) -> str:
    return str(record["published"])


def current_on(
    records: Iterable[Record], day: str, key: Callable[[Record], str] = _published, before: bool = False
) -> Record | None:
    """The newest published version of a history (oldest first) dated on or before `day` by `key`
    (strictly before it when `before`)."""
    dated = [r for r in records if is_published(r) and (key(r) < day if before else key(r) <= day)]
    return dated[-1] if dated else None


def in_force_from(record: Record) -> str:
    """The day a version starts to apply: its valid_from, else its publication date."""
    return str(record.get("valid_from", record["published"]))


# The statuses that end a criterion's life. They may be set on the current version without a new
# version (versions.LIFECYCLE), so a version's stored status may have begun after the version did.
ENDED = ("superseded", "withdrawn")


def _day_after(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def status_periods(
    history: Sequence[Record], held: Iterable[tuple[str, str, str]] = (), successor: Sequence[Record] = ()
) -> list[tuple[str, str, str, str]]:
    """(version, the day it applies from, status, the day that status begins) of each period of a
    criterion's published history (`history`, oldest first), oldest first: what was in force, and
    how, on any day is the last period begun by then. The stored status of a version is its status
    now; when it began is read from the histories:
    - `held`: (release date, version, status) of each release that held the criterion; a release
      records the status the version had on its date;
    - `successor`: the history of the criterion named in superseded_by; a criterion is superseded
      from the day its successor first applies, not before;
    - otherwise the stored status is the version's from its first day (it came with the version:
      its changelog entry says so, as SOC-012 1.1 "Kravet har återkallats").
    A status that no release recorded and that the histories cannot date began after the last
    release that recorded another: from the day after it."""
    published = [r for r in history if is_published(r)]
    out: list[tuple[str, str, str, str]] = []
    for record, following in zip(published, [*published[1:], None], strict=True):
        version, start, stored = record["version"], in_force_from(record), record["status"]
        end = in_force_from(following) if following else None
        recorded = sorted((max(day, start), status) for day, v, status in held if v == version)
        recorded = [(day, status) for day, status in recorded if end is None or day < end]
        first = successor[0] if successor else None
        replaced = in_force_from(first) if stored == "superseded" and first else start
        earlier = out[-1][2] if out else "active"
        if replaced > start:  # in force until the successor came
            begins = earlier if earlier not in ENDED else "active"
        elif recorded:
            begins = recorded[0][1]
        else:
            begins = stored
        changes = [(start, begins), *recorded]
        if replaced > start and (end is None or replaced < end):
            changes.append((replaced, stored))
        changes.sort(key=lambda change: change[0])  # stable: on one day, the later evidence wins
        if changes[-1][1] != stored and recorded and (end is None or _day_after(recorded[-1][0]) < end):
            changes.append((_day_after(recorded[-1][0]), stored))
        for day, status in changes:
            if not out or out[-1][:1] != (version,) or out[-1][2] != status:
                out.append((version, start, status, day))
    return out


def status_on(periods: Sequence[tuple[str, str, str, str]], day: str) -> tuple[str, str, str, str] | None:
    """The period of `status_periods` that holds on `day`, or None before the first."""
    begun = [p for p in periods if p[3] <= day]
    return begun[-1] if begun else None


def contents_on(
    history: Mapping[str, Iterable[Record]], day: str, ids: Iterable[str] | None = None
) -> list[tuple[str, str, str, str]]:
    """(id, version, status, fingerprint) of the version of each criterion (those in `ids`, or all)
    current on `day`, by id: what a manifest written on that day holds."""
    out = []
    for record_id in sorted(history if ids is None else ids):
        record = current_on(history.get(record_id, ()), day)
        if record is not None:
            out.append((record_id, record["version"], record["status"], fingerprint(record)))
    return out


MANIFEST_HEADER = """\
# Utgåva {number} av Kravbanken, {date}. Ändra inte filen för hand.
#
# En rad per krav som utgåvan innehöll: id, versionen som gällde den dagen, kravets status då och
# SHA-256 av versionens innehåll (samma summa som i criteria/publicerat.lock). Kontrollen jämför
# raderna med kravens historik, så en ändrad rad hittas. Filen skrivs en gång, när utgåvan görs:
# python scripts/release.py
"""


def manifest_text(number: str, date: str, lines: Iterable[Iterable[str]]) -> str:
    return MANIFEST_HEADER.format(number=number, date=date) + "".join(" ".join(line) + "\n" for line in lines)


Manifest = dict[str, tuple[str, str, str, int]]  # id -> (version, status, fingerprint, line number)


def read_manifest(root: Path, number: str, statuses: Collection[str]) -> tuple[Manifest, list[Problem]]:
    """{id: (version, status, fingerprint, line number)} of one manifest, and its problems."""
    path = manifest_path(number)
    found: Manifest = {}
    out: list[Problem] = []
    try:
        text = read_text(root / path, root, path)
    except YamlError as exc:
        return found, [exc.problem]
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _ENTRY.match(line)
        if not match or match[3] not in statuses:
            out.append(
                Problem(
                    path,
                    n,
                    1,
                    "raden ska vara id, version, status och SHA-256, till exempel SOC-001 1.0 "
                    "active följt av 64 tecken 0–9 och a–f; skriv inte i filen för hand",
                )
            )
        elif match[1] in found:
            out.append(Problem(path, n, 1, f"{match[1]} står redan på rad {found[match[1]][3]}"))
        else:
            found[match[1]] = (match[2], match[3], match[4], n)
    return found, out


def load_releases(
    root: Path,
    history: Mapping[str, tuple[Record, ...]],
    statuses: Collection[str],
    skip: Collection[str] = frozenset(),
) -> tuple[tuple[Release, ...], list[Problem]]:
    """The releases of CHANGELOG.md with what each contained, newest first, and the problems of
    CHANGELOG.md and the manifests. `skip`: criteria whose own files have problems (reported there)."""
    read, problems = read_releases(root)
    numbers = {number for number, _, _ in read}
    for file in entries(root / RELEASES_DIR):
        if file.suffix != ".lock" or file.stem not in numbers:
            problems.append(
                Problem(
                    shown_path(file, root),
                    1,
                    1,
                    "filen läses inte: en utgåvas innehåll ska ligga i criteria/utgavor/<utgåva>.lock, "
                    "och utgåvan ska ha en rubrik i CHANGELOG.md",
                )
            )
    releases: list[Release] = []
    earlier: dict[str, str] = {}  # id -> the release before this one that held it
    for number, date, changes in reversed(read):
        path = manifest_path(number)
        if not os.path.lexists(root / path):
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    f"filen saknas: utgåva {number} står i {CHANGELOG}, men vad den "
                    "innehöll är inte sparat; skriv filen med python scripts/release.py",
                )
            )
            releases.append(Release(number, date, changes, ()))
            continue
        found, bad = read_manifest(root, number, statuses)
        problems += bad
        for record_id, (version, _, digest, line) in found.items():
            if record_id in skip:
                continue
            # A version published on the release day itself may have come just after the release.
            records = history.get(record_id, ())
            options = [r for r in (current_on(records, date), current_on(records, date, before=True)) if r]
            record = next((r for r in options if r["version"] == version), options[0] if options else None)
            if record is None:
                problems.append(
                    Problem(
                        path,
                        line,
                        1,
                        f"{record_id} hade ingen publicerad version {date}, när utgåva "
                        f"{number} kom; raden ska inte finnas",
                    )
                )
            elif record["version"] != version or fingerprint(record) != digest:
                problems.append(
                    Problem(
                        path,
                        line,
                        1,
                        f"{record_id} {version} stämmer inte med kravets historik: den "
                        f"{date} gällde version {record['version']} med det innehåll "
                        "som är låst. En utgåvas innehåll ändras aldrig; återställ "
                        "filen från git",
                    )
                )
        for record_id, older in sorted(earlier.items()):
            if record_id not in found and record_id not in skip:
                problems.append(
                    Problem(
                        path,
                        1,
                        1,
                        f"{record_id} saknas, men fanns i utgåva {older}; ett krav tas "
                        "aldrig bort ur en senare utgåva. Återställ filen från git",
                    )
                )
        earlier.update(dict.fromkeys(found, number))
        releases.append(
            Release(
                number,
                date,
                changes,
                tuple((i, version, status) for i, (version, status, _, _) in sorted(found.items())),
            )
        )
    releases.reverse()
    return tuple(releases), problems


def first_releases(releases: Iterable[Release]) -> dict[tuple[str, str], str]:
    """{(id, version): number of the oldest release that contained that version}."""
    out: dict[tuple[str, str], str] = {}
    for release in reversed(list(releases)):
        for record_id, version, _ in release.contents:
            out.setdefault((record_id, version), release.number)
    return out
