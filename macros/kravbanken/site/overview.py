"""The overview of all criteria on /kriterier/ and the filters above it."""

from __future__ import annotations

from .. import labels, urls
from ..model import Library, title_of
from .render import render


def criteria_table(lib: Library, here: str) -> str:
    """The table the overview's filters fill in (kravbanken.js): its head only, no rows."""
    return render("criteria_table.html", here, field=lambda name: labels.field(lib, name))


def criteria_index(lib: Library, here: str, lang: str = "sv") -> str:
    """Every criterion in one table, in `lang`, sorted by id."""
    return render(
        "criteria_index.html",
        here,
        lang,
        lib=lib,
        records=[lib.criteria[i] for i in sorted(lib.criteria)],
        field=lambda name: labels.field(lib, name, lang=lang),
    )


def criteria_filters(lib: Library, here: str) -> str:
    areas = [(a["id"], title_of(a)) for a in sorted(lib.records["risk_area"].values(), key=title_of)]
    return render(
        "criteria_filters.html",
        here,
        areas=areas,
        total=len(lib.criteria),
        options=lambda codelist: [(c, lib.label(codelist, c)) for c in lib.schemas.codes(codelist)],
        field=lambda name: labels.field(lib, name),
    )


def _in(lang: str, text: dict) -> str:
    """A {sv, en} text in `lang`, or in Swedish where there is no translation."""
    return text.get(lang) or text["sv"]


def package_data(lib: Library, here: str, site_url: str) -> str:
    """What kravpaket.js needs to make a package's document, as JSON in the page: the release,
    the URL patterns (from urls.py, with {id} and {version} left to fill in), the order and names
    of the criterion types, the follow-up methods and the document's words in Swedish and English."""
    fill = {"id": "{id}", "version": "{version}"}
    methods = sorted(lib.records["follow_up"].values(), key=lambda m: m["order"])
    types = lib.schemas.codes("type")
    data = {
        "release": lib.release,
        "urls": {
            "criterion": urls.relative(here, urls.criterion_file("{id}", "json")),
            "version": urls.relative(here, urls.version_file("{id}", "{version}")),
            "page": urls.relative(here, urls.page("criterion", id="{id}")),
            "package": urls.relative(here, urls.page("package")),
            "overview": urls.relative(here, urls.page("criteria")),
            "permalink": urls.permalink(fill, site_url),
        },
        "types": types,
        "statuses": {code: lib.label("status", code) for code in lib.schemas.codes("status")},
        "methods": [
            {
                "id": m["id"],
                "name": {lang: _in(lang, m["name"]) for lang in labels.LANGS},
                "when": {lang: _in(lang, m["when"]) for lang in labels.LANGS},
                "url": site_url + urls.page("follow_up", id=m["id"]),
            }
            for m in methods
        ],
        "words": {
            lang: {
                **{k: v for k, v in labels.words(lang).items() if k.startswith("package_")},
                # a type without a group heading in labels.py (a new code) is headed by its label
                **{
                    f"package_group_{t}": labels.words(lang).get(f"package_group_{t}") or lib.label("type", t, lang)
                    for t in types
                },
                "source": labels.source_line(fill, "{url}", lang),
            }
            for lang in labels.LANGS
        },
    }
    return render("package_data.html", here, data=data)


def package_page(lib: Library, here: str) -> str:
    """The controls of the package page (kriterier/kravpaket/); kravpaket.js fills them in."""
    return render("package_page.html", here, release=lib.release)
