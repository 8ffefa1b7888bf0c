"""Versions keep their promise: every published version is kept in criteria/arkiv/ and locked in
criteria/publicerat.lock, and each way of breaking that gives one located Swedish message from
scripts/validate.py and a failed build.

The expected line:col of each message is found in the file the test writes or reads, never taken
from the program.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from kravbanken.model import load_library
from kravbanken.model.versions import read_lock, unkept, unlocked

FIXTURES = Path(__file__).parent / "fixtures"
LOCK = "criteria/publicerat.lock"


def validate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)


def rejected(project: Path, build, expected: str) -> None:
    """The validator prints exactly `expected` and exits 1; the strict build fails saying it too."""
    result = validate(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
    built = build(project, project / "site")
    assert built.returncode != 0
    assert expected in (built.stderr + built.stdout).splitlines()


def line_of(text: str, start: str) -> int:
    """The 1-based number of the first line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def edit(project: Path, path: str, old: str, new: str) -> str:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def new_version_hint(record_id: str) -> str:
    return (
        f"Gör en ny version i stället: python scripts/new_version.py {record_id} --minor (språk och stavning) "
        "eller --major (det leverantören ska göra)"
    )


def test_every_published_version_of_the_library_is_locked_and_kept(lib):
    locked, problems = read_lock(ROOT)
    assert problems == [] and lib.problems == ()
    new = unlocked(lib.versions, locked)
    assert new == [], f"nya versioner som inte är låsta: {new[:5]}; kör python scripts/lock_versions.py"
    # Every version a changelog names is kept as a full record, and the lock holds them all.
    for record_id, records in lib.versions.items():
        named = {entry["version"] for entry in records[-1]["changelog"]}
        assert named == {r["version"] for r in records}, record_id
    assert unkept(lib.versions) == []
    assert sum(len(lib.history(i)) >= 2 for i in lib.criteria) >= 8


def test_an_archived_version_is_the_record_as_it_was(project):
    """SOC-001 1.0 is kept with its own text: its file, not the current one, is what the library holds."""
    lib = load_library(project)
    archived = yaml.safe_load((project / "criteria/arkiv/SOC-001/1.0.yaml").read_text(encoding="utf-8"))
    [first] = [r for r in lib.versions["SOC-001"] if r["version"] == "1.0"]
    assert first["clause"] == archived["clause"]
    assert lib.versions["SOC-001"][-1] == lib.criteria["SOC-001"]


def test_in_place_edit_of_the_current_published_version(project, build):
    text = edit(project, "criteria/krav/SOC-002.yaml", "Leverantören ska", "Leverantören bör")
    line = line_of(text, "version:")
    rejected(
        project,
        build,
        f"criteria/krav/SOC-002.yaml:{line}:10: version (version): version 1.2 av SOC-002 är "
        f"publicerad och får inte ändras. {new_version_hint('SOC-002')}",
    )


def test_in_place_edit_of_an_archived_version(project, build):
    path = "criteria/arkiv/SOC-001/1.0.yaml"
    text = (project / path).read_text(encoding="utf-8")
    guidance = text.split("guidance:\n  sv: |\n    ", 1)[1].split(" ", 1)[0]
    edit(project, path, "guidance:\n  sv: |\n    " + guidance, "guidance:\n  sv: |\n    Numera " + guidance.lower())
    rejected(
        project,
        build,
        f"{path}:{line_of(text, 'version:')}:10: version (version): version 1.0 av SOC-001 är "
        f"publicerad och får inte ändras. {new_version_hint('SOC-001')}",
    )


def test_lifecycle_fields_and_search_keywords_may_change_without_a_new_version(project):
    """Withdrawing a criterion changes its status, and a better search keyword helps readers find
    it; neither changes the text anyone cites, so the lock still holds."""
    edit(project, "criteria/krav/SOC-002.yaml", "status: active", "status: withdrawn")
    edit(project, "criteria/krav/SOC-002.yaml", "tags: [", "tags: [mänskliga rättigheter, ")
    assert validate(project).returncode == 0


def test_a_version_number_equal_to_the_last(project, build):
    # The contributor keeps the current version in the archive but forgets to raise the number.
    text = (project / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8")
    (project / "criteria/arkiv/SOC-002/1.2.yaml").write_text(text, encoding="utf-8")
    rejected(
        project,
        build,
        f'criteria/krav/SOC-002.yaml:{line_of(text, "version:")}:10: version (version): "1.2" ska '
        'vara högre än den tidigare versionen "1.2" (criteria/arkiv/SOC-002/1.2.yaml); gör en ny '
        "version med python scripts/new_version.py SOC-002 --minor eller --major",
    )


def test_a_version_number_lower_than_the_last(project, build):
    # An older version put back as the current one, while the newer one is kept in the archive.
    current = (project / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8")
    older = (project / "criteria/arkiv/SOC-002/1.1.yaml").read_text(encoding="utf-8")
    (project / "criteria/arkiv/SOC-002/1.2.yaml").write_text(current, encoding="utf-8")
    (project / "criteria/krav/SOC-002.yaml").write_text(older, encoding="utf-8")
    rejected(
        project,
        build,
        f'criteria/krav/SOC-002.yaml:{line_of(older, "version:")}:10: version (version): "1.1" ska '
        'vara högre än den tidigare versionen "1.2" (criteria/arkiv/SOC-002/1.2.yaml); gör en ny '
        "version med python scripts/new_version.py SOC-002 --minor eller --major",
    )


def test_a_new_version_without_its_own_changelog_entry(project, build):
    # Version 1.3, where the contributor renumbered the entry of 1.2 instead of adding one on top.
    path = "criteria/krav/SOC-002.yaml"
    text = (project / path).read_text(encoding="utf-8")
    (project / "criteria/arkiv/SOC-002/1.2.yaml").write_text(text, encoding="utf-8")
    edit(project, path, 'version: "1.2"', 'version: "1.3"')
    edit(project, path, '  - version: "1.2"', '  - version: "1.3"')
    rejected(
        project,
        build,
        f"{path}:{line_of(text, '  - version:')}:3: versionshistorik (changelog): posten för version "
        "1.2 saknas; varje version ska ha en egen post, den senaste först",
    )


def test_a_deleted_published_criterion(project, build):
    (project / "criteria/krav/BYG-003.yaml").unlink()
    line = line_of((project / LOCK).read_text(encoding="utf-8"), "BYG-003 ")
    rejected(
        project,
        build,
        f"{LOCK}:{line}:1: kravet BYG-003 är publicerat men criteria/krav/BYG-003.yaml finns inte "
        "längre. Ett publicerat krav tas aldrig bort och byter aldrig namn: återställ filen och sätt "
        "status: withdrawn i stället",
    )


def test_a_published_criterion_renamed_to_yml(project):
    (project / "criteria/krav/BYG-003.yaml").rename(project / "criteria/krav/BYG-003.yml")
    result = validate(project)
    assert result.returncode == 1
    assert "kravet BYG-003 är publicerat men criteria/krav/BYG-003.yaml finns inte längre" in result.stdout


def _first_published_after(root: Path, day: str) -> tuple[str, str]:
    """A criterion of the library under `root` whose first version is dated after `day`, and that
    date, read from the changelogs."""
    for file in sorted((root / "criteria/krav").glob("*.yaml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        first = record["changelog"][-1]["date"]
        if record["status"] != "draft" and first > day:
            return record["id"], first
    raise AssertionError("no criterion published after " + day)


def test_a_reference_to_a_criterion_published_later(project, build):
    fixture = (FIXTURES / "TST-001.yaml").read_text(encoding="utf-8")
    assert 'published: "2026-03-01"' in fixture
    later, first = _first_published_after(project, "2026-03-01")
    guidance = "  sv: Vägledning till upphandlaren."
    text = fixture.replace(guidance, f"{guidance} Se även {later}.")
    (project / "criteria/krav/TST-001.yaml").write_text(text, encoding="utf-8")
    (project / "criteria/arkiv/TST-001").mkdir(parents=True)
    (project / "criteria/arkiv/TST-001/1.0.yaml").write_text(
        (FIXTURES / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    line = line_of(text, guidance)
    col = text.split("\n")[line - 1].index(later) + 1
    rejected(
        project,
        build,
        f"criteria/krav/TST-001.yaml:{line}:{col}: vägledning (guidance): {later} publicerades först "
        f"{first}, efter den här versionens datum 2026-03-01; en version kan bara hänvisa till krav "
        "som fanns när den publicerades. Hänvisa till kravet i en ny version",
    )


def test_a_superseded_by_cycle(project, build):
    # SOC-001 is replaced by SOC-002; saying that SOC-002 is replaced by SOC-001 closes a circle.
    # (The rule is model.rules.check_replacements; here it meets the versions' own checks.)
    edit(project, "criteria/krav/SOC-002.yaml", "status: active", "status: superseded\nsuperseded_by: SOC-001")
    text = (project / "criteria/krav/SOC-001.yaml").read_text(encoding="utf-8")
    expected = (
        f"criteria/krav/SOC-001.yaml:{line_of(text, 'superseded_by: SOC-002')}:16: ersatt av (superseded_by): "
        "ersättningarna går i en cirkel: SOC-001 → SOC-002 → SOC-001; ett krav kan inte ersättas av ett krav "
        "som det själv ersätter"
    )
    result = validate(project)
    assert result.returncode == 1 and expected in result.stdout.splitlines()
    built = build(project, project / "site")
    assert built.returncode != 0 and expected in (built.stderr + built.stdout).splitlines()


def test_a_changed_clause_needs_a_major_version_unless_editorial(project):
    # A new minor version whose clause changes: refused, then accepted once marked editorial.
    path = "criteria/krav/SOC-002.yaml"
    text = (project / path).read_text(encoding="utf-8")
    (project / "criteria/arkiv/SOC-002/1.2.yaml").write_text(text, encoding="utf-8")
    entry = '  - version: "1.3"\n    date: "2026-12-01"\n    summary:\n      sv: Stavfel rättat.\n'
    new = (
        text.replace('version: "1.2"', 'version: "1.3"', 1)
        .replace("Leverantören ska", "Leverantören  ska", 1)
        .replace(re.search(r'published: "[0-9-]+"', text).group(0), 'published: "2026-12-01"')
        .replace("changelog:\n", "changelog:\n" + entry, 1)
    )
    (project / path).write_text(new, encoding="utf-8")
    result = validate(project)
    assert result.stdout.splitlines() == [
        f"{path}:{line_of(new, 'version:')}:10: version (version): kravtext (clause) har ändrats sedan version 1.2, "
        'och det kräver en ny huvudversion ("2.0"). Är ändringen bara stavning eller språk, som inte ändrar vad '
        "leverantören ska göra, skriv editorial: true i versionshistorikens första post"
    ]
    (project / path).write_text(new.replace(entry, entry + "    editorial: true\n"), encoding="utf-8")
    assert validate(project).returncode == 0


def test_the_lock_script_adds_new_versions_and_never_changes_old_ones(project):
    lock = (project / LOCK).read_text(encoding="utf-8")
    (project / "criteria/krav/TST-001.yaml").write_text(
        (FIXTURES / "TST-001.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "criteria/arkiv/TST-001").mkdir(parents=True)
    (project / "criteria/arkiv/TST-001/1.0.yaml").write_text(
        (FIXTURES / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    run = [sys.executable, "scripts/lock_versions.py"]
    result = subprocess.run(run, cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    after = (project / LOCK).read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in lock.splitlines()]
    assert [line.split()[:2] for line in added] == [["TST-001", "1.0"], ["TST-001", "2.0"]]
    assert all(line in after.splitlines() for line in lock.splitlines())
    # Now TST-001 2.0 is published: changing it in place is refused, and the lock file stays as it is.
    edit(project, "criteria/krav/TST-001.yaml", "Kravet skärptes.", "Kravet skärptes mycket.")
    result = subprocess.run(run, cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "version 2.0 av TST-001 är publicerad och får inte ändras" in result.stdout
    assert (project / LOCK).read_text(encoding="utf-8") == after


def test_the_lock_script_refuses_a_new_criterion_whose_changelog_names_a_version_not_kept(project):
    """A new criterion whose changelog names an earlier version must bring that version along."""
    (project / "criteria/krav/TST-001.yaml").write_text(
        (FIXTURES / "TST-001.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    lock = (project / LOCK).read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/lock_versions.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "criteria/krav/TST-001.yaml: versionshistoriken nämner version 1.0, men den finns inte sparad; lägg den "
        "fullständiga versionen i criteria/arkiv/TST-001/1.0.yaml"
    ]
    assert (project / LOCK).read_text(encoding="utf-8") == lock


# One root cause, one message: a missing or broken version, a current file deleted or unreadable, or
# the lock gone, used to bring a dozen follow-on messages in files nobody touched (references judged by
# a date the missing version would have given, the changelog naming it, each lock line, "kravet …
# finns inte", old versions judged as new ones by the major-version rule).
def _remove(project: Path, path: str) -> None:
    (project / path).unlink()


def _replace(old: str, new: str):
    def change(project: Path, path: str) -> None:
        edit(project, path, old, new)

    return change


@pytest.mark.parametrize(
    "path, change, where",
    [
        ("criteria/arkiv/SOC-002/1.0.yaml", _remove, (LOCK, "SOC-002 1.0 ")),
        ("criteria/arkiv/SOC-002/1.0.yaml", _replace("status: active", "status: aktiv"), None),
        ("criteria/arkiv/SOC-002/1.0.yaml", _replace("status: active", "status: [active"), None),
        ("criteria/krav/SOC-002.yaml", _replace("status: active", "status: [active"), None),
        ("criteria/krav/SOC-002.yaml", _remove, (LOCK, "SOC-002 1.0 ")),
        (LOCK, _remove, None),
    ],
    ids=[
        "archived-removed",
        "archived-invalid",
        "archived-unreadable",
        "current-unreadable",
        "current-removed",
        "lock-removed",
    ],
)
def test_one_root_cause_gives_one_message(project, path, change, where):
    change(project, path)
    problems = load_library(project).problems
    assert len(problems) == 1, "\n".join(map(str, problems))
    if where is None:  # the broken file itself
        assert problems[0].path == path
    else:  # the lock line of the version that is gone
        assert (problems[0].path, problems[0].line) == (
            where[0],
            line_of((project / LOCK).read_text(encoding="utf-8"), where[1]),
        )
