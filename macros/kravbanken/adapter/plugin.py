"""The MkDocs plugin (`kravbanken` in mkdocs.yml): validate the library before anything is built,
add the generated pages and the schemas, make the downloads and the news feed.

A library with any problem stops the build with the same `path:line:col` lines that
scripts/validate.py prints, so nothing half-built is ever published. The plugin only calls the
layers below it; it has no logic of its own beyond MkDocs' life cycle.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from .. import downloads, urls
from ..downloads.feeds import rss
from ..labels import words
from ..model import Library, load_library
from ..site import generated_pages

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
        finally:
            self.pool.shutdown()
        if made.keys() != self.listed.keys():  # a file listed but not made, or made but not listed
            raise PluginError(f"Kravbanken: nedladdningsfilerna stämmer inte: {sorted(made.keys() ^ self.listed.keys())[:5]}")
        for path, content in made.items():
            self.listed[path].content_bytes = content
        log.info("Kravbanken: %d nedladdningsfiler, %.1f MB, klara %.2f s efter start (i en egen process)",
                 len(made), sum(map(len, made.values())) / 1e6, time.perf_counter() - self.start)

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class KravbankenPlugin(BasePlugin):
    def __init__(self):
        self.job: DownloadJob | None = None

    def on_startup(self, *, command, dirty):
        # mkdocs-macros reports its set-up at INFO on every build; its warnings and errors still show.
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

    def _library(self, config) -> Library:
        return load_library(Path(config.config_file_path).parent)

    def on_config(self, config):
        lib = self._library(config)
        if lib.problems:
            raise PluginError(f"Kravbanken: {len(lib.problems)} fel i biblioteket:\n{lib.report()}")
        config.extra["news_feed"] = {"path": urls.NEWS_FEED, "title": words()["news_feed_title"]}  # in the page head
        return config

    def on_files(self, files, config):
        lib = self._library(config)
        for path, markdown in generated_pages(lib, config.site_url).items():
            files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        for schema in sorted((lib.root / urls.SCHEMA_DIR).glob("*.schema.json")):
            files.append(File.generated(config, urls.schema_file(schema.name), abs_src_path=str(schema)))
        listed = {path: File.generated(config, path, content=b"") for path in urls.downloads(lib.criteria)}
        for file in listed.values():
            files.append(file)
        self.job = DownloadJob(lib, config.site_url, listed)
        return files

    def on_env(self, env, config, files):
        """Fill in the downloads and add the news feed. This runs after the pages are read and
        converted (half the build) and before MkDocs writes any file; the blog plugin has given each
        post its URL by now."""
        job, self.job = self.job, None
        job.finish()
        lib = self._library(config)
        docs = Path(config.docs_dir).resolve()
        links = {path: config.site_url + files.get_file_from_path((lib.root / path).relative_to(docs).as_posix()).url
                 for path, _ in lib.posts}
        files.append(File.generated(config, urls.NEWS_FEED, content=rss(lib.posts, links, config.site_url)))
        return env

    def on_build_error(self, error):
        if self.job is not None:
            self.job.cancel()
            self.job = None
