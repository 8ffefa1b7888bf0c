"""The follow-up methods: the overview table and a page per method."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from .render import front_matter, render


def follow_up_overview(lib: Library, here: str) -> str:
    return render("follow_up_overview.html", here, lib=lib, methods=lib.sorted("follow_up"))


def follow_up_page(lib: Library, method: dict) -> str:
    return render(
        "follow_up.md",
        urls.page("follow_up", id=method["id"]),
        lib=lib,
        method=method,
        meta=front_matter(title=title_of(method), description=method["summary"]["sv"]),
        example=labels.example_note("follow_up"),
    )
