"""Input that a careless or hostile contributor could write and that once passed the validator,
then broke the build, the downloads or the page: each is refused with a located Swedish message.

The broken lines are written here, so the expected line:col is read from the text itself: a value
that starts after "  sv: " (six characters) stands in column 7.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kravbanken.model import load_library
from kravbanken.model.schemas import Schemas
from kravbanken.model.yamlload import Document

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"
TARGET = "criteria/krav/TST-001.yaml"
TITLE_LINE = "  sv: Testkrav om arbetsvillkor"         # line 8
CLAUSE_LINE = "    Leverantören ska inom [två (2)] veckor redovisa:"  # line 12, in the block that starts on line 11


def problems_with(project: Path, old: str, new: str) -> list[str]:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    file = project / "criteria" / "krav" / "TST-001.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in load_library(project).problems]


NOT_A_CHARACTER = "som inte är ett tecken och inte kan sparas i Word- eller Excel-filerna; ta bort det"
INVISIBLE = "som kan dölja, sammanfoga eller vända text; ta bort det"


@pytest.mark.parametrize("escape, code", [("\\uFFFF", "FFFF"), ("\\uFFFE", "FFFE"), ("\\uFDD0", "FDD0"),
                                          ("\\U0010FFFF", "10FFFF")])
def test_a_character_xml_does_not_allow_is_refused(project, escape, code):
    # Written as an escape in double quotes, since YAML refuses the raw character in a file.
    assert problems_with(project, TITLE_LINE, f'  sv: "Testkrav {escape}"') == [
        f"{TARGET}:8:7: texten har U+{code}, {NOT_A_CHARACTER}"]


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064", "\u2066",
                                  "\u2069", "\ufeff"])
def test_zero_width_and_direction_controls_are_refused(project, char):
    # Written as the character itself, as a contributor pasting text from elsewhere would.
    assert problems_with(project, TITLE_LINE, f"  sv: Testkrav{char} om arbetsvillkor") == [
        f"{TARGET}:8:7: texten har ett osynligt tecken (U+{ord(char):04X}) {INVISIBLE}"]


def test_a_reversed_title_is_refused(project):
    assert problems_with(project, TITLE_LINE, "  sv: \u202eliavrestebra mo varktseT") == [
        f"{TARGET}:8:7: texten har ett osynligt tecken (U+202E) {INVISIBLE}"]


def test_a_zero_width_space_inside_a_clause_block_is_refused(project):
    # A block scalar is reported where its value starts: the "|" on line 11, column 7.
    assert problems_with(project, CLAUSE_LINE, "    Leverantören ska inom [två (2)]\u200b veckor redovisa:") == [
        f"{TARGET}:11:7: texten har ett osynligt tecken (U+200B) {INVISIBLE}"]


@pytest.mark.parametrize("blank", ["\u2800", "\u2800 \u3164", "\u00ad"])
def test_a_text_with_no_visible_character_is_refused(project, blank):
    old = "guidance:\n  sv: Vägledning till upphandlaren."
    assert problems_with(project, old, f"guidance:\n  sv: {blank}") == [
        f"{TARGET}:22:7: texten har inget synligt tecken, bara tecken som ser ut som mellanslag; skriv texten med "
        "vanliga bokstäver eller ta bort fältet"]


def test_a_version_with_a_final_newline_is_refused(project):
    [problem] = problems_with(project, 'version: "2.0"', 'version: "2.0\\n"')
    assert problem.startswith(f'{TARGET}:3:10: version (version): "2.0\\n" har fel form.')


def test_a_news_slug_with_a_final_newline_is_refused(project):
    post = project / "docs" / "nyheter" / "posts" / "2026-11-24-rattade-krav.md"
    lines = post.read_text(encoding="utf-8").split("\n")
    assert lines[7] == "slug: rattade-krav"  # line 8 of the file
    lines[7] = 'slug: "rattade-krav\\n"'
    post.write_text("\n".join(lines), encoding="utf-8")
    problems = [str(p) for p in load_library(project).problems]
    assert problems[0].startswith('docs/nyheter/posts/2026-11-24-rattade-krav.md:8:7: adressnamn (slug): '
                                  '"rattade-krav\\n" har fel form.')


class _Refuses:
    """A fast validator that calls every record invalid, as if the two engines disagreed."""

    def is_valid(self, data):
        return False


def test_a_record_only_the_fast_validator_refuses_is_refused_with_a_location(root):
    schemas = Schemas(root / "schema")
    record = load_library(root).criteria["SOC-001"]
    schemas._fast["criterion.schema.json"] = _Refuses()
    problems, bad = schemas.check("criterion.schema.json", Document(record, {(): (1, 1)}), "criteria/krav/SOC-001.yaml")
    assert [str(p) for p in problems] == [
        "criteria/krav/SOC-001.yaml:1:1: filen stämmer inte med schemat criterion.schema.json, men felet kunde inte "
        "pekas ut; jämför filen med schemat fält för fält och fråga gärna i en pull request"]
    assert bad == {()}


# --- Files read safely: regular files inside the repository, never more than the size limit ------

LINK_NOWHERE = "filen är en symbolisk länk till en fil som inte finns; lägg själva filen här i stället för länken"
LINK_OUTSIDE = ("filen är en symbolisk länk till något utanför förrådet, som inte läses; lägg själva filen här i "
                "stället för länken")


def problems_of(project: Path) -> list[str]:
    return [str(p) for p in load_library(project).problems]


def test_a_dangling_symlink_is_named_and_refused(project):
    (project / "criteria/krav/ABC-001.yaml").symlink_to(project / "criteria/krav/finns-inte.yaml")
    assert problems_of(project) == [f"criteria/krav/ABC-001.yaml:1:1: {LINK_NOWHERE}"]


def test_a_folder_named_like_a_record_is_refused(project):
    (project / "criteria/krav/ABC-001.yaml").mkdir()
    (project / "criteria/krav/ABC-001.yaml/x.yaml").write_text("id: ABC-001\n", encoding="utf-8")
    assert problems_of(project) == [
        "criteria/krav/ABC-001.yaml:1:1: det här är en mapp, inte en fil; en mapp får inte ha ett namn som slutar "
        "på .yaml eller .md, så byt namn på mappen"]


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_symlink_out_of_the_repository_is_not_read(project, target):
    (project / "criteria/krav/ABC-001.yaml").symlink_to(target)
    # Refused at once (a read of /dev/zero would never end) and named by its place in the repository.
    assert problems_of(project) == [f"criteria/krav/ABC-001.yaml:1:1: {LINK_OUTSIDE}"]
    result = subprocess.run([sys.executable, "scripts/validate.py", "criteria/krav/ABC-001.yaml"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"criteria/krav/ABC-001.yaml:1:1: {LINK_OUTSIDE}"]


def test_a_symlink_to_a_record_inside_the_repository_is_read(project):
    drafts = project / "utkast"
    drafts.mkdir()
    (drafts / "TST-001.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "criteria/krav/TST-001.yaml").symlink_to(drafts / "TST-001.yaml")
    lib = load_library(project)
    assert lib.problems == () and "TST-001" in lib.criteria


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(project):
    text = FIXTURE.read_text(encoding="utf-8") + "# " + "x" * 2_000_000 + "\n"
    (project / "criteria/krav/TST-001.yaml").write_text(text, encoding="utf-8")
    assert problems_of(project) == ["criteria/krav/TST-001.yaml:1:1: filen är större än 2 MB"]


@pytest.mark.parametrize("name, rename", [("SOC-099.yml", "SOC-099.yaml"), ("SOC-099.YAML", "SOC-099.yaml"),
                                          ("SOC-099.yaml~", "SOC-099.yaml"), ("SOC-099.txt", "id:t följt av .yaml")])
def test_a_record_file_with_another_name_is_refused_not_ignored(project, name, rename):
    (project / "criteria/krav" / name).write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert problems_of(project) == [
        f'criteria/krav/{name}:1:1: filen "{name}" läses inte, eftersom bara filer som slutar på .yaml läses '
        f"(till exempel SOC-001.yaml); byt namn på den till {rename} eller ta bort den"]


def test_a_file_outside_the_record_folders_is_refused(project):
    (project / "criteria/SOC-099.yaml").write_text("id: SOC-099\n", encoding="utf-8")
    [problem] = problems_of(project)
    assert problem.startswith("criteria/SOC-099.yaml:1:1: filen ligger utanför mapparna för poster och läses inte; "
                              "flytta den till en av mapparna criteria/krav, criteria/uppforandekod, ")


def test_earlier_versions_in_the_archive_are_not_refused(project):
    archived = sorted((project / "criteria/arkiv").rglob("*.yaml"))
    assert archived and all(f.parent.parent.name == "arkiv" for f in archived)
    assert problems_of(project) == []
