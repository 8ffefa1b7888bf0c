"""Bundle the JSON Schemas into one file each: `python scripts/bundle_schemas.py` (or `--check`).

The schemas in schema/ refer to each other by file name (README.md says why). A tool that takes
one file (ajv-cli, check-jsonschema, an online validator) needs one file that holds everything. For
every schema that describes a whole document (a record of each kind, a news post, the download
data/criteria.json) this writes schema/bundled/<name>: the schema with what it refers to in other
files copied into its own `$defs`, keyed by file and definition ("common.date", "codelists.level",
"criterion"), and each `$ref` pointing there ("#/$defs/common.date"). Its `$id` is the address where
the site publishes it (site_url from mkdocs.yml + schema/bundled/<name>).

Why copies under `$defs` with local references rather than the other files embedded as resources
with their own `$id`: a local `#/$defs/...` reference is understood by every tool, while an embedded
`$id` is registered globally by ajv, so two bundles loaded together (`ajv -s export -r criterion`)
would clash with "schema with key or id ... already exists", the very error this file removes.

`--check` writes nothing and exits 1 when a bundled file is missing, out of date or left over
(`make check` and tests/test_standard_tools.py run it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kravbanken import urls
from kravbanken.model.schemas import Schemas
from mkdocs_config import load as mkdocs_config  # scripts/mkdocs_config.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
DEFS = "/$defs/"


def documents(schemas: Schemas) -> list[str]:
    """The schemas of whole documents: those with a root `type`. The others (codelists, common)
    only hold definitions that the documents refer to."""
    return [name for name, doc in schemas.documents.items() if "type" in doc]


def bundle(schemas: Schemas, name: str, schema_id: str) -> dict:
    """Schema `name` with every schema it refers to, directly or not, under its own `$defs`."""
    defs: dict[str, dict] = {}

    def key(doc: str, pointer: str) -> str:
        stem = doc.removesuffix(".schema.json")
        if doc == name:
            return pointer.removeprefix(DEFS)  # the root's own definitions keep their names
        return f"{stem}.{pointer.removeprefix(DEFS)}" if pointer else stem

    def target(ref: str, doc: str) -> str:
        file, _, pointer = ref.partition("#")
        doc = file or doc
        if doc not in schemas.documents or not (
            pointer == "" or (pointer.startswith(DEFS) and "/" not in pointer[len(DEFS) :])
        ):
            raise ValueError(f"schema/{doc}: $ref {ref!r} kan inte paketeras; använd fil.schema.json#/$defs/namn")
        if doc == name and not pointer:
            return "#"
        k = key(doc, pointer)
        if k not in defs:
            defs[k] = {}  # taken before the copy, so that a definition that refers to itself ends
            found = schemas.documents[doc]
            found = (
                found["$defs"][pointer.removeprefix(DEFS)]
                if pointer
                else {field: value for field, value in found.items() if field not in ("$schema", "$defs")}
            )
            defs[k] = copy(found, doc)
        return f"#/$defs/{k}"

    def copy(node, doc: str):
        if isinstance(node, list):
            return [copy(item, doc) for item in node]
        if not isinstance(node, dict):
            return node
        return {field: target(value, doc) if field == "$ref" else copy(value, doc) for field, value in node.items()}

    source = schemas.documents[name]
    for own in source.get("$defs", {}):
        target(f"#{DEFS}{own}", name)
    root = copy({field: value for field, value in source.items() if field not in ("$schema", "$defs")}, name)
    return {
        "$schema": source["$schema"],
        "$id": schema_id,
        "$comment": f"Made by scripts/bundle_schemas.py from schema/{name} and the schemas it refers to; "
        "do not edit, run python scripts/bundle_schemas.py after changing schema/.",
        **root,
        "$defs": {k: defs[k] for k in sorted(defs)},
    }


def bundles(root: Path) -> dict[str, bytes]:
    """Every bundled file, by its path in the repository (as on the site), as it should be."""
    schemas = Schemas(root / urls.SCHEMA_DIR)
    site_url = mkdocs_config(root)["site_url"]
    out = {}
    for name in documents(schemas):
        path = urls.bundled_schema_file(name)
        text = json.dumps(bundle(schemas, name, site_url + path), ensure_ascii=False, indent=2) + "\n"
        out[path] = text.encode("utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="ändra inget; säg vilka filer som inte stämmer")
    args = parser.parse_args()
    wanted = bundles(ROOT)
    there = {p.relative_to(ROOT).as_posix() for p in (ROOT / urls.BUNDLED_SCHEMA_DIR).glob("*.schema.json")}
    stale = sorted(p for p in wanted if not (ROOT / p).is_file() or (ROOT / p).read_bytes() != wanted[p])
    extra = sorted(there - set(wanted))
    if args.check:
        for path in stale:
            print(f"{path}: stämmer inte med schema/; kör python scripts/bundle_schemas.py och checka in filen")
        for path in extra:
            print(f"{path}: har inget schema i schema/ längre; kör python scripts/bundle_schemas.py")
        return 1 if stale or extra else 0
    (ROOT / urls.BUNDLED_SCHEMA_DIR).mkdir(exist_ok=True)
    for path in stale:
        (ROOT / path).write_bytes(wanted[path])
        print(f"Skrev {path}")
    for path in extra:
        (ROOT / path).unlink()
        print(f"Tog bort {path}")
    print(f"OK: {len(wanted)} paketerade scheman i {urls.BUNDLED_SCHEMA_DIR}/, {len(stale) + len(extra)} ändrade.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
