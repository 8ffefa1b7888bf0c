"""Good practice: the organisations' profiles and a page per process stage comparing their advice."""

from __future__ import annotations

from .. import labels, urls
from ..model import KIND, Library
from .render import front_matter, render


def _profiles(lib: Library) -> list[dict]:
    return sorted(lib.records["profile"].values(), key=lambda p: p["organisation"]["sv"])


def _stage_descriptions(lib: Library) -> dict[str, str]:
    # The profile schema describes each stage in a sentence; one text for contributors and readers.
    stages = lib.schemas.documents[KIND["profile"].schema]["properties"]["stages"]["properties"]
    return {stage: stages[stage]["description"] for stage in lib.schemas.codes("process_stage")}


def profiles_overview(lib: Library, here: str) -> str:
    return render("profiles_overview.html", here, lib=lib, profiles=_profiles(lib))


def stage_links(lib: Library, here: str) -> str:
    return render("stage_links.html", here, lib=lib, current=None, descriptions=_stage_descriptions(lib))


def profile_page(lib: Library, profile: dict) -> str:
    w = labels.words()
    note = (w["invented"], w["invented_profile"]) if profile["example"] else (w["summary"], w["summary_profile"])
    return render(
        "profile.md",
        urls.page("profile", id=profile["id"]),
        lib=lib,
        profile=profile,
        note=note,
        meta=front_matter(title=profile["organisation"]["sv"], description=profile["summary"]["sv"]),
    )


def stage_page(lib: Library, stage: str) -> str:
    """Every organisation's recommendation for one stage, side by side, with links to the others."""
    number = lib.schemas.codes("process_stage").index(stage) + 1
    title = labels.words()["stage_title"].format(n=number, label=lib.label("process_stage", stage))
    return render(
        "stage.md",
        urls.page("stage", id=stage),
        lib=lib,
        stage=stage,
        number=number,
        title=title,
        profiles=_profiles(lib),
        descriptions=_stage_descriptions(lib),
        meta=front_matter(title=title, description=labels.words()["stage_description"].format(title=title)),
    )
