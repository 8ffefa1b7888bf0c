"""The risk areas: the overview matrix and a page per area."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from .follow_up_results import area_context
from .render import front_matter, render


def risk_overview(lib: Library, here: str, lang: str = "sv") -> str:
    """All risk areas at a glance: the highest rating anywhere in the chain, per dimension."""
    order = lib.schemas.codes("rating")
    areas = [
        (
            area,
            [
                max((link["ratings"][d] for link in area["chain"].values()), key=order.index)
                for d in lib.schemas.codes("risk_dimension")
            ],
            len(lib.used_by("risk_area", area["id"])),
        )
        for area in lib.sorted("risk_area")
    ]
    return render("risk_matrix.html", here, lang, lib=lib, area=None, areas=areas)


def risk_area_page(lib: Library, area: dict, lang: str = "sv") -> str:
    meta: dict[str, object] = {
        "title": title_of(area, lang),
        "description": area["summary"].get(lang) or area["summary"]["sv"],
        "feed": {
            "path": urls.area_feed(area["id"]),
            "title": labels.words()["area_feed_title"].format(name=title_of(area)),
        },
        "translations": urls.translations("risk_area", id=area["id"]),
    }
    if lang != "sv":
        meta["lang"] = lang
    return render(
        "risk_area.md",
        urls.page("risk_area", lang, id=area["id"]),
        lang,
        lib=lib,
        area=area,
        meta=front_matter(**meta),
        example=labels.example_note("risk_area", lang),
        **area_context(lib, area),
    )
