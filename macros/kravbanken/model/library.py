"""The one way into the data: load every record, validate it, and hold the result in memory.

`load_library(root)` is what the build, the scripts and the tests call. It is cached on the files'
sizes and modification times, so one build (or one `mkdocs serve` rebuild with nothing changed)
loads and validates the library once. The Library it returns is a finished result: nothing
changes it after loading.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from .files import entries, load_file, read, stray
from .kinds import KIND, KINDS, POST_SCHEMA, POSTS_DIR, Kind, kind_of
from .messages import duplicate_id, not_portable, syntax, wrong_file_name
from .portable import unportable, value_at
from .rules import check_criterion, check_post_name, check_replacements, dangling, references
from .releases import CHANGELOG, RELEASES_DIR, load_releases
from .schemas import Schemas
from .versions import LOCK_FILE, is_published, load_versions, read_lock
from .yamlload import Document, Problem, YamlError, decode, parse


@dataclass(frozen=True)
class Library:
    """Every valid record by kind and id, where each came from, and every problem found."""

    root: Path
    schemas: Schemas
    records: MappingProxyType        # kind -> {id: record}
    files: MappingProxyType          # (kind, id) -> path shown in messages
    posts: tuple                     # (path, front matter) of the valid news posts
    problems: tuple                  # every Problem, sorted by file, line and column
    backlinks: MappingProxyType      # (kind, id) -> ((kind, id) of each record that refers to it, ...)
    invalid_ids: frozenset           # (kind, id) of records that exist but have problems
    versions: MappingProxyType       # criterion id -> (record of each version, oldest first; current last)
    version_files: MappingProxyType  # (criterion id, version) -> path shown in messages
    releases: tuple                  # Release (number, date, changes, contents) of each in CHANGELOG.md, newest first

    @property
    def release(self) -> str:
        """The library's newest calendar release, e.g. "2026.2"."""
        return self.releases[0][0] if self.releases else ""

    @cached_property
    def criteria(self) -> MappingProxyType:
        """The published criteria (every status but draft), current versions: what the site shows."""
        return MappingProxyType({i: r for i, r in self.records["criterion"].items() if is_published(r)})

    def history(self, record_id: str) -> tuple:
        """The published versions of a criterion, oldest first."""
        return tuple(r for r in self.versions[record_id] if is_published(r))

    def _of(self, kind: str) -> dict:
        return self.criteria if kind == "criterion" else self.records[kind]

    def sorted(self, kind: str) -> list[dict]:
        """Records of a kind in reading order: by their `order` field where they have one, then id."""
        return sorted(self._of(kind).values(), key=lambda r: (r.get("order", 0), r["id"]))

    def used_by(self, kind: str, record_id: str, source_kind: str = "criterion") -> list[dict]:
        """The (published) records of `source_kind` that refer to (kind, record_id), sorted by id."""
        source = self._of(source_kind)
        ids = sorted(i for k, i in self.backlinks.get((kind, record_id), ()) if k == source_kind and i in source)
        return [source[i] for i in ids]

    def label(self, codelist: str, code: str, lang: str = "sv") -> str:
        return self.schemas.label(codelist, code, lang)

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self):
        # Read-only mappings cannot be pickled; the downloads process gets the Library this way.
        return _library, (self.root, self.schemas, dict(self.records), dict(self.files), self.posts, self.problems,
                          dict(self.backlinks), self.invalid_ids, dict(self.versions), dict(self.version_files), self.releases)


def _library(root, schemas, records, files, posts, problems, backlinks, invalid_ids, versions,
             version_files, releases) -> Library:
    return Library(root, schemas, MappingProxyType(records), MappingProxyType(files), posts, problems,
                   MappingProxyType(backlinks), invalid_ids, MappingProxyType(versions),
                   MappingProxyType(version_files), releases)


def title_of(record: dict, lang: str = "sv") -> str:
    """A record's name or title in `lang`, falling back to Swedish."""
    text = record.get("title") or record.get("name")
    return text.get(lang) or text["sv"]


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _record_files(root: Path, kind: Kind) -> list[Path]:
    return [f for f in entries(root / "criteria" / kind.folder) if f.name.endswith(".yaml")]


def _post_files(root: Path) -> list[Path]:
    return [f for f in entries(root / POSTS_DIR) if f.name.endswith(".md")]


def _source_files(root: Path) -> list[Path]:
    files = entries(root / "criteria") + _post_files(root) + sorted((root / "schema").glob("*.schema.json"))
    return files + [root / CHANGELOG] * (root / CHANGELOG).exists()


def front_matter(file: Path, root: Path, shown_as: str) -> Document:
    """The YAML front matter of a Markdown post, with positions counted in the .md file."""
    text = decode(read(file, root, shown_as), shown_as)
    lines = text.split("\n")
    if lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise YamlError(Problem(shown_as, 1, 1, "inlägget saknar metadata: börja filen med en rad ---, "
                                                "fälten date och title, och en rad --- till"))
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    return _parse_explained("\n".join(lines[1:end]), shown_as, line_offset=1)


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

    doc: Document | None   # None: the file could not be read as YAML
    problems: list
    bad: frozenset | None  # paths of invalid values; None when the record is valid on its own

    @property
    def record_id(self):
        data = self.doc.data if self.doc else None
        return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _read(schemas: Schemas, kind: Kind, file: Path, root: Path, shown_as: str) -> _Read:
    try:
        doc = load_file(file, root, shown_as)
    except YamlError as exc:
        explained = syntax(decode(read(file, root, shown_as), shown_as), shown_as) \
            if exc.problem.message.startswith("YAML-syntaxfel") else None  # the text was read once already
        return _Read(None, [explained or exc.problem], frozenset())
    problems, bad = schemas.check(kind.schema, doc, shown_as)
    problems += [Problem(shown_as, *doc.position(path), not_portable(
                     schemas.field(kind.schema, path), text, read_as, value_at(doc.data, path)))
                 for path, (text, read_as) in unportable(doc.plain).items() if path not in bad]
    if not problems and file.stem != doc.data["id"]:
        problems.append(Problem(shown_as, *doc.position(("id",)), wrong_file_name(doc.data["id"], file.name)))
    if not problems and kind.name == "criterion":
        problems.extend(check_criterion(schemas, doc, shown_as))
    return _Read(doc, problems, frozenset(bad or {()}) if problems else None)


def _free_id(root: Path, kind: Kind, taken: str) -> str | None:
    """The next unused id in the series of a criterion id (SOC-007 -> SOC-012 when SOC-011 is the
    last), counting every file in the folder; None for ids that are not numbered."""
    prefix, _, number = taken.rpartition("-")
    if not number.isdigit():
        return None
    used = [int(f.stem.rpartition("-")[2]) for f in _record_files(root, kind)
            if f.stem.startswith(prefix + "-") and f.stem.rpartition("-")[2].isdigit()]
    return f"{prefix}-{max(used, default=0) + 1:0{len(number)}d}"


def _read_post(schemas: Schemas, file: Path, root: Path, shown_as: str) -> tuple[Document | None, list]:
    """A news post's front matter and its problems."""
    try:
        doc = front_matter(file, root, shown_as)
    except YamlError as exc:
        return None, [exc.problem]
    found, _ = schemas.check(POST_SCHEMA, doc, shown_as)
    return doc, found or check_post_name(schemas, doc, file.name, shown_as)


def _load(root: Path) -> Library:
    schemas = Schemas(root / "schema")
    records = {k.name: {} for k in KINDS}
    files, documents, invalid = {}, {}, []
    problems = [p for p in stray(root / "criteria", [k.folder for k in KINDS], lambda f: _relative(f, root))
                if p.path != LOCK_FILE and not p.path.startswith(RELEASES_DIR + "/")]  # see versions, releases
    for kind in KINDS:
        for file in _record_files(root, kind):
            shown_as = _relative(file, root)
            read = _read(schemas, kind, file, root, shown_as)
            problems.extend(read.problems)
            if read.bad is not None:
                if read.doc is not None and isinstance(read.doc.data, dict):
                    invalid.append((kind.name, read, shown_as))  # its references are still checked
                continue
            record_id = read.doc.data["id"]
            if (kind.name, record_id) in files:
                problems.append(Problem(shown_as, *read.doc.position(("id",)), duplicate_id(
                    record_id, files[kind.name, record_id], _free_id(root, kind, record_id))))
                continue
            records[kind.name][record_id] = read.doc.data
            files[kind.name, record_id] = shown_as
            documents[kind.name, record_id] = read.doc
    invalid_ids = frozenset((kind, read.record_id) for kind, read, _ in invalid if read.record_id)

    backlinks = defaultdict(list)
    for (source, record_id), doc in documents.items():
        problems += dangling(schemas, records, invalid_ids, source, doc, files[source, record_id])
        for _, target, ref in references(source, doc.data):
            if ref in records[target]:
                backlinks[target, ref].append((source, record_id))
    for source, read, shown_as in invalid:
        problems += dangling(schemas, records, invalid_ids, source, read.doc, shown_as, read.bad)
    versions = load_versions(root, schemas, records, documents, files, invalid_ids)
    problems += versions.problems
    troubled = {p.path for p in problems}  # a criterion whose files have problems is checked once they are right
    skip = {i for (i, _), path in versions.files.items() if path in troubled} | {i for k, i in invalid_ids
                                                                                 if k == "criterion"}
    skip |= {i for i, _ in read_lock(root)[0] if i not in versions.history}  # a deleted criterion: see the lock
    releases, found = load_releases(root, versions.history, schemas.codes("status"), frozenset(skip))
    problems += found

    problems += check_replacements(schemas, {i: documents["criterion", i] for i in records["criterion"]},
                                   {i: files["criterion", i] for i in records["criterion"]})

    posts = []
    for file in _post_files(root):
        shown_as = _relative(file, root)
        doc, found = _read_post(schemas, file, root, shown_as)
        problems.extend(found)
        if not found:
            posts.append((shown_as, doc.data))

    return _library(root, schemas, records, files, tuple(posts), _sorted(problems),
                    {k: tuple(v) for k, v in backlinks.items()}, invalid_ids, versions.history, versions.files, releases)


def _sorted(problems) -> tuple[Problem, ...]:
    return tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message)))


def check_files(root: Path | str, files) -> tuple[Problem, ...]:
    """Problems in the given files: those of the library for its own files, and for a file
    outside it (a draft elsewhere) its own checks plus its references into the library."""
    lib = load_library(root)
    out = []
    for file in map(Path, files):
        shown_as = _relative(Path(os.path.abspath(file)), lib.root)  # a link is named as itself
        if (shown_as in lib.files.values() or shown_as in lib.version_files.values()
                or any(p.path == shown_as for p in lib.problems) or any(path == shown_as for path, _ in lib.posts)):
            out.extend(p for p in lib.problems if p.path == shown_as)
            continue
        if file.suffix == ".md":  # a news post outside the library
            out.extend(_read_post(lib.schemas, file, lib.root, shown_as)[1])
            continue
        kind = kind_of(file)
        read = _read(lib.schemas, kind, file, lib.root, shown_as)
        out.extend(read.problems)
        if read.doc is not None and isinstance(read.doc.data, dict):
            out.extend(dangling(lib.schemas, lib.records, lib.invalid_ids, kind.name, read.doc, shown_as,
                                read.bad or frozenset()))
    return _sorted(out)


_last: tuple | None = None  # (root, stamp, Library) of the latest load: one library in memory at a time


def load_library(root: Path | str = ".") -> Library:
    """The validated library under `root`, loaded once for as long as no source file changes."""
    global _last
    root = Path(root).resolve()
    stamp = tuple((str(f), stat.st_mtime_ns, stat.st_size) for f in _source_files(root) for stat in [f.lstat()])
    if _last is None or _last[:2] != (root, stamp):
        _last = (root, stamp, _load(root))
    return _last[2]
