"""The MkDocs plugin (`kravbanken` in mkdocs.yml): validate the library before anything is built,
add the generated pages and the schemas, make the downloads and the news feed.

A library with any problem stops the build with the same `path:line:col` lines that
scripts/validate.py prints, before MkDocs cleans the site folder. `mkdocs build` writes into a
staging folder that replaces the site folder only when the whole build has succeeded (publish.py),
so nothing half-built is ever published; `mkdocs serve` keeps serving the last good site while a
file is broken. The plugin only calls the layers below it; it has no logic of its own beyond
MkDocs' life cycle. What it needs of MkDocs beyond the plugin API is in mkdocs_internals.py.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from .. import downloads, urls
from ..downloads.feeds import rss
from ..labels import LANGS, ui_words, words
from ..model import Library, LibraryCache, load_library
from ..model.files import read_text
from ..model.yamlload import YamlError
from ..site import generated_pages, words_scripts
from ..site.moved import moved_pages
from ..site.render import anchor_ids, contents
from . import macros, publish
from .mkdocs_internals import HtmlPage, WarningCount, keep_serving

log = logging.getLogger("mkdocs.plugins.kravbanken")


def start_method() -> str:
    """How to start the downloads process. fork starts it at once, sharing the modules this process
    has loaded; spawn starts a fresh Python that must import them again, which slowed a build of
    100 criteria by about 15 % on a 2-core machine. fork is only safe while this is the only
    thread, so `mkdocs serve`, which runs its web server in threads, gets spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class DownloadJob:
    """The downloads of one build, made in a second process while MkDocs renders the pages in this
    one (about 2 ms per criterion, mostly the Word file). They are listed as files of the site at
    once, empty, so that pages may link to them and the build checks those links; `finish` fills
    them in before MkDocs writes any file. A job is started once and then finished or cancelled."""

    def __init__(self, lib: Library, site_url: str, listed: dict[str, File]):
        self.listed, self.start = listed, time.perf_counter()
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(start_method()))
        self.future = self.pool.submit(downloads.make, lib, site_url)

    def finish(self) -> None:
        try:
            made = self.future.result()
        except Exception as error:  # downloads.make names the file it was writing
            raise PluginError(f"Kravbanken: nedladdningsfilerna kunde inte skapas: {error}") from error
        finally:
            self.pool.shutdown()
        if made.keys() != self.listed.keys():  # a file listed but not made, or made but not listed
            raise PluginError(
                f"Kravbanken: nedladdningsfilerna stämmer inte: {sorted(made.keys() ^ self.listed.keys())[:5]}"
            )
        for path, content in made.items():
            self.listed[path].content_bytes = content
        log.info(
            "Kravbanken: %d nedladdningsfiler, %.1f MB, klara %.2f s efter start (i en egen process)",
            len(made),
            sum(map(len, made.values())) / 1e6,
            time.perf_counter() - self.start,
        )

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class KravbankenPlugin(BasePlugin):
    def __init__(self):
        self.job: DownloadJob | None = None
        self.command: str | None = None
        self.site_dir: Path | None = None  # where a staged build is published to
        self.staged: Path | None = None  # where it is written
        self.warnings = WarningCount()  # a strict build with any warning is not published
        # This plugin lives as long as `mkdocs serve` (it has on_startup), so a rebuild with no
        # source file changed reuses the library; the macros ask for it here too (adapter/macros.py).
        self.libraries = LibraryCache()
        self.alternate: list[dict] = []  # the language switch of mkdocs.yml, its links set per page

    def on_startup(self, *, command, dirty):
        # mkdocs-macros reports its set-up at INFO on every build; its warnings and errors still show.
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
        self.command = None if dirty else command

    def on_serve(self, server, *, config, builder):
        """A rebuild that fails leaves the last good site in place (the library is checked before
        MkDocs cleans the folder); saying the rebuild is over lets the server answer requests
        with that site instead of waiting for a good build."""

        def failed(error: Exception) -> None:
            shown = "" if isinstance(error, Abort) else f": {error}"  # MkDocs has logged a BuildError
            log.error(
                "Kravbanken: bygget misslyckades%s. Webbservern visar den senaste fungerande versionen "
                "tills felet är rättat.",
                shown,
            )

        return keep_serving(server, failed)

    def library(self, config) -> Library:
        """The validated library of the project that `config` (mkdocs.yml) belongs to."""
        return load_library(Path(config.config_file_path).parent, cache=self.libraries)

    @event_priority(100)  # first of all plugins: MkDocs starts counting warnings just before
    def _count_warnings(self, config):
        if self.command == "build" and config.strict:
            self.warnings.start()
        return config

    def _check_library(self, config):
        lib = self.library(config)
        if lib.problems:
            raise PluginError(f"Kravbanken: {len(lib.problems)} fel i biblioteket:\n{lib.report()}")
        if "macros" in config.plugins:  # mkdocs-macros has made its Jinja environment by now
            macros.no_includes(config.plugins["macros"].env)
        config.extra["news_feed"] = {"path": urls.NEWS_FEED, "title": words()["news_feed_title"]}  # in the page head
        config.extra["changes_feed"] = {"path": urls.CHANGES_FEED, "title": words()["changes_feed_title"]}
        # The theme's parts (the search dialog, the footer) take their words from here; the scripts
        # from their own file (site.words_scripts), which overrides/main.html loads.
        config.extra["kb_words"] = {lang: ui_words(lib, lang) for lang in LANGS}
        config.extra["kb_words_script"] = {lang: urls.WORDS_SCRIPT.format(lang=lang) for lang in LANGS}
        self.alternate = list(config.extra.get("alternate") or [])
        if self.command == "build":
            self.site_dir = Path(config.site_dir)
            self.staged = publish.staging(self.site_dir)
            config.site_dir = str(self.staged)
        return config

    on_config = CombinedEvent(_count_warnings, _check_library)

    def on_page_markdown(self, markdown, page, config, files):
        """Front matter is data, so a page's title and description are plain text (CONTRIBUTING.md).
        MkDocs and the theme put them into the page head, the header, the navigation and the
        neighbouring pages' footer links as HTML, without escaping: they are escaped once here,
        before any page is rendered, so that `</title><script>` shows as written. Generated pages
        come with their front matter escaped (site.render.front_matter)."""
        if page.file.generated_by is not None:
            return markdown
        for key in ("title", "description"):
            raw = page.meta.get(key)
            if isinstance(raw, str):
                page.meta[key] = escape(raw)
                if key == "title" and page.title == raw:  # not a title from the nav in mkdocs.yml
                    page.title = page.meta[key]  # mkdocs-macros may have set it from the raw front matter
        return markdown

    def _check_macro_pages(self, files, config) -> None:
        """Stop the build, before any page is rendered, if a page that is not listed in mkdocs.yml
        asks mkdocs-macros to render it, or the list names anything but hand-written pages."""
        if "macros" not in config.plugins:
            return
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
        hand_written = {f.src_uri: f.generated_by is None for f in files.documentation_pages()}
        config_text = read_text(Path(config.config_file_path), root, macros.CONFIG)
        plugin = config.plugins["macros"]
        listed, problems = macros.macro_pages(plugin.config, plugin.force_page_rendering, config_text, hand_written)
        texts = {}
        for file in (f for f in files.documentation_pages() if hand_written[f.src_uri]):
            try:
                texts[file.src_uri] = read_text(Path(file.abs_src_path), root, f"{docs}/{file.src_uri}")
            except YamlError as exc:
                problems.append(exc.problem)
        problems += macros.refused_pages(texts, listed, docs)
        if problems:
            raise PluginError(f"Kravbanken: {len(problems)} fel:\n" + "\n".join(map(str, problems)))

    def on_files(self, files, config):
        self._check_macro_pages(files, config)
        lib = self.library(config)
        for path, html in generated_pages(lib, config.site_url).items():
            file = File.generated(config, path, content=html, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            HtmlPage(file, config, contents, anchor_ids)  # shown as the templates wrote it, not run through Markdown
        for path, html in moved_pages().items():
            files.append(File.generated(config, path, content=html))
        for path, script in words_scripts(lib).items():
            files.append(File.generated(config, path, content=script))
        for schema in sorted((lib.root / urls.SCHEMA_DIR).glob("*.schema.json")):
            files.append(File.generated(config, urls.schema_file(schema.name), abs_src_path=str(schema)))
        for schema in sorted((lib.root / urls.BUNDLED_SCHEMA_DIR).glob("*.schema.json")):
            files.append(File.generated(config, urls.bundled_schema_file(schema.name), abs_src_path=str(schema)))
        listed = {path: File.generated(config, path, content=b"") for path in downloads.listed(lib)}
        for file in listed.values():
            files.append(file)
        self.job = DownloadJob(lib, config.site_url, listed)
        return files

    def on_page_context(self, context, page, config, nav):
        """The language switch and the hreflang links (Material's, from config.extra.alternate) of
        this page: the same page in each language (urls.alternates). Pages are rendered one at a
        time, each right after this event. The previous and next page in the footer are only pages
        in the same language (the English section follows the Swedish ones in the navigation)."""

        def lang_of(other) -> str:
            return other.meta.get("lang") or config.theme["language"]

        lang = lang_of(page)
        found = urls.alternates(page.url, lang, page.meta.get("translations"))
        config.extra["alternate"] = [dict(alt, link=found[alt["lang"]]) for alt in self.alternate]
        for side in ("previous_page", "next_page"):
            other = getattr(page, side)
            if other is not None and lang_of(other) != lang:
                setattr(page, side, None)
        return context

    def on_env(self, env, config, files):
        """Fill in the downloads and add the news feed. This runs after the pages are read and
        converted (half the build) and before MkDocs writes any file; the blog plugin has given each
        post its URL by now."""
        job, self.job = self.job, None
        assert job is not None, "on_files starts the job"
        job.finish()
        lib = self.library(config)
        docs = Path(config.docs_dir).resolve()
        links = {
            path: config.site_url + files.get_file_from_path((lib.root / path).relative_to(docs).as_posix()).url
            for path, _ in lib.posts
        }
        files.append(File.generated(config, urls.NEWS_FEED, content=rss(lib.posts, links, config.site_url)))
        return env

    @event_priority(-100)  # after every other plugin has written its files (the search index)
    def on_post_build(self, config):
        self.warnings.stop()
        if self.staged is None or self.site_dir is None:
            return
        if config.strict and self.warnings.count:
            return  # MkDocs stops a strict build with warnings right after this event: on_build_error
        publish.publish(self.staged, self.site_dir)
        config.site_dir, self.staged = str(self.site_dir), None

    def on_build_error(self, error):
        self.warnings.stop()
        if self.job is not None:
            self.job.cancel()
            self.job = None
        if self.staged is not None:
            publish.discard(self.staged)
            self.staged = None
