"""No code from content: only the pages that mkdocs.yml lists under force_render_paths are rendered
by mkdocs-macros (a rendered page is a Jinja template, and a template can run any Python); any
other page whose front matter asks for it stops the build before any template runs, and the
listed pages, which are code, have a code owner."""

from __future__ import annotations

import pathspec
import pytest
from jinja2 import DictLoader, Environment
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from helpers import ROOT, build_site
from kravbanken.adapter.macros import asks_to_render, macro_pages, no_includes, unread_front_matter

# The pages the project names as code (written out here, so that a page added to the list in
# mkdocs.yml without a code owner fails a test).
CODE_PAGES = {
    "kriterier/index.md",
    "kriterier/kravpaket.md",
    "uppforandekod/index.md",
    "uppforandekod/konventioner.md",
    "en/code-of-conduct/index.md",
    "en/criteria/index.md",
    "en/risk-areas/index.md",
    "en/follow-up/index.md",
    "riskomraden/index.md",
    "uppfoljning/index.md",
    "goda-exempel/index.md",
}
REFUSED = (
    "sidan ber om att köras som en mall med makron ({}), men bara sidorna under force_render_paths i "
    "mkdocs.yml får det, eftersom en mall kan köra kod när webbplatsen byggs; ta bort raden, eller be en "
    "kodägare att lägga till sidan i listan (se CONTRIBUTING.md)"
)
# Measured in issue 23: this page made `make build` run `id`. The second line leaves a file behind
# if the page is ever rendered.
PAYLOAD = (
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}\n\n"
    "{{ cycler.__init__.__globals__.os.popen('touch KORDES').read() }}\n"
)


@pytest.fixture(scope="module")
def configured():
    """mkdocs.yml loaded, and the plugins' on_config run, as at the start of a build (serve: nothing is
    staged)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    return config.plugins.on_config(config)


def test_mkdocs_yml_lists_the_code_pages_and_renders_nothing_else(configured):
    plugin = configured.plugins["macros"]
    pages = {path.relative_to(ROOT / "docs").as_posix(): True for path in (ROOT / "docs").rglob("*.md")}
    pages |= {"kriterier/SOC-001/index.md": False, "goda-exempel/steg/upphandling/index.md": False}
    assert macro_pages(plugin.config, plugin.force_page_rendering, "", pages) == (CODE_PAGES, [])
    assert plugin.config["render_by_default"] is False


def test_the_code_pages_and_their_list_have_a_code_owner():
    rules = [
        line.split()
        for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owned = {rule[0] for rule in rules if len(rule) > 1}
    assert {f"/docs/{path}" for path in CODE_PAGES} | {"/mkdocs.yml"} <= owned


@pytest.mark.parametrize(
    "value",
    [
        "true",
        "True",
        "TRUE",
        "yes",
        "Yes",
        "YES",
        "on",
        "On",
        "ON",
        "1",
        "1.0",
        "+1",
        "0x1",
        "0b1",
        "01",
        "!!bool yes",
        '!!int "1"',
    ],
)
def test_every_spelling_of_true_is_refused_where_it_stands(value):
    text = f"---\ntitle: Om oss\nrender_macros: {value}\n---\n\n# Om oss\n\n{PAYLOAD}"
    assert get_data(text)[1]["render_macros"] == True  # noqa: E712 - what mkdocs-macros tests
    assert (
        str(asks_to_render(text, "docs/om/index.md"))
        == f"docs/om/index.md:3:1: {REFUSED.format('render_macros: ' + value)}"
    )


@pytest.mark.parametrize(
    "front, where",
    [
        ("x: &ja yes\nrender_macros: *ja\n", "3:1"),  # an alias
        ("<<: {render_macros: on}\n", "2:6"),  # a merge key
        ('"render\\x5fmacros": true\n', "1:1"),  # an escape in the key: no place to point at
    ],
)
def test_an_alias_a_merge_key_or_an_escaped_key_is_refused(front, where):
    problem = asks_to_render(f"---\n{front}---\n{PAYLOAD}", "docs/om/index.md")
    assert problem is not None and str(problem).startswith(f"docs/om/index.md:{where}: sidan ber om att köras")


def test_line_ends_are_read_as_mkdocs_reads_them():
    # MkDocs opens a page in text mode, so \r\n and \r end lines: front matter written so is read.
    for newline in ("\r\n", "\r"):
        text = newline.join(["---", "title: Om", "render_macros: true", "---", PAYLOAD])
        assert str(asks_to_render(text, "docs/om/index.md")).startswith("docs/om/index.md:3:1: sidan ber om")


@pytest.mark.parametrize("value", ["false", "no", "off", "0", "2", "y", "Y", '"true"', "'yes'", "~", "[true]"])
def test_a_value_that_mkdocs_macros_does_not_render_is_not_refused(value):
    text = f"---\nrender_macros: {value}\n---\n{PAYLOAD}"
    assert get_data(text)[1]["render_macros"] != True  # noqa: E712
    assert asks_to_render(text, "docs/om/index.md") is None
    # Without front matter delimiters MkDocs reads every value as text, which is never True.
    assert asks_to_render(f"render_macros: true\n\n{PAYLOAD}", "docs/om/index.md") is None


def test_the_list_must_name_hand_written_pages_and_rendering_must_be_opt_in():
    listed_text = "kriterier/*\nkriterier/SOC-001/index.md\nkriterier/index.md\nindex.md\n"
    config = "plugins:\n  - macros:\n      render_by_default: true\n      force_render_paths: |\n" + "".join(
        f"        {line}\n" for line in listed_text.splitlines()
    )
    options = {"render_by_default": True, "force_render_paths": listed_text}
    renders = pathspec.PathSpec.from_lines("gitwildmatch", listed_text.splitlines()).match_file  # as mkdocs-macros
    pages = {"index.md": True, "om/index.md": True, "kriterier/index.md": True, "kriterier/SOC-001/index.md": False}
    listed, problems = macro_pages(options, renders, config, pages)
    assert listed == {"index.md", "kriterier/index.md"}
    not_listed = (
        "gör också {} till en mall, fast sidan inte står i listan; skriv hela sökvägen till varje sida, utan * eller ?"
    )
    assert [str(p) for p in problems] == [
        "mkdocs.yml:3:7: macros: render_by_default ska vara false, så att bara sidorna under force_render_paths körs "
        "som mallar",
        'mkdocs.yml:5:9: macros: force_render_paths: "kriterier/*" är inte en handskriven sida under docs/; skriv '
        "hela sökvägen till en sida, utan * eller ?, till exempel kriterier/index.md",
        'mkdocs.yml:6:9: macros: force_render_paths: "kriterier/SOC-001/index.md" är inte en handskriven sida under '
        "docs/; skriv hela sökvägen till en sida, utan * eller ?, till exempel kriterier/index.md",
        f"mkdocs.yml:4:7: macros: force_render_paths {not_listed.format('om/index.md')}",
    ]


def test_a_template_cannot_include_another_file():
    environment = Environment(loader=DictLoader({"nyheter/posts/x.md": PAYLOAD}))
    no_includes(environment)
    with pytest.raises(TypeError, match="no loader"):
        environment.from_string("{% include 'nyheter/posts/x.md' %}").render()


def test_the_measured_payload_stops_the_build_before_any_template_runs(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("den publicerade webbplatsen", encoding="utf-8")
    (project / "docs/om/verktyg.md").write_text(
        f"---\nrender_macros: true\n---\n\n# Verktyg\n\n{PAYLOAD}", encoding="utf-8"
    )
    # Every hand-written page is read as the records are: a control character is located too.
    (project / "docs/om/trasig.md").write_text("# Trasig\n\nSank\x00tioner\n", encoding="utf-8")
    (project / "docs/om/rubrik.md").write_text("---\ntitle: [Rubrik\n---\n\n# Rubrik\n", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode != 0
    assert f"docs/om/verktyg.md:2:1: {REFUSED.format('render_macros: true')}" in result.stderr
    assert (
        "docs/om/trasig.md:3:5: texten har ett osynligt styrtecken (U+0000) som inte kan visas eller skrivas ut; "
        "ta bort det"
    ) in result.stderr
    assert "docs/om/rubrik.md:2:8: listan eller mappningen som börjar här stängs aldrig" in result.stderr
    assert "uid=" not in result.stderr + result.stdout and not (project / "KORDES").exists()
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "den publicerade webbplatsen"


def test_the_build_takes_the_loader_from_the_templates(configured):
    assert configured.plugins["macros"].env.loader is None


FIELDS_WANTED = "sidhuvudet mellan raderna --- ska vara fält med värden, ett per rad, till exempel title: Sidans rubrik"


@pytest.mark.parametrize(
    "front, where, says",
    [
        ("title: [Om oss\n", "2:8", "listan eller mappningen som börjar här stängs aldrig"),
        ('title: "Om oss\n', "2:8", 'citattecknet (") som börjar här stängs inte på samma rad'),
        ("title: Om\n  hide: x\n", "3:7", "raden är indragen mer än raden ovanför"),
        ("- bara\n- en lista\n", "2:1", FIELDS_WANTED),
        ("# bara en kommentar\n\n", "2:1", FIELDS_WANTED),
    ],
)
def test_front_matter_that_mkdocs_would_drop_without_a_word_is_refused_where_it_goes_wrong(front, where, says):
    text = f"---\n{front}---\n\n# Om oss\n"
    assert get_data(text)[1] == {}  # MkDocs: no title, no settings, and the block shown as text
    assert str(unread_front_matter(text, "docs/om/index.md")).startswith(f"docs/om/index.md:{where}: {says}")


def test_front_matter_read_differently_by_mkdocs_and_the_library_is_refused():
    text = "---\ntitle: Om oss\ntitle: Om Kravbanken\n---\n\n# Om oss\n"
    assert get_data(text)[1] == {"title": "Om Kravbanken"}  # MkDocs keeps the last without a word
    assert str(unread_front_matter(text, "docs/om/index.md")) == (
        'docs/om/index.md:3:1: fältet "title" förekommer två gånger (första gången på rad 2); '
        "varje fält får bara finnas en gång"
    )


def test_good_front_matter_and_none_at_all_pass():
    for text in ("---\ntitle: Om oss\nhide:\n  - navigation\n---\n\n# Om oss\n", "# Om oss\n\n---\n\nText.\n"):
        assert unread_front_matter(text, "docs/om/index.md") is None
