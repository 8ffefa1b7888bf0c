"""mkdocs.yml as data for the scripts, read with PyYAML's safe loader: the Python functions it names
(`!!python/name:…`) are neither imported nor run, so reading a branch's mkdocs.yml runs no code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """The safe loader, with every `!!python/…` value read as None."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(root: Path) -> dict[str, Any]:
    """The settings in `root`'s mkdocs.yml."""
    config: dict[str, Any] = yaml.load(
        (root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader
    )  # a safe loader
    return config


def plugin_options(root: Path, name: str) -> dict[str, Any]:
    """The options of plugin `name` in `root`'s mkdocs.yml ({} when it has none)."""
    for entry in load(root).get("plugins", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return {}
