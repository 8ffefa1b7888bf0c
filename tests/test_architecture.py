"""The shape of the code (macros/README.md): imports point one way, from the MkDocs adapter down to
the data model; no module builds HTML in a Python string; nothing edits sys.path."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "macros" / "kravbanken"
# Layer of each top-level part of the package; an import may only go to a lower layer, or stay
# inside its own part.
LAYERS = {"model": 0, "urls": 1, "labels": 1, "site": 2, "downloads": 2, "adapter": 3}
HTML_TAG = re.compile(r"<(/?)(a|p|div|span|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|dl|dt|dd|strong|em|b|i|"
                      r"details|summary|section|nav|form|select|option|input|label|button|time|ins|del|br|"
                      r"blockquote|article|caption|q|code)\b[^>]*>")


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
            raise AssertionError("importcykel: " + " → ".join(path[path.index(name):] + [name]))
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


def _fake(path: Path) -> Path:
    class Fake(type(path)):
        def read_text(self, encoding=None):
            return "from ..site import render\n"
    return Fake(path)


def test_no_html_is_built_in_python_strings():
    found = []
    for file in modules().values():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr)}  # a docstring may name a tag
        found += [f"{file.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and HTML_TAG.search(node.value)]
    assert found == []


def test_nothing_edits_sys_path():
    files = [*ROOT.joinpath("macros").rglob("*.py"), *ROOT.joinpath("scripts").glob("*.py"),
             *ROOT.joinpath("tests").glob("*.py")]
    assert [str(f.relative_to(ROOT)) for f in files
            if "sys.path" in f.read_text(encoding="utf-8") and f.name != "test_architecture.py"] == []
