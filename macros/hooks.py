"""MkDocs hooks: validate the library before anything is built, and add the generated pages.

A library with any problem stops the build with the same `path:line:col` lines that
scripts/validate.py prints, so nothing half-built is ever published.
"""

import logging
import multiprocessing
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load as loose files

from macros import downloads  # noqa: E402
from macros.library import load_library  # noqa: E402
from macros.pages import generated_pages  # noqa: E402
from macros.guide import guide_pages  # noqa: E402
from macros.news_feed import FEED_PATH, FEED_TITLE, rss  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kravbanken")
_pending = None  # (process pool, start time, future, {path: File}) of the downloads being made


def _library(config):
    return load_library(Path(config.config_file_path).parent)


def on_config(config):
    lib = _library(config)
    if lib.problems:
        raise PluginError(f"Kravbanken: {len(lib.problems)} fel i biblioteket:\n{lib.report()}")
    config.extra["news_feed"] = {"path": FEED_PATH, "title": FEED_TITLE}  # linked from the page head
    return config


def on_files(files, config):
    lib = _library(config)
    for path, markdown in {**generated_pages(lib, config.site_url), **guide_pages(lib)}.items():
        # Reached through the overview, filters and search, never listed in the navigation.
        files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    for schema in sorted((lib.root / "schema").glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    _start_downloads(files, config, lib)
    return files


def _start_downloads(files, config, lib):
    """Start making the downloads in a second process, which works while MkDocs renders the pages
    in this one (about 2 ms per criterion, mostly the Word file). They are listed as files of the
    site now, empty, so that pages may link to them and the build checks those links; on_env fills
    them in before MkDocs writes any file."""
    global _pending
    listed = {path: File.generated(config, path, content=b"") for path in downloads.paths(lib.criteria)}
    for file in listed.values():
        files.append(file)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(start_method()))
    _pending = (pool, time.perf_counter(), pool.submit(downloads.make, str(lib.root), lib.records, config.site_url),
                listed)


def start_method() -> str:
    """How to start the second process. fork starts it at once, sharing the modules this process
    has loaded; spawn starts a fresh Python that must import them again, which slowed a build of
    100 criteria by about 15 % on a 2-core machine. fork is only safe while this is the only
    thread, so `mkdocs serve`, which runs its web server in threads, gets spawn."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _finish_downloads():
    pool, start, future, listed = _pending
    try:
        made = future.result()
    finally:
        pool.shutdown()
    if made.keys() != listed.keys():  # a file listed but not made, or made but not listed
        raise PluginError(f"Kravbanken: nedladdningsfilerna stämmer inte: {sorted(made.keys() ^ listed.keys())[:5]}")
    for path, content in made.items():
        listed[path].content_bytes = content
    log.info("Kravbanken: %d nedladdningsfiler, %.1f MB, klara %.2f s efter start (i en egen process)",
             len(made), sum(map(len, made.values())) / 1e6, time.perf_counter() - start)


def on_build_error(error):
    if _pending is not None:
        _pending[0].shutdown(wait=False, cancel_futures=True)


def on_env(env, config, files):
    """Fill in the downloads and add the news feed. This runs after the pages are read and
    converted (half the build) and before MkDocs writes any file; the blog plugin has given each
    post its URL by now."""
    _finish_downloads()
    lib = _library(config)
    docs = Path(config.docs_dir).resolve()
    links = {path: config.site_url + files.get_file_from_path((lib.root / path).relative_to(docs).as_posix()).url
             for path, _ in lib.posts}
    files.append(File.generated(config, FEED_PATH, content=rss(lib.posts, links, config.site_url)))
    return env

