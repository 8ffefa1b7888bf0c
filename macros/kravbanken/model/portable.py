"""Values that YAML 1.1 and YAML 1.2 read differently.

Our loader reads YAML 1.1 but keeps dates as text. An integrator may load the same file with a
YAML 1.1 loader (PyYAML's safe_load, js-yaml), which turns `2026-03-01` into a date and `no` into
false, or with a YAML 1.2 loader, which keeps both as text. A file is only valid if every loader
reads the same data from it, so an unquoted value whose meaning depends on the YAML version is
refused, with a hint to quote it (or, for yes/no/on/off, to write true or false).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .aliases import FieldPath

# The YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2): how a 1.2 loader types a plain scalar.
_CORE_12 = (
    ("null", re.compile(r"~|null|Null|NULL|")),
    ("bool", re.compile(r"true|True|TRUE|false|False|FALSE")),
    ("int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "float",
        re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN"),
    ),
)
_TAG_11 = {
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "date",
}
_RESOLVER_11 = yaml.resolver.Resolver()
_OCTAL_11 = re.compile(r"[-+]?0[0-9_]+")  # an integer for both, but 010 is 8 in YAML 1.1 and 10 in 1.2


def type_12(text: str) -> str:
    """What a YAML 1.2 loader makes of the unquoted text `text`."""
    return next((name for name, pattern in _CORE_12 if pattern.fullmatch(text)), "str")


def type_11(text: str) -> str:
    """What a YAML 1.1 loader (PyYAML's safe_load, with dates) makes of the unquoted text `text`."""
    tag = _RESOLVER_11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # no stub
    return _TAG_11.get(tag, "str")


def unportable(plain: dict[FieldPath, str]) -> dict[FieldPath, tuple[str, str]]:
    """path -> (text as typed, its YAML 1.1 type) for each unquoted value read differently by
    YAML 1.1 and YAML 1.2 loaders; `plain` is Document.plain."""
    found = {}
    for path, text in plain.items():
        read_as = type_11(text)
        if read_as != type_12(text) or (read_as == "int" and _OCTAL_11.fullmatch(text)):
            found[path] = (text, read_as)
    return found


def value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data
