"""The schemas themselves: valid JSON Schema 2020-12, self-documenting, codelists complete."""

import json
from pathlib import Path

import jsonschema
import pytest

SCHEMAS = sorted((Path(__file__).parent.parent / "schema").glob("*.schema.json"))


def subschemas(schema, where="#"):
    """Every schema that describes a property or list item, with where it stands."""
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}/properties/{name}", sub
        yield from subschemas(sub, f"{where}/properties/{name}")
    if isinstance(schema.get("items"), dict):
        yield f"{where}/items", schema["items"]
        yield from subschemas(schema["items"], f"{where}/items")
    for name, sub in schema.get("$defs", {}).items():
        yield from subschemas(sub, f"{where}/$defs/{name}")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(keyword, [])):
            yield from subschemas(sub, f"{where}/{keyword}/{i}")
    for keyword in ("if", "then", "else", "not"):
        if isinstance(schema.get(keyword), dict):
            yield from subschemas(schema[keyword], f"{where}/{keyword}")


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_schema_is_valid_against_the_2020_12_meta_schema(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # No $id: a tool then resolves "common.schema.json#/…" next to the file it read, with no network
    assert "$id" not in schema


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_every_property_has_a_swedish_title_and_description(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    missing = [where for where, sub in subschemas(schema) if not (sub.get("title") and sub.get("description"))]
    assert missing == []


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_objects_are_closed(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    open_objects = [
        where
        for where, sub in [("#", schema), *subschemas(schema)]
        if "properties" in sub and sub.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_every_code_has_a_swedish_and_an_english_label():
    codelists = json.loads((SCHEMAS[0].parent / "codelists.schema.json").read_text(encoding="utf-8"))["$defs"]
    for name, codelist in codelists.items():
        # the Swedish label is the code's title, the English one its $comment; nothing else is allowed
        assert set(codelist) == {"title", "description", "oneOf"}, name
        assert all(set(entry) == {"const", "title", "$comment"} for entry in codelist["oneOf"]), name
        assert all(entry["title"].strip() and entry["$comment"].strip() for entry in codelist["oneOf"]), name
        assert len({entry["const"] for entry in codelist["oneOf"]}) == len(codelist["oneOf"]), name


def test_every_codelist_is_used_by_a_schema():
    codelists = json.loads((SCHEMAS[0].parent / "codelists.schema.json").read_text(encoding="utf-8"))["$defs"]
    text = "".join(f.read_text(encoding="utf-8") for f in SCHEMAS if f.name != "codelists.schema.json")
    assert [name for name in codelists if f"codelists.schema.json#/$defs/{name}" not in text] == []


# --- The two engines behind Schemas.check agree -------------------------------------------------
# Schemas.check asks jsonschema-rs whether a record is valid and only asks jsonschema (which gives
# the errors our messages are made from) when it is not. A record jsonschema-rs wrongly accepted
# would slip through unreported, so the two must agree on every kind of mistake, not just on the
# mistakes the validator tests happen to make.


def mutations(value, path=()):
    """(where, changed copy of `value`) for each single mistake a contributor could make: a value
    of another type, an empty or strange text, a text with a final newline, a removed field and an
    unknown field, at every
    place in the record."""
    # A final newline: Python's `$` matches before one, ECMA's (jsonschema-rs) does not.
    newline = [value + "\n"] if isinstance(value, str) else []
    for wrong in (
        7,
        2.5,
        True,
        None,
        "",
        " ",
        "x",
        "x\n",
        "1.0\n",
        "2026-01-01\n",
        "SOC-001\n",
        "2026-13-45",
        "ej en uri",
        [],
        ["x"],
        {},
        {"sv": ""},
        *newline,
    ):
        if wrong != value:
            yield path, wrong
    if isinstance(value, dict):
        yield path, {**value, "okänt_fält": "x"}
        for key, sub in value.items():
            yield path, {k: v for k, v in value.items() if k != key}
            for where, changed in mutations(sub, path + (key,)):
                yield where, {**value, key: changed}
    elif isinstance(value, list):
        yield path, value + value[:1]  # a repeated item (uniqueItems)
        for i, sub in enumerate(value):
            for where, changed in mutations(sub, path + (i,)):
                yield where, value[:i] + [changed] + value[i + 1 :]


def one_record_of_each_kind():
    from kravbanken.model import KINDS, POST_SCHEMA, load_library
    from kravbanken.model.files import load_file

    lib = load_library(Path(__file__).parent.parent)
    for kind in KINDS:
        # the record with the most fields, so that every optional field is mutated too
        yield kind.schema, max(lib.records[kind.name].values(), key=lambda r: len(json.dumps(r)))
    fixture = Path(__file__).parent / "fixtures" / "TST-001.yaml"
    yield "criterion.schema.json", load_file(fixture, fixture.parent, "TST-001").data
    yield POST_SCHEMA, lib.posts[0][1]


@pytest.mark.parametrize(
    "schema, record", list(one_record_of_each_kind()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_fast_and_reference_validator_agree_on_every_single_mistake(schema, record):
    from kravbanken.model.schemas import Schemas

    schemas = Schemas(Path(__file__).parent.parent / "schema")
    reference, fast = schemas.validator(schema), schemas.fast_validator(schema)
    assert fast.is_valid(record) and reference.is_valid(record)
    seen = 0
    for where, changed in mutations(record):
        seen += 1
        assert fast.is_valid(changed) == reference.is_valid(changed), f"the engines disagree at {where}: {changed}"
    assert seen > 100
