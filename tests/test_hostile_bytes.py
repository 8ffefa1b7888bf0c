"""Random bytes and random Unicode in every field of every kind of record (a property-based test,
Hypothesis): the validator gives either located messages, each `path:line:col: text` on one line
with the line and column inside the file, or a clean load; never a traceback. And one build with a
bad byte: it fails with the located message and leaves the published site as it was.

The values are written into a real record file as a contributor would type them, replacing the rest
of a line, and the file is checked as `scripts/validate.py FILE` checks a draft: with
`check_files` against the real library (loaded once: the `lib` fixture). The example budget is
fixed and derandomized, as in tests/test_hostile_text.py, so the run is short and repeatable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURE, ROOT, build_site
from kravbanken.model import KIND, check_files, load_library
from kravbanken.model.files import load_file
from kravbanken.model.library import front_matter

LINE = re.compile(r"(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)")
PIECES = [
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\ud800",
    "\r",
    "\t",
    "\n",
    "\n  ",
    "1" * 5000,
    "0x" + "f" * 30,
    "1:0:0:0:0:0:0:0:0:0:0",
    "!!int x",
    "!!bool kanske",
    "!!binary ===",
    "0b_",
    "&a",
    "*a",
    ": ",
    " #",
    "'",
    '"',
    '"\\',
    '"\\x00"',
    '"\\ud800"',
    "|",
    ">-",
    "[",
    "{",
    "---",
    "...",
    "%YAML",
    "? ",
    "- ",
    "~",
    "yes",
    ".nan",
    "2026-13-45",
    "{{ 7*7 }}",
    "<script>",
]
UNICODE = (
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=()), max_size=8)),
        min_size=1,
        max_size=4,
    )
    .map("".join)
    .map(lambda text: text.encode("utf-8", "surrogatepass"))
)
BYTES = st.binary(min_size=1, max_size=12)
BUDGET = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def value_positions(file: Path, shown_as: str) -> list[tuple[int, int]]:
    """(line, col) where each value of the record or post starts, 1-based."""
    doc = front_matter(file, ROOT, shown_as) if file.suffix == ".md" else load_file(file, ROOT, shown_as)
    return sorted(set(doc.marks.values()) - {doc.marks[()]})


def with_value(raw: bytes, line: int, col: int, value: bytes) -> bytes:
    """The file with the rest of line `line` from column `col` (in characters) replaced by `value`."""
    lines = raw.split(b"\n")
    text = lines[line - 1].decode("utf-8")
    lines[line - 1] = text[: col - 1].encode("utf-8") + value
    return b"\n".join(lines)


def assert_located(problems, written: bytes):
    text = written.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for problem in problems:
        shown = str(problem)
        assert len(shown.splitlines()) == 1, shown
        assert LINE.fullmatch(shown), shown
        assert 1 <= problem.line <= len(lines), shown
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, shown


def examples():
    lib = load_library(ROOT)
    files = {kind: next(path for (k, _), path in sorted(lib.files.items()) if k == kind) for kind in KIND}
    return [*files.items(), ("post", lib.posts[0][0])]


@pytest.mark.parametrize("kind, source", examples())
def test_random_bytes_and_unicode_in_any_field_are_located_or_loaded(lib, tmp_path, kind, source):
    raw = (ROOT / source).read_bytes()
    positions = value_positions(ROOT / source, source)
    # A draft outside the library, in a folder named like the record's, so that its kind is known.
    draft = tmp_path / Path(source).parent.name / Path(source).name
    draft.parent.mkdir()

    @BUDGET
    @given(where=st.sampled_from(positions), value=st.one_of(UNICODE, BYTES))
    def check(where, value):
        written = with_value(raw, *where, value)
        draft.write_bytes(written)
        assert_located(check_files(ROOT, [draft], lib), written)

    check()


def test_a_build_with_a_bad_byte_fails_with_its_place_and_leaves_the_site(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("den publicerade webbplatsen", encoding="utf-8")
    raw = FIXTURE.read_bytes().replace("  sv: Vägledning".encode(), "  sv: Väg".encode() + b"\xff", 1)
    (project / "criteria/krav/TST-001.yaml").write_bytes(raw)
    result = build_site(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "criteria/krav/TST-001.yaml:22:10: filen är inte sparad som UTF-8 (byten 0xFF här är inte UTF-8); "
        "spara om den med teckenkodningen UTF-8"
    ) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging folder left behind
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "den publicerade webbplatsen"
