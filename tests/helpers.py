"""What the tests share: where the project is, how to build a copy of it, and the site's public
URL scheme as the tests expect it (written out here, not taken from the program, so that a wrong
URL in the program fails a test instead of moving with it)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup

from kravbanken.model import load_library

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE = FIXTURES / "TST-001.yaml"  # a valid criterion that tests break one line at a time

# The public URLs, relative to the site root, that procurers cite and other sites link to.
URLS = {
    "criterion": "kriterier/{id}/",
    "criterion_version": "kriterier/{id}/{version}/",
    "risk_area": "riskomraden/{id}/",
    "follow_up": "uppfoljning/{id}/",
    "coc_clause": "uppforandekod/#{id}",
    "convention": "uppforandekod/konventioner/#{id}",
    "profile": "goda-exempel/{id}/",
    "stage": "goda-exempel/steg/{id}/",
    "releases": "kriterier/utgavor/",
    "release": "kriterier/utgavor/{number}/",
    "results": "uppfoljning/resultat/",
    "results_by": "uppfoljning/resultat/{facet}/{value}/",
    "results_plan": "uppfoljning/resultat/plan/",
    "result": "uppfoljning/resultat/{id}/",
}


def script(name: str) -> ModuleType:
    """The module scripts/<name>.py (scripts/ is a folder of programs, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def url(kind: str, **fields) -> str:
    return URLS[kind].format(**fields)


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run the strict MkDocs build of `project` into `site_dir`, as `make build` does."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


PROJECT_PARTS = (
    "mkdocs.yml",
    "pyproject.toml",
    "CHANGELOG.md",
    "docs",
    "criteria",
    "schema",
    "macros",
    "overrides",
    "scripts",
)


# The criteria of the small project (copy_project(..., SMALL)): the ones tests edit by name, and one
# of each status. SOC-001 (superseded) and SOC-002 replace one another; SOC-003 and TEX-001 have
# archived versions and lines in both releases; HSK-002 is out for consultation, SOC-010 a draft,
# SOC-012 withdrawn; BYG-003 and SOC-009 have one version each; FRB-005 was first published after
# the test fixture's date (2026-03-01).
SMALL = ("BYG-003", "FRB-005", "HSK-002", "SOC-001", "SOC-002", "SOC-003", "SOC-009", "SOC-010", "SOC-012", "TEX-001")
_RECORD_ID = re.compile(r"[A-Z]{3}-\d{3}")


def copy_project(dest: Path, criteria: tuple[str, ...] | None = None, source: Path = ROOT) -> Path:
    """A copy of everything the build reads, to break or extend without touching the real tree.
    (The code runs from the installed package; macros/ is copied because mkdocs.yml watches it.)
    With `criteria`, a smaller library with only those criteria: their archived versions and their
    lines in the lock and the release files stay, the other criteria are gone from all of them, and
    every other record (code of conduct, risk areas, follow-ups, profiles) and page is as it is."""
    dest.mkdir(parents=True, exist_ok=True)

    def ignore(folder: str, names: list[str]) -> set[str]:
        left_out = {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}
        if criteria is not None and Path(folder).name in ("krav", "arkiv"):
            left_out |= {n for n in names if _RECORD_ID.fullmatch(n.removesuffix(".yaml")) and n[:7] not in criteria}
        return left_out

    for name in PROJECT_PARTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore, symlinks=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    if criteria is not None:
        for lock in [dest / "criteria/publicerat.lock", *(dest / "criteria/utgavor").glob("*.lock")]:
            lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
            lock.write_text(
                "".join(line for line in lines if not _RECORD_ID.match(line) or line[:7] in criteria), encoding="utf-8"
            )
    return dest


# A news post whose front matter is full of markup (test_news_safety), in the project copy that
# conftest's hostile_site builds.
HOSTILE_POST = "docs/nyheter/posts/2026-11-24-rattade-krav.md"
HOSTILE_TITLE = "</title><script>alert(1)</script> <b>fet</b> & {{ 7*7 }}"
HOSTILE_DESCRIPTION = '"><script>alert(2)</script> <i>kursiv</i> & en mening.'


def fixture_problems(project: Path, old: str, new: str) -> list[str]:
    """The validator's lines once `old` (which must be in the fixture) is replaced by `new` in the
    fixture, written into `project` as criteria/krav/TST-001.yaml."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    (project / "criteria" / "krav" / "TST-001.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in load_library(project).problems]


def read_page(site: Path, path: str) -> BeautifulSoup:
    """The built page at URL path `path` ("riskomraden/textil/"), without the ¶ after each heading."""
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup
