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


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_schema_is_valid_against_the_2020_12_meta_schema(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://kravbanken.se/schema/{file.name}"


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_every_property_has_a_swedish_title_and_description(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    missing = [where for where, sub in subschemas(schema) if not (sub.get("title") and sub.get("description"))]
    assert missing == []


@pytest.mark.parametrize("file", SCHEMAS, ids=lambda f: f.name)
def test_objects_are_closed(file):
    schema = json.loads(file.read_text(encoding="utf-8"))
    open_objects = [where for where, sub in [("#", schema), *subschemas(schema)]
                    if "properties" in sub and sub.get("additionalProperties") is not False]
    assert open_objects == []


def test_every_code_has_a_swedish_and_an_english_label():
    codelists = json.loads((SCHEMAS[0].parent / "codelists.schema.json").read_text(encoding="utf-8"))["$defs"]
    for name, codelist in codelists.items():
        labels = codelist["x-labels"]
        assert set(labels) == set(codelist["enum"]), name
        assert all(label.get("sv") and label.get("en") for label in labels.values()), name


def test_every_codelist_is_used_by_a_schema():
    codelists = json.loads((SCHEMAS[0].parent / "codelists.schema.json").read_text(encoding="utf-8"))["$defs"]
    text = "".join(f.read_text(encoding="utf-8") for f in SCHEMAS if f.name != "codelists.schema.json")
    assert [name for name in codelists if f"codelists.schema.json#/$defs/{name}" not in text] == []
