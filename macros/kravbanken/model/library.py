"""The one way into the data: load every record, validate it, and hold the result in memory.

`load_library(root)` is what the build, the scripts and the tests call. Given a `LibraryCache`
(the MkDocs plugin owns one), it loads again only when a source file's size or modification time
has changed, so one build (or one `mkdocs serve` rebuild with nothing changed) loads and validates
the library once. The Library it returns is a finished result: nothing changes it after loading.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .aliases import FieldPath, Record
from .files import entries, load_file, read_text, shown_path, stray
from .kinds import KINDS, POST_SCHEMA, POSTS_DIR, Kind, kind_of
from .messages import duplicate_id, not_portable, syntax, wrong_file_name
from .portable import unportable, value_at
from .releases import CHANGELOG, RELEASES_DIR, Release, load_releases, status_periods
from .rules import (
    check_criterion,
    check_english,
    check_follow_up_result,
    check_post_name,
    check_replacements,
    check_review,
    dangling,
    references,
)
from .schemas import Schemas
from .versions import LOCK_FILE, gone, is_published, load_versions, next_id, read_lock, used_ids
from .yamlload import Document, Problem, YamlError, parse


@dataclass(frozen=True)
class Library:
    """Every valid record by kind and id, where each came from, and every problem and warning found."""

    root: Path
    schemas: Schemas  # without documents when a schema cannot be read: then that is the only problem
    records: MappingProxyType[str, dict[str, Record]]  # kind -> {id: record}
    files: MappingProxyType[tuple[str, str], str]  # (kind, id) -> path shown in messages
    posts: tuple[tuple[str, Record], ...]  # (path, front matter) of the valid news posts
    problems: tuple[Problem, ...]  # every Problem, sorted by file, line and column
    # (kind, id) -> ((kind, id) of each record that refers to it, ...)
    backlinks: MappingProxyType[tuple[str, str], tuple[tuple[str, str], ...]]
    invalid_ids: frozenset[tuple[str, str]]  # (kind, id) of records that exist but have problems
    versions: MappingProxyType[str, tuple[Record, ...]]  # criterion id -> (each version, oldest first; current last)
    version_files: MappingProxyType[tuple[str, str], str]  # (criterion id, version) -> path shown in messages
    releases: tuple[Release, ...]  # (number, date, changes, contents) of each release in CHANGELOG.md, newest first
    warnings: tuple[Problem, ...]  # problems that do not fail the build (an overdue review), sorted like problems

    @property
    def release(self) -> str:
        """The library's newest calendar release, e.g. "2026.2"."""
        return self.releases[0][0] if self.releases else ""

    @cached_property
    def criteria(self) -> MappingProxyType[str, Record]:
        """The published criteria (every status but draft), current versions: what the site shows."""
        return MappingProxyType({i: r for i, r in self.records["criterion"].items() if is_published(r)})

    def history(self, record_id: str) -> tuple[Record, ...]:
        """The published versions of a criterion, oldest first."""
        return tuple(r for r in self.versions[record_id] if is_published(r))

    @cached_property
    def _held(self) -> dict[str, list[tuple[str, str, str]]]:
        """{criterion id: [(release date, version, status), …]} of the releases that held it."""
        out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for release in self.releases:
            for record_id, version, status in release.contents:
                out[record_id].append((release.date, version, status))
        return out

    def periods(self, record_id: str) -> list[tuple[str, str, str, str]]:
        """(version, the day it applies from, status, the day that status begins) of each period of a
        published criterion's history, oldest first (releases.status_periods): dated by the releases
        that held it and the criterion that superseded it."""
        successor = str(self.criteria[record_id].get("superseded_by", ""))
        replaced_by = self.history(successor) if successor in self.criteria else ()
        return status_periods(self.history(record_id), self._held.get(record_id, ()), replaced_by)

    def _of(self, kind: str) -> Mapping[str, Record]:
        return self.criteria if kind == "criterion" else self.records[kind]

    def sorted(self, kind: str) -> list[Record]:
        """Records of a kind in reading order: by their `order` field where they have one, then id."""
        return sorted(self._of(kind).values(), key=lambda r: (r.get("order", 0), r["id"]))

    def used_by(self, kind: str, record_id: str, source_kind: str = "criterion") -> list[Record]:
        """The (published) records of `source_kind` that refer to (kind, record_id), sorted by id."""
        source = self._of(source_kind)
        ids = sorted(i for k, i in self.backlinks.get((kind, record_id), ()) if k == source_kind and i in source)
        return [source[i] for i in ids]

    def label(self, codelist: str, code: str, lang: str = "sv") -> str:
        return self.schemas.label(codelist, code, lang)

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self) -> tuple[Callable[..., Library], tuple[Any, ...]]:
        # Read-only mappings cannot be pickled; the downloads process gets the Library this way.
        values = (getattr(self, field.name) for field in fields(self))
        return _library, tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in values)


def _library(*values: Any) -> Library:
    """A Library of its fields' values, in the order they are declared; every mapping made read-only."""
    fixed: list[Any] = [MappingProxyType(v) if isinstance(v, dict) else v for v in values]
    return Library(*fixed)


def title_of(record: Record, lang: str = "sv") -> str:
    """A record's name or title in `lang`, falling back to Swedish."""
    text = record.get("title") or record["name"]
    return str(text.get(lang) or text["sv"])


def _record_files(root: Path, kind: Kind) -> list[Path]:
    return [f for f in entries(root / "criteria" / kind.folder) if f.name.endswith(".yaml")]


def _post_files(root: Path) -> list[Path]:
    return [f for f in entries(root / POSTS_DIR) if f.name.endswith(".md")]


def _source_files(root: Path) -> list[Path]:
    files = entries(root / "criteria") + _post_files(root) + sorted((root / "schema").glob("*.schema.json"))
    return files + [root / CHANGELOG] * (root / CHANGELOG).exists()


def front_matter(file: Path, root: Path, shown_as: str) -> Document:
    """The YAML front matter of a Markdown post, with positions counted in the .md file."""
    text = read_text(file, root, shown_as)
    lines = text.split("\n")
    if lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise YamlError(
            Problem(
                shown_as,
                1,
                1,
                "inlägget saknar metadata: börja filen med en rad ---, fälten date och title, och en rad --- till",
            )
        )
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    return parse_front_matter("\n".join(lines[1:end]), shown_as)


def parse_front_matter(block: str, shown_as: str) -> Document:
    """The YAML `block` between a page's first two --- lines, with positions counted in the page
    (the block starts on its line 2). Raises YamlError with a Swedish message."""
    return _parse_explained(block, shown_as, line_offset=1)


def _parse_explained(text: str, shown_as: str, line_offset: int = 0) -> Document:
    """parse(), with a YAML syntax error explained in Swedish (messages.syntax)."""
    try:
        return parse(text, shown_as, line_offset)
    except YamlError as exc:
        if not exc.problem.message.startswith("YAML-syntaxfel"):
            raise
        raise YamlError(syntax(text, shown_as, line_offset) or exc.problem) from None


@dataclass(frozen=True)
class _Read:
    """One record file read and checked on its own."""

    doc: Document | None  # None: the file could not be read as YAML
    problems: list[Problem]
    bad: frozenset[FieldPath] | None  # paths of invalid values; None when the record is valid on its own

    @property
    def record_id(self) -> str | None:
        data = self.doc.data if self.doc else None
        return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _read(schemas: Schemas, kind: Kind, file: Path, root: Path, shown_as: str) -> _Read:
    try:
        doc = load_file(file, root, shown_as)
    except YamlError as exc:
        explained = (
            syntax(read_text(file, root, shown_as), shown_as)
            if exc.problem.message.startswith("YAML-syntaxfel")
            else None
        )  # the text was read once already
        return _Read(None, [explained or exc.problem], frozenset())
    problems, bad = schemas.check(kind.schema, doc, shown_as)
    problems += [
        Problem(
            shown_as,
            *doc.position(path),
            not_portable(schemas.field(kind.schema, path), text, read_as, value_at(doc.data, path)),
        )
        for path, (text, read_as) in unportable(doc.plain).items()
        if path not in bad
    ]
    if not problems and file.stem != doc.data["id"]:
        problems.append(Problem(shown_as, *doc.position(("id",)), wrong_file_name(doc.data["id"], file.name)))
    if not problems and kind.name == "criterion":
        problems.extend(check_criterion(schemas, doc, shown_as))
    return _Read(doc, problems, frozenset(bad or {()}) if problems else None)


def _read_post(schemas: Schemas, file: Path, root: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """A news post's front matter and its problems."""
    try:
        doc = front_matter(file, root, shown_as)
    except YamlError as exc:
        return None, [exc.problem]
    found, _ = schemas.check(POST_SCHEMA, doc, shown_as)
    return doc, found or check_post_name(schemas, doc, file.name, shown_as)


def _load(root: Path) -> Library:
    records: dict[str, dict[str, Record]] = {k.name: {} for k in KINDS}
    try:
        schemas = Schemas(root / "schema")
    except YamlError as exc:  # nothing can be checked without the schemas
        return _library(root, Schemas(None), records, {}, (), (exc.problem,), {}, frozenset(), {}, {}, (), ())
    files: dict[tuple[str, str], str] = {}
    documents: dict[tuple[str, str], Document] = {}
    invalid: list[tuple[str, _Read, Document, str]] = []
    unreadable: set[tuple[str, str]] = set()
    locked, lock_problems = read_lock(root)
    problems = [
        p
        for p in stray(root / "criteria", [k.folder for k in KINDS], lambda f: shown_path(f, root))
        if p.path != LOCK_FILE and not p.path.startswith(RELEASES_DIR + "/")
    ]  # see versions, releases
    for kind in KINDS:
        for file in _record_files(root, kind):
            shown_as = shown_path(file, root)
            read = _read(schemas, kind, file, root, shown_as)
            problems.extend(read.problems)
            if read.bad is not None or read.doc is None:
                if read.doc is not None and isinstance(read.doc.data, dict):
                    invalid.append((kind.name, read, read.doc, shown_as))  # its references are still checked
                else:  # known by its file name only: a reference to it waits until the file can be read
                    unreadable.add((kind.name, file.stem))
                continue
            record_id = read.doc.data["id"]
            if (kind.name, record_id) in files:
                series, _, number = record_id.rpartition("-")
                free = next_id(used_ids(root, kind.folder, locked), series) if series and number.isdigit() else None
                problems.append(
                    Problem(
                        shown_as,
                        *read.doc.position(("id",)),
                        duplicate_id(record_id, files[kind.name, record_id], free),
                    )
                )
                continue
            records[kind.name][record_id] = read.doc.data
            files[kind.name, record_id] = shown_as
            documents[kind.name, record_id] = read.doc
    invalid_ids = frozenset((kind, read.record_id) for kind, read, _, _ in invalid if read.record_id) | unreadable
    # A reference to a record with problems of its own, or to a published criterion whose file is
    # gone (said once, at the lock), is no second problem.
    unfit = invalid_ids | gone(locked, records)

    backlinks: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (source, record_id), doc in documents.items():
        problems += dangling(schemas, records, unfit, source, doc, files[source, record_id])
        for _, target, ref in references(source, doc.data):
            if ref in records[target]:
                backlinks[target, ref].append((source, record_id))
    for source, read, doc, shown_as in invalid:
        problems += dangling(schemas, records, unfit, source, doc, shown_as, read.bad or frozenset())
    versions = load_versions(root, schemas, records, documents, files, invalid_ids, (locked, lock_problems))
    problems += versions.problems
    troubled = {p.path for p in problems}  # a criterion whose files have problems is checked once they are right
    skip = {i for (i, _), path in versions.files.items() if path in troubled} | {
        i for k, i in invalid_ids if k == "criterion"
    }
    skip |= {i for i, _ in locked if i not in versions.history}  # a deleted criterion: see the lock
    releases, found = load_releases(root, versions.history, schemas.codes("status"), frozenset(skip))
    problems += found

    published = {
        i: [r["version"] for r in history if is_published(r)]
        for i, history in versions.history.items()
        if i not in skip
    }
    for i, version in locked:  # published even when its file is broken or gone: that is said once, at the file
        if i in published and version not in published[i]:
            published[i].append(version)
    for record_id in records["follow_up_result"]:
        problems += check_follow_up_result(
            schemas, documents["follow_up_result", record_id], files["follow_up_result", record_id], published
        )

    problems += check_replacements(
        schemas,
        {i: documents["criterion", i] for i in records["criterion"]},
        {i: files["criterion", i] for i in records["criterion"]},
    )
    warnings = []
    for record_id, record in records["criterion"].items():
        if is_published(record):
            errors, found = check_review(schemas, documents["criterion", record_id], files["criterion", record_id])
            problems += errors
            warnings += found
            warnings += check_english(schemas, documents["criterion", record_id], files["criterion", record_id])

    posts = []
    for file in _post_files(root):
        shown_as = shown_path(file, root)
        post, found = _read_post(schemas, file, root, shown_as)
        problems.extend(found)
        if post is not None and not found:
            posts.append((shown_as, post.data))

    return _library(
        root,
        schemas,
        records,
        files,
        tuple(posts),
        _sorted(problems),
        {k: tuple(v) for k, v in backlinks.items()},
        invalid_ids,
        versions.history,
        versions.files,
        releases,
        _sorted(warnings),
    )


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message)))


def check_files(root: Path | str, files: Iterable[str | Path], lib: Library | None = None) -> tuple[Problem, ...]:
    """Problems in the given files: those of the library under `root` (`lib`, when loaded already)
    for its own files, and for a file outside it (a draft elsewhere) its own checks plus its
    references into the library."""
    lib = lib or load_library(root)
    if not lib.schemas.documents:  # the schemas cannot be read: that is the one problem
        return lib.problems
    out: list[Problem] = []
    for file in map(Path, files):
        shown_as = _shown(file, lib.root)
        if (
            shown_as in lib.files.values()
            or shown_as in lib.version_files.values()
            or any(p.path == shown_as for p in lib.problems)
            or any(path == shown_as for path, _ in lib.posts)
        ):
            out.extend(p for p in lib.problems if p.path == shown_as)
            continue
        if file.suffix == ".md":  # a news post outside the library
            out.extend(_read_post(lib.schemas, file, lib.root, shown_as)[1])
            continue
        kind = kind_of(file)
        read = _read(lib.schemas, kind, file, lib.root, shown_as)
        out.extend(read.problems)
        if read.doc is not None and isinstance(read.doc.data, dict):
            out.extend(
                dangling(
                    lib.schemas, lib.records, lib.invalid_ids, kind.name, read.doc, shown_as, read.bad or frozenset()
                )
            )
    return _sorted(out)


class LibraryCache:
    """The latest library loaded, kept for as long as none of its source files changes: one
    library in memory at a time."""

    def __init__(self) -> None:
        self._last: tuple[Path, tuple[tuple[str, int, int], ...], Library] | None = None  # (root, stamp, Library)

    def load(self, root: Path) -> Library:
        stamp = tuple((str(f), stat.st_mtime_ns, stat.st_size) for f in _source_files(root) for stat in [f.lstat()])
        if self._last is None or self._last[:2] != (root, stamp):
            self._last = (root, stamp, _load(root))
        return self._last[2]


def warnings_in(lib: Library, files: Iterable[str | Path]) -> tuple[Problem, ...]:
    """The library's warnings about the given files."""
    shown = {_shown(Path(file), lib.root) for file in files}
    return tuple(w for w in lib.warnings if w.path in shown)


def _shown(file: Path, root: Path) -> str:
    return shown_path(Path(os.path.abspath(file)), root)  # a link is named as itself


def load_library(root: Path | str = ".", cache: LibraryCache | None = None) -> Library:
    """The validated library under `root`; with `cache`, loaded again only when a source file has changed."""
    root = Path(root).resolve()
    return cache.load(root) if cache is not None else _load(root)
