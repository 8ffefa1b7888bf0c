"""The one way into the data: load every record, validate it, and hold the result in memory.

`load_library(root)` is what the build, the scripts and the tests call. It is cached on the files'
sizes and modification times, so one build (or one `mkdocs serve` rebuild with nothing changed)
loads and validates the library once.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin

import jsonschema_rs

from .yamlload import Document, Problem, YamlError, decode, load_file, parse

POSTS_DIR = "docs/nyheter/posts"


@dataclass(frozen=True)
class Kind:
    name: str    # code name used in REFERENCES and by the renderers
    folder: str  # folder under criteria/
    schema: str  # file under schema/
    noun: str    # Swedish noun for messages ("riskområdet textil finns inte")


KINDS = (
    Kind("criterion", "krav", "criterion.schema.json", "kravet"),
    Kind("coc_clause", "uppforandekod", "coc-clause.schema.json", "punkten i uppförandekoden"),
    Kind("convention", "konventioner", "convention.schema.json", "konventionen"),
    Kind("risk_area", "riskomraden", "risk-area.schema.json", "riskområdet"),
    Kind("follow_up", "uppfoljning", "follow-up.schema.json", "uppföljningsmetoden"),
    Kind("profile", "goda-exempel", "profile.schema.json", "profilen"),
)
KIND = {k.name: k for k in KINDS}
POST_SCHEMA = "news-post.schema.json"

# (source kind, path to the id inside the record, "*" = every list item, target kind)
REFERENCES = (
    ("criterion", ("risk_areas", "*"), "risk_area"),
    ("criterion", ("code_of_conduct", "*"), "coc_clause"),
    ("criterion", ("follow_up", "*"), "follow_up"),
    ("criterion", ("supersedes",), "criterion"),
    ("criterion", ("superseded_by",), "criterion"),
    ("coc_clause", ("basis", "*"), "convention"),
    ("risk_area", ("follow_up", "*"), "follow_up"),
)

_ANNOTATIONS = {"title", "description", "x-labels", "examples", "default", "$comment"}  # keywords that only describe
_TYPES_SV = {"string": "text", "array": "en lista", "object": "en mappning med fält",
             "integer": "ett heltal", "number": "ett tal", "boolean": "true eller false",
             "null": "tomt"}


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    for name, cls in (("number", float), ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, cls):
            return name
    return "null"


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class Schemas:
    """All JSON Schemas of schema/, one compiled validator per schema, and the codelists' labels."""

    def __init__(self, schema_dir: Path):
        self.documents = {f.name: json.loads(f.read_text(encoding="utf-8"))
                          for f in sorted(schema_dir.glob("*.schema.json"))}
        self._validators, self._fast = {}, {}

    def validator(self, name: str):
        """The jsonschema validator of schema `name`: its errors become our messages. Made only
        when a record is invalid (or a test asks), so a build of a valid library never imports
        jsonschema at all."""
        if name not in self._validators:
            import jsonschema

            schema = self._inline(self.documents[name], self.documents[name]["$id"])
            self._validators[name] = jsonschema.Draft202012Validator(
                schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        return self._validators[name]

    def fast_validator(self, name: str):
        """The jsonschema-rs validator of schema `name`. Compiled in Rust, it answers "valid or
        not" many times faster than jsonschema; only an invalid record goes through jsonschema for
        the detailed errors. tests/test_schema.py checks that the two agree."""
        if name not in self._fast:
            self._fast[name] = jsonschema_rs.Draft202012Validator(
                self.documents[name], validate_formats=True, registry=self._fast_registry)
        return self._fast[name]

    @cached_property
    def _fast_registry(self):
        return jsonschema_rs.Registry([(doc["$id"], doc) for doc in self.documents.values()])

    @cached_property
    def _resolver(self):
        """Follows $ref for jsonschema and for the fields' titles: only needed to explain errors."""
        from referencing import Registry, Resource

        return Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()).resolver()

    def _inline(self, schema, base: str):
        """The schema with every $ref replaced by what it points to. Validation gives the same
        answers and runs about twice as fast, since jsonschema no longer resolves a reference for
        every value it checks. The target's annotations win over those beside the $ref, so an
        error's schema carries the codelist labels and the description of the form; a validation
        keyword beside the $ref that the target also has (a text that must have English too:
        `required: [sv, en]`) still applies, through allOf."""
        if isinstance(schema, list):
            return [self._inline(item, base) for item in schema]
        if not isinstance(schema, dict):
            return schema
        out = {key: self._inline(value, base) for key, value in schema.items() if key not in ("$ref", "$defs")}
        if "$ref" in schema:
            target, target_base = self._resolve({"$ref": schema["$ref"]}, base)
            target = self._inline(target, target_base)
            beside = {k: v for k, v in out.items() if k in target and k not in _ANNOTATIONS and v != target[k]}
            out.update(target)
            if beside:
                out["allOf"] = [*out.get("allOf", []), beside]
        return out

    @cached_property
    def codelists(self) -> dict:
        return self.documents["codelists.schema.json"]["$defs"]

    def label(self, codelist: str, code: str, lang: str = "sv") -> str:
        return self.codelists[codelist]["x-labels"][code][lang]

    def _resolve(self, schema: dict, base: str) -> tuple[dict, str]:
        """Follow $ref (relative to the document at `base`) to the schema it names."""
        while "$ref" in schema:
            uri = urljoin(base, schema["$ref"])
            schema, base = self._resolver.lookup(uri).contents, uri.split("#")[0]
        return schema, base

    def field_title(self, name: str, path) -> str | None:
        """The Swedish title of the property at `path` (list items keep their list's title)."""
        schema, title = self.documents[name], None
        base = schema["$id"]
        for part in path:
            schema, base = self._resolve(schema, base)
            if isinstance(part, int):
                schema = schema.get("items", {})
                continue
            schema = schema.get("properties", {}).get(part)
            if schema is None:
                return title
            title = schema.get("title") or self._resolve(schema, base)[0].get("title")
        return title

    def field(self, name: str, path) -> str:
        """How messages name a field: its Swedish title and its path, e.g. `nivå (level)`."""
        title = self.field_title(name, path)
        dotted = _dotted(path)
        return f"{title[0].lower() + title[1:]} ({dotted})" if title else dotted

    def check(self, name: str, doc: Document, shown_as: str) -> tuple[list[Problem], set]:
        """Validate `doc` against schema `name`: every error as a located Swedish message, and
        the paths of the values that have errors."""
        problems, paths = [], set()
        if self.fast_validator(name).is_valid(doc.data):
            return problems, paths
        for error in self.validator(name).iter_errors(doc.data):
            problems.extend(self._explain(name, error, doc, shown_as))
            paths.add(tuple(error.absolute_path))
        return problems, paths

    def _explain(self, name, error, doc, shown_as):
        path = tuple(error.absolute_path)
        where = self.field(name, path)
        value, schema, kind = error.instance, error.schema, error.validator

        def at(message, p=path, key=False):
            line, col = doc.position(p, key=key)
            return Problem(shown_as, line, col, message)

        if kind == "required":
            missing = [k for k in error.validator_value if k not in value]
            prefix = f"{where}: " if path else ""
            return [at(f"{prefix}det obligatoriska fältet {self.field(name, path + (k,))} saknas")
                    for k in missing]
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            out = []
            for key in (k for k in value if k not in allowed):
                guess = difflib.get_close_matches(key, allowed, n=1)
                hint = f' Menade du "{guess[0]}"?' if guess else ""
                out.append(at(f'fältet "{key}" är okänt här; tillåtna fält: {", ".join(allowed)}.{hint}',
                              path + (key,), key=True))
            return out
        if kind == "enum":
            labels = schema.get("x-labels", {})
            allowed = ", ".join(f"{c} ({labels[c]['sv']})" if c in labels else str(c)
                                for c in error.validator_value)
            return [at(f"{where}: {_shown(value)} är inte tillåtet; tillåtna värden: {allowed}")]
        if kind == "type":
            wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            message = f"{where}: ska vara {' eller '.join(_TYPES_SV[t] for t in wanted)}, men är {_TYPES_SV[_type_of(value)]}"
            if "string" in wanted and not isinstance(value, (dict, list)):
                message += f'; skriv värdet inom citattecken, till exempel "{value}"'
            elif "sv" in schema.get("properties", {}):
                message += "; skriv texten under sv: (svenska) och gärna en: (engelska)"
            return [at(message)]
        if kind == "pattern" and schema.get("pattern") == "\\S" or kind == "minLength":
            return [at(f"{where}: får inte vara tom")]
        if kind == "pattern":
            return [at(f"{where}: {_shown(value)} har fel form. {schema.get('description', '')}".rstrip())]
        if kind == "format":
            what = {"date": "ett giltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel 2026-03-01",
                    "uri": "en giltig webbadress"}.get(error.validator_value, f"i formatet {error.validator_value}")
            return [at(f"{where}: {_shown(value)} är inte {what}")]
        if kind == "minItems":
            return [at(f"{where}: ska innehålla minst {error.validator_value}")]
        if kind == "uniqueItems":
            return [at(f"{where}: samma värde står flera gånger i listan")]
        if kind in ("minimum", "maximum"):
            sign = "minst" if kind == "minimum" else "högst"
            return [at(f"{where}: ska vara {sign} {error.validator_value}, men är {_shown(value)}")]
        return [at(f"{where}: {error.message}")]


@dataclass
class Library:
    """Every valid record by kind and id, where each came from, and every problem found."""

    root: Path
    schemas: Schemas
    records: dict = field(default_factory=lambda: {k.name: {} for k in KINDS})
    files: dict = field(default_factory=dict)      # (kind, id) -> path shown in messages
    documents: dict = field(default_factory=dict)  # (kind, id) -> Document (for positions)
    posts: list = field(default_factory=list)      # (path, front matter) of news posts
    problems: list = field(default_factory=list)
    backlinks: dict = field(default_factory=lambda: defaultdict(list))  # (kind, id) -> [(kind, id)]
    invalid_ids: set = field(default_factory=set)  # (kind, id) of records that exist but have problems

    @property
    def criteria(self) -> dict:
        return self.records["criterion"]

    def sorted(self, kind: str) -> list[dict]:
        """Records of a kind in reading order: by their `order` field where they have one, then id."""
        return sorted(self.records[kind].values(), key=lambda r: (r.get("order", 0), r["id"]))

    def used_by(self, kind: str, record_id: str, source_kind: str = "criterion") -> list[dict]:
        """The records of `source_kind` that refer to (kind, record_id), sorted by id."""
        ids = sorted(i for k, i in self.backlinks.get((kind, record_id), []) if k == source_kind)
        return [self.records[source_kind][i] for i in ids]

    def label(self, codelist: str, code: str, lang: str = "sv") -> str:
        return self.schemas.label(codelist, code, lang)

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def _source_files(root: Path) -> list[Path]:
    files = [f for k in KINDS for f in sorted((root / "criteria" / k.folder).rglob("*.yaml"))]
    files += sorted((root / POSTS_DIR).glob("*.md"))
    return files + sorted((root / "schema").glob("*.schema.json"))


def _front_matter(file: Path, shown_as: str) -> Document:
    """The YAML front matter of a Markdown post, with positions counted in the .md file."""
    text = decode(file.read_bytes(), shown_as)
    lines = text.split("\n")
    if lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise YamlError(Problem(shown_as, 1, 1, "inlägget saknar metadata: börja filen med en rad ---, "
                                                "fälten date och title, och en rad --- till"))
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    return parse("\n".join(lines[1:end]), shown_as, line_offset=1)


def _ids_at(record: dict, path: tuple):
    """(path to the value, value) for every id at `path`, where "*" stands for each list item."""
    found = [((), record)]
    for part in path:
        nxt = []
        for p, value in found:
            if part == "*" and isinstance(value, list):
                nxt.extend((p + (i,), v) for i, v in enumerate(value))
            elif isinstance(value, dict) and part in value:
                nxt.append((p + (part,), value[part]))
        found = nxt
    return found


def _version_key(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def _check_criterion(lib: Library, record: dict, doc: Document, shown_as: str) -> list[Problem]:
    """Rules that a schema cannot express: the changelog tells the truth about the version."""
    out = []
    fld = lib.schemas.field

    def at(path, message):
        return Problem(shown_as, *doc.position(path), message)

    log = record["changelog"]
    if log[0]["version"] != record["version"]:
        out.append(at(("changelog", 0, "version"),
                      f'{fld("criterion.schema.json", ("changelog", 0, "version"))}: "{log[0]["version"]}" '
                      f'ska vara samma som kravets version "{record["version"]}"; den senaste versionen står först'))
    if log[0]["date"] != record["published"]:
        out.append(at(("changelog", 0, "date"),
                      f'{fld("criterion.schema.json", ("changelog", 0, "date"))}: {log[0]["date"]} ska vara samma '
                      f'som publiceringsdatumet {record["published"]}'))
    for i in range(1, len(log)):
        newer, older = log[i - 1], log[i]
        if _version_key(older["version"]) >= _version_key(newer["version"]):
            out.append(at(("changelog", i, "version"),
                          f'{fld("criterion.schema.json", ("changelog", i, "version"))}: "{older["version"]}" ska vara '
                          f'lägre än "{newer["version"]}" ovanför; historiken står med den senaste versionen först'))
        elif older["date"] > newer["date"]:
            out.append(at(("changelog", i, "date"),
                          f'{fld("criterion.schema.json", ("changelog", i, "date"))}: {older["date"]} är senare än '
                          f'{newer["date"]} för den nyare versionen ovanför'))
    if record["status"] == "superseded" and "superseded_by" not in record:
        out.append(at(("status",), 'status (status): ett ersatt krav (superseded) ska ange vilket krav som '
                                   'ersätter det i fältet superseded_by'))
    return out


def _read(lib: Library, kind: Kind, file: Path, shown_as: str) -> tuple[Document | None, set | None]:
    """Load one record file and check it on its own; its problems go to `lib.problems`.
    Returns the document (None if it could not be read) and the paths of its invalid values
    (None when the whole record is valid)."""
    try:
        doc = load_file(file, shown_as)
    except YamlError as exc:
        lib.problems.append(exc.problem)
        return None, set()
    problems, bad = lib.schemas.check(kind.schema, doc, shown_as)
    if not problems and file.stem != doc.data["id"]:
        problems.append(Problem(shown_as, *doc.position(("id",)),
                                f'id (id): "{doc.data["id"]}" stämmer inte med filnamnet {file.name}; '
                                f'filen ska heta {doc.data["id"]}.yaml'))
    if not problems and kind.name == "criterion":
        problems.extend(_check_criterion(lib, doc.data, doc, shown_as))
    lib.problems.extend(problems)
    return doc, (bad or {()}) if problems else None


def _dangling(lib: Library, source: str, record: dict, doc: Document, shown_as: str, bad=frozenset()):
    """Yield (target kind, id) for each reference; add a problem for each that points nowhere.
    References at `bad` paths are skipped: the schema check has reported them already."""
    for kind, path, target in REFERENCES:
        if kind != source:
            continue
        for where, ref in _ids_at(record, path):
            if where in bad or not isinstance(ref, str):
                continue
            if ref in lib.records[target]:
                yield target, ref
                continue
            if (target, ref) in lib.invalid_ids:  # it exists; its own file's problems are reported
                continue
            name = lib.schemas.field(KIND[source].schema, where)
            lib.problems.append(Problem(shown_as, *doc.position(where),
                                        f'{name}: {KIND[target].noun} "{ref}" finns inte; {_known(lib, target, ref)}'))


def _known(lib: Library, kind: str, ref: str) -> str:
    """The ids a reference may use: all of them when few, otherwise the closest few."""
    known = sorted(lib.records[kind])
    if len(known) <= 20:
        return f"kända id: {', '.join(known) or 'inga'}"
    close = difflib.get_close_matches(ref, known, n=5, cutoff=0.5)
    where = f"criteria/{KIND[kind].folder}/"
    return f"liknande id: {', '.join(close)} (alla finns i {where})" if close else f"alla id finns i {where}"


def kind_of(file: Path) -> Kind:
    """The kind of a record file, told by the folder it lies in (criteria when unknown)."""
    folders = set(file.resolve().parts[:-1])
    return next((k for k in KINDS if k.folder in folders), KIND["criterion"])


def _load(root: Path) -> Library:
    lib = Library(root, Schemas(root / "schema"))
    invalid = []  # readable but invalid records: their references are still checked
    for kind in KINDS:
        for file in sorted((root / "criteria" / kind.folder).rglob("*.yaml")):
            shown_as = _relative(file, root)
            doc, bad = _read(lib, kind, file, shown_as)
            if bad is not None:
                if doc is not None and isinstance(doc.data, dict):
                    invalid.append((kind.name, doc, shown_as, bad))
                    if isinstance(doc.data.get("id"), str):
                        lib.invalid_ids.add((kind.name, doc.data["id"]))
                continue
            record_id = doc.data["id"]
            if (kind.name, record_id) in lib.files:
                lib.problems.append(Problem(shown_as, *doc.position(("id",)),
                                            f'id (id): "{record_id}" används redan i {lib.files[kind.name, record_id]}; '
                                            "ett id får bara finnas en gång"))
                continue
            lib.records[kind.name][record_id] = doc.data
            lib.files[kind.name, record_id] = shown_as
            lib.documents[kind.name, record_id] = doc

    for (source, record_id), doc in lib.documents.items():
        for target in _dangling(lib, source, doc.data, doc, lib.files[source, record_id]):
            lib.backlinks[target].append((source, record_id))
    for source, doc, shown_as, bad in invalid:
        list(_dangling(lib, source, doc.data, doc, shown_as, bad))

    for file in sorted((root / POSTS_DIR).glob("*.md")):
        shown_as = _relative(file, root)
        try:
            doc = _front_matter(file, shown_as)
        except YamlError as exc:
            lib.problems.append(exc.problem)
            continue
        problems, _ = lib.schemas.check(POST_SCHEMA, doc, shown_as)
        lib.problems.extend(problems)
        if not problems:
            lib.posts.append((shown_as, doc.data))

    lib.problems = _sorted(lib.problems)
    return lib


def _sorted(problems) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message))


def check_files(root: Path | str, files) -> list[Problem]:
    """Problems in the given files: those of the library for its own files, and for a file
    outside it (a draft elsewhere) its own checks plus its references into the library."""
    lib = load_library(root)
    out = []
    for file in map(Path, files):
        shown_as = _relative(file.resolve(), lib.root)
        if shown_as in lib.files.values() or any(p.path == shown_as for p in lib.problems):
            out.extend(p for p in lib.problems if p.path == shown_as)
            continue
        scratch = Library(lib.root, lib.schemas, records=lib.records)
        kind = kind_of(file)
        doc, bad = _read(scratch, kind, file, shown_as)
        if doc is not None and isinstance(doc.data, dict):
            list(_dangling(scratch, kind.name, doc.data, doc, shown_as, bad or frozenset()))
        out.extend(scratch.problems)
    return _sorted(out)


_cache: dict = {}


def load_library(root: Path | str = ".") -> Library:
    """The validated library under `root`, loaded once for as long as no source file changes."""
    root = Path(root).resolve()
    stamp = tuple((str(f), stat.st_mtime_ns, stat.st_size) for f in _source_files(root) for stat in [f.stat()])
    cached = _cache.get(root)
    if cached is None or cached[0] != stamp:
        cached = _cache[root] = (stamp, _load(root))
    return cached[1]
