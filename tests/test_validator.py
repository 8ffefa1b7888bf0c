"""The validator: each kind of mistake gives the right Swedish message at the right line:col, all
problems come together, the CLI exits 1, and the build fails with the same lines."""

import subprocess
import sys
from pathlib import Path

import pytest

from kravbanken.model import LibraryCache, check_files, load_library

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"
TARGET = "criteria/krav/TST-001.yaml"


def put(project: Path, text: str, name: str = "TST-001.yaml") -> Path:
    """Write a criterion into the project; TST-001 comes with its archived version 1.0, which its
    changelog names."""
    file = project / "criteria" / "krav" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    if name == "TST-001.yaml":
        archive = project / "criteria" / "arkiv" / "TST-001" / "1.0.yaml"
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_text((FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return file


def broken(project: Path, old: str, new: str, name: str = "TST-001.yaml") -> list[str]:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    put(project, text.replace(old, new, 1), name)
    return [str(p) for p in load_library(project).problems]


def validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, capture_output=True, text=True)


def test_the_fixture_and_the_real_library_are_valid(project):
    put(project, FIXTURE.read_text(encoding="utf-8"))
    assert load_library(project).problems == ()


def test_level_outside_the_codelist_names_field_and_allowed_labels(project):
    assert broken(project, "level: base", "level: basic") == [
        f'{TARGET}:6:8: nivå (level): "basic" är inte tillåtet; tillåtna värden: base (Basnivå), '
        'advanced (Avancerad nivå), spearhead (Spjutspetsnivå). Menade du "base"?'
    ]


def test_unquoted_version_gets_a_hint(project):
    [problem] = broken(project, 'version: "2.0"', "version: 2.0")
    assert problem.startswith(f'{TARGET}:3:10: version (version): ska vara text; skriv "2.0" inom citattecken')


def test_duplicate_key(project):
    [problem] = broken(project, "level: base\n", "level: base\nlevel: advanced\n")
    assert problem == (
        f'{TARGET}:7:1: fältet "level" förekommer två gånger (första gången på rad 6); '
        "varje fält får bara finnas en gång"
    )


def test_missing_required_field_is_reported_at_the_record(project):
    problems = broken(project, "verification:\n  sv: Leverantören lämnar en lista över produktionsenheter.\n", "")
    assert problems == [
        f"{TARGET}:2:1: det obligatoriska fältet verifiering (verification) saknas; lägg till en "
        'rad "verification:" och under den "  sv: " följt av texten'
    ]


def test_misspelt_field_suggests_the_right_one(project):
    problems = broken(project, "guidance:", "guidence:")
    assert problems == [
        f'{TARGET}:21:1: fältet "guidence" finns inte. Menade du guidance (vägledning)? '
        "Skriv guidance: i stället för guidence:"
    ]


def test_bad_date(project):
    [problem] = broken(project, 'published: "2026-03-01"', 'published: "2026-13-01"')
    assert problem.startswith(f'{TARGET}:28:12: publicerad (published): "2026-13-01" är inte ett datum som finns')


def test_wrong_id_form_explains_the_form(project):
    problems = broken(project, "id: TST-001", "id: TST-01")
    assert problems[0].startswith(f'{TARGET}:2:5: id (id): "TST-01" har fel form.')
    assert "tre versaler, bindestreck och tre siffror" in problems[0]


def test_file_name_must_be_the_id(project):
    problems = broken(project, "id: TST-001", "id: TST-002")
    assert problems == [
        f'{TARGET}:2:5: id (id): "TST-002" stämmer inte med filnamnet TST-001.yaml; '
        'byt namn på filen till TST-002.yaml, eller ändra id till "TST-001"'
    ]


def test_duplicate_id_in_another_folder(project):
    put(project, FIXTURE.read_text(encoding="utf-8"))
    put(project, FIXTURE.read_text(encoding="utf-8"), "arkiv/TST-001.yaml")
    problems = [str(p) for p in load_library(project).problems]
    assert len(problems) == 1
    assert "används redan i" in problems[0]
    assert problems[0].split(":")[1:3] == ["2", "5"]


def test_unknown_risk_area_lists_the_known_ones(project):
    [problem] = broken(project, "risk_areas: [textil, handskar]", "risk_areas: [textil, handskarna]")
    assert problem.startswith(
        f'{TARGET}:25:22: riskområden (risk_areas[1]): riskområdet "handskarna" finns inte; '
        'menade du "handskar"? Kända id: '
    )
    assert "handskar," in problem


def test_unknown_code_of_conduct_clause(project):
    [problem] = broken(project, "code_of_conduct: [AR-1, AR-2]", "code_of_conduct: [AR-1, AR-99]")
    assert problem.startswith(
        f'{TARGET}:26:25: uppförandekod (code_of_conduct[1]): punkten i uppförandekoden "AR-99" finns inte'
    )


def test_changelog_must_start_with_the_current_version(project):
    [problem] = broken(project, '  - version: "2.0"', '  - version: "1.5"')
    assert problem == (
        f'{TARGET}:30:14: version (changelog[0].version): "1.5" ska vara samma som kravets '
        'version "2.0"; den senaste versionen står först'
    )


def test_changelog_must_be_newest_first(project):
    [problem] = broken(project, '  - version: "1.0"', '  - version: "3.0"')
    assert problem.startswith(f'{TARGET}:34:14: version (changelog[1].version): "3.0" ska vara lägre än "2.0"')


def test_superseded_by_must_point_to_a_criterion(full_project):
    # The whole library: with over a hundred ids the message suggests similar ones instead of listing all.
    [problem] = broken(full_project, "status: active", "status: superseded\nsuperseded_by: SOC-099")
    assert problem.startswith(f'{TARGET}:5:16: ersatt av (superseded_by): kravet "SOC-099" finns inte; liknande id: ')
    assert "SOC-009" in problem and problem.endswith("(alla finns i criteria/krav/)")


def test_a_reference_with_a_schema_error_is_reported_once(project):
    [problem] = broken(project, "risk_areas: [textil, handskar]", "risk_areas: [textil, Handskar]")
    assert problem.startswith(f'{TARGET}:25:22: riskområden (risk_areas[1]): "Handskar" har fel form.')


def test_all_problems_are_reported_together_and_the_cli_exits_1(project):
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("level: base", "level: basic").replace(
        "follow_up: [sjalvskattning]", "follow_up: [sjalvskatning]"
    )
    put(project, text)
    result = validate(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{TARGET}:6:8", f"{TARGET}:27:13"]


def test_cli_on_one_file_outside_the_library(project, tmp_path):
    draft = tmp_path / "utkast" / "TST-001.yaml"
    draft.parent.mkdir()
    draft.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("type: contract-condition", "type: condition"), encoding="utf-8"
    )
    result = validate(project, str(draft))
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f'{draft}:5:7: kravtyp (type): "condition" är inte tillåtet')
    assert check_files(project, [draft])[0].line == 5  # the same check as the library's


def test_cli_summary_on_a_valid_library(project):
    result = validate(project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: ") and len(result.stdout.splitlines()) == 1


def test_build_fails_with_the_same_messages(project, tmp_path, build):
    expected = broken(project, "level: base", "level: basic")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert expected[0] in result.stderr
    assert not (tmp_path / "site" / "kriterier").exists()  # nothing half-built


def test_library_is_loaded_once_until_a_file_changes(project):
    cache = LibraryCache()  # the plugin holds one for as long as mkdocs build or serve runs
    first = load_library(project, cache=cache)
    assert load_library(project, cache=cache) is first
    assert load_library(project) is not first  # a script that loads once keeps nothing
    file = put(project, FIXTURE.read_text(encoding="utf-8"))
    second = load_library(project, cache=cache)
    assert second is not first and "TST-001" in second.criteria
    file.unlink()
    assert "TST-001" not in load_library(project, cache=cache).criteria


@pytest.mark.parametrize("kind_folder", ["uppforandekod", "riskomraden", "uppfoljning", "konventioner", "goda-exempel"])
def test_reference_kinds_are_validated_too(project, kind_folder):
    file = sorted((project / "criteria" / kind_folder).glob("*.yaml"))[0]
    file.write_text(file.read_text(encoding="utf-8") + "okänt_fält: 1\n", encoding="utf-8")
    problems = [p for p in load_library(project).problems if p.path.endswith(file.name)]
    assert problems and 'fältet "okänt_fält" finns inte här' in problems[0].message
