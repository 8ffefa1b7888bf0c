"""The schemas and the data as standard tools see them: ajv in strict mode, check-jsonschema (which
reads YAML as YAML 1.2), and yaml-language-server, the editor help behind VS Code's YAML extension.
None of them may need the network: the schemas refer to each other by file name. The bundled
schemas (one file each, scripts/bundle_schemas.py) work alone in ajv-cli and check-jsonschema, with
the commands the downloads page gives."""

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from kravbanken.model import KINDS, POST_SCHEMA
from kravbanken.model.kinds import RESULTS_EXPORT_SCHEMA
from lsp import YamlLanguageServer

SCHEMA = ROOT / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def run(*command, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True)


def records_as_json(tmp_path: Path, lib) -> list[str]:
    """schema=file arguments for tests/ajv_strict.js: every record written as JSON."""
    out = []
    for kind in KINDS:
        for record_id, record in lib.records[kind.name].items():
            file = tmp_path / f"{kind.name}-{record_id}.json"
            file.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            out.append(f"{kind.schema}={file}")
    return out


def test_every_schema_compiles_in_ajv_strict_mode_and_every_record_is_valid(lib, tmp_path):
    result = run("node", "tests/ajv_strict.js", SCHEMA, *records_as_json(tmp_path, lib))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ajv_refuses_a_wrong_record(lib, tmp_path):
    """The ajv run above would pass if it checked nothing: a level outside the codelist fails it."""
    record = {**next(iter(lib.criteria.values())), "level": "basic"}
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(record), encoding="utf-8")
    result = run("node", "tests/ajv_strict.js", SCHEMA, f"criterion.schema.json={file}")
    assert result.returncode == 1 and "level" in result.stdout


def test_check_jsonschema_accepts_the_schemas():
    result = run(CHECK_JSONSCHEMA, "--check-metaschema", *sorted(SCHEMA.glob("*.schema.json")))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.folder)
def test_check_jsonschema_accepts_every_yaml_file_read_as_yaml_1_2(kind):
    files = sorted((ROOT / "criteria" / kind.folder).glob("*.yaml"))
    assert files
    result = run(CHECK_JSONSCHEMA, "--schemafile", SCHEMA / kind.schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_refuses_an_unquoted_version(tmp_path):
    text = (ROOT / "tests/fixtures/TST-001.yaml").read_text(encoding="utf-8").replace('version: "2.0"', "version: 2.0")
    (tmp_path / "TST-001.yaml").write_text(text, encoding="utf-8")
    result = run(CHECK_JSONSCHEMA, "--schemafile", SCHEMA / "criterion.schema.json", tmp_path / "TST-001.yaml")
    assert result.returncode == 1 and "version" in result.stdout


def test_the_json_download_follows_its_schema_for_both_tools(site):
    export = site / "data" / "criteria.json"
    result = run(CHECK_JSONSCHEMA, "--schemafile", SCHEMA / "criteria-export.schema.json", export)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("node", "tests/ajv_strict.js", SCHEMA, f"criteria-export.schema.json={export}")
    assert result.returncode == 0, result.stdout + result.stderr
    each = sorted((site / "data" / "criteria").glob("*.json"))
    assert len(each) > 30
    result = run(CHECK_JSONSCHEMA, "--schemafile", SCHEMA / "criterion.schema.json", *each)
    assert result.returncode == 0, result.stdout + result.stderr
    # and the schema named in the download is published where the download says
    named = json.loads(export.read_text(encoding="utf-8"))["schema"]
    assert named.endswith("/schema/criterion.schema.json")
    assert (site / "schema" / "criterion.schema.json").is_file()


# --- One file per schema (scripts/bundle_schemas.py), for tools that take one file ---

BUNDLED = SCHEMA / "bundled"
AJV_CLI = ROOT / "node_modules" / ".bin" / "ajv"


def test_the_bundled_schemas_are_made_from_the_schemas_as_they_are_now():
    result = run(sys.executable, "scripts/bundle_schemas.py", "--check")
    assert result.returncode == 0, (
        f"{result.stdout}{result.stderr}\nrun python scripts/bundle_schemas.py and commit schema/bundled/"
    )


def test_a_changed_schema_leaves_its_bundles_out_of_date_until_the_script_runs(project):
    common = project / "schema" / "common.schema.json"
    text = common.read_text(encoding="utf-8")
    common.write_text(text.replace('"title": "Datum"', '"title": "Dag"'), encoding="utf-8")
    result = run(sys.executable, "scripts/bundle_schemas.py", "--check", cwd=project)
    assert result.returncode == 1
    assert "schema/bundled/criterion.schema.json" in result.stdout  # a date is in a criterion ...
    assert "schema/bundled/convention.schema.json" not in result.stdout  # ... not in a convention
    assert run(sys.executable, "scripts/bundle_schemas.py", cwd=project).returncode == 0
    assert run(sys.executable, "scripts/bundle_schemas.py", "--check", cwd=project).returncode == 0
    bundled = json.loads((project / "schema/bundled/criterion.schema.json").read_text(encoding="utf-8"))
    assert bundled["$defs"]["common.date"]["title"] == "Dag"


def bundled(name: str) -> dict:
    return json.loads((BUNDLED / name).read_text(encoding="utf-8"))


def refs(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in refs(v)]
    return [r for v in node for r in refs(v)] if isinstance(node, list) else []


def test_every_document_has_one_self_contained_schema_at_its_published_address():
    names = {kind.schema for kind in KINDS} | {POST_SCHEMA, "criteria-export.schema.json", RESULTS_EXPORT_SCHEMA}
    assert {f.name for f in BUNDLED.glob("*.schema.json")} == names
    for name in names:
        schema = bundled(name)
        assert schema["$id"] == f"https://kravbanken.se/schema/bundled/{name}"
        assert refs(schema) and all(ref.startswith("#/$defs/") for ref in refs(schema)), name
        assert all(ref.removeprefix("#/$defs/") in schema["$defs"] for ref in refs(schema)), name


def test_jsonschema_alone_accepts_every_record_with_its_bundled_schema_and_refuses_a_wrong_one(lib):
    import jsonschema

    for kind in KINDS:
        validator = jsonschema.Draft202012Validator(
            bundled(kind.schema), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        jsonschema.Draft202012Validator.check_schema(validator.schema)
        for record in lib.records[kind.name].values():
            assert list(validator.iter_errors(record)) == [], (kind.name, record["id"])
    wrong = {**next(iter(lib.criteria.values())), "published": "2026-13-01"}
    errors = list(
        jsonschema.Draft202012Validator(
            bundled("criterion.schema.json"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        ).iter_errors(wrong)
    )
    assert [e.absolute_path[0] for e in errors] == ["published"]


def downloaded(site, tmp_path) -> Path:
    """A folder as an integrator has it: the downloads of the site and the bundled schemas."""
    folder = tmp_path / "hamtat"
    shutil.copytree(site / "data", folder)
    for schema in (site / "schema" / "bundled").glob("*.schema.json"):
        shutil.copy(schema, folder)
    return folder


def documented_commands(site) -> list[list[str]]:
    """The check commands on the downloads page, with the tools of this repository."""
    page = BeautifulSoup((site / "kriterier" / "index.html").read_text(encoding="utf-8"), "html.parser")
    lines = [line for code in page.select("pre code") for line in code.get_text().splitlines()]
    tools = {"npx ajv": [str(AJV_CLI)], "check-jsonschema": [str(CHECK_JSONSCHEMA)]}
    return [
        tools[start] + shlex.split(line.removeprefix(start))
        for line in lines
        for start in tools
        if line.startswith(start + " ")
    ]


def test_the_commands_on_the_downloads_page_check_every_download_with_one_schema_file(site, tmp_path):
    folder = downloaded(site, tmp_path)
    commands = documented_commands(site)
    assert [c[0] for c in commands] == [str(AJV_CLI), str(CHECK_JSONSCHEMA)]
    for command in commands:
        assert "criteria-export.schema.json" in command and "criteria.json" in command
        result = run(*command, cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
        # the same command with the criterion's schema for each criterion and each of its versions
        each = [p.relative_to(folder).as_posix() for p in sorted((folder / "criteria").rglob("*.json"))]
        assert len(each) > 60
        files = ["criteria/**/*.json"] if command[0] == str(AJV_CLI) else each  # ajv-cli expands the pattern itself
        at = command.index("criteria.json")
        args = [a.replace("criteria-export", "criterion") for a in command[:at]] + files + command[at + 1 :]
        result = run(*args, cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
        if command[0] == str(AJV_CLI):
            assert result.stdout.count(" valid\n") == len(each)


def test_the_documented_commands_refuse_a_download_that_does_not_follow_the_schema(site, tmp_path):
    folder = downloaded(site, tmp_path)
    export = json.loads((folder / "criteria.json").read_text(encoding="utf-8"))
    export["criteria"][0]["level"] = "basic"
    (folder / "criteria.json").write_text(json.dumps(export), encoding="utf-8")
    for command in documented_commands(site):
        result = run(*command, cwd=folder)
        assert result.returncode == 1 and "level" in result.stdout + result.stderr, command[0]


@pytest.fixture(scope="module")
def editor():
    server = YamlLanguageServer(ROOT)
    yield server
    server.close()


def test_the_editor_marks_a_level_outside_the_codelist(editor):
    file = ROOT / "criteria/krav/SOC-001.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    line = lines.index("level: base")
    lines[line] = "level: basic"
    diagnostics = editor.open(file, "\n".join(lines))
    assert [d["range"]["start"]["line"] for d in diagnostics] == [line]
    assert '"base"' in diagnostics[0]["message"]  # the allowed codes are offered


def test_the_editor_finds_nothing_wrong_in_a_valid_criterion(editor):
    file = ROOT / "criteria/krav/SOC-002.yaml"
    assert editor.open(file, file.read_text(encoding="utf-8")) == []


def test_the_editor_explains_a_field_in_swedish(editor):
    file = ROOT / "criteria/krav/SOC-003.yaml"
    text = file.read_text(encoding="utf-8")
    editor.open(file, text)
    line = text.split("\n").index(next(row for row in text.split("\n") if row.startswith("level: ")))
    description = json.loads((SCHEMA / "criterion.schema.json").read_text(encoding="utf-8"))["properties"]["level"][
        "description"
    ]
    assert description.startswith("Ambitionsnivå")
    assert description in editor.hover(file, line, 2)


def test_every_record_names_its_schema_in_its_first_line_and_in_the_editor_settings():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for kind in KINDS:
        assert settings[f"./schema/{kind.schema}"] == f"criteria/{kind.folder}/*.yaml"
        for file in sorted((ROOT / "criteria" / kind.folder).glob("*.yaml")):
            first = file.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema=../../schema/{kind.schema}", file


def test_the_editor_settings_alone_give_help_for_a_new_file_without_the_first_line():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    # VS Code hands the server the settings with paths made absolute; so does this test
    server = YamlLanguageServer(
        ROOT, schemas={(ROOT / path).resolve().as_uri(): [str(ROOT / glob)] for path, glob in settings.items()}
    )
    try:
        text = (ROOT / "tests/fixtures/TST-001.yaml").read_text(encoding="utf-8").replace("level: base", "level: basic")
        assert not text.startswith("# yaml-language-server")
        diagnostics = server.open(ROOT / "criteria/krav/TST-001.yaml", text)  # opened, never saved
        assert [d["range"]["start"]["line"] for d in diagnostics] == [text.split("\n").index("level: basic")]
    finally:
        server.close()


def test_the_editor_offers_the_codes_of_the_codelist(editor, lib):
    file = ROOT / "criteria/krav/SOC-004.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("level: "))
    lines[line] = "level: "
    editor.open(file, "\n".join(lines))
    assert editor.complete(file, line, len("level: ")) == lib.schemas.codes("level")
