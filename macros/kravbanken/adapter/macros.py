"""mkdocs-macros entry (a pluglet, `modules: [kravbanken.adapter.macros]` in mkdocs.yml): the
macros that hand-written pages may call, and which pages may call them.

A page that mkdocs-macros renders is a Jinja template, and a template can run any Python at build
time (`{{ cycler.__init__.__globals__.os.popen('id').read() }}`). So only the pages named under
`force_render_paths` in mkdocs.yml are rendered; they are code and have a code owner
(.github/CODEOWNERS). Any other page whose front matter asks for it is refused before any
template runs (`refused_pages`, called by the plugin), and templates cannot include other files."""

from __future__ import annotations

import re

from ..model import Problem
from ..model.library import parse_front_matter
from ..model.yamlload import YamlError
from ..site import code_of_conduct, follow_up, good_practice, overview, risk_areas
from .mkdocs_internals import front_matter

# name -> function(lib, here, *args): each macro renders for the page it stands on.
MACROS = {
    "criteria_table": overview.criteria_table,
    "criteria_index": overview.criteria_index,
    "criteria_filters": overview.criteria_filters,
    "package_page": overview.package_page,
    "package_data": overview.package_data,
    "code_of_conduct": code_of_conduct.code_of_conduct,
    "code_of_conduct_contents": code_of_conduct.code_of_conduct_contents,
    "conventions": code_of_conduct.conventions,
    "risk_overview": risk_areas.risk_overview,
    "follow_up_overview": follow_up.follow_up_overview,
    "profiles_overview": good_practice.profiles_overview,
    "stage_links": good_practice.stage_links,
}

LIST = "force_render_paths"  # mkdocs-macros' option that names the pages it renders
CONFIG = "mkdocs.yml"


def define_env(env):
    lib = env.conf.plugins["kravbanken"].library(env.conf)  # the plugin's, loaded once per build
    for name, render in MACROS.items():
        env.macro(lambda *args, _render=render: _render(lib, env.page.url, *args), name)


def _at(text: str, needle: str, shown_as: str, first_line: int, message: str) -> Problem:
    """A problem where `needle` first stands in `text` (which starts on line `first_line`), else at 1:1."""
    index = text.find(needle)
    if index < 0:
        return Problem(shown_as, 1, 1, message)
    before = text[:index]
    return Problem(shown_as, first_line + before.count("\n"), index - before.rfind("\n"), message)


def macro_pages(options, renders, config_text: str, pages: dict[str, bool]) -> tuple[set[str], list[Problem]]:
    """The pages (paths under docs/) that mkdocs-macros renders, and the problems of its `options`
    in mkdocs.yml (`config_text`). `renders(path)` is mkdocs-macros' own test of the list (git's
    wildcards), and `pages` maps each page to True when it is hand-written. Refused: rendering by
    default, an entry that is not the path of one hand-written page, and a page that the list makes
    a template without naming it (as "index.md" would every index.md, generated ones too)."""
    problems = []
    if options["render_by_default"] is not False:
        problems.append(
            _at(
                config_text,
                "render_by_default",
                CONFIG,
                1,
                f"macros: render_by_default ska vara false, så att bara sidorna under {LIST} körs som mallar",
            )
        )
    entries = [line.strip() for line in (options[LIST] or "").splitlines() if line.strip()]
    for entry in (e for e in entries if not pages.get(e)):
        problems.append(
            _at(
                config_text,
                entry,
                CONFIG,
                1,
                f'macros: {LIST}: "{entry}" är inte en handskriven sida under docs/; skriv hela '
                "sökvägen till en sida, utan * eller ?, till exempel kriterier/index.md",
            )
        )
    rendered = {path for path in pages if renders(path)}
    for path in sorted(rendered - set(entries)):
        problems.append(
            _at(
                config_text,
                LIST,
                CONFIG,
                1,
                f"macros: {LIST} gör också {path} till en mall, fast sidan inte står i listan; skriv "
                "hela sökvägen till varje sida, utan * eller ?",
            )
        )
    return {path for path in rendered.intersection(entries) if pages[path]}, problems


_VALUE = re.compile(r"render_macros[\"']?\s*:\s*(.*)")


def asks_to_render(text: str, shown_as: str) -> Problem | None:
    """A problem if the front matter of a page's text asks mkdocs-macros to render it: its
    `render_macros` is equal to True as mkdocs-macros tests it (`== True`), read as MkDocs reads
    it (universal newlines, PyYAML's safe loader): true, yes and on in any case, 1, 1.0, 0x1, an
    alias or a merge key. Text such as "y" or "true" in quotes is not rendered, so not refused."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, meta = front_matter(text)
    if meta.get("render_macros") != True:  # noqa: E712 - mkdocs-macros compares with == True
        return None
    line = _VALUE.search(front)
    written = f" ({line.group().strip()})" if line else ""
    return _at(
        front,
        "render_macros",
        shown_as,
        2,
        f"sidan ber om att köras som en mall med makron{written}, men bara sidorna under {LIST} i "
        f"{CONFIG} får det, eftersom en mall kan köra kod när webbplatsen byggs; ta bort raden, eller be "
        "en kodägare att lägga till sidan i listan (se CONTRIBUTING.md)",
    )


def unread_front_matter(text: str, shown_as: str) -> Problem | None:
    """A problem if a page's front matter (the block between its first two --- lines) is not fields
    with values that both MkDocs and the library's YAML loader read. MkDocs drops a block it cannot
    read without a word and shows it as text, and the page loses its title and settings; the
    library's loader also refuses what MkDocs would take silently, such as a field written twice."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    block, meta = front_matter(text)
    if not block:
        return None
    not_fields = Problem(
        shown_as,
        2,
        1,
        "sidhuvudet mellan raderna --- ska vara fält med värden, ett per rad, till exempel title: Sidans rubrik",
    )
    if all(not line.strip() or line.lstrip().startswith("#") for line in block.split("\n")):
        return not_fields  # nothing but comments: the loader would call the whole file empty
    try:
        doc = parse_front_matter(block, shown_as)
    except YamlError as exc:
        return exc.problem
    return not_fields if not isinstance(doc.data, dict) or not meta else None


def refused_pages(pages: dict[str, str], listed: set[str], docs: str) -> list[Problem]:
    """The problems of the hand-written pages (path under docs/ -> text): front matter that is not
    read alike (`unread_front_matter`), and a page that is not `listed` but asks to be rendered;
    `docs` is the docs folder as messages name it."""
    problems = []
    for path, text in sorted(pages.items()):
        shown_as = f"{docs}/{path}"
        found = [unread_front_matter(text, shown_as), None if path in listed else asks_to_render(text, shown_as)]
        problems += [p for p in found if p is not None]
    return problems


def no_includes(environment) -> None:
    """Take away the Jinja environment's loader: `{% include %}`, `{% import %}` and `{% extends %}`
    would otherwise run any file under docs/ (a news post, say) as part of an allowed page."""
    environment.loader = None
