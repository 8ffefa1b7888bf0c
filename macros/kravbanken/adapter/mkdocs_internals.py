"""What the plugin needs from MkDocs beyond its documented plugin API, in one place, for MkDocs 1.6.

- `keep_serving`: `mkdocs serve` has no event for a failed rebuild; its dev server then waits for a
  good build before it answers again. The server's `builder` attribute (not public) is wrapped so
  that a failed rebuild is logged and the last good site stays served.
- `WarningCount`: in strict mode MkDocs stops a build that has logged any warning, right after
  `on_post_build` (mkdocs/commands/build.py counts them with `mkdocs.utils.CountHandler`, not public).
  The plugin must know this in `on_post_build` to publish a build only when MkDocs will not stop it,
  so it counts the warnings the same way with a logging handler of its own.

- `HtmlPage`: a generated page is HTML already. MkDocs makes a Page for every file that has none
  and renders it with Python-Markdown (`Page.render`), which parsed every tag of these pages only to
  give the same HTML back: half of a build. A file can come with its page made (as Material's blog
  plugin makes its posts), so the plugin gives each generated file an HtmlPage, whose `render` sets
  what `Page.render` sets from the HTML itself: `content`, `toc` (read by the theme) and
  `present_anchor_ids` (read by MkDocs' anchor check). Its `read_source` reads the front matter as
  `Page.read_source` does, with a faster loader.

- `front_matter`: mkdocs-macros decides whether to render a page from the front matter as MkDocs
  reads it (`mkdocs.utils.meta`, not documented for plugins); the plugin must read it the same way
  to refuse a page that asks to be rendered.

`check_version` refuses any other MkDocs than the one this was written and tested for
(tests/test_mkdocs_internals.py checks each use); on an upgrade, read those places in the new MkDocs,
adjust this module and SUPPORTED. tests/test_architecture.py keeps every such use in this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import mkdocs
import yaml
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE, get_data

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SUPPORTED = "1.6."  # the MkDocs versions (a prefix) whose internals this module was written for


def check_version(version: str = mkdocs.__version__) -> None:
    """Stop with a clear message when the installed MkDocs is not the one this module knows."""
    if not version.startswith(SUPPORTED):
        raise PluginError(
            f"Kravbanken: adapter/mkdocs_internals.py är skriven för MkDocs {SUPPORTED}x, men MkDocs "
            f"{version} är installerat. Läs hur den nya versionen bygger och serverar sidan, anpassa "
            "modulen och SUPPORTED, och kör tests/test_mkdocs_internals.py"
        )


def keep_serving(server: Any, on_failure: Callable[[Exception], None]) -> Any:
    """Make a failed rebuild of `mkdocs serve` (its dev server `server`) count as over: `on_failure`
    reports the error and the server goes on answering with the last site written."""
    check_version()
    builder = server.builder

    def build(*args: Any, **kwargs: Any) -> None:
        try:
            builder(*args, **kwargs)
        except Exception as error:  # reported; serving goes on
            on_failure(error)

    server.builder = build
    return server


class WarningCount(logging.Handler):
    """Counts the warnings and errors logged by MkDocs and its plugins (the logger "mkdocs") from
    `start` to `stop`, as MkDocs does to decide whether a strict build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self) -> None:
        check_version()
        self.count = 0
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


def front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """The YAML block at the top of a page's `text` ("" when it has none) and its data, as MkDocs
    and so mkdocs-macros read them."""
    check_version()
    block = YAML_RE.match(text)
    return (block.group(1) if block else ""), get_data(text)[1]


class HtmlPage(Page):
    """A page whose source, after its front matter, is HTML ready to show, with its sections'
    headings (level, id, title as HTML) read by `contents` and its ids by `anchors`."""

    def __init__(
        self,
        file: File,
        config: MkDocsConfig,
        contents: Callable[[str], list[tuple[int, str, str]]],
        anchors: Callable[[str], set[str]],
    ) -> None:
        check_version()
        super().__init__(None, file, config)  # the file's page from now on (file.page)
        self.contents, self.anchors = contents, anchors

    def read_source(self, config: MkDocsConfig) -> None:
        """As Page.read_source, but with the front matter read by libyaml's C loader where present:
        MkDocs uses PyYAML's Python loader, a millisecond a page. The generated front matter is
        JSON values (site.render.front_matter), which both read alike."""
        source = config.plugins.on_page_read_source(page=self, config=config)
        text = self.file.content_string if source is None else source
        block = YAML_RE.match(text)
        self.meta = yaml.load(block.group(1), Loader=_FAST_LOADER) if block else {}
        self.markdown = text[block.end() :].lstrip("\n") if block else text

    def render(self, config: MkDocsConfig, files: Files) -> None:
        html = self.markdown
        if html is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")  # as Page.render
        tokens = [
            {"level": lvl, "id": anchor, "name": title, "children": []} for lvl, anchor, title in self.contents(html)
        ]
        self.content = html
        self.toc = get_toc(nest_toc_tokens(tokens))
        self.present_anchor_ids = self.anchors(html)
