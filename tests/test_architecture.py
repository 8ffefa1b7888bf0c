"""The shape of the code (macros/README.md): imports point one way, from the MkDocs adapter down to
the data model; no module builds HTML in a Python string; nothing edits sys.path."""

from __future__ import annotations

import ast
import dataclasses
import pickle
import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "macros" / "kravbanken"
# Layer of each top-level part of the package; an import may only go to a lower layer, or stay
# inside its own part.
LAYERS = {"model": 0, "urls": 1, "labels": 1, "site": 2, "downloads": 2, "adapter": 3}
HTML_TAG = re.compile(
    r"<(/?)(a|p|div|span|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|dl|dt|dd|strong|em|b|i|"
    r"details|summary|section|nav|form|select|option|input|label|button|time|ins|del|br|"
    r"blockquote|article|caption|q|code)\b[^>]*>"
)


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return out


def imports(name: str, file: Path) -> set[str]:
    """The modules of our package that `name` imports."""
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    known = modules()
    return {m for m in found if m in known and m != name}


def part(name: str) -> str:
    """The top-level part of the package a module belongs to ("kravbanken.site.render" -> "site")."""
    return name.split(".")[1] if name.count(".") else ""


def test_every_part_of_the_package_has_a_layer():
    assert {part(name) for name in modules() if part(name)} == set(LAYERS)


def test_imports_point_down_the_layers():
    wrong = []
    for name, file in modules().items():
        if not part(name):
            continue
        for target in imports(name, file):
            if part(target) and part(target) != part(name) and LAYERS[part(target)] >= LAYERS[part(name)]:
                wrong.append(f"{name} importerar {target}")
    assert wrong == []


def test_there_is_no_import_cycle():
    graph = {name: imports(name, file) for name, file in modules().items()}
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("importcykel: " + " → ".join(path[path.index(name) :] + [name]))
        if name in done:
            return
        path.append(name)
        for target in sorted(graph[name]):
            visit(target)
        path.pop()
        done.add(name)

    for name in graph:
        visit(name)


def test_the_checks_above_can_see_a_back_edge():
    # The model importing the site would be the worst back edge; the test must notice one.
    assert "kravbanken.site" in imports("kravbanken.model.fake", _fake(PACKAGE / "model" / "fake.py"))


def _fake(path: Path, source: str = "from ..site import render\n") -> Path:
    class Fake(type(path)):  # type: ignore[misc]  # a Path whose text is `source`
        def read_text(self, encoding=None):
            return source

    return Fake(path)


def test_no_html_is_built_in_python_strings():
    found = []
    for file in modules().values():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body and isinstance(n.body[0], ast.Expr)
        }  # a docstring may name a tag
        found += [
            f"{file.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and HTML_TAG.search(node.value)
        ]
    assert found == []


def test_nothing_edits_sys_path():
    files = [
        *ROOT.joinpath("macros").rglob("*.py"),
        *ROOT.joinpath("scripts").glob("*.py"),
        *ROOT.joinpath("tests").glob("*.py"),
    ]
    assert [
        str(f.relative_to(ROOT))
        for f in files
        if "sys.path" in f.read_text(encoding="utf-8") and f.name != "test_architecture.py"
    ] == []


# MkDocs beyond its plugin API: allowed only in adapter/mkdocs_internals.py, which checks the MkDocs
# version and has a test for each use (tests/test_mkdocs_internals.py).
INTERNALS_HOME = PACKAGE / "adapter" / "mkdocs_internals.py"
INTERNAL_MODULES = ("mkdocs.utils", "mkdocs.commands", "mkdocs.livereload")  # CountHandler, build(), the dev server
INTERNAL_NAMES = {"CountHandler", "builder"}  # the strict-mode counter; the dev server's build function


def mkdocs_internals(source: str) -> list[str]:
    """Each use of an MkDocs internal in `source`: an import from one of INTERNAL_MODULES, or an
    attribute or import named in INTERNAL_NAMES (`server.builder = ...`; a parameter may be called builder)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name.startswith(INTERNAL_MODULES)]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(INTERNAL_MODULES):
            found.append(f"{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr in INTERNAL_NAMES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "CountHandler":
            found.append(f"{node.lineno}: {node.id}")
    return found


def test_mkdocs_internals_are_used_only_in_their_one_module():
    files = [f for f in [*PACKAGE.rglob("*.py"), *ROOT.joinpath("scripts").glob("*.py")] if f != INTERNALS_HOME]
    used = [
        f"{f.relative_to(ROOT)}:{where}" for f in files for where in mkdocs_internals(f.read_text(encoding="utf-8"))
    ]
    assert used == []
    assert mkdocs_internals(INTERNALS_HOME.read_text(encoding="utf-8"))  # the module is where they are


def test_the_check_above_can_see_an_mkdocs_internal():
    assert mkdocs_internals("from mkdocs.utils import CountHandler\n") == ["1: from mkdocs.utils import ..."]
    assert mkdocs_internals("import logging\nlogging.CountHandler()\n") == ["2: .CountHandler"]
    assert mkdocs_internals("def on_serve(server, builder):\n    server.builder = builder\n") == ["2: .builder"]
    assert mkdocs_internals("import mkdocs.livereload\n") == ["1: import mkdocs.livereload"]
    assert mkdocs_internals("def on_serve(server, builder):\n    return server\n") == []


# Material for MkDocs 9 reaches its end of life in 2027 and its successor runs none of our MkDocs
# plugins: only adapter/ may know MkDocs, mkdocs-macros or Material (macros/README.md, "After Material 9").
FRAMEWORKS = ("mkdocs", "mkdocs_macros", "material")


def framework_imports(name: str, file: Path) -> set[str]:
    """The MkDocs, mkdocs-macros and Material modules that module `name` imports."""
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and not node.level
            else []
        )
        found |= {n for n in names if n.split(".")[0] in FRAMEWORKS}
    return found


def test_only_the_adapter_knows_mkdocs_macros_and_material():
    assert [
        f"{name} importerar {', '.join(sorted(found))}"
        for name, file in modules().items()
        if part(name) != "adapter" and (found := framework_imports(name, file))
    ] == []


def test_the_check_above_can_see_a_framework_import():
    assert framework_imports("kravbanken.site.fake", _fake(PACKAGE / "site" / "fake.py")) == set()
    mkdocs_user = _fake(PACKAGE / "site" / "fake.py", "from mkdocs.structure.files import File\nimport material\n")
    assert framework_imports("kravbanken.site.fake", mkdocs_user) == {"mkdocs.structure.files", "material"}


# One home for each fact: these are written once, in the module named, and used from there.
def constants(file: Path) -> list[tuple[int, object]]:
    """(line, value) of every constant in `file` but its docstrings."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body and isinstance(n.body[0], ast.Expr)
    }
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docstrings]


def code_files() -> list[Path]:
    return [*modules().values(), *ROOT.joinpath("scripts").glob("*.py")]


def test_the_criterion_texts_are_listed_once():
    # model.kinds.CRITERION_TEXTS; a list of them elsewhere would miss a new text field.
    home = PACKAGE / "model" / "kinds.py"
    found = []
    for file in code_files():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and file != home:
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if {"guidance", "verification"} <= values:
                    found.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_schema_file_names_come_from_the_kinds():
    # KIND[...].schema, POST_SCHEMA, CODELISTS_SCHEMA, EXPORT_SCHEMA in model/kinds.py.
    home = PACKAGE / "model" / "kinds.py"
    assert [
        f"{file.relative_to(ROOT)}:{line}: {value}"
        for file in code_files()
        if file != home
        for line, value in constants(file)
        if isinstance(value, str) and re.fullmatch(r"[\w-]+\.schema\.json", value)
    ] == []


def test_one_clock_for_the_build_the_validator_and_the_scripts():
    # model.rules.build_date honours SOURCE_DATE_EPOCH, so a rebuild of a commit gives the same files.
    home = PACKAGE / "model" / "rules.py"
    clock = re.compile(r"\b(date\.today|datetime\.(now|today|utcnow))\(")
    assert [
        f"{f.relative_to(ROOT)}" for f in code_files() if f != home and clock.search(f.read_text(encoding="utf-8"))
    ] == []


def test_files_are_named_in_messages_one_way():
    # model.files.shown_path: a path in the repository, or as given for a file outside it.
    home = PACKAGE / "model" / "files.py"
    assert [
        f"{f.relative_to(ROOT)}"
        for f in code_files()
        if f != home and ".relative_to(root).as_posix()" in f.read_text(encoding="utf-8")
    ] == []


def test_no_function_is_a_copy_of_another():
    bodies = {}  # the dump of a function's body -> the functions that have it
    for name, file in modules().items():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                if len(body) > 1:  # a one-line function may well say the same as another
                    bodies.setdefault(ast.dump(ast.Module(body=body, type_ignores=[])), []).append(
                        f"{name}.{node.name}"
                    )
    assert [names for names in bodies.values() if len(names) > 1] == []


def test_the_library_crosses_to_the_downloads_process_whole(lib):
    # Library.__reduce__ takes its fields from the dataclass, so a new field cannot be left behind.
    copy = pickle.loads(pickle.dumps(lib))
    for field in dataclasses.fields(lib):
        mine, theirs = getattr(lib, field.name), getattr(copy, field.name)
        if field.name == "schemas":
            mine, theirs = mine.documents, theirs.documents
        assert theirs == mine and type(theirs) is type(mine), field.name
