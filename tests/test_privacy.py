"""No third-party requests: a visitor's browser talks to our server and to no one else.

Two checks: Chromium loads every page and records every request it makes, and a scan of all built
HTML, CSS and JavaScript finds no address on another host that a browser would load by itself
(scripts, styles, fonts, images, frames). Ordinary links to other sites are not loads.
"""

import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from site_visit import page_files

LOCAL_HOSTS = {"127.0.0.1"}

# <link rel=...> values that make the browser fetch something on its own.
LOADING_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "prerender",
}
# Attributes that load a resource, on any element; href/xlink:href only on these SVG elements.
LOADING_ATTRS = ("src", "srcset", "poster", "background")
SVG_HREF_TAGS = {"use", "image", "feimage"}

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
# A quoted address: with a scheme, or protocol-relative with a dotted host ("//nbsp" is a comment).
JS_STRING_URL = re.compile(r"""["'`](https?://[^"'`\s]+|//(?:[\w-]+\.)+[\w-]+[^"'`\s]*)""")

# Addresses in Material's JavaScript bundle. Each is loaded only when a feature we do not use is
# switched on; the browser test above would see the request if one ever were.
THEME_SCRIPT_URLS = {
    "https://unpkg.com/mermaid@": "Mermaid diagrams; no page has one (test below)",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver (before 2020)",
    "https://api.github.com/": "repository facts, shown only when mkdocs.yml sets repo_url",
    "https://${e}/api/v4/projects/": "GitLab repository facts, only with a GitLab repo_url",
}

# In Pagefind's scripts (pagefind/), an address that is never requested: a stand-in host that lets
# new URL() parse a page's path (to add an anchor or to mark search terms); it is cut off again.
PAGEFIND_SCRIPT_URLS = {
    "https://example.com${": "new URL(`https://example.com${path}`), then the host is removed with replace()",
}

# Addresses in the docx library (vendor/docx-*.iife.js, the kravpaket's Word file): the names of XML
# namespaces and relationship types that it writes into the file, which nothing fetches, and one
# example in its documentation comments.
DOCX_SCRIPT_URLS = {
    "http://schemas.openxmlformats.org/": "Office Open XML namespaces and relationship types",
    "http://schemas.microsoft.com/office/": "Word's own namespaces and relationship types",
    "http://purl.org/dc/": "Dublin Core namespaces of the document properties",
    "http://purl.oclc.org/ooxml/": "strict Office Open XML relationship types",
    "http://www.w3.org/2001/XMLSchema-instance": "the XML Schema instance namespace",
    "https://example.com": "an example in a documentation comment",
}


def is_other_host(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname not in LOCAL_HOSTS


def css_loads(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def html_loads(html: str) -> list[str]:
    """Every address an HTML page makes the browser fetch by itself (not links a reader follows)."""
    soup = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    tag: Any  # bs4 types an attribute as text or a list; these are the ones HTML gives as text
    for tag in soup.find_all(True):
        for attr in LOADING_ATTRS:
            if tag.has_attr(attr):
                urls += (
                    [part.split()[0] for part in tag[attr].split(",") if part.strip()]
                    if attr == "srcset"
                    else [tag[attr]]
                )
        if tag.name == "link" and LOADING_RELS & {r.lower() for r in tag.get("rel", [])}:
            urls.append(tag.get("href", ""))
        if tag.name == "object" and tag.has_attr("data"):
            urls.append(tag["data"])
        if tag.name.lower() in SVG_HREF_TAGS:
            urls += [tag[a] for a in ("href", "xlink:href") if tag.has_attr(a)]
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            urls.append(tag.get("content", "").partition("url=")[2])
        if tag.has_attr("style"):
            urls += css_loads(tag["style"])
    urls += [u for style in soup.find_all("style") for u in css_loads(style.get_text())]
    # A JSON script is data, never run: the kravpaket's (package_data.html) holds the permanent addresses
    # it prints into its document. What a page's scripts do fetch, the browser test above records.
    urls += [
        u
        for script in soup.find_all("script")
        if script.get("type") != "application/json"
        for u in JS_STRING_URL.findall(script.get_text())
    ]
    return urls


def test_loading_every_page_requests_nothing_from_another_host(site_visits):
    visits, requests = site_visits
    assert len(visits) == len({page for page, _ in requests})  # every page was recorded
    # The overview fetches parts of the search index, partly from Pagefind's web worker (its WebAssembly
    # and index files): recording them shows that such requests are seen.
    assert any("/pagefind/" in url and url.endswith(".pagefind") for _, url in requests)
    outside = sorted(
        {
            f"/{page}: {url}"
            for page, url in requests
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname not in LOCAL_HOSTS
        }
    )
    assert not outside, "Anrop till andra värdar:\n" + "\n".join(outside)


def test_no_built_file_loads_anything_from_another_host(site):
    found = []
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".css", ".js"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix == ".html":
            urls = html_loads(text)
        elif file.suffix == ".css":
            urls = css_loads(text)
        else:
            known = (
                PAGEFIND_SCRIPT_URLS
                if file.parent.name == "pagefind"
                else DOCX_SCRIPT_URLS
                if file.name.startswith("docx-")
                else THEME_SCRIPT_URLS
            )
            urls = [u for u in JS_STRING_URL.findall(text) if not u.startswith(tuple(known))]
        found += [f"{file.relative_to(site)}: {url}" for url in urls if is_other_host(url)]
    assert not found, "Resurser från andra värdar:\n" + "\n".join(found)


def test_theme_script_addresses_are_only_the_known_unused_ones(site):
    bundle = "\n".join(f.read_text(encoding="utf-8") for f in (site / "assets" / "javascripts").glob("bundle.*.js"))
    assert {prefix for prefix in THEME_SCRIPT_URLS if prefix in bundle} == set(THEME_SCRIPT_URLS)
    assert not [f for f in page_files(site) if 'class="mermaid' in f.read_text(encoding="utf-8")]


def test_the_scan_sees_fonts_scripts_and_images_but_not_links():
    page = """<html><head><link rel="stylesheet" href="https://fonts.example/css">
      <link rel="canonical" href="https://kravbanken.se/"><style>@import "//cdn.example/x.css";</style></head>
      <body><a href="https://ilo.org/">ILO</a><img srcset="https://img.example/a.png 2x, b.png 1x">
      <div style="background: url('https://img.example/bg.png')"></div>
      <script>fetch("https://track.example/p")</script><script src="https://cdn.example/a.js"></script></body></html>"""
    outside = sorted(u for u in html_loads(page) if is_other_host(u))
    assert outside == [
        "//cdn.example/x.css",
        "https://cdn.example/a.js",
        "https://fonts.example/css",
        "https://img.example/a.png",
        "https://img.example/bg.png",
        "https://track.example/p",
    ]
    assert not is_other_host("http://127.0.0.1:8000/x.js") and not is_other_host("../assets/x.css")
