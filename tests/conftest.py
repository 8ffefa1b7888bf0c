"""Shared fixtures: the project root, the real site built once per test run, a local web server
for it, and a headless Debian Chromium driven by Playwright.

A test that uses a fixture which builds a site or opens Chromium (SLOW, directly or through another
fixture) is marked `slow`: `make check` leaves it out, `make test` runs it. So a new test lands in
the right speed by what it uses; a test that builds in a subprocess of its own is marked by hand.

Which fixture a new test takes, cheapest first:
- reads the real library: `lib` (loaded once per run; never change it) or `root`;
- changes the library or runs a script on it: `project`, a fresh copy of the small project
  (helpers.SMALL: every record and page, ten criteria); `full_project` only when the test is about
  the real content (the whole library), since loading it takes several times longer;
- a built page of the real library: `site` (built once per run; never write into it), or a built
  page with hostile content: add that content to `hostile_site`, built once, not a build of its own;
- a build of a changed library: `project` and `build` (a build of the small project takes seconds);
- a page in a browser: `page` (a fresh context on `server`, the one Chromium of the run: `browser`);
  a check of every page: the one visit in `site_visits`, not a loop of its own over the pages.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock, Timeout
from hypothesis import settings

from helpers import (
    FIXTURES,
    HOSTILE_DESCRIPTION,
    HOSTILE_POST,
    HOSTILE_TITLE,
    ROOT,
    SMALL,
    build_site,
    copy_project,
    script,
)
from kravbanken.model import load_library

chromium = script("chromium")  # shared with scripts/bench_search.py
SLOW = {"site", "server", "browser", "site_visits", "build"}  # and every fixture that uses one

# Examples per property test: `make test` tries 25, `make check` (--hypothesis-profile=quick) 5.
settings.register_profile("full", max_examples=25)
settings.register_profile("quick", max_examples=5)
settings.load_profile("full")


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW & set(getattr(item, "fixturenames", ())):  # every fixture the test uses, however indirectly
            item.add_marker(pytest.mark.slow)
    # make test hands out whole files in this order (--dist loadfile --no-loadscope-reorder): first
    # the files that need the visit to every page, so that both workers share that visit from the
    # start instead of one waiting for the other at the end; then the files with most tests first,
    # as pytest-xdist would order them.
    tests = Counter(item.path for item in items)
    sweep = {item.path for item in items if "site_visits" in getattr(item, "fixturenames", ())}
    items.sort(key=lambda item: (item.path not in sweep, -tests[item.path]))


def _run_folder(tmp_path_factory, worker_id: str) -> Path:
    """The folder that the workers of the run share, above each worker's own."""
    run = tmp_path_factory.getbasetemp()
    return run if worker_id == "master" else run.parent


def _make_once(shared: Path, name: str, make: Callable[[Path], Any], wait: bool = True) -> bool:
    """Make `name` in the shared folder unless it is made. With wait=False, False at once if
    another worker is making it now."""
    try:
        with FileLock(shared / f"{name}.lock", blocking=wait):
            made = shared / f"{name}.json"
            if not made.exists():
                (shared / name).mkdir(exist_ok=True)  # a worker that failed to make it may have begun
                made.write_text(json.dumps(make(shared / name)), encoding="utf-8")
    except Timeout:
        return False
    return True


def once_per_run(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], Any]) -> tuple[Path, Any]:
    """(folder, make(folder)): made once for the whole test run. Under pytest-xdist (make test) a
    session fixture is made once per worker; this one is made by the first worker that needs it, in
    a folder that the workers of the run share, while the others wait. make returns JSON data."""
    shared = _run_folder(tmp_path_factory, worker_id)
    _make_once(shared, name, make)
    return shared / name, json.loads((shared / f"{name}.json").read_text(encoding="utf-8"))


def shared_by_workers(tmp_path_factory, worker_id: str, name: str, makes: list[Callable[[Path], Any]]) -> list[Any]:
    """[make(folder) for make in makes], each part made once for the whole run as once_per_run
    makes it, by whichever workers need them: a worker makes every part that no other worker is
    making, and only then waits for the parts that others are still making."""
    shared = _run_folder(tmp_path_factory, worker_id)
    for number, make in enumerate(makes):
        _make_once(shared, f"{name}-{number}", make, wait=False)
    return [once_per_run(tmp_path_factory, worker_id, f"{name}-{number}", make)[1] for number, make in enumerate(makes)]


def built(result: subprocess.CompletedProcess) -> list:
    return [result.returncode, result.stderr]


@pytest.fixture(scope="session")
def small_project(tmp_path_factory) -> Path:
    """The small project, made once and never changed: `project` copies it."""
    small = copy_project(tmp_path_factory.mktemp("small") / "project", SMALL)
    assert load_library(small).problems == ()
    return small


@pytest.fixture
def project(tmp_path, small_project) -> Path:
    """A fresh copy of the small project (helpers.SMALL: every record and page of the real one, but
    only ten criteria) for a test that changes the library: it loads in a fraction of the time."""
    return copy_project(tmp_path / "project", source=small_project)


@pytest.fixture
def full_project(tmp_path) -> Path:
    """A fresh copy of the whole real project, for a test about the real content."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def build():
    """helpers.build_site, for a test that builds a copy of the project (so the test is slow)."""
    return build_site


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def lib():
    """The real library, validated."""
    library = load_library(ROOT)
    assert library.problems == ()
    return library


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The real library's site, built once for the whole test run."""
    site_dir, (code, errors) = once_per_run(tmp_path_factory, worker_id, "site", lambda d: built(build_site(ROOT, d)))
    assert code == 0, errors
    return site_dir


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, worker_id, build, small_project) -> Path:
    """A copy of the small project with contributor text full of Jinja, HTML and Markdown, built
    once: the criterion tests/fixtures/INJ-001.yaml (test_site) and a news post with HOSTILE_TITLE
    and HOSTILE_DESCRIPTION in its front matter (test_news_safety). Add hostile input of a new kind
    here, so that this one build covers it."""

    def make(folder: Path) -> list:
        project = copy_project(folder / "project", source=small_project)
        shutil.copy(FIXTURES / "INJ-001.yaml", project / "criteria" / "krav" / "INJ-001.yaml")
        lines = (project / HOSTILE_POST).read_text(encoding="utf-8").split("\n")
        assert lines[3].startswith("title: ") and lines[6].startswith("description: ")
        lines[3] = f"title: '{HOSTILE_TITLE}'"
        lines[6] = "description: '" + HOSTILE_DESCRIPTION.replace("'", "''") + "'"
        (project / HOSTILE_POST).write_text("\n".join(lines), encoding="utf-8")
        return built(build(project, project / "site"))

    folder, (code, errors) = once_per_run(tmp_path_factory, worker_id, "hostile", make)
    assert code == 0, errors
    return folder / "project" / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. In CI a missing browser fails the run instead of skipping."""
    from playwright.sync_api import sync_playwright

    if not Path(chromium.CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium saknas ({chromium.CHROMIUM}); .ci/run ska installera paketet chromium")
        pytest.skip("Chromium är inte installerat (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context (new profile) and page, with the clipboard allowed for the site."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], base_url=server)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def site_visits(request, tmp_path_factory, worker_id, server, site):
    """Every page of the built site loaded once in Chromium: (page path -> Visit, requests made).
    The accessibility and privacy gates share this one visit (see site_visit.py). Its shares are
    made by every worker that needs it, each with its own browser, while it needs it."""
    from site_visit import Visit, shares, visit_pages

    def visit(paths: list[str]) -> Callable[[Path], list]:
        def make(_: Path) -> list:
            visits, requests = visit_pages(request.getfixturevalue("browser"), server, paths)
            return [{page: dataclasses.asdict(visit) for page, visit in visits.items()}, requests]

        return make

    made = shared_by_workers(tmp_path_factory, worker_id, "visits", [visit(paths) for paths in shares(site)])
    return (
        {page: Visit(**visit) for visits, _ in made for page, visit in visits.items()},
        [tuple(r) for _, requests in made for r in requests],
    )
