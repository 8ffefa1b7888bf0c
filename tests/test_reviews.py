"""Review dates: a published criterion says when it was last checked against its sources and when it
must be checked again. A missing or overdue date is a warning that never fails the validator; an
impossible date is an error; a review date needs no new version.

The expected line:col are counted in the text the test writes, never taken from the program.
"""

import subprocess
import sys
from pathlib import Path

from kravbanken.model import load_library

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"
TARGET = "criteria/krav/TST-001.yaml"
DAY = "1796342400"  # SOURCE_DATE_EPOCH of 2026-12-04 00:00 UTC, the build date in these tests


def put(project: Path, after_published: str) -> str:
    """The fixture with `after_published` inserted below its published line, written as TST-001
    (with its archived 1.0); returns the text written."""
    text = FIXTURE.read_text(encoding="utf-8").replace('published: "2026-03-01"\n',
                                                       f'published: "2026-03-01"\n{after_published}', 1)
    (project / "criteria/krav/TST-001.yaml").write_text(text, encoding="utf-8")
    archive = project / "criteria/arkiv/TST-001/1.0.yaml"
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_text((FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return text


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def mine(problems) -> list[str]:
    return [str(p) for p in problems if p.path == TARGET]


def validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, capture_output=True, text=True)


def test_an_overdue_review_is_a_warning_at_its_line_and_the_validator_still_passes(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    text = put(project, 'reviewed: "2025-11-01"\nreview_due: "2026-11-30"\n')
    lib = load_library(project)
    line = line_of(text, "review_due:")
    expected = (f"{TARGET}:{line}:13: granskas senast (review_due): 2026-11-30 har passerat (i dag är det "
                "2026-12-04); granska kravet mot sina källor och skriv nya datum i reviewed och review_due. "
                "Ändras inget i kravet behövs ingen ny version")
    assert mine(lib.problems) == [] and mine(lib.warnings) == [expected]

    result = validate(project)
    assert result.returncode == 0 and result.stdout.startswith("OK: ")
    assert expected.replace(": granskas", ": varning: granskas", 1) in result.stderr.splitlines()
    assert TARGET not in result.stdout  # the errors' channel holds no warning

    github = validate(project, "--format", "github", TARGET)
    assert github.returncode == 0
    assert [w for w in github.stdout.splitlines() if w.startswith("::warning ")] == [
        f"::warning file={TARGET},line={line},col=13::granskas senast (review_due): 2026-11-30 har passerat (i dag "
        "är det 2026-12-04); granska kravet mot sina källor och skriv nya datum i reviewed och review_due. Ändras "
        "inget i kravet behövs ingen ny version"]


def test_a_review_due_today_or_later_gives_no_warning(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    put(project, 'reviewed: "2026-12-04"\nreview_due: "2026-12-04"\n')
    assert mine(load_library(project).problems)  # due on the day of the review: an error, below
    put(project, 'reviewed: "2025-12-04"\nreview_due: "2026-12-04"\n')
    lib = load_library(project)
    assert mine(lib.problems) == [] and mine(lib.warnings) == []


def test_a_missing_review_date_is_a_warning(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    text = put(project, 'reviewed: "2026-12-01"\n')
    lib = load_library(project)
    assert mine(lib.problems) == []
    [warning] = mine(lib.warnings)
    assert warning.startswith(f"{TARGET}:{line_of(text, 'reviewed:')}:11: granskas senast (review_due) saknas; ")


def test_impossible_review_dates_are_errors(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    text = put(project, 'reviewed: "2026-12-05"\nreview_due: "2026-06-01"\n')
    assert mine(load_library(project).problems) == [
        f"{TARGET}:{line_of(text, 'reviewed:')}:11: granskad (reviewed): 2026-12-05 ligger i framtiden (i dag är "
        "det 2026-12-04); skriv dagen då granskningen gjordes",
        f"{TARGET}:{line_of(text, 'review_due:')}:13: granskas senast (review_due): 2026-06-01 ska vara senare än "
        "granskningsdagen 2026-12-05 (reviewed); skriv när kravet ska granskas nästa gång, högst ett år fram"]
    assert validate(project).returncode == 1


def test_recording_a_review_needs_no_new_version(project, monkeypatch):
    """A published, locked criterion gets review dates in place: its fingerprint is unchanged."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    file = project / "criteria/krav/SOC-001.yaml"
    text = file.read_text(encoding="utf-8")
    line = next(line for line in text.split("\n") if line.startswith("published:"))
    file.write_text(text.replace(line, f'{line}\nreviewed: "2026-12-04"\nreview_due: "2027-12-04"', 1), encoding="utf-8")
    lib = load_library(project)
    assert lib.problems == ()
    assert lib.criteria["SOC-001"]["review_due"] == "2027-12-04"
    assert not [w for w in lib.warnings if w.path == "criteria/krav/SOC-001.yaml"]
