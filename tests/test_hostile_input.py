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

from helpers import FIXTURE, fixture_problems
from kravbanken.model import load_library
from kravbanken.model.schemas import Schemas
from kravbanken.model.yamlload import Document

TARGET = "criteria/krav/TST-001.yaml"
TITLE_LINE = "  sv: Testkrav om arbetsvillkor"  # line 8
CLAUSE_LINE = "    Leverantören ska inom [två (2)] veckor redovisa:"  # line 12, in the block that starts on line 11


NOT_A_CHARACTER = "som inte är ett tecken och inte kan sparas i Word- eller Excel-filerna; ta bort det"
INVISIBLE = "som kan dölja, sammanfoga eller vända text; ta bort det"


@pytest.mark.parametrize(
    "escape, code", [("\\uFFFF", "FFFF"), ("\\uFFFE", "FFFE"), ("\\uFDD0", "FDD0"), ("\\U0010FFFF", "10FFFF")]
)
def test_a_character_xml_does_not_allow_is_refused(project, escape, code):
    # Written as an escape in double quotes, since YAML refuses the raw character in a file.
    assert fixture_problems(project, TITLE_LINE, f'  sv: "Testkrav {escape}"') == [
        f"{TARGET}:8:7: texten har U+{code}, {NOT_A_CHARACTER}"
    ]


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200d", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064", "\u2066", "\u2069", "\ufeff"]
)
def test_zero_width_and_direction_controls_are_refused(project, char):
    # Written as the character itself, as a contributor pasting text from elsewhere would.
    assert fixture_problems(project, TITLE_LINE, f"  sv: Testkrav{char} om arbetsvillkor") == [
        f"{TARGET}:8:7: texten har ett osynligt tecken (U+{ord(char):04X}) {INVISIBLE}"
    ]


def test_a_reversed_title_is_refused(project):
    assert fixture_problems(project, TITLE_LINE, "  sv: \u202eliavrestebra mo varktseT") == [
        f"{TARGET}:8:7: texten har ett osynligt tecken (U+202E) {INVISIBLE}"
    ]


def test_a_zero_width_space_inside_a_clause_block_is_refused(project):
    # A block scalar is reported where its value starts: the "|" on line 11, column 7.
    assert fixture_problems(project, CLAUSE_LINE, "    Leverantören ska inom [två (2)]\u200b veckor redovisa:") == [
        f"{TARGET}:11:7: texten har ett osynligt tecken (U+200B) {INVISIBLE}"
    ]


@pytest.mark.parametrize("blank", ["\u2800", "\u2800 \u3164", "\u00ad"])
def test_a_text_with_no_visible_character_is_refused(project, blank):
    old = "guidance:\n  sv: Vägledning till upphandlaren."
    assert fixture_problems(project, old, f"guidance:\n  sv: {blank}") == [
        f"{TARGET}:22:7: texten har inget synligt tecken, bara tecken som ser ut som mellanslag; skriv texten med "
        "vanliga bokstäver eller ta bort fältet"
    ]


def test_a_version_with_a_final_newline_is_refused(project):
    [problem] = fixture_problems(project, 'version: "2.0"', 'version: "2.0\\n"')
    assert problem.startswith(f'{TARGET}:3:10: version (version): "2.0\\n" har fel form.')


def test_a_news_slug_with_a_final_newline_is_refused(project):
    post = project / "docs" / "nyheter" / "posts" / "2026-11-24-rattade-krav.md"
    lines = post.read_text(encoding="utf-8").split("\n")
    assert lines[7] == "slug: rattade-krav"  # line 8 of the file
    lines[7] = 'slug: "rattade-krav\\n"'
    post.write_text("\n".join(lines), encoding="utf-8")
    problems = [str(p) for p in load_library(project).problems]
    assert problems[0].startswith(
        'docs/nyheter/posts/2026-11-24-rattade-krav.md:8:7: adressnamn (slug): "rattade-krav\\n" har fel form.'
    )


class _Refuses:
    """A fast validator that calls every record invalid, as if the two engines disagreed."""

    def is_valid(self, data):
        return False


def test_a_record_only_the_fast_validator_refuses_is_refused_with_a_location(root, lib):
    schemas = Schemas(root / "schema")
    record = lib.criteria["SOC-001"]
    schemas._fast["criterion.schema.json"] = _Refuses()
    problems, bad = schemas.check("criterion.schema.json", Document(record, {(): (1, 1)}), "criteria/krav/SOC-001.yaml")
    assert [str(p) for p in problems] == [
        "criteria/krav/SOC-001.yaml:1:1: filen stämmer inte med schemat criterion.schema.json, men felet kunde inte "
        "pekas ut; jämför filen med schemat fält för fält och fråga gärna i en pull request"
    ]
    assert bad == {()}


# --- Files read safely: regular files inside the repository, never more than the size limit ------

LINK_NOWHERE = "filen är en symbolisk länk till en fil som inte finns; lägg själva filen här i stället för länken"
LINK_OUTSIDE = (
    "filen är en symbolisk länk till något utanför förrådet, som inte läses; lägg själva filen här i stället för länken"
)


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
        "på .yaml eller .md, så byt namn på mappen"
    ]


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_symlink_out_of_the_repository_is_not_read(project, target):
    (project / "criteria/krav/ABC-001.yaml").symlink_to(target)
    # Refused at once (a read of /dev/zero would never end) and named by its place in the repository.
    assert problems_of(project) == [f"criteria/krav/ABC-001.yaml:1:1: {LINK_OUTSIDE}"]
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", "criteria/krav/ABC-001.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
    )
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


@pytest.mark.parametrize(
    "name, rename",
    [
        ("SOC-099.yml", "SOC-099.yaml"),
        ("SOC-099.YAML", "SOC-099.yaml"),
        ("SOC-099.yaml~", "SOC-099.yaml"),
        ("SOC-099.txt", "id:t följt av .yaml"),
    ],
)
def test_a_record_file_with_another_name_is_refused_not_ignored(project, name, rename):
    (project / "criteria/krav" / name).write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert problems_of(project) == [
        f'criteria/krav/{name}:1:1: filen "{name}" läses inte, eftersom bara filer som slutar på .yaml läses '
        f"(till exempel SOC-001.yaml); byt namn på den till {rename} eller ta bort den"
    ]


def test_a_file_outside_the_record_folders_is_refused(project):
    (project / "criteria/SOC-099.yaml").write_text("id: SOC-099\n", encoding="utf-8")
    [problem] = problems_of(project)
    assert problem.startswith(
        "criteria/SOC-099.yaml:1:1: filen ligger utanför mapparna för poster och läses inte; "
        "flytta den till en av mapparna criteria/krav, criteria/uppforandekod, "
    )


def test_earlier_versions_in_the_archive_are_not_refused(project):
    archived = sorted((project / "criteria/arkiv").rglob("*.yaml"))
    assert archived and all(f.parent.parent.name == "arkiv" for f in archived)
    assert problems_of(project) == []


# --- Accepted although wrong: replacements, dates, news file names, sizes -------------------------


def write_criterion(project: Path, record_id: str, extra: str = "", status: str = "active") -> str:
    """The fixture as criterion `record_id` with `status` and `extra` lines at the end; its path."""
    text = FIXTURE.read_text(encoding="utf-8").replace("id: TST-001", f"id: {record_id}")
    text = text.replace("status: active", f"status: {status}") + extra
    path = f"criteria/krav/{record_id}.yaml"
    (project / path).write_text(text, encoding="utf-8")
    return path


END = len(FIXTURE.read_text(encoding="utf-8").splitlines())  # extra lines start on line END + 1


def test_a_criterion_superseded_by_itself(project):
    path = write_criterion(project, "TST-001", "superseded_by: TST-001\nsupersedes: TST-001\n", "superseded")
    assert problems_of(project) == [
        f"{path}:{END + 1}:16: ersatt av (superseded_by): kravet kan inte ersätta sig självt; ange ett annat krav "
        'än "TST-001"',
        f"{path}:{END + 2}:13: ersätter (supersedes): kravet kan inte ersätta sig självt; ange ett annat krav än "
        '"TST-001"',
    ]


def test_a_cycle_of_replacements(project):
    a = write_criterion(project, "TST-001", "superseded_by: TST-002\nsupersedes: TST-002\n", "superseded")
    b = write_criterion(project, "TST-002", "superseded_by: TST-001\nsupersedes: TST-001\n", "superseded")
    assert problems_of(project) == [
        f"{a}:{END + 1}:16: ersatt av (superseded_by): ersättningarna går i en cirkel: TST-001 → TST-002 → TST-001; "
        "ett krav kan inte ersättas av ett krav som det själv ersätter",
        f"{b}:{END + 1}:16: ersatt av (superseded_by): ersättningarna går i en cirkel: TST-002 → TST-001 → TST-002; "
        "ett krav kan inte ersättas av ett krav som det själv ersätter",
    ]


def test_supersedes_without_superseded_by_on_the_other_side(project):
    new = write_criterion(project, "TST-002", "supersedes: TST-001\n")
    write_criterion(project, "TST-001")
    assert problems_of(project) == [
        f'{new}:{END + 1}:13: ersätter (supersedes): "TST-001" anger inte superseded_by: TST-002; skriv det i '
        "criteria/krav/TST-001.yaml också, så att ersättningen står på båda sidor"
    ]


def test_superseded_by_without_supersedes_on_the_other_side(project):
    old = write_criterion(project, "TST-001", "superseded_by: TST-002\n", "superseded")
    write_criterion(project, "TST-002")
    assert problems_of(project) == [
        f'{old}:{END + 1}:16: ersatt av (superseded_by): "TST-002" anger inte supersedes: TST-001; skriv det i '
        "criteria/krav/TST-002.yaml också, så att ersättningen står på båda sidor"
    ]


def test_superseded_by_on_an_active_criterion(project):
    path = write_criterion(project, "TST-002", "supersedes: TST-001\n")
    write_criterion(project, "TST-001", "superseded_by: TST-002\n")
    assert problems_of(project) == [
        f"criteria/krav/TST-001.yaml:{END + 1}:16: ersatt av (superseded_by): ett gällande krav (status active) är "
        "inte ersatt; ändra status till superseded eller ta bort fältet superseded_by"
    ]
    assert path  # the successor itself is fine


def test_published_in_the_future(project, monkeypatch):
    # The build date is SOURCE_DATE_EPOCH's day when it is set. Only the test criterion's lines count:
    # versions of the real library published later than that day are in the future too.
    text = FIXTURE.read_text(encoding="utf-8").replace('"2026-03-01"', '"2026-11-30"')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")  # 2026-11-30 00:00 UTC: published today is fine
    (project / TARGET).write_text(text, encoding="utf-8")
    assert [p for p in problems_of(project) if p.startswith(f"{TARGET}:")] == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795910400")  # 2026-11-29
    (project / TARGET).write_text(text + "# en dag tidigare\n", encoding="utf-8")
    assert [p for p in problems_of(project) if p.startswith(f"{TARGET}:")] == [
        f"{TARGET}:28:12: publicerad (published): 2026-11-30 ligger i framtiden (i dag är det 2026-11-29); en version "
        "publiceras samma dag som den läggs in, skriv dagens datum"
    ]


def test_2099_is_in_the_future_today(project):
    text = FIXTURE.read_text(encoding="utf-8").replace('"2026-03-01"', '"2099-03-01"')
    (project / TARGET).write_text(text, encoding="utf-8")
    [problem] = problems_of(project)
    assert problem.startswith(f"{TARGET}:28:12: publicerad (published): 2099-03-01 ligger i framtiden")


def test_valid_from_before_published(project):
    assert fixture_problems(
        project, 'published: "2026-03-01"', 'published: "2026-03-01"\nvalid_from: "2026-02-01"'
    ) == [
        f"{TARGET}:29:13: gäller från (valid_from): 2026-02-01 är före publiceringsdatumet 2026-03-01; en version kan "
        "inte gälla innan den är publicerad"
    ]


POST_FILE = "docs/nyheter/posts/2026-11-24-rattade-krav.md"


def post_problems(project: Path, old: str, new: str, name: str = POST_FILE) -> list[str]:
    text = (project / POST_FILE).read_text(encoding="utf-8")
    assert old in text
    (project / POST_FILE).unlink()
    (project / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return problems_of(project)


def test_a_news_post_whose_date_is_not_in_its_file_name(project):
    # Line 3 is "  created: 2026-11-24"; the date starts in column 12.
    assert post_problems(project, "created: 2026-11-24", "created: 2026-11-25") == [
        f"{POST_FILE}:3:12: publicerad (date.created): 2026-11-25 stämmer inte med datumet 2026-11-24 i filnamnet; "
        "ändra det ena så att de blir lika"
    ]


def test_a_news_post_whose_slug_is_not_in_its_file_name(project):
    assert post_problems(project, "slug: rattade-krav", "slug: andra-krav") == [
        f'{POST_FILE}:8:7: adressnamn (slug): "andra-krav" stämmer inte med "rattade-krav" i filnamnet; ändra det '
        "ena så att de blir lika"
    ]


def test_a_news_post_file_name_without_a_date(project):
    name = "docs/nyheter/posts/rattade-krav.md"
    assert post_problems(project, "slug: rattade-krav", "slug: rattade-krav", name) == [
        f'{name}:1:1: filnamnet "rattade-krav.md" har fel form; en nyhet ska heta ÅÅÅÅ-MM-DD-adressnamn.md, till '
        "exempel 2026-03-01-nya-krav.md"
    ]


def test_validating_one_valid_news_post_reports_nothing(project):
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", POST_FILE], cwd=project, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "OK: 1 filer utan fel.\n")


def test_validating_a_news_post_draft_outside_the_library(project, tmp_path):
    draft = tmp_path / "2026-11-30-utkast.md"
    draft.write_text((project / POST_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", str(draft)], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "publicerad (date.created): 2026-11-24 stämmer inte med datumet 2026-11-30 i filnamnet; ändra det ena så "
        "att de blir lika",
        'adressnamn (slug): "rattade-krav" stämmer inte med "utkast" i filnamnet; ändra det ena så att de blir lika',
    ]


def test_fifty_thousand_tags_are_refused(project):
    tags = "".join(f"  - ord{i}\n" for i in range(50_000))
    assert fixture_problems(project, "published:", "tags:\n" + tags + "published:")[0].startswith(
        f"{TARGET}:29:3: sökord (tags): "
    )


def test_a_clause_of_almost_two_megabytes_is_refused(project):
    long = "Leverantören ska. " * 100_000  # 1.8 MB
    [problem] = fixture_problems(project, "  sv: Vägledning till upphandlaren.", f"  sv: {long}")
    assert problem.startswith(f"{TARGET}:22:7: svenska (guidance.sv): ")


def test_a_title_longer_than_200_characters_is_refused(project):
    [problem] = fixture_problems(project, TITLE_LINE, "  sv: " + "Rubrik " * 40)
    assert problem.startswith(f"{TARGET}:8:7: svenska (title.sv): ")


# --- Reader, constructor and file errors that once ended in a traceback (issues 20 and 23) --------


def validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, capture_output=True, text=True)


def test_a_nul_byte_in_a_clause_is_located_by_the_command_line_tool(project):
    # Measured: yaml.reader.ReaderError: unacceptable character #x0000 escaped from scripts/validate.py.
    text = FIXTURE.read_text(encoding="utf-8").replace("  sv: Vägledning till upphandlaren.", "  sv: Sank\x00tioner")
    (project / TARGET).write_text(text, encoding="utf-8")
    result = validate(project)
    assert (result.returncode, result.stdout) == (
        1,
        f"{TARGET}:22:11: texten har ett osynligt styrtecken (U+0000) "
        "som inte kan visas eller skrivas ut; ta bort det\n",
    )
    assert "Traceback" not in result.stderr


def test_an_integer_with_5000_digits_is_located(project):
    # Measured: ValueError: Exceeds the limit (4300 digits) for integer string conversion.
    assert fixture_problems(project, "level: base", "level: " + "9" * 5000) == [
        f"{TARGET}:6:8: talet {'9' * 20}… är för stort; ett heltal får vara högst 9007199254740991 (skriv värdet "
        "inom citattecken om det är en text)"
    ]


LOOP = (
    "filen är en symbolisk länk som pekar på sig själv, direkt eller genom andra länkar, och leder aldrig till "
    "en fil; lägg själva filen här i stället för länken"
)


def test_a_symlink_loop_in_the_criteria_is_located(project, tmp_path):
    # Measured: RuntimeError: Symlink loop from '…/criteria/krav/ABC-001.yaml'.
    (project / "criteria/krav/ABC-001.yaml").symlink_to("ABC-001.yaml")
    assert problems_of(project) == [f"criteria/krav/ABC-001.yaml:1:1: {LOOP}"]
    # A draft outside the library, checked on its own, through two links that point at each other.
    (tmp_path / "krav").mkdir()
    (tmp_path / "krav/a.yaml").symlink_to(tmp_path / "krav/b.yaml")
    (tmp_path / "krav/b.yaml").symlink_to(tmp_path / "krav/a.yaml")
    result = validate(project, str(tmp_path / "krav/a.yaml"))
    assert (result.returncode, result.stdout) == (1, f"{tmp_path}/krav/a.yaml:1:1: {LOOP}\n")


NOT_UTF8 = "filen är inte sparad som UTF-8 (byten 0xFF här är inte UTF-8); spara om den med teckenkodningen UTF-8"


@pytest.mark.parametrize("name", ["criteria/publicerat.lock", "CHANGELOG.md"])
def test_invalid_utf8_in_the_lock_or_the_changelog_is_located(project, name):
    # Measured: UnicodeDecodeError from read_text in model/versions.py and model/releases.py.
    file = project / name
    lines = file.read_bytes().split(b"\n")
    lines[6] = lines[6][:5] + b"\xff" + lines[6][5:]
    file.write_bytes(b"\n".join(lines))
    problems = problems_of(project)
    assert f"{name}:7:6: {NOT_UTF8}" in problems
    assert [p for p in problems if p.startswith(name)] == [f"{name}:7:6: {NOT_UTF8}"]


def test_a_lock_file_linked_out_of_the_repository_is_not_read_nor_replaced(project, tmp_path):
    outside = tmp_path / "utanfor.lock"
    outside.write_text((project / "criteria/publicerat.lock").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "criteria/publicerat.lock").unlink()
    (project / "criteria/publicerat.lock").symlink_to(outside)
    assert f"criteria/publicerat.lock:1:1: {LINK_OUTSIDE}" in problems_of(project)
    before = outside.read_bytes()
    result = subprocess.run([sys.executable, "scripts/lock_versions.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and f"criteria/publicerat.lock:1:1: {LINK_OUTSIDE}" in result.stdout
    assert outside.read_bytes() == before and (project / "criteria/publicerat.lock").is_symlink()


def test_a_json_syntax_error_in_a_schema_is_located(project):
    # Measured: json.decoder.JSONDecodeError from model/schemas.py.
    schema = project / "schema/risk-area.schema.json"
    text = schema.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n")) if row.rstrip().endswith("},"))
    rows = text.split("\n")
    rows[line] = rows[line].rstrip() + ","  # a second comma: the next thing is not a name
    schema.write_text("\n".join(rows), encoding="utf-8")
    expected = (
        f"schema/risk-area.schema.json:{line + 1}:{len(rows[line])}: JSON-syntaxfel: här ska ett namn inom "
        "dubbla citattecken stå; står ett kommatecken efter det sista värdet före }, ta bort det"
    )
    assert problems_of(project) == [expected]
    # The same for a check of one file, which needs the schemas too.
    result = validate(project, "criteria/krav/SOC-001.yaml")
    assert (result.returncode, result.stdout) == (1, expected + "\n")


@pytest.mark.parametrize(
    "name, shown, percent",
    [
        ("TST-001\nx.yaml", '"criteria/krav/TST-001\\nx.yaml"', "%0A"),
        ("TST-001\rx.yaml", '"criteria/krav/TST-001\\rx.yaml"', "%0D"),
    ],
)
def test_a_file_name_with_a_line_break_stays_on_one_line_in_both_formats(project, name, shown, percent):
    # Measured: the name's line break split the path:line:col: message over two lines.
    (project / "criteria/krav" / name).write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = validate(project)
    escaped = shown.strip('"').removeprefix("criteria/krav/")
    assert text.stdout.split("\n") == [
        f'{shown}:2:5: id (id): "TST-001" stämmer inte med filnamnet {escaped}; byt namn på filen till '
        f'TST-001.yaml, eller ändra id till "{escaped.removesuffix(".yaml")}"',
        "",
    ]
    github = validate(project, "--format", "github")
    errors = github.stdout.split("::warning")[0].split("\n")  # the warnings follow the errors
    [annotation, end] = errors  # the runner reads one command per line
    # The file property is the real name (%-escaped as the runner wants), so GitHub finds the file.
    assert end == "" and annotation.startswith(f"::error file=criteria/krav/TST-001{percent}x.yaml,line=2,col=5::")
    assert f"filnamnet {escaped};" in annotation


def test_a_schema_that_is_json_but_not_json_schema_is_located(project):
    # Was: jsonschema_rs.ValidationError with a traceback when the first record was checked.
    schema = project / "schema/risk-area.schema.json"
    rows = schema.read_text(encoding="utf-8").split("\n")
    line = next(n for n, row in enumerate(rows) if '"order": {' in row and '"type": "integer"' in row)
    rows[line] = rows[line].replace('"type": "integer"', '"type": "heltal"')
    schema.write_text("\n".join(rows), encoding="utf-8")
    col = rows[line].index('"heltal"') + 1
    assert problems_of(project) == [
        f"schema/risk-area.schema.json:{line + 1}:{col}: schemat följer inte JSON "
        "Schema (\"heltal\" is not valid under any of the schemas listed in the 'anyOf' keyword); skriv värdet som "
        "JSON Schema 2020-12 beskriver det"
    ]


@pytest.mark.parametrize(
    "old, new, shown",
    [
        ("codelists.schema.json#/$defs/status", "codelist.schema.json#/$defs/status", "codelist.schema.json"),
        ("codelists.schema.json#/$defs/status", "codelists.schema.json#/$defs/statuz", "/$defs/statuz"),
    ],
)
def test_a_ref_to_nothing_in_a_schema_is_located_and_never_fetched(project, old, new, shown):
    # Was: a traceback at the first record, after jsonschema_rs tried to fetch the missing file over the network.
    schema = project / "schema/criterion.schema.json"
    rows = schema.read_text(encoding="utf-8").split("\n")
    line = next(n for n, row in enumerate(rows) if old in row)
    rows[line] = rows[line].replace(old, new)
    schema.write_text("\n".join(rows), encoding="utf-8")
    col = rows[line].index(f'"{shown}' if shown.endswith(".json") else f'{shown}"') + 1
    assert problems_of(project) == [
        f'schema/criterion.schema.json:{line + 1}:{col}: $ref pekar på "{shown}", som inte finns bland schemana i '
        "schema/; rätta namnet på filen eller vägen efter #"
    ]
