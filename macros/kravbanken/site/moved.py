"""The pages left at old addresses (urls.MOVED), each leading on to where its content is now."""

from __future__ import annotations

from .. import urls
from ..labels import words
from .render import render


def moved_pages(lang: str = "en") -> dict[str, str]:
    """{path of the HTML file under the site root: the page in `lang`}, each naming its new page by
    the word of the new page's kind (the kinds of urls.PAGES)."""
    return {
        old + "index.html": render("moved.html", old, lang, kind=kind, title=words(lang)[kind])
        for old, kind in urls.MOVED.items()
    }
