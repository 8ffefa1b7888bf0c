"""What changed: the word-by-word difference between two versions of a criterion, the library's
change log (Ändringslogg, every published version, newest first) and the criteria on consultation
(Remisser)."""

from __future__ import annotations

import difflib
import re

from .. import labels, urls
from ..model import KIND, Library, title_of
from ..model.kinds import CRITERION_TEXTS
from ..model.rules import version_key
from ..model.versions import UNLOCKED
from .render import front_matter, listing_page, render

_NOT_CONTENT = {"version", "published", "changelog", *UNLOCKED, *CRITERION_TEXTS}  # texts: shown word by word
_WORD = re.compile(r"\S+\s*")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`new` against `old` as (kind, text) pieces in reading order: "same", "del" (only in old) or
    "ins" (only in new). Words are compared without the spaces after them, so a changed line break
    alone is no change."""
    a, b = _WORD.findall(old.strip()), _WORD.findall(new.strip())
    matcher = difflib.SequenceMatcher(None, [w.rstrip() for w in a], [w.rstrip() for w in b], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", "".join(b[j1:j2])))
    return out


def differences(lib: Library, old: dict, new: dict) -> tuple[list, list[str]]:
    """([(field name, pieces)] for each Swedish text that changed, [names of the other fields
    that changed]) between two versions of a criterion."""
    texts = [
        (labels.field(lib, name), word_diff(old[name]["sv"], new[name]["sv"]))
        for name in CRITERION_TEXTS
        if old[name]["sv"] != new[name]["sv"]
    ]
    others = [
        labels.field(lib, name)
        for name in lib.schemas.documents[KIND["criterion"].schema]["properties"]
        if name not in _NOT_CONTENT and old.get(name) != new.get(name)
    ]
    return texts, others


def kind_of_change(history: tuple, index: int) -> str:
    """Why version `index` of a history exists, in words: a new criterion, a new major or minor version."""
    w = labels.words()
    if index == 0:
        return w["new_criterion"]
    major = version_key(history[index]["version"])[0] != version_key(history[index - 1]["version"])[0]
    return w["new_major"] if major else w["new_minor"]


def changelog_kinds(changelog: list[dict], lang: str = "sv") -> dict[str, str]:
    """{version: kind of change, in words in `lang`} for each entry of a changelog (newest first): a
    new criterion, a new major version, an editorial change or a new minor version."""
    w, out = labels.words(lang), {}
    for entry, older in zip(changelog, [*changelog[1:], None], strict=True):
        if older is None:
            out[entry["version"]] = w["new_criterion"]
        elif version_key(entry["version"])[0] != version_key(older["version"])[0]:
            out[entry["version"]] = w["new_major"]
        else:
            out[entry["version"]] = w["new_editorial"] if entry.get("editorial") else w["new_minor"]
    return out


def all_changes(lib: Library) -> list[dict]:
    """Every published version of every published criterion, newest first."""
    out = []
    for record_id in lib.criteria:
        history = lib.history(record_id)
        for index, record in enumerate(history):
            out.append(
                {"record": record, "kind": kind_of_change(history, index), "summary": record["changelog"][0]["summary"]}
            )
    out.sort(
        key=lambda c: (c["record"]["published"], c["record"]["id"], version_key(c["record"]["version"])), reverse=True
    )
    return out


def changes_page(lib: Library) -> str:
    return listing_page(
        lib,
        "changes",
        "changes.md",
        changes=all_changes(lib),
        areas=sorted(lib.records["risk_area"].values(), key=title_of),
        feed=urls.CHANGES_FEED,
        area_feed=urls.area_feed,
    )


def consultations_page(lib: Library) -> str:
    w = labels.words()
    here = urls.page("consultations")
    meta = front_matter(title=w["consultations_title"], description=w["consultations_description"])
    open_ = sorted(
        (r for r in lib.criteria.values() if r["status"] == "consultation"),
        key=lambda r: (r["consultation_closes"], r["id"]),
    )
    return render(
        "consultations.md", here, lib=lib, meta=meta, records=open_, field=lambda name: labels.field(lib, name)
    )
