"""The published history compared with the branch a change goes into: lines may only be added.

The lock file and the archive prove that a version has not changed since it was locked, but only
against themselves: a pull request that edits an archived file and runs scripts/lock_versions.py
again, after deleting the version's line, passes every check of its own tree. So a branch (the
head) is compared with the base it goes into. Every version published on the base must still be
in the head, with the same content, in the lock with the same line, and in its criterion's
changelog. Each published version gives at most one message: the first of those it breaks, since
the rest follow from it (an edited archived file has a new lock line too).

A published release is as fixed as a published version: every manifest the base has in
criteria/utgavor/ stays, each of its lines as it was; a new manifest is an addition.

`snapshot(files)` reads a branch's texts by repository path, `compare(base, head, name)` returns the
problems, and `with_validator` joins them with the validator's own; reading the texts from git or
from the working tree is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import MappingProxyType

from .kinds import KIND
from .releases import RELEASES_DIR
from .versions import _LOCK_LINE, ARCHIVE_DIR, LOCK_FILE, fingerprint, is_published
from .yamlload import Document, Problem, YamlError, parse

CURRENT_DIR = f"criteria/{KIND['criterion'].folder}"


@dataclass(frozen=True)
class Current:
    """What a branch's current file of a criterion says about its history."""

    path: str
    version: str
    published: bool
    changelog: tuple[str, ...]  # the versions its changelog names
    fingerprint: str  # of the current version's content (versions.fingerprint)
    version_at: tuple[int, int]  # (line, col) of the version number
    changelog_at: tuple[int, int]  # (line, col) of the changelog


@dataclass(frozen=True)
class Snapshot:
    """One branch's published history: the lock's lines, the archived files' texts and the
    current files that could be read."""

    lock: Mapping[tuple[str, str], tuple[str, int]]  # (id, version) -> (whole line, line number)
    lock_lines: int  # how many lines the lock file has; 0 when there is none
    # path -> (text with line ends as "\n", fingerprint or None, (line, col) of version)
    archive: Mapping[str, tuple[str, str | None, tuple[int, int]]]
    current: Mapping[str, Current]  # id -> Current
    unreadable: frozenset[str]  # ids whose current file is there but is no readable criterion
    # path of each release manifest -> {id: (whole line, line number)} of its criterion lines
    manifests: Mapping[str, Mapping[str, tuple[str, int]]]

    def published(self) -> set[tuple[str, str]]:
        """(id, version) of every version this branch holds as published."""
        keys = set(self.lock) | {key for path in self.archive if (key := _archived(path)) is not None}
        for record_id, current in self.current.items():
            if current.published:
                keys |= {(record_id, current.version)} | {(record_id, v) for v in current.changelog}
        return keys


def _archived(path: str) -> tuple[str, str] | None:
    """(id, version) of criteria/arkiv/<id>/<version>.yaml; None for any other path."""
    parts = PurePosixPath(path).relative_to(ARCHIVE_DIR).parts
    return (parts[0], parts[1].removesuffix(".yaml")) if len(parts) == 2 and parts[1].endswith(".yaml") else None


def _record(path: str, text: str) -> tuple[Document, str] | None:
    """(document, fingerprint) of a criterion file, or None when it is not a readable criterion
    (the validator says why; a file that cannot be read promises nothing to compare)."""
    try:
        doc = parse(text, path)
        record = doc.data
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("id", "version", "status")):
            return None
        return doc, fingerprint(record)
    except (YamlError, TypeError, ValueError):
        return None


def _current(path: str, text: str) -> Current | None:
    """A current file's history, or None when it is not a readable criterion."""
    if (found := _record(path, text)) is None:
        return None
    doc, digest = found
    record = doc.data
    log = record.get("changelog")
    versions = (
        tuple(e["version"] for e in log if isinstance(e, dict) and isinstance(e.get("version"), str))
        if isinstance(log, list)
        else ()
    )
    return Current(
        path,
        record["version"],
        is_published(record),
        versions,
        digest,
        doc.position(("version",)),
        doc.position(("changelog",), key=True) if "changelog" in record else (1, 1),
    )


def _manifest(text: str) -> dict[str, tuple[str, int]]:
    """{id: (line, line number)} of a release manifest's criterion lines (comments and blank lines
    say nothing about what the release held)."""
    out: dict[str, tuple[str, int]] = {}
    for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if line.strip() and not line.startswith("#"):
            out.setdefault(line.split(" ", 1)[0], (line, n))
    return out


def snapshot(files: Mapping[str, str]) -> Snapshot:
    """The published history in a branch's files: {repository path: text} of the lock file, of
    every file under criteria/arkiv/, of the current criteria (criteria/krav/*.yaml) and of the
    release manifests (criteria/utgavor/*.lock)."""
    lock: dict[tuple[str, str], tuple[str, int]] = {}
    lines = files[LOCK_FILE].replace("\r\n", "\n").split("\n") if LOCK_FILE in files else []
    for n, line in enumerate(lines, 1):
        if match := _LOCK_LINE.match(line):
            lock.setdefault((match[1], match[2]), (line, n))
    archive: dict[str, tuple[str, str | None, tuple[int, int]]] = {}
    for path, raw in files.items():
        if path.startswith(ARCHIVE_DIR + "/"):
            text = raw.replace("\r\n", "\n")
            found = _record(path, text)
            archive[path] = (text, found[1], found[0].position(("version",))) if found else (text, None, (1, 1))
    current: dict[str, Current] = {}
    unreadable: set[str] = set()
    for path, text in files.items():
        if PurePosixPath(path).parent.as_posix() == CURRENT_DIR and path.endswith(".yaml"):
            if now := _current(path, text):
                current[PurePosixPath(path).stem] = now
            else:
                unreadable.add(PurePosixPath(path).stem)
    manifests = {
        path: MappingProxyType(_manifest(text))
        for path, text in files.items()
        if PurePosixPath(path).parent.as_posix() == RELEASES_DIR and path.endswith(".lock")
    }
    return Snapshot(
        MappingProxyType(lock),
        len(lines),
        MappingProxyType(archive),
        MappingProxyType(current),
        frozenset(unreadable),
        MappingProxyType(manifests),
    )


def _first_difference(old: str, new: str) -> tuple[int, int]:
    """(line, col), 1-based, where `new` first differs from `old`."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if a != b:
            return n, next(
                (i for i, (x, y) in enumerate(zip(a, b, strict=False), 1) if x != y), min(len(a), len(b)) + 1
            )
    return min(len(old_lines), len(new_lines)), 1


def _restore(name: str, path: str) -> str:
    return f"återställ den: git checkout {name} -- {path}"


def _sentence(text: str) -> str:
    """`text` with a capital first letter (str.capitalize would lower the rest, paths included)."""
    return text[:1].upper() + text[1:]


def _content(base: Snapshot, head: Snapshot, name: str, key: tuple[str, str]) -> Problem | None:
    """The version's content: an archived file stays byte for byte (line ends aside), and the base's
    current version stays with the same content, as the current version or in the archive."""
    record_id, version = key
    path = f"{ARCHIVE_DIR}/{record_id}/{version}.yaml"
    new_version = (
        f"en ändring blir en ny version av kravet: python scripts/new_version.py {record_id} --minor eller --major"
    )
    if path in base.archive:
        if path not in head.archive:
            return Problem(
                path,
                1,
                1,
                f"version {version} av {record_id} är publicerad i {name} och får inte tas "
                f"bort; {_restore(name, path)}",
            )
        if head.archive[path][0] != base.archive[path][0]:
            return Problem(
                path,
                *_first_difference(base.archive[path][0], head.archive[path][0]),
                f"version {version} av {record_id} är publicerad i {name} och får inte ändras (här är "
                f"första skillnaden); {_restore(name, path)}. {_sentence(new_version)}",
            )
        return None
    was = base.current.get(record_id)
    if was is None or was.version != version or not was.published or record_id in head.unreadable:
        return None  # published on the base only by its lock line or changelog entry, or said by the validator
    now = head.current.get(record_id)
    if now is not None and now.version == version:
        if now.fingerprint != was.fingerprint:
            return Problem(
                now.path,
                *now.version_at,
                f"version {version} av {record_id} är publicerad i {name} och får inte ändras; {new_version}",
            )
        return None
    if path in head.archive:  # kept by scripts/new_version.py, which changes only the path to the schema
        if head.archive[path][1] == was.fingerprint:
            return None
        return Problem(
            path,
            *head.archive[path][2],
            f"version {version} av {record_id} är publicerad i {name} och får inte ändras: filen ska ha "
            f"samma innehåll som {was.path} hade där; {new_version}",
        )
    if now is None:
        return Problem(
            was.path,
            1,
            1,
            f"kravet {record_id} är publicerat i {name} och får inte tas bort; "
            f"{_restore(name, was.path)} och sätt status: withdrawn i stället",
        )
    return Problem(
        now.path,
        *now.version_at,
        f"version {version} av {record_id} är publicerad i {name} men finns inte längre; den ska sparas "
        f"i {path} (python scripts/new_version.py gör det)",
    )


def _lock(base: Snapshot, head: Snapshot, name: str, key: tuple[str, str]) -> Problem | None:
    """The version's lock line stays as it was."""
    if key not in base.lock or not head.lock_lines:
        return None  # a lock file that is gone is said once (`compare`)
    line, _ = base.lock[key]
    if key in head.lock:
        if head.lock[key][0] == line:
            return None
        return Problem(
            LOCK_FILE,
            head.lock[key][1],
            1,
            f"raden för {key[0]} {key[1]} har ändrats sedan {name}; en publicerad version låses en gång "
            f"för alla. Skriv raden som den var: {line}",
        )
    after = [n for other, (_, n) in head.lock.items() if _order(other) > _order(key)]
    return Problem(
        LOCK_FILE,
        min(after, default=head.lock_lines),
        1,
        f"raden för {key[0]} {key[1]} finns i {name} men har tagits bort; rader får bara läggas till. "
        f"Lägg tillbaka raden: {line}",
    )


def _order(key: tuple[str, str]) -> tuple[str, list[int], str]:
    """Id, then version by number (1.10 after 1.9); a version that is no number sorts by its text."""
    return key[0], [int(part) if part.isdigit() else -1 for part in key[1].split(".")], key[1]


def _changelog(base: Snapshot, head: Snapshot, name: str, key: tuple[str, str]) -> Problem | None:
    """The version keeps its entry in its criterion's changelog."""
    record_id, version = key
    now = head.current.get(record_id)  # None: gone (said by _content) or unreadable (said by the validator)
    if now is None or version in now.changelog or version == now.version:
        return None
    return Problem(
        now.path,
        *now.changelog_at,
        f"posten för version {version} saknas; versionen är publicerad i {name}, och en publicerad "
        f"historik skrivs aldrig om. {_sentence(_restore(name, now.path))} och gör ändringen igen",
    )


def _releases(base: Snapshot, head: Snapshot, name: str) -> dict[tuple[str, str], Problem]:
    """{(manifest path, id): problem} of every release manifest published on the base that the head
    removes (one problem, keyed by id "") or whose lines it changes, drops or adds to."""
    out: dict[tuple[str, str], Problem] = {}
    for path, was in base.manifests.items():
        number = PurePosixPath(path).stem
        if path not in head.manifests:
            out[path, ""] = Problem(
                path,
                1,
                1,
                f"utgåva {number} är publicerad i {name} och får inte tas bort: filen säger vad utgåvan "
                f"innehöll. {_sentence(_restore(name, path))}, och utgåvans rubrik i CHANGELOG.md om den "
                "också är borttagen",
            )
            continue
        now = head.manifests[path]
        fixed = f"en publicerad utgåvas innehåll ändras aldrig; {_restore(name, path)}"
        for record_id, (line, _) in was.items():
            if record_id in now and now[record_id][0] != line:
                out[path, record_id] = Problem(
                    path,
                    now[record_id][1],
                    1,
                    f"raden för {record_id} har ändrats sedan {name}; {fixed}. Raden var: {line}",
                )
            elif record_id not in now:
                after = [m for other, (_, m) in now.items() if other > record_id]
                last = max((m for _, m in now.values()), default=0)
                out[path, record_id] = Problem(
                    path,
                    min(after, default=last + 1),
                    1,
                    f"raden för {record_id} finns i {name} men har tagits bort; {fixed}. Lägg tillbaka raden: {line}",
                )
        for record_id, (_, n) in now.items():
            if record_id not in was:
                out[path, record_id] = Problem(
                    path,
                    n,
                    1,
                    f"raden för {record_id} finns inte i {name}: utgåva {number} innehöll inte kravet, och "
                    f"{fixed}. Ett nytt krav kommer med i nästa utgåva",
                )
    return out


def _by_version(base: Snapshot, head: Snapshot, name: str) -> dict[tuple[str, str], Problem]:
    """{(id, version): its one problem} of every version published on the base that the head breaks,
    {(LOCK_FILE, ""): problem} when the head has no lock file at all, and the problems of the
    release manifests (`_releases`)."""
    out: dict[tuple[str, str], Problem] = {}
    if base.lock and not head.lock_lines:
        out[LOCK_FILE, ""] = Problem(
            LOCK_FILE,
            1,
            1,
            f"filen finns i {name} men saknas här; en publicerad version låses en gång för "
            f"alla. {_sentence(_restore(name, LOCK_FILE))}",
        )
    for key in sorted(base.published(), key=_order):
        found = [p for check in (_content, _lock, _changelog) if (p := check(base, head, name, key))]
        lock_changed = key in base.lock and head.lock_lines and head.lock.get(key, ("",))[0] != base.lock[key][0]
        if found and found[0].path != LOCK_FILE and lock_changed:
            # the lock line follows the content (scripts/lock_versions.py wrote it): said in the same message
            found[0] = Problem(
                found[0].path,
                found[0].line,
                found[0].col,
                f"{found[0].message}. Lägg också tillbaka raden i {LOCK_FILE}: {base.lock[key][0]}",
            )
        if found:
            out[key] = found[0]
    return out | _releases(base, head, name)


def compare(base: Snapshot, head: Snapshot, name: str) -> list[Problem]:
    """Problems of `head` against `base` (named `name` in messages): every version published on the
    base stays, unchanged, with its lock line and its changelog entry, and every release manifest
    with its lines. At most one problem per version, and per manifest line."""
    return sorted(_by_version(base, head, name).values(), key=lambda p: (p.path, p.line, p.col))


def with_validator(said: Iterable[Problem], base: Snapshot, head: Snapshot, name: str) -> list[Problem]:
    """The validator's problems of the head (`said`) and the history's, one message per root cause:
    where the validator speaks of a version the history check reports (at its lock line, or in its
    archived file, or at the same place), the history's message stays: it names what to restore."""
    found = _by_version(base, head, name)
    covered = {(p.path, p.line) for p in found.values()}
    covered |= {(LOCK_FILE, head.lock[key][1]) for key in found if key in head.lock}
    files = {p.path for p in found.values() if p.path.startswith(ARCHIVE_DIR + "/")}
    kept = [p for p in said if (p.path, p.line) not in covered and p.path not in files]
    return sorted([*kept, *found.values()], key=lambda p: (p.path, p.line, p.col))
