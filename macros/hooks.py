"""MkDocs hooks: validate the library before anything is built, and add the generated pages.

A library with any problem stops the build with the same `path:line:col` lines that
scripts/validate.py prints, so nothing half-built is ever published.
"""

import logging
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load as loose files

from macros.library import load_library  # noqa: E402
from macros.export import docx_files, export_files  # noqa: E402
from macros.pages import generated_pages  # noqa: E402
from macros.guide import guide_pages  # noqa: E402
from macros.news_feed import FEED_PATH, FEED_TITLE, rss  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kravbanken")
_word = None  # (process pool, start time, future) of the Word files being written


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
    _add_downloads(files, config, lib)
    return files


def _add_downloads(files, config, lib):
    """The data downloads and the schemas, as files of the site: pages may link to them and the
    build checks those links. The time they take is logged, since it grows with the library."""
    start = time.perf_counter()
    downloads = export_files(lib, lib.root, config.site_url)
    for path, content in downloads.items():
        files.append(File.generated(config, path, content=content))
    for schema in sorted((lib.root / "schema").glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    log.info("Kravbanken: %d nedladdningsfiler, %.1f kB, skapade på %.2f s", len(downloads),
             sum(map(len, downloads.values())) / 1000, time.perf_counter() - start)
    # The Word files take most of the export time (about 10 ms each), so a second process writes
    # them while MkDocs renders the pages; on_post_build collects them.
    global _word
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    _word = (pool, time.perf_counter(), pool.submit(docx_files, str(lib.root), lib.records, config.site_url))


def on_post_build(config):
    pool, start, future = _word
    try:
        documents = future.result()
    finally:
        pool.shutdown()
    site = Path(config.site_dir)
    for path, content in documents.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    log.info("Kravbanken: %d Word-filer klara %.2f s efter start (i en egen process)",
             len(documents), time.perf_counter() - start)


def on_build_error(error):
    if _word is not None:
        _word[0].shutdown(wait=False, cancel_futures=True)


def on_env(env, config, files):
    """Add the news feed. It runs here, after the blog plugin has given each post its URL and
    before the static files are written."""
    lib = _library(config)
    docs = Path(config.docs_dir).resolve()
    links = {path: config.site_url + files.get_file_from_path((lib.root / path).relative_to(docs).as_posix()).url
             for path, _ in lib.posts}
    files.append(File.generated(config, FEED_PATH, content=rss(lib.posts, links, config.site_url)))
    return env
