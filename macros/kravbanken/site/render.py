"""The site's one way to write HTML: Jinja2 templates in templates/, with autoescape on.

Contributor text reaches a page only as a template variable, so it is escaped whatever it holds;
no Python code here or in the page modules builds HTML in a string.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import urls
from ..labels import field, words
from ..model import title_of
from ..model.text import blocks, segments


class Links:
    """Links from the page at `here` (its URL relative to the site root) to other pages and files:
    to the pages in `lang` where they exist in it (urls.ENGLISH), else to the Swedish ones."""

    def __init__(self, here: str, lang: str = "sv"):
        self.here, self.lang = here, lang

    def __call__(self, kind: str, **fields) -> str:
        return urls.relative(self.here, urls.page(kind, self.lang, **fields))

    def in_lang(self, lang: str, kind: str, **fields) -> str:
        """The link to a page in `lang`, whatever the language of the links."""
        return urls.relative(self.here, urls.page(kind, lang, **fields))

    def file(self, path: str) -> str:
        return urls.relative(self.here, path)


# The package is installed in editable mode (README), so this is the repository's .cache/ folder,
# which git ignores.
_COMPILED = Path(__file__).resolve().parents[3] / ".cache" / "jinja"


@cache
def environment() -> jinja2.Environment:
    # The compiled templates are kept between builds (keyed on each template's source, so an edit
    # is recompiled): compiling them all costs a build about 0.1 s, several seconds on a busy machine.
    _COMPILED.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kravbanken.site"),
        autoescape=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(_COMPILED)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        blocks=blocks,
        segments=segments,
        title_of=title_of,
        words=words,
        criterion_file=urls.criterion_file,
        version_file=urls.version_file,
        permalink=urls.permalink,
    )
    return env


def render(template: str, here: str, lang: str = "sv", **context) -> Markup:
    """Template `template` for the page at `here` in `lang` (`lang` in the template); `to` in the
    template links from that page. The result is marked as ready HTML (or Markdown with ready HTML
    blocks)."""
    return Markup(environment().get_template(template).render(to=Links(here, lang), lang=lang, **context))


# A section heading as components.html's `heading` macro writes it, and an id attribute. The page
# HTML comes from templates with autoescape on, which writes every "<" and '"' of contributor text
# as "&lt;" and "&#34;", so neither can match inside text: only the templates make headings and ids.
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">((?:(?!</h[1-6]>).)*?)<a class="headerlink" href="#', re.S)
_ID = re.compile(r'\sid="([^"]*)"')


def contents(html: str) -> list[tuple[int, str, str]]:
    """The sections of a generated page, in order: (level, id, title as HTML) of each heading."""
    return [(int(level), anchor, title) for level, anchor, title in _HEADING.findall(html)]


def anchor_ids(html: str) -> set[str]:
    """Every id in a generated page: what a link into the page may point to."""
    return set(_ID.findall(html))


def front_matter(**meta) -> Markup:
    """A generated page's YAML front matter, marked as ready for a template. The theme puts title
    and description into the page unescaped, so text values are escaped here; JSON is valid YAML,
    so every string is quoted."""

    def value(v):
        if isinstance(v, str):
            return str(escape(v))
        if isinstance(v, dict):
            return {key: value(item) for key, item in v.items()}
        return [value(item) for item in v] if isinstance(v, list) else v

    return Markup(
        "---\n" + "".join(f"{key}: {json.dumps(value(v), ensure_ascii=False)}\n" for key, v in meta.items()) + "---\n"
    )


def listing_page(lib, name: str, template: str, scripts: tuple[str, ...] = (), **context) -> Markup:
    """A generated page of the whole library kept out of the site search (the change log, the
    reviews, the releases): at urls.page(`name`), titled and described by the labels `<name>_title`
    and `<name>_description`, with `lib`, `meta` and `field` (a field's label) in the template.
    `scripts`: the page scripts it needs (mkdocs.yml, extra.page_scripts)."""
    w = words()
    meta: dict[str, object] = {"title": w[f"{name}_title"], "description": w[f"{name}_description"]}
    meta["search"] = {"exclude": True}
    if scripts:
        meta["scripts"] = list(scripts)
    return render(
        template, urls.page(name), lib=lib, meta=front_matter(**meta), field=lambda f: field(lib, f), **context
    )
