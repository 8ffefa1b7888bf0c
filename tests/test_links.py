"""No broken links: every internal link, anchor and resource in the built site leads somewhere.

MkDocs checks the links it sees in Markdown (strict `validation:` in mkdocs.yml). This checks the
HTML a reader actually gets, which also holds generated pages, macros' output and the theme.
"""

import logging
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from mkdocs.config import load_config

from helpers import ROOT
from site_visit import page_files, page_path

SITE_URL = "https://kravbanken.se/"
BASE = "http://site.invalid/"  # stands for the site root while resolving relative links
LINK_ATTRS = ("href", "src", "poster", "data")


def mkdocs_config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_permanent_addresses_on_the_pages_are_pages_of_this_site(site):
    # The checks below treat links that start with SITE_URL as links into the built site: every
    # permanent address printed on a criterion page must be such a link, to a page that was built.
    pages = sorted(p for p in site.glob("kriterier/*/index.html") if re.fullmatch(r"[A-Z]{3}-\d{3}", p.parent.name))
    assert pages
    for page in pages:
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".kb-permalink a")["href"]
        assert link.startswith(SITE_URL), page
        assert (site / link[len(SITE_URL) :] / "index.html").is_file(), link


def test_mkdocs_turns_every_link_problem_into_a_build_error():
    # `mkdocs build --strict` fails on warnings, so each check must warn (not only log "info").
    validation = mkdocs_config().validation
    checks = {
        **{f"links.{k}": v for k, v in validation.links.items()},
        **{f"nav.{k}": v for k, v in validation.nav.items() if k != "omitted_files"},
    }
    assert {k: v for k, v in checks.items() if v < logging.WARNING} == {}


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


def links_of(html: str) -> list[str]:
    """Every URL a page links to or loads: href, src, srcset, poster and object data."""
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    tag: Any  # bs4 types an attribute as text or a list; these are the ones HTML gives as text
    for tag in soup.find_all(True):
        urls += [tag[attr] for attr in LINK_ATTRS if tag.has_attr(attr)]
        if tag.has_attr("srcset"):
            urls += _srcset_urls(tag["srcset"])
    return urls


def ids_of(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {str(tag["id"]) for tag in soup.find_all(id=True)} | {
        str(a["name"]) for a in soup.find_all("a", attrs={"name": True})
    }


class Site:
    """The built site, read lazily: which files exist and which ids each page has."""

    def __init__(self, root: Path):
        self.root = root

    def file_for(self, path: str) -> Path | None:
        """The built file that a URL path (relative to the site root) is served from."""
        candidate = self.root / unquote(path)
        if path.endswith("/") or path == "" or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    @cache  # noqa: B019 - one Site per test session, so the cache lives as long as it anyway
    def ids(self, file: Path) -> frozenset[str]:
        return frozenset(ids_of(file.read_text(encoding="utf-8")))

    def problem(self, page: str, link: str) -> str | None:
        """Why `link` on the page at URL path `page` is broken, or None when it works or is external."""
        scheme = urlsplit(link).scheme.lower()
        if scheme == "javascript":
            return "javascript:-länk"
        if scheme in ("mailto", "tel", "data"):
            return None
        absolute = urljoin(BASE + page, link)
        if absolute.startswith(SITE_URL):
            absolute = BASE + absolute[len(SITE_URL) :]
        if not absolute.startswith(BASE):
            return None  # another site: a link out, not checked offline
        parts = urlsplit(absolute)
        file = self.file_for(parts.path[len(urlsplit(BASE).path) :])
        if file is None:
            return "sidan eller filen finns inte"
        anchor = unquote(parts.fragment)
        if anchor and file.suffix == ".html" and anchor not in self.ids(file):
            return f"ankaret #{anchor} finns inte på {file.relative_to(self.root).as_posix()}"
        return None


def test_every_internal_link_and_anchor_resolves(site):
    built = Site(site)
    broken = []
    pages = page_files(site)
    assert len(pages) > 1
    for file in pages:
        page = page_path(site, file)
        for link in sorted(set(links_of(file.read_text(encoding="utf-8")))):
            why = built.problem(page, link)
            if why:
                broken.append(f"/{page}: {link} ({why})")
    assert not broken, f"{len(broken)} trasiga länkar:\n" + "\n".join(broken)


def test_every_sitemap_address_is_a_page(site):
    built = Site(site)
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(loc.startswith(SITE_URL) for loc in locations)
    assert [loc for loc in locations if built.problem("", loc)] == []


def test_the_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="finns">X</h2>', encoding="utf-8")
    built = Site(tmp_path)
    assert built.problem("a/", "#finns") is None
    assert built.problem("", "https://kravbanken.se/a/#finns") is None
    assert built.problem("", "a/#saknas") == "ankaret #saknas finns inte på a/index.html"
    assert built.problem("a/", "../b/") == "sidan eller filen finns inte"
    assert built.problem("a/", "/a/") is None
    assert built.problem("a/", "https://example.org/") is None
    assert built.problem("a/", "javascript:alert(1)") == "javascript:-länk"
