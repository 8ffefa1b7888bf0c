"""Review dates: a published criterion says when it was last checked against its sources and when it
must be checked again. A missing or overdue date is a warning that never fails the validator; an
impossible date is an error; a review date needs no new version.

The expected line:col are counted in the text the test writes, never taken from the program.
"""

import json
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from kravbanken.downloads.tables import criteria_json, table
from kravbanken.model import load_library
from kravbanken.site import generated_pages
from kravbanken.site.criterion import criterion_page
from test_render import small_library

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"
TARGET = "criteria/krav/TST-001.yaml"
DAY = "1796342400"  # SOURCE_DATE_EPOCH of 2026-12-04 00:00 UTC, the build date in these tests


def undated(text: str) -> str:
    """A criterion's text without its review dates."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(("reviewed:", "review_due:")))


def put(project: Path, after_published: str) -> str:
    """The fixture with its review dates replaced by `after_published`, inserted below its published
    line, written as TST-001 (with its archived 1.0); returns the text written."""
    text = undated(FIXTURE.read_text(encoding="utf-8")).replace(
        'published: "2026-03-01"\n', f'published: "2026-03-01"\n{after_published}', 1
    )
    (project / "criteria/krav/TST-001.yaml").write_text(text, encoding="utf-8")
    archive = project / "criteria/arkiv/TST-001/1.0.yaml"
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_text((FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return text


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def mine(problems) -> list[str]:
    """The problems of TARGET about its review (not the warning that its guidance has no English)."""
    return [str(p) for p in problems if p.path == TARGET and "på engelska (en)" not in p.message]


def validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/validate.py", *args], cwd=project, capture_output=True, text=True)


def test_an_overdue_review_is_a_warning_at_its_line_and_the_validator_still_passes(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    text = put(project, 'reviewed: "2025-11-01"\nreview_due: "2026-11-30"\n')
    lib = load_library(project)
    line = line_of(text, "review_due:")
    expected = (
        f"{TARGET}:{line}:13: granskas senast (review_due): 2026-11-30 har passerat (i dag är det "
        "2026-12-04); granska kravet mot sina källor och skriv nya datum i reviewed och review_due. "
        "Ändras inget i kravet behövs ingen ny version"
    )
    assert mine(lib.problems) == [] and mine(lib.warnings) == [expected]

    result = validate(project)
    assert result.returncode == 0 and result.stdout.startswith("OK: ")
    assert expected.replace(": granskas", ": varning: granskas", 1) in result.stderr.splitlines()
    assert TARGET not in result.stdout  # the errors' channel holds no warning

    github = validate(project, "--format", "github", TARGET)
    assert github.returncode == 0
    assert [w for w in github.stdout.splitlines() if w.startswith("::warning ") and "på engelska" not in w] == [
        f"::warning file={TARGET},line={line},col=13::granskas senast (review_due): 2026-11-30 har passerat (i dag "
        "är det 2026-12-04); granska kravet mot sina källor och skriv nya datum i reviewed och review_due. Ändras "
        "inget i kravet behövs ingen ny version"
    ]


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
        "granskningsdagen 2026-12-05 (reviewed); skriv när kravet ska granskas nästa gång, högst ett år fram",
    ]
    assert validate(project).returncode == 1


def test_recording_a_review_needs_no_new_version(project, monkeypatch):
    """A published, locked criterion gets review dates in place: its fingerprint is unchanged."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    file = project / "criteria/krav/SOC-001.yaml"
    text = undated(file.read_text(encoding="utf-8"))  # whether or not the library has given it dates already
    line = next(line for line in text.split("\n") if line.startswith("published:"))
    file.write_text(
        text.replace(line, f'{line}\nreviewed: "2026-12-04"\nreview_due: "2027-12-04"', 1), encoding="utf-8"
    )
    lib = load_library(project)
    assert lib.problems == ()
    assert lib.criteria["SOC-001"]["review_due"] == "2027-12-04"
    assert not [w for w in lib.warnings if w.path == "criteria/krav/SOC-001.yaml" and "på engelska" not in w.message]


# --- Shown on the site and in the downloads ---


def small_with_reviews(dest: Path, dates: dict) -> Path:
    """The small library that test_render renders, with one copy of TST-001 per id in `dates` ({id: (reviewed,
    review_due) or None}), each with its archived 1.0."""
    root = small_library(dest)
    text = undated(FIXTURE.read_text(encoding="utf-8"))
    old = (FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8")
    (root / "criteria/krav/TST-001.yaml").unlink()
    for record_id, review in dates.items():
        added = f'reviewed: "{review[0]}"\nreview_due: "{review[1]}"\n' if review else ""
        mine = text.replace("TST-001", record_id).replace(
            'published: "2026-03-01"\n', f'published: "2026-03-01"\n{added}', 1
        )
        (root / f"criteria/krav/{record_id}.yaml").write_text(mine, encoding="utf-8")
        archive = root / f"criteria/arkiv/{record_id}/1.0.yaml"
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_text(old.replace("TST-001", record_id), encoding="utf-8")
    return root


def page_of(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def test_the_review_page_lists_criteria_by_due_date_and_marks_the_overdue(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    lib = load_library(
        small_with_reviews(
            tmp_path,
            {
                "TST-001": ("2026-12-01", "2027-06-01"),
                "TST-002": ("2025-11-30", "2026-11-30"),
                "TST-003": ("2026-06-01", "2026-12-20"),
                "TST-004": None,
            },
        )
    )
    assert lib.problems == ()
    page = page_of(generated_pages(lib, "https://kravbanken.se/")["kriterier/granskning/index.md"])
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in page.select("table.kb-reviews tbody tr")]
    assert [row[0].split()[0] for row in rows] == ["TST-004", "TST-002", "TST-003", "TST-001"]
    assert [row[2:] for row in rows] == [
        ["–", "–", "Inte granskad"],
        ["2025-11-30", "2026-11-30", "Försenad"],
        ["2026-06-01", "2026-12-20", "I tid"],
        ["2026-12-01", "2027-06-01", "I tid"],
    ]
    link = page.select("table.kb-reviews tbody tr")[1].find("a")["href"]
    assert link == "../TST-002/"  # from kriterier/granskning/ to the criterion's page


def test_the_criterion_page_shows_its_review_and_an_old_version_page_does_not(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    lib = load_library(
        small_with_reviews(tmp_path, {"TST-001": ("2026-12-04", "2027-12-04"), "TST-002": ("2025-11-30", "2026-11-30")})
    )

    def facts(record, versioned=False):
        page = page_of(criterion_page(lib, record, "https://kravbanken.se/", versioned))
        return {
            dt.get_text(): dd.get_text()
            for dt, dd in zip(page.select("dl.kb-facts dt"), page.select("dl.kb-facts dd"), strict=True)
        }

    current = lib.criteria["TST-001"]
    assert facts(current)["Granskning"] == "Granskad 2026-12-04 · Granskas senast 2027-12-04"
    assert facts(current, versioned=True)["Granskning"] == "Granskad 2026-12-04 · Granskas senast 2027-12-04"
    assert facts(lib.criteria["TST-002"])["Granskning"] == "Granskad 2025-11-30 · Granskas senast 2026-11-30 (försenad)"
    old = facts(lib.history("TST-001")[0], versioned=True)  # version 1.0: it was not what was reviewed
    assert old["Version"] == "1.0" and "Granskning" not in old


def test_the_spreadsheets_and_the_json_carry_the_review_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    lib = load_library(small_with_reviews(tmp_path, {"TST-001": ("2026-12-04", "2027-12-04"), "TST-002": None}))
    head, rows = table(lib, "https://kravbanken.se/")
    names = [name for name, _ in head]
    by_id = {row[0]: dict(zip(names, row, strict=True)) for row in rows}
    assert (by_id["TST-001"]["Granskad"], by_id["TST-001"]["Granskas senast"]) == ("2026-12-04", "2027-12-04")
    assert (by_id["TST-002"]["Granskad"], by_id["TST-002"]["Granskas senast"]) == ("", "")
    data = json.loads(criteria_json(lib, "2026.3", "2026-12-04"))
    [exported] = [c for c in data["criteria"] if c["id"] == "TST-001"]
    assert (exported["reviewed"], exported["review_due"]) == ("2026-12-04", "2027-12-04")
    lib.schemas.validator("criteria-export.schema.json").validate(data)
