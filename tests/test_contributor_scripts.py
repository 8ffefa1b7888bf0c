"""The contributors' scripts, run on a copy of the project: a new criterion gets the next free id
as a valid draft, and a new version keeps the old one (whose page keeps its old text) and waits
for its changelog summary."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

from helpers import read_page, url


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True)


def test_new_criterion_gets_the_next_free_id_as_a_valid_draft(project):
    numbers = [int(f.stem[4:]) for f in (project / "criteria/krav").glob("SOC-*.yaml")]
    numbers += [int(d.name[4:]) for d in (project / "criteria/arkiv").glob("SOC-*")]
    expected = f"criteria/krav/SOC-{max(numbers) + 1:03d}.yaml"
    result = run(project, "scripts/new_criterion.py", "SOC")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
    record = yaml.safe_load((project / expected).read_text(encoding="utf-8"))
    assert record["status"] == "draft" and record["published"] == date.today().isoformat()
    assert run(project, "scripts/validate.py").returncode == 0
    # A series that does not exist is refused unless asked for.
    assert run(project, "scripts/new_criterion.py", "QQQ").returncode == 1
    assert (
        run(project, "scripts/new_criterion.py", "QQQ", "--new-series").stdout.strip() == "criteria/krav/QQQ-001.yaml"
    )


def test_new_version_keeps_the_old_one_and_waits_for_its_summary(project, build):
    path = project / "criteria/krav/SOC-002.yaml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert before["version"] == "1.2"
    result = run(project, "scripts/new_version.py", "SOC-002", "--major")
    assert result.returncode == 0, result.stderr
    kept = yaml.safe_load((project / "criteria/arkiv/SOC-002/1.2.yaml").read_text(encoding="utf-8"))
    assert kept == before
    text = path.read_text(encoding="utf-8")
    record = yaml.safe_load(text)
    assert record["version"] == "2.0" and record["published"] == date.today().isoformat()
    assert record["changelog"][1:] == before["changelog"]

    # The stub is refused until the contributor writes the summary.
    stub_line = next(n for n, line in enumerate(text.split("\n"), 1) if "SKRIV HÄR" in line)
    refused = run(project, "scripts/validate.py")
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        f"criteria/krav/SOC-002.yaml:{stub_line}:7: sammanfattning (changelog[0].summary): sammanfattningen är "
        "inte ifylld; skriv med egna ord vad som har ändrats i den här versionen och varför"
    ]

    old_clause = before["clause"]["sv"]
    new_clause = old_clause.replace("Leverantören ska", "Leverantören och dess underleverantörer ska", 1)
    assert new_clause != old_clause
    stub = text.split("\n")[stub_line - 1]
    text = text.replace(stub, "      sv: Villkoret gäller nu uttryckligen även underleverantörerna.")
    first_line = old_clause.split("\n")[0]
    text = text.replace("    " + first_line, "    " + new_clause.split("\n")[0], 1)
    path.write_text(text, encoding="utf-8")
    assert run(project, "scripts/validate.py").returncode == 0
    locked = run(project, "scripts/lock_versions.py")
    assert locked.returncode == 0 and "Låst: SOC-002 2.0" in locked.stdout

    # The old version's page keeps its old text after the new version is added.
    site = project / "site"
    assert build(project, site).returncode == 0
    old_page = read_page(site, url("criterion_version", id="SOC-002", version="1.2"))
    assert old_page.find(attrs={"data-kb-clause": "sv"})["data-kb-text"] == old_clause.rstrip()
    assert "Den aktuella versionen är 2.0" in old_page.find(class_="kb-newer").get_text()
    new_page = read_page(site, url("criterion", id="SOC-002"))
    assert new_page.find(attrs={"data-kb-clause": "sv"})["data-kb-text"] == new_clause.rstrip()
    changes = read_page(site, url("criterion_version", id="SOC-002", version="2.0"))
    assert "och dess underleverantörer" in " ".join(i.get_text() for i in changes.select(".kb-diff ins"))


def test_new_version_of_a_draft_is_refused(project):
    result = run(project, "scripts/new_version.py", "SOC-010", "--minor")
    assert result.returncode == 1
    assert "utkast" in result.stderr


def test_new_criterion_never_overwrites_a_draft_with_a_yaml_error(project):
    """A draft that does not parse is still somebody's work: its id is taken and the file stays."""
    numbers = [int(f.stem[4:]) for f in (project / "criteria/krav").glob("SOC-*.yaml")]
    numbers += [int(d.name[4:]) for d in (project / "criteria/arkiv").glob("SOC-*")]
    draft = project / f"criteria/krav/SOC-{max(numbers) + 1:03d}.yaml"
    broken = "id: SOC-013\nstatus: [draft\ntitle: Halvfärdigt utkast\n"
    draft.write_text(broken, encoding="utf-8")
    result = run(project, "scripts/new_criterion.py", "SOC")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"criteria/krav/SOC-{max(numbers) + 2:03d}.yaml"
    assert draft.read_text(encoding="utf-8") == broken


def test_new_criterion_counts_a_file_of_any_name_and_the_lock(project):
    """A misnamed file (.yml) and an id only the lock remembers are taken too."""
    (project / "criteria/krav/QQQ-004.yml").write_text("id: QQQ-004\n", encoding="utf-8")
    lock = project / "criteria/publicerat.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "QQQ-007 1.0 " + "0" * 64 + "\n", encoding="utf-8")
    assert run(project, "scripts/new_criterion.py", "QQQ").stdout.strip() == "criteria/krav/QQQ-008.yaml"


def test_new_criterion_uses_the_reproducible_date(project):
    result = subprocess.run(
        [sys.executable, "scripts/new_criterion.py", "SOC"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )  # 2026-01-01 00:00 UTC
    record = yaml.safe_load((project / result.stdout.strip()).read_text(encoding="utf-8"))
    assert record["published"] == record["changelog"][0]["date"] == "2026-01-01"


def test_new_version_never_overwrites_an_archived_file(project):
    """A file already at the archive's place, even a link to nowhere, is left alone and nothing changes."""
    current = (project / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8")
    kept = project / "criteria/arkiv/SOC-002/1.2.yaml"
    kept.symlink_to("finns-inte.yaml")
    result = run(project, "scripts/new_version.py", "SOC-002", "--minor")
    assert result.returncode == 1
    assert "criteria/arkiv/SOC-002/1.2.yaml" in result.stdout + result.stderr
    assert kept.is_symlink() and not kept.exists()
    assert (project / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8") == current
