"""The risk areas: the overview matrix and a page per area."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from .follow_up_results import area_context
from .render import front_matter, render


def risk_overview(lib: Library, here: str) -> str:
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
    return render("risk_matrix.html", here, lib=lib, area=None, areas=areas)


def risk_area_page(lib: Library, area: dict) -> str:
    here = urls.page("risk_area", id=area["id"])
    return render(
        "risk_area.md",
        here,
        lib=lib,
        area=area,
        meta=front_matter(
            title=title_of(area),
            description=area["summary"]["sv"],
            feed={
                "path": urls.area_feed(area["id"]),
                "title": labels.words()["area_feed_title"].format(name=title_of(area)),
            },
        ),
        example=labels.example_note("risk_area"),
        **area_context(lib, area),
    )
