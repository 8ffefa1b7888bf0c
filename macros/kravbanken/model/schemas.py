"""The JSON Schemas of schema/: one compiled validator per schema, the codelists' labels and the
fields' Swedish titles, which the messages use to name a field."""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urljoin

import jsonschema_rs

from .aliases import FieldPath, Schema
from .files import read_text
from .kinds import CODELISTS_SCHEMA
from .messages import code_label, explain, field_name, json_syntax
from .yamlload import Document, Problem, YamlError, parse

_BASE = "https://schema.kravbanken.invalid/"  # see Schemas.uri
_ANNOTATIONS = {"title", "description", "examples", "default", "$comment"}  # keywords that only describe


def _read_schema(text: str, shown_as: str) -> Schema:
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise YamlError(Problem(shown_as, error.lineno, error.colno, json_syntax(error.msg))) from None
    if not isinstance(schema, dict):
        raise YamlError(Problem(shown_as, 1, 1, "schemat ska vara ett JSON-objekt, inom { och }"))
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as error:
        path = tuple(error.instance_path)
        try:  # JSON is YAML, and the YAML loader knows where each value stands
            line, col = parse(text, shown_as).position(path)
        except YamlError:
            line, col = 1, 1
        raise YamlError(
            Problem(
                shown_as,
                line,
                col,
                f"schemat följer inte JSON Schema ({error.message}); skriv "
                "värdet som JSON Schema 2020-12 beskriver det",
            )
        ) from None
    return schema


def _offline(uri: str) -> NoReturn:
    """The engines' retriever: a $ref is only ever resolved among the schemas of schema/, never fetched."""
    raise ValueError(f"{uri} är inte ett av schemana")


def _dangling_ref(message: str, texts: dict[str, str]) -> Problem:
    """Where the $ref that jsonschema_rs could not resolve stands (its `message` names the file or the
    JSON pointer), in whichever schema has it."""
    found = re.search(r"(?:Resource|Pointer) '([^']*)'", message)
    target = found[1].removeprefix(_BASE) if found else ""
    needle = f'"{target}' if target.endswith(".json") else f'{target}"'
    shown_as, line, col = next(iter(texts)), 1, 1  # where no schema names the target
    for name, text in texts.items():
        if target and (index := text.find(needle)) >= 0:
            before = text[:index]
            shown_as, line, col = name, before.count("\n") + 1, index - before.rfind("\n")
            break
    return Problem(
        shown_as,
        line,
        col,
        f'$ref pekar på "{target or message}", som inte finns bland schemana i '
        "schema/; rätta namnet på filen eller vägen efter #",
    )


class Schemas:
    """All JSON Schemas of schema/, one compiled validator per schema, and the codelists' labels."""

    def __init__(self, schema_dir: Path | None) -> None:
        """Read every schema as the records are read (files.read_text) and compile it; YamlError with
        the place of the first one that is not JSON Schema or has a $ref to nothing. `None` gives no
        schemas at all: the library of a project whose schemas cannot be read, where that is the one
        problem."""
        texts = (
            {}
            if schema_dir is None
            else {
                f"{schema_dir.name}/{f.name}": read_text(f, schema_dir.parent, f"{schema_dir.name}/{f.name}")
                for f in sorted(schema_dir.glob("*.schema.json"))
            }
        )
        self.documents = {shown_as.rpartition("/")[2]: _read_schema(text, shown_as) for shown_as, text in texts.items()}
        self._validators: dict[str, Any] = {}  # jsonschema's, made when a record is invalid
        self._fast: dict[str, jsonschema_rs.Validator] = {}
        self._titles: dict[tuple[str, FieldPath], str | None] = {}  # field_title's answers
        for name in self.documents:
            try:
                self.fast_validator(name)
            except ValueError as error:  # jsonschema_rs: a $ref to a file or a place that is not there
                raise YamlError(_dangling_ref(str(error), texts)) from None

    def uri(self, name: str) -> str:
        """The absolute URI of schema `name` for the engines. The files have no $id, so that an
        editor or a tool (check-jsonschema, ajv) resolves their relative $refs next to the file,
        without network; the engines need an absolute base, and a made-up one never fetched will do."""
        return urljoin(_BASE, name)

    def __getstate__(self) -> dict[str, Any]:
        # Compiled validators cannot be pickled; another process compiles its own when it needs them.
        return {"documents": self.documents}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.documents, self._validators, self._fast, self._titles = state["documents"], {}, {}, {}

    def validator(self, name: str) -> Any:
        """The jsonschema validator of schema `name`: its errors become our messages. Made only
        when a record is invalid (or a test asks), so a build of a valid library never imports
        jsonschema at all."""
        if name not in self._validators:
            import jsonschema

            schema = self._inline(self.documents[name], self.uri(name))
            self._validators[name] = jsonschema.Draft202012Validator(
                schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
            )
        return self._validators[name]

    def fast_validator(self, name: str) -> jsonschema_rs.Validator:
        """The jsonschema-rs validator of schema `name`. Compiled in Rust, it answers "valid or
        not" many times faster than jsonschema; only an invalid record goes through jsonschema for
        the detailed errors. tests/test_schema.py checks that the two agree."""
        if name not in self._fast:
            self._fast[name] = jsonschema_rs.Draft202012Validator(
                {**self.documents[name], "$id": self.uri(name)}, validate_formats=True, registry=self._fast_registry
            )
        return self._fast[name]

    @cached_property
    def _fast_registry(self) -> jsonschema_rs.Registry:
        return jsonschema_rs.Registry(
            [(self.uri(name), {**doc, "$id": self.uri(name)}) for name, doc in self.documents.items()],
            retriever=_offline,
        )

    @cached_property
    def _resolver(self) -> Any:
        """Follows $ref for jsonschema and for the fields' titles: only needed to explain errors."""
        from referencing import Registry, Resource

        return (
            Registry()
            .with_resources(
                (self.uri(name), Resource.from_contents({**doc, "$id": self.uri(name)}))
                for name, doc in self.documents.items()
            )
            .resolver()
        )

    def _inline(self, schema: Any, base: str) -> Any:
        """The schema with every $ref replaced by what it points to, so that the schema of each
        jsonschema error is the resolved one that the messages read: the codelist with its labels,
        the field's title and the description of the form. Validation gives the same answers. The
        target's annotations win over those beside the $ref; a validation keyword beside the $ref
        that the target also has (a text that must have English too: `required: [sv, en]`) still
        applies, through allOf."""
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
    def codelists(self) -> dict[str, Schema]:
        defs: dict[str, Schema] = self.documents[CODELISTS_SCHEMA]["$defs"]
        return defs

    def codes(self, codelist: str) -> list[str]:
        """The codes of a codelist in their defined order (the order the site shows them in)."""
        return [entry["const"] for entry in self.codelists[codelist]["oneOf"]]

    def label(self, codelist: str, code: str, lang: str = "sv") -> str:
        """A code's label: the Swedish one is its `title`, the English one its `$comment` (standard
        keywords, so that editors and strict validators accept the schema)."""
        return next(code_label(entry, lang) for entry in self.codelists[codelist]["oneOf"] if entry["const"] == code)

    def _resolve(self, schema: Schema, base: str) -> tuple[Schema, str]:
        """Follow $ref (relative to the document at `base`) to the schema it names."""
        while "$ref" in schema:
            uri = urljoin(base, schema["$ref"])
            schema, base = self._resolver.lookup(uri).contents, uri.split("#")[0]
        return schema, base

    def field_title(self, name: str, path: FieldPath) -> str | None:
        """The Swedish title of the property at `path` (list items keep their list's title). Each
        page asks for the same few titles, so the answers are kept."""
        if (name, path) not in self._titles:
            self._titles[name, path] = self._find_title(name, path)
        return self._titles[name, path]

    def _find_title(self, name: str, path: FieldPath) -> str | None:
        schema, title = self.documents[name], None
        base = self.uri(name)
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

    def field(self, name: str, path: FieldPath) -> str:
        """How messages name a field: its Swedish title and its path, e.g. `nivå (level)`."""
        return field_name(self.field_title(name, path), path)

    def check(self, name: str, doc: Document, shown_as: str) -> tuple[list[Problem], set[FieldPath]]:
        """Validate `doc` against schema `name`: every error as a located Swedish message, and
        the paths of the values that have errors."""
        problems: list[Problem] = []
        paths: set[FieldPath] = set()
        if self.fast_validator(name).is_valid(doc.data):
            return problems, paths
        for error in self.validator(name).iter_errors(doc.data):
            problems.extend(
                explain(
                    self.field(name, tuple(error.absolute_path)), error, doc, shown_as, lambda p: self.field(name, p)
                )
            )
            paths.add(tuple(error.absolute_path))
        if not problems:  # the engines disagree: refuse rather than publish what one of them rejects
            problems.append(
                Problem(
                    shown_as,
                    *doc.position(()),
                    f"filen stämmer inte med schemat {name}, men felet "
                    "kunde inte pekas ut; jämför filen med schemat fält för fält och fråga "
                    "gärna i en pull request",
                )
            )
            paths.add(())
        return problems, paths
