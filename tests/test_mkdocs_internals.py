"""What the plugin relies on in MkDocs beyond the plugin API (adapter/mkdocs_internals.py): each use
is checked against the installed MkDocs, so that an upgrade that changes one fails here, by name,
instead of a broken `mkdocs serve` or a failed strict build that is published anyway."""

from __future__ import annotations

import inspect
import logging
import re

import pytest
from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from helpers import ROOT
from kravbanken.adapter import mkdocs_internals
from kravbanken.adapter.mkdocs_internals import HtmlPage, WarningCount, check_version, keep_serving
from kravbanken.site.render import anchor_ids, contents, environment, front_matter


def test_another_mkdocs_version_is_refused_with_a_clear_message():
    check_version()  # the installed one is known
    with pytest.raises(PluginError, match=r"skriven för MkDocs 1\.6\.x, men MkDocs 2\.0\.0 är installerat"):
        check_version("2.0.0")


def test_a_failed_rebuild_under_serve_is_reported_and_serving_goes_on(tmp_path):
    def fails():
        raise RuntimeError("trasig fil")

    server = LiveReloadServer(builder=fails, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        reported = []
        assert keep_serving(server, reported.append) is server
        server.builder()  # what the server's rebuild loop calls after a change
        assert [str(e) for e in reported] == ["trasig fil"]
    finally:
        server.server_close()
    # The rebuild loop still calls the attribute that keep_serving wraps.
    assert "self.builder()" in inspect.getsource(LiveReloadServer)


def test_a_good_rebuild_under_serve_is_left_as_it_is(tmp_path):
    built = []
    server = LiveReloadServer(builder=lambda: built.append(1), host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        keep_serving(server, pytest.fail)
        server.builder()
    finally:
        server.server_close()
    assert built == [1]


def test_warnings_are_counted_as_mkdocs_counts_them_for_strict_mode():
    count = WarningCount()
    count.start()
    try:
        logging.getLogger("mkdocs.plugins.someone").warning("en länk pekar ingenstans")
        logging.getLogger("mkdocs.structure.pages").info("bara information")
        logging.getLogger("elsewhere").warning("inte MkDocs")
        assert count.count == 1
    finally:
        count.stop()
    logging.getLogger("mkdocs").warning("efter bygget")
    assert count.count == 1


def test_mkdocs_still_stops_a_strict_build_after_on_post_build_when_a_warning_was_logged():
    source = inspect.getsource(build.build)
    # Its own counter is on the "mkdocs" logger at WARNING, as ours is ...
    assert "warning_counter.setLevel(logging.WARNING)" in source
    assert "logging.getLogger('mkdocs').addHandler(warning_counter)" in source
    # ... and it stops the build only after every plugin's on_post_build has run.
    assert source.index("config.plugins.on_post_build(") < source.index("in strict mode")
    assert mkdocs_internals.SUPPORTED == "1.6."


HEADINGS = """{% import "components.html" as c %}
{% call c.heading(2, "kravtext") %}Krav &amp; text{% endcall %}
<p>Text med <span id="lucka">en lucka</span>.</p>
{% call c.heading(3, "del") %}En del{% endcall %}
{% call c.heading(2, "kallor") %}Källor{% endcall %}
"""


def _shape(toc) -> list:
    return [(item.title, item.id, item.level, _shape(item.children)) for item in toc]


def test_a_generated_page_gets_the_html_contents_and_anchors_that_markdown_would_give_it(tmp_path):
    """A generated page is not run through Python-Markdown (HtmlPage): its headings, table of
    contents and anchors must be what the same sections written in Markdown get, with mkdocs.yml's
    settings, and MkDocs must use the page the plugin made."""
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))
    html = environment().from_string(HEADINGS).render()
    (tmp_path / "skriven.md").write_text(
        "## Krav & text {: #kravtext }\n\n"
        'Text med <span id="lucka">en lucka</span>.\n\n'
        "### En del {: #del }\n\n## Källor {: #kallor }\n",
        encoding="utf-8",
    )
    meta = front_matter(title="Genererad <sida>", lang="en", search={"exclude": True}, scripts=["historik"], n=3)
    (tmp_path / "genererad.md").write_text(str(meta) + html, encoding="utf-8")
    written, generated = (
        File(name, str(tmp_path), str(tmp_path / "site"), True) for name in ("skriven.md", "genererad.md")
    )
    files = Files([written, generated])
    Page(None, written, config)
    HtmlPage(generated, config, contents, anchor_ids)
    for file in files:  # as the build reads and renders each page (build._populate_page, below)
        file.page.read_source(config)
        file.page.render(config, files)
    assert isinstance(generated.page, HtmlPage) and generated.page.title == "Genererad &lt;sida&gt;"
    as_mkdocs_reads_it = Page(None, File("genererad.md", str(tmp_path), str(tmp_path / "site"), True), config)
    as_mkdocs_reads_it.read_source(config)
    assert (generated.page.meta, generated.page.markdown) == (as_mkdocs_reads_it.meta, as_mkdocs_reads_it.markdown)
    populate = inspect.getsource(build._populate_page)
    between_tags = re.compile(r">\s+<")
    assert between_tags.sub("><", generated.page.content.strip()) == between_tags.sub("><", written.page.content)
    assert (
        _shape(generated.page.toc)
        == _shape(written.page.toc)
        == [
            ("Krav &amp; text", "kravtext", 2, [("En del", "del", 3, [])]),
            ("Källor", "kallor", 2, []),
        ]
    )
    assert (
        generated.page.present_anchor_ids == written.page.present_anchor_ids == {"kravtext", "lucka", "del", "kallor"}
    )
    # MkDocs renders the page a file has, and makes one only for a file without.
    assert "if file.page is None and file.inclusion.is_not_in_nav():" in inspect.getsource(build.build)
    assert populate.index("page.read_source(config)") < populate.index("page.render(config, files)")
