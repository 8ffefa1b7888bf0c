"""The maintainers' page Granskning: every published criterion by the date its next review is due,
those never reviewed and those overdue first."""

from __future__ import annotations

from ..model import Library
from .render import listing_page


def review_order(lib: Library, today: str) -> list[tuple[dict, str]]:
    """(current version, state) of each published criterion in the order it is to be reviewed:
    state "missing" (no review dates; first), "late" (due before `today`) or "in_time"."""

    def state(record):
        return "missing" if "review_due" not in record else "late" if record["review_due"] < today else "in_time"

    ordered = sorted(lib.criteria.values(), key=lambda r: ("review_due" in r, r.get("review_due", ""), r["id"]))
    return [(record, state(record)) for record in ordered]


def reviews_page(lib: Library, today: str) -> str:
    return listing_page(lib, "reviews", "reviews.md", rows=review_order(lib, today))
