"""The kinds of record in the library, where each lives, and how records refer to each other."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .aliases import FieldPath, Record


@dataclass(frozen=True)
class Kind:
    name: str  # code name used in REFERENCES and by the renderers
    folder: str  # folder under criteria/
    schema: str  # file under schema/
    noun: str  # Swedish noun for messages ("riskområdet textil finns inte")


KINDS = (
    Kind("criterion", "krav", "criterion.schema.json", "kravet"),
    Kind("coc_clause", "uppforandekod", "coc-clause.schema.json", "punkten i uppförandekoden"),
    Kind("convention", "konventioner", "convention.schema.json", "konventionen"),
    Kind("risk_area", "riskomraden", "risk-area.schema.json", "riskområdet"),
    Kind("follow_up", "uppfoljning", "follow-up.schema.json", "uppföljningsmetoden"),
    Kind("profile", "goda-exempel", "profile.schema.json", "profilen"),
    Kind("follow_up_result", "uppfoljningsresultat", "follow-up-result.schema.json", "uppföljningen"),
)
KIND = {k.name: k for k in KINDS}

POSTS_DIR = "docs/nyheter/posts"
POST_SCHEMA = "news-post.schema.json"
CODELISTS_SCHEMA = "codelists.schema.json"  # the codes and their labels, named by every record schema
EXPORT_SCHEMA = "criteria-export.schema.json"  # the download data/criteria.json
RESULTS_EXPORT_SCHEMA = "follow-up-results-export.schema.json"  # the download data/uppfoljningsresultat.json

# A criterion's texts, each in Swedish and often English ({sv: ..., en: ...}), in reading order:
# what a procurer reads and copies, compared word by word between versions and written to every download.
CRITERION_TEXTS = ("title", "clause", "guidance", "verification")

# (source kind, path to the id inside the record, "*" = every list item, target kind)
REFERENCES = (
    ("criterion", ("risk_areas", "*"), "risk_area"),
    ("criterion", ("code_of_conduct", "*"), "coc_clause"),
    ("criterion", ("follow_up", "*"), "follow_up"),
    ("criterion", ("supersedes",), "criterion"),
    ("criterion", ("superseded_by",), "criterion"),
    ("coc_clause", ("basis", "*"), "convention"),
    ("risk_area", ("follow_up", "*"), "follow_up"),
    ("follow_up_result", ("risk_area",), "risk_area"),
    ("follow_up_result", ("criteria", "*", "id"), "criterion"),
    ("follow_up_result", ("methods", "*"), "follow_up"),
    ("follow_up_result", ("findings", "*", "clause"), "coc_clause"),
)


def kind_of(file: Path) -> Kind:
    """The kind of a record file, told by the folder it lies in (criteria when unknown)."""
    folders = set(Path(os.path.realpath(file)).parts[:-1])  # realpath, unlike resolve(), stops at a loop of links
    return next((k for k in KINDS if k.folder in folders), KIND["criterion"])


def ids_at(record: Record, path: FieldPath) -> list[tuple[FieldPath, Any]]:
    """(path to the value, value) for every id at `path`, where "*" stands for each list item."""
    found: list[tuple[FieldPath, Any]] = [((), record)]
    for part in path:
        nxt: list[tuple[FieldPath, Any]] = []
        for p, value in found:
            if part == "*" and isinstance(value, list):
                nxt.extend((p + (i,), v) for i, v in enumerate(value))
            elif isinstance(value, dict) and part in value:
                nxt.append((p + (part,), value[part]))
        found = nxt
    return found
