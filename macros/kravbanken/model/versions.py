"""Every version of a criterion, and the promise that a published version never changes.

`criteria/krav/<ID>.yaml` is the current version of a criterion and `criteria/arkiv/<ID>/<version>.yaml`
each earlier one, a full record checked like the current one. The lock file `criteria/publicerat.lock`
holds a SHA-256 of every published version's content, so an in-place edit, a lost version or a
deleted criterion is found by the same validator that serves the build and the scripts.

The rules here, each giving located Swedish problems:
- an archived file is named after its version and lies in its criterion's folder;
- versions only grow, and each newer version's changelog is the older version's changelog with new
  entries on top, so every version has an entry and no history is rewritten;
- a changed clause, type or level needs a new major version, unless the changelog entry says
  `editorial: true` (a pure spelling or language fix);
- a version refers (supersedes, or a criterion id in its texts) only to criteria published on or
  before its own date, so no history mentions the future; `superseded_by` is exempt, it is added
  to the old criterion when the new one arrives;
- a locked version keeps its fingerprint, and a locked id never disappears.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .aliases import FieldPath, Record
from .files import entries, load_file, misnamed, read_text, shown_path
from .kinds import CRITERION_TEXTS, KIND
from .rules import check_criterion, dangling, version_key
from .schemas import Schemas
from .yamlload import Document, Problem, YamlError

ARCHIVE_DIR = "criteria/arkiv"
LOCK_FILE = "criteria/publicerat.lock"
SCHEMA = KIND["criterion"].schema

Records = Mapping[str, Mapping[str, Record]]  # kind -> id -> record
Locked = dict[tuple[str, str], tuple[str, int]]  # (id, version) -> (fingerprint, line in the lock file)

# Fields about where a criterion stands in its life, not about what it says. They may change on
# the current version without a new version (a criterion is withdrawn or replaced, a consultation
# is extended), so the fingerprint leaves them out.
LIFECYCLE = ("status", "superseded_by", "consultation_closes")
# When the criterion was last checked against its sources and must be checked again: a review
# that changes nothing needs no new version, and an archived version is never touched to record one.
REVIEW = ("reviewed", "review_due")
# Search keywords help a reader find a criterion and are no part of the text anyone cites, so they
# may be improved without a new version too. Everything else is the version's content.
UNLOCKED = (*LIFECYCLE, *REVIEW, "tags")
# Fields whose change alters what the supplier must do: a new major version, unless editorial.
SUBSTANCE = ("clause", "type", "level")
# The changelog summary that scripts/new_version.py writes; the validator refuses it until replaced.
STUB = "SKRIV HÄR vad som har ändrats i den här versionen och varför."

_MENTION = re.compile(r"\b[A-Z]{3}-[0-9]{3}\b")
_LOCK_LINE = re.compile(r"^([A-Z]{3}-[0-9]{3}) ([1-9][0-9]*\.(?:0|[1-9][0-9]*)) ([0-9a-f]{64})$")

LOCK_HEADER = """\
# Publicerade versioner av kraven. Ändra inte filen för hand.
#
# En rad per publicerad version: id, version och SHA-256 av versionens innehåll, sorterade efter
# id och version. Innehållet är versionens alla fält utom status, superseded_by,
# consultation_closes, reviewed, review_due och tags, skrivna som JSON med sorterade nycklar och
# utan mellanslag (UTF-8).
# Kontrollen (scripts/validate.py och bygget) räknar om summan för varje rad: en publicerad
# version får aldrig ändras och ett publicerat krav får aldrig försvinna.
# Nya rader läggs till med: python scripts/lock_versions.py
"""


def fingerprint(record: Record) -> str:
    """SHA-256 of a version's content: every field except the lifecycle ones, the review dates and
    the search keywords, as canonical JSON."""
    content = {key: value for key, value in record.items() if key not in UNLOCKED}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_published(record: Record) -> bool:
    return bool(record["status"] != "draft")


def lock_text(lines: Iterable[tuple[str, str, str]]) -> str:
    """The lock file holding `lines` ((id, version, fingerprint) tuples), sorted."""
    ordered = sorted(lines, key=lambda line: (line[0], version_key(line[1])))
    return LOCK_HEADER + "".join(f"{i} {v} {h}\n" for i, v, h in ordered)


@dataclass(frozen=True)
class Version:
    """One version of a criterion as read: its document and the path shown in messages."""

    doc: Document
    shown_as: str

    @property
    def record(self) -> Record:
        record: Record = self.doc.data
        return record

    def at(self, schemas: Schemas, path: FieldPath, message: str) -> Problem:
        return Problem(self.shown_as, *self.doc.position(path), f"{schemas.field(SCHEMA, path)}: {message}")


@dataclass(frozen=True)
class Versions:
    """What the loader keeps: each criterion's versions, oldest first, and where each came from."""

    history: dict[str, tuple[Record, ...]]  # id -> (record of each version, oldest first; the current one last)
    files: dict[tuple[str, str], str]  # (id, version) -> path shown in messages
    problems: list[Problem]


def _archive(root: Path) -> tuple[list[Path], list[Problem]]:
    """The archived files, criteria/arkiv/<ID>/<version>.yaml, and a problem for anything else
    there: a file that is not read must not look as if it were kept."""
    files, out = [], []
    for file in entries(root / ARCHIVE_DIR):
        shown_as = shown_path(file, root)
        if len(file.relative_to(root / ARCHIVE_DIR).parts) != 2:
            out.append(
                Problem(
                    shown_as,
                    1,
                    1,
                    f"filen läses inte; en tidigare version ska ligga i "
                    f"{ARCHIVE_DIR}/<id>/<version>.yaml, till exempel "
                    f"{ARCHIVE_DIR}/SOC-001/1.0.yaml",
                )
            )
        elif not file.name.endswith(".yaml"):
            out.append(misnamed(file, shown_as))
        else:
            files.append(file)
    return files, out


def _read_archived(
    schemas: Schemas, records: Records, invalid_ids: Collection[tuple[str, str]], root: Path, file: Path, shown_as: str
) -> tuple[Version | None, list[Problem]]:
    """(Version or None, problems) of one archived file, checked like a current criterion plus its
    place: the file is named after its version and lies in the folder of its id."""
    try:
        doc = load_file(file, root, shown_as)
    except YamlError as exc:
        return None, [exc.problem]
    problems, bad = schemas.check(SCHEMA, doc, shown_as)
    if isinstance(doc.data, dict):
        problems += dangling(schemas, records, invalid_ids, "criterion", doc, shown_as, frozenset(bad))
    if problems:
        return None, problems
    version = Version(doc, shown_as)
    record, folder = doc.data, file.parent.name
    if record["id"] != folder:
        problems.append(
            version.at(
                schemas,
                ("id",),
                f'"{record["id"]}" stämmer inte med mappen {folder}; en '
                f"tidigare version av {record['id']} ska ligga i "
                f"{ARCHIVE_DIR}/{record['id']}/",
            )
        )
    if file.stem != record["version"]:
        problems.append(
            version.at(
                schemas,
                ("version",),
                f'"{record["version"]}" stämmer inte med filnamnet '
                f"{file.name}; filen ska heta {record['version']}.yaml",
            )
        )
    problems += check_criterion(schemas, doc, shown_as)
    return (None if problems else version), problems


def gone(locked: Locked, records: Records) -> frozenset[tuple[str, str]]:
    """("criterion", id) of each locked criterion without a valid current file: the lock says so
    once (`_check_lock`), and a reference to it is no second problem."""
    return frozenset(("criterion", i) for i, _ in locked if i not in records["criterion"])


def load_versions(
    root: Path,
    schemas: Schemas,
    records: Records,
    documents: dict[tuple[str, str], Document],
    files: dict[tuple[str, str], str],
    invalid_ids: Collection[tuple[str, str]],
    lock: tuple[Locked, list[Problem]],
) -> Versions:
    """Read the archive, check every criterion's history and the lock file (`lock`: what
    read_lock gave). One root cause gives one message: a version that is missing or broken is
    reported where it should be, and the checks that would follow from it (a changelog naming it,
    a reference judged by a date it would have given) wait until it is put right."""
    locked, lock_problems = lock
    archive, problems = _archive(root)
    archived: dict[str, list[Version]] = {}
    broken: set[str] = set()
    for file in archive:
        shown_as = shown_path(file, root)
        version, found = _read_archived(
            schemas, records, frozenset(invalid_ids) | gone(locked, records), root, file, shown_as
        )
        problems += found
        if version is not None:
            archived.setdefault(version.record["id"], []).append(version)
        else:
            broken.add(file.parent.name)  # its history is checked once the file itself is right
    problems += lock_problems
    # Criteria whose files have problems of their own (or cannot be read at all): their history is
    # checked once those are put right.
    locked_ids = {i for i, _ in locked}
    skip = broken | {i for k, i in invalid_ids if k == "criterion"}
    skip |= {
        f.stem
        for f in (root / "criteria" / KIND["criterion"].folder).glob("*.yaml")
        if ("criterion", f.stem) not in documents
    }

    chains = {}
    for record_id in sorted(set(archived) | {i for k, i in documents if k == "criterion"}):
        older = sorted(archived.get(record_id, []), key=lambda v: version_key(v.record["version"]))
        if ("criterion", record_id) in documents:
            chains[record_id] = older + [Version(documents["criterion", record_id], files["criterion", record_id])]
        elif record_id not in skip and record_id not in locked_ids:
            problems.append(
                Problem(
                    older[-1].shown_as,
                    1,
                    1,
                    f"kravet {record_id} har tidigare versioner men ingen aktuell fil "
                    f"criteria/krav/{record_id}.yaml; ett krav tas aldrig bort: återställ "
                    "filen och sätt status: withdrawn i stället",
                )
            )
    # A lock that cannot be read tells no new version from an old one: its own problem is reported,
    # and the major-version rule, which judges new versions only, waits for it.
    judge_new = bool(locked) or not lock_problems
    for record_id, chain in chains.items():
        if record_id not in skip:
            problems += _check_chain(schemas, chain, locked, locked_ids, judge_new)
    problems += _check_dates(schemas, root, chains, broken | _incomplete(chains, locked))
    problems += _check_lock(schemas, chains, locked, skip)
    history = {i: tuple(v.record for v in chain) for i, chain in chains.items()}
    where = {(v.record["id"], v.record["version"]): v.shown_as for chain in chains.values() for v in chain}
    return Versions(history, where, problems)


def _check_chain(
    schemas: Schemas, chain: list[Version], locked: Locked, locked_ids: set[str], judge_new: bool
) -> list[Problem]:
    """One criterion's versions, oldest first: numbers grow, each changelog continues the one
    before it, a change of substance has a new major version, no changelog stub is left. The
    major-version rule judges new versions only: a locked version keeps the number it was
    published with, even where an older practice numbered a change of substance as minor."""
    out = []
    for version in chain:
        for i, entry in enumerate(version.record["changelog"]):
            if STUB in entry["summary"].values():
                out.append(
                    version.at(
                        schemas,
                        ("changelog", i, "summary"),
                        "sammanfattningen är inte ifylld; skriv med egna ord vad som har ändrats "
                        "i den här versionen och varför",
                    )
                )
    current = chain[-1]
    record_id = current.record["id"]
    kept = {v.record["version"] for v in chain}
    # Once a criterion has versions kept or locked, each version its changelog names must be kept.
    # A criterion new to the library is held to it by scripts/lock_versions.py (see `unkept`).
    versioned = len(chain) > 1 or record_id in locked_ids
    for i, entry in enumerate(current.record["changelog"][1:] if versioned else [], 1):
        if entry["version"] not in kept and (record_id, entry["version"]) not in locked:  # else the lock says it
            out.append(
                current.at(
                    schemas,
                    ("changelog", i, "version"),
                    f"version {entry['version']} finns inte sparad; lägg den fullständiga versionen "
                    f"i {ARCHIVE_DIR}/{record_id}/{entry['version']}.yaml",
                )
            )
    for older, newer in pairwise(chain):
        old, new = older.record, newer.record
        if version_key(new["version"]) <= version_key(old["version"]):
            out.append(
                newer.at(
                    schemas,
                    ("version",),
                    f'"{new["version"]}" ska vara högre än den tidigare versionen "{old["version"]}" '
                    f"({older.shown_as}); gör en ny version med python scripts/new_version.py "
                    f"{record_id} --minor eller --major",
                )
            )
            continue
        out += _continues(schemas, older, newer)
        if is_published(old) and not is_published(new):
            out.append(
                newer.at(
                    schemas,
                    ("status",),
                    f"version {old['version']} är publicerad, så en senare "
                    "version kan inte vara ett utkast (draft); använd "
                    "consultation under remisstiden",
                )
            )
        changed = [name for name in SUBSTANCE if old[name] != new[name]]
        same_major = version_key(new["version"])[0] == version_key(old["version"])[0]
        new_version = judge_new and (new["id"], new["version"]) not in locked
        if changed and same_major and new_version and not new["changelog"][0].get("editorial"):
            names = ", ".join(schemas.field(SCHEMA, (name,)) for name in changed)
            major = f"{version_key(old['version'])[0] + 1}.0"
            out.append(
                newer.at(
                    schemas,
                    ("version",),
                    f"{names} har ändrats sedan version {old['version']}, och det kräver en ny "
                    f'huvudversion ("{major}"). Är ändringen bara stavning eller språk, som inte ändrar '
                    "vad leverantören ska göra, skriv editorial: true i versionshistorikens första post",
                )
            )
    return out


def _continues(schemas: Schemas, older: Version, newer: Version) -> list[Problem]:
    """The newer changelog holds the older one unchanged below its own new entries."""
    old_log, new_log = older.record["changelog"], newer.record["changelog"]
    start = next((i for i, e in enumerate(new_log) if e["version"] == older.record["version"]), None)
    if start is None:
        return [
            newer.at(
                schemas,
                ("changelog",),
                f"posten för version {older.record['version']} saknas; varje "
                "version ska ha en egen post, den senaste först",
            )
        ]
    for offset, old_entry in enumerate(old_log):
        i = start + offset
        if i >= len(new_log) or new_log[i] != old_entry:
            return [
                newer.at(
                    schemas,
                    ("changelog", min(i, len(new_log) - 1)),
                    f"posten för version {old_entry['version']} ska vara exakt som i {older.shown_as}; "
                    "en publicerad historik skrivs aldrig om",
                )
            ]
    if start + len(old_log) != len(new_log):
        return [
            newer.at(
                schemas,
                ("changelog", start + len(old_log)),
                f"posten finns inte i {older.shown_as}; historiken under version "
                f"{older.record['version']} ska vara exakt som i den filen",
            )
        ]
    return []


def _incomplete(chains: dict[str, list[Version]], locked: Locked) -> set[str]:
    """Ids of the criteria that lack a version their changelog or the lock names."""
    return {
        i
        for i, chain in chains.items()
        if ({e["version"] for e in chain[-1].record["changelog"]} | {v for j, v in locked if j == i})
        - {v.record["version"] for v in chain}
    }


def _check_dates(schemas: Schemas, root: Path, chains: dict[str, list[Version]], unknown: set[str]) -> list[Problem]:
    """No version refers to a criterion first published after the version's own date. The first
    date of a criterion in `unknown` (a version missing or broken) is not known: not judged."""
    first = {
        i: min((r.record["published"] for r in chain if is_published(r.record)), default=None)
        for i, chain in chains.items()
        if i not in unknown
    }
    out = []
    for chain in chains.values():
        for version in chain:
            out += _refers_to_later(schemas, root, version, first)
    return out


def _refers_to_later(schemas: Schemas, root: Path, version: Version, first: dict[str, str | None]) -> list[Problem]:
    record, out = version.record, []

    def later(ref: str, date: str) -> str | None:
        if ref == record["id"] or ref not in first:
            return None
        if (day := first[ref]) is None:
            return (
                None
                if not is_published(record)
                else (
                    f"{ref} är inte publicerat (det är ett utkast); en "
                    "publicerad version kan bara hänvisa till publicerade krav"
                )
            )
        if day > date:
            return (
                f"{ref} publicerades först {first[ref]}, efter den här versionens datum {date}; en version kan "
                "bara hänvisa till krav som fanns när den publicerades. Hänvisa till kravet i en ny version"
            )
        return None

    if "supersedes" in record and (why := later(record["supersedes"], record["published"])):
        out.append(version.at(schemas, ("supersedes",), why))
    texts: list[tuple[FieldPath, str, str]] = [
        ((field, lang), text, record["published"]) for field in CRITERION_TEXTS for lang, text in record[field].items()
    ]
    texts += [
        (("changelog", i, "summary", lang), text, entry["date"])
        for i, entry in enumerate(record["changelog"])
        for lang, text in entry["summary"].items()
    ]
    # Most versions name no other criterion, or only older ones: one search over all their texts
    # against the earliest date any of them has settles those at once.
    earliest = min(date for _, _, date in texts)
    if not any(later(ref, earliest) for ref in set(_MENTION.findall("\n".join(t for _, t, _ in texts)))):
        return out
    for path, text, date in texts:
        for ref in dict.fromkeys(_MENTION.findall(text)):
            if why := later(ref, date):
                line, col = _mention_position(root, version, path, ref)
                out.append(Problem(version.shown_as, line, col, f"{schemas.field(SCHEMA, path[:-1])}: {why}"))
    return out


def _mention_position(root: Path, version: Version, path: FieldPath, ref: str) -> tuple[int, int]:
    """Where `ref` stands in the text at `path`: the first line from the value's start that has it.
    Only read when a problem is found, so a valid library is never read twice."""
    line, col = version.doc.position(path)
    lines = (root / version.shown_as).read_text(encoding="utf-8-sig").split("\n")
    for n in range(line - 1, len(lines)):
        found = lines[n].find(ref, col - 1 if n == line - 1 else 0)
        if found >= 0:
            return n + 1, found + 1
    return line, col


def read_lock(root: Path) -> tuple[Locked, list[Problem]]:
    """{(id, version): (fingerprint, line number)} from the lock file, and its problems."""
    file = root / LOCK_FILE
    if not os.path.lexists(file):
        return {}, [
            Problem(
                LOCK_FILE,
                1,
                1,
                "filen med de publicerade versionerna saknas; återställ den från "
                "git (git checkout -- criteria/publicerat.lock)",
            )
        ]
    try:
        text = read_text(file, root, LOCK_FILE)
    except YamlError as exc:
        return {}, [exc.problem]
    locked: Locked = {}
    out: list[Problem] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LOCK_LINE.match(line)
        if not match:
            out.append(
                Problem(
                    LOCK_FILE,
                    n,
                    1,
                    "raden ska vara id, version och SHA-256, till exempel SOC-001 1.0 "
                    "följt av 64 tecken 0–9 och a–f; skriv inte i filen för hand, kör "
                    "python scripts/lock_versions.py",
                )
            )
        elif (match[1], match[2]) in locked:
            out.append(
                Problem(LOCK_FILE, n, 1, f"{match[1]} {match[2]} står redan på rad {locked[match[1], match[2]][1]}")
            )
        else:
            locked[match[1], match[2]] = (match[3], n)
    return locked, out


def _check_lock(schemas: Schemas, chains: dict[str, list[Version]], locked: Locked, skip: set[str]) -> list[Problem]:
    """Every locked version is still there with the same content."""
    out, said = [], set()
    versions = {(v.record["id"], v.record["version"]): v for chain in chains.values() for v in chain}
    for (record_id, number), (digest, line) in sorted(locked.items(), key=lambda item: item[1][1]):
        if record_id in skip:
            continue  # its own files' problems are reported
        version = versions.get((record_id, number))
        if record_id not in chains:
            if record_id in said:
                continue  # a deleted criterion is said once, at its first line
            said.add(record_id)
            out.append(
                Problem(
                    LOCK_FILE,
                    line,
                    1,
                    f"kravet {record_id} är publicerat men criteria/krav/{record_id}.yaml finns inte "
                    "längre. Ett publicerat krav tas aldrig bort och byter aldrig namn: återställ "
                    "filen och sätt status: withdrawn i stället",
                )
            )
        elif version is None:
            out.append(
                Problem(
                    LOCK_FILE,
                    line,
                    1,
                    f"version {number} av {record_id} är publicerad men finns inte längre; återställ "
                    f"{ARCHIVE_DIR}/{record_id}/{number}.yaml",
                )
            )
        elif fingerprint(version.record) != digest:
            out.append(
                version.at(
                    schemas,
                    ("version",),
                    f"version {number} av {record_id} är publicerad och får inte ändras. Gör en ny "
                    f"version i stället: python scripts/new_version.py {record_id} --minor (språk "
                    "och stavning) eller --major (det leverantören ska göra)",
                )
            )
    return out


def unkept(history: Mapping[str, tuple[Record, ...]]) -> list[tuple[str, str]]:
    """(id, version) of each version a current changelog names that is not kept as a record."""
    return [
        (i, entry["version"])
        for i, records in history.items()
        for entry in records[-1]["changelog"]
        if entry["version"] not in {r["version"] for r in records}
    ]


def unlocked(history: Mapping[str, tuple[Record, ...]], locked: Locked) -> list[tuple[str, str, str]]:
    """(id, version, fingerprint) of every published version that the lock file does not hold yet."""
    return [
        (r["id"], r["version"], fingerprint(r))
        for records in history.values()
        for r in records
        if is_published(r) and (r["id"], r["version"]) not in locked
    ]


def next_version(version: str, major: bool) -> str:
    """The number after `version`: "2.0" after "1.3" for a major version, "1.4" for a minor one."""
    number, minor = version_key(version)
    return f"{number + 1}.0" if major else f"{number}.{minor + 1}"


def used_ids(root: Path, folder: str, locked: Iterable[tuple[str, str]] = ()) -> set[str]:
    """Every id a record folder has ever used: the name of each file in it, valid or not (a draft
    with a YAML error is still somebody's work), and for criteria also each folder of the archive
    and each locked id (`locked`: the keys of read_lock)."""
    names = [f.name for f in entries(root / "criteria" / folder)]
    if folder == KIND["criterion"].folder:
        names += [f.name for f in (root / ARCHIVE_DIR).glob("*")] + [i for i, _ in locked]
    return {name.split(".")[0] for name in names}


def next_id(used: Iterable[str], series: str) -> str:
    """The first free id of a series after every id it has ever used (ids are never reused), as
    wide as the series' ids: SOC-012 after SOC-011, MR-3 after MR-2."""
    numbers = [n for prefix, _, n in (i.rpartition("-") for i in used) if prefix == series and n.isdigit()]
    return f"{series}-{max(map(int, numbers), default=0) + 1:0{max(map(len, numbers), default=3)}d}"
