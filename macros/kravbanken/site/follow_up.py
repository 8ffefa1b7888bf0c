"""The follow-up methods: the overview table and a page per method."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from .render import front_matter, render


def follow_up_overview(lib: Library, here: str, lang: str = "sv") -> str:
    return render("follow_up_overview.html", here, lang, lib=lib, methods=lib.sorted("follow_up"))


def follow_up_page(lib: Library, method: dict, lang: str = "sv") -> str:
    meta: dict[str, object] = {
        "title": title_of(method, lang),
        "description": method["summary"].get(lang) or method["summary"]["sv"],
        "translations": urls.translations("follow_up", id=method["id"]),
    }
    if lang != "sv":
        meta["lang"] = lang
    return render(
        "follow_up.md",
        urls.page("follow_up", lang, id=method["id"]),
        lang,
        lib=lib,
        method=method,
        meta=front_matter(**meta),
        example=labels.example_note("follow_up", lang),
    )
