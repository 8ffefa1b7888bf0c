"""The published history is checked against the branch a change goes into (model/history.py,
`scripts/validate.py --base REF`): lines and files may only be added.

The property tests build small libraries in memory and apply random sequences of edits: any that
removes or changes a version published on the base is refused, any that only adds is accepted.
One test runs the measured attack end to end in a temporary git repository.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import copy_project
from kravbanken.model import Problem
from kravbanken.model.history import compare, snapshot, with_validator

LOCK = "criteria/publicerat.lock"


def record(
    record_id: str, version: str, log: list[str], clause: str = "Leverantören ska göra det.", status: str = "active"
) -> str:
    """A criterion version's file, as much of it as the history check reads."""
    entries = "".join(f'  - version: "{v}"\n' for v in reversed(log))
    return f'id: {record_id}\nversion: "{version}"\nstatus: {status}\nclause:\n  sv: {clause}\nchangelog:\n{entries}'


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def lock_line(files: dict, record_id: str, version: str, text: str) -> None:
    """Add the version's line to the lock (any fixed hash of the text will do here)."""
    files[LOCK] = files.get(LOCK, "# lås\n") + f"{record_id} {version} {digest(text)}\n"


def library(sizes: list[int]) -> dict:
    """Files of a library whose criterion i has sizes[i] published versions, all archived and locked."""
    files = {}
    for i, size in enumerate(sizes, 1):
        record_id, log = f"SOC-{i:03d}", [f"1.{n}" for n in range(size)]
        for n, version in enumerate(log):
            text = record(record_id, version, log[: n + 1])
            path = f"criteria/krav/{record_id}.yaml" if n == size - 1 else f"criteria/arkiv/{record_id}/{version}.yaml"
            files[path] = text
            lock_line(files, record_id, version, text)
    return files


def current_version(files: dict, record_id: str) -> str:
    return files[f"criteria/krav/{record_id}.yaml"].split('version: "', 1)[1].split('"', 1)[0]


# Edits that only add: a new version (the current one kept in the archive), a new criterion, a
# criterion withdrawn (a life-cycle field, not content).
def new_version(files: dict, record_id: str) -> None:
    path = f"criteria/krav/{record_id}.yaml"
    if path not in files:
        return
    old = current_version(files, record_id)
    major, minor = old.split(".")
    new = f"{major}.{int(minor) + 1}"
    files[f"criteria/arkiv/{record_id}/{old}.yaml"] = files[path]
    log = [line.split('"')[1] for line in files[path].split("\n") if line.startswith("  - version:")][::-1]
    files[path] = record(record_id, new, log + [new], clause=f"Leverantören ska göra det, version {new}.")
    lock_line(files, record_id, new, files[path])


def new_criterion(files: dict, _: str) -> None:
    record_id = f"NEW-{sum(p.startswith('criteria/krav/NEW-') for p in files) + 1:03d}"
    files[f"criteria/krav/{record_id}.yaml"] = record(record_id, "1.0", ["1.0"])
    lock_line(files, record_id, "1.0", files[f"criteria/krav/{record_id}.yaml"])


def withdraw(files: dict, record_id: str) -> None:
    path = f"criteria/krav/{record_id}.yaml"
    if path in files:
        files[path] = files[path].replace("status: active", "status: withdrawn")


def new_release(files: dict, _: str) -> None:
    """A later release: a new manifest beside the published one."""
    files["criteria/utgavor/2026.2.lock"] = "# Utgåva 2026.2 av Kravbanken, 2026-12-01.\n"


ADDING = [new_version, new_criterion, withdraw, new_release]


# Edits that remove or change something published on the base; each gets a version published
# there, (id, version), and wherever that version is now (archived, or still current).
def where(files: dict, record_id: str, version: str) -> str | None:
    archived = f"criteria/arkiv/{record_id}/{version}.yaml"
    current = f"criteria/krav/{record_id}.yaml"
    if archived in files:
        return archived
    return current if current in files and current_version(files, record_id) == version else None


def remove_lock_line(files: dict, record_id: str, version: str) -> None:
    files[LOCK] = "".join(
        line for line in files[LOCK].splitlines(True) if not line.startswith(f"{record_id} {version} ")
    )


def change_lock_line(files: dict, record_id: str, version: str) -> None:
    files[LOCK] = "".join(
        f"{record_id} {version} {'0' * 64}\n" if line.startswith(f"{record_id} {version} ") else line
        for line in files[LOCK].splitlines(True)
    )


def edit_text(files: dict, record_id: str, version: str) -> None:
    """The measured attack's edit: "ska" becomes "bör", wherever the version is."""
    if path := where(files, record_id, version):
        files[path] = files[path].replace("Leverantören ska", "Leverantören bör", 1)


def remove_file(files: dict, record_id: str, version: str) -> None:
    if path := where(files, record_id, version):
        del files[path]


def drop_changelog_entry(files: dict, record_id: str, version: str) -> None:
    path = f"criteria/krav/{record_id}.yaml"
    if path in files and current_version(files, record_id) != version:
        files[path] = files[path].replace(f'  - version: "{version}"\n', "")


def renumber_in_place(files: dict, record_id: str, version: str) -> None:
    """A new version number on the current file, without keeping the old version in the archive."""
    path = f"criteria/krav/{record_id}.yaml"
    if path in files and current_version(files, record_id) == version:
        files[path] = files[path].replace(f'version: "{version}"', 'version: "9.0"', 1)


# A release manifest (criteria/utgavor/<release>.lock): one line per criterion, as scripts/release.py
# writes it; what it held is published like a version.
MANIFEST = "criteria/utgavor/2026.1.lock"


def release(files: dict) -> None:
    """Freeze a release of every criterion's current version (any fixed hash will do here)."""
    rows = sorted(
        f"{p.split('/')[-1][:-5]} {current_version(files, p.split('/')[-1][:-5])} active {digest(files[p])}\n"
        for p in files
        if p.startswith("criteria/krav/")
    )
    files[MANIFEST] = "# Utgåva 2026.1 av Kravbanken, 2026-11-21.\n#\n" + "".join(rows)


def remove_manifest(files: dict, record_id: str, version: str) -> None:
    files.pop(MANIFEST, None)


def change_manifest_line(files: dict, record_id: str, version: str) -> None:
    """The line of `record_id` names another status; never the published one again, so that two
    such edits in a row do not undo each other (release() writes "active")."""
    if MANIFEST in files:
        lines = files[MANIFEST].split("\n")
        for n, line in enumerate(lines):
            if line.startswith(f"{record_id} "):
                fields = line.split(" ")
                fields[2] = {"active": "superseded"}.get(fields[2], "withdrawn")
                lines[n] = " ".join(fields)
        files[MANIFEST] = "\n".join(lines)


def remove_manifest_line(files: dict, record_id: str, version: str) -> None:
    if MANIFEST in files:
        files[MANIFEST] = "".join(
            line for line in files[MANIFEST].splitlines(True) if not line.startswith(f"{record_id} ")
        )


REMOVING = [
    remove_lock_line,
    change_lock_line,
    edit_text,
    remove_file,
    drop_changelog_entry,
    renumber_in_place,
    remove_manifest,
    change_manifest_line,
    remove_manifest_line,
]


@st.composite
def scenarios(draw, removing: bool):
    """(base files, head files after a random sequence of edits, whether any edit removed something)."""
    base = library(draw(st.lists(st.integers(1, 3), min_size=1, max_size=4)))
    if draw(st.booleans()):
        release(base)
    published = sorted({tuple(line.split()[:2]) for line in base[LOCK].splitlines()[1:]})
    head, removed = dict(base), False
    for _ in range(draw(st.integers(0 if not removing else 1, 5))):
        if removing and draw(st.booleans()):
            edit = draw(st.sampled_from(REMOVING))
            before = dict(head)
            edit(head, *draw(st.sampled_from(published)))
            removed |= head != before
        else:
            draw(st.sampled_from(ADDING))(head, draw(st.sampled_from(published))[0])
    return base, head, removed


@settings(max_examples=60, deadline=None)
@given(scenarios(removing=False))
def test_edits_that_only_add_are_accepted(scenario):
    base, head, _ = scenario
    assert compare(snapshot(base), snapshot(head), "main") == []


@settings(max_examples=120, deadline=None)
@given(scenarios(removing=True))
def test_edits_that_remove_or_change_a_published_version_are_refused(scenario):
    base, head, removed = scenario
    problems = compare(snapshot(base), snapshot(head), "main")
    assert bool(problems) == removed, (problems, removed)
    # one message per version at most: the follow-on problems of a version are not repeated; and
    # one per line of a release manifest, or one for the whole manifest when it is gone
    releases = [p for p in problems if p.path == MANIFEST]
    assert len(problems) - len(releases) <= len(snapshot(base).published())
    assert len(releases) <= len(snapshot(base).manifests.get(MANIFEST, {})) + (MANIFEST in head)


def test_the_measured_attack_gives_one_message_at_the_edit():
    """The archived file edited, its lock line deleted and written again with the new hash."""
    base = library([2])
    head = dict(base)
    edit_text(head, "SOC-001", "1.0")
    remove_lock_line(head, "SOC-001", "1.0")
    lock_line(head, "SOC-001", "1.0", head["criteria/arkiv/SOC-001/1.0.yaml"])
    path = "criteria/arkiv/SOC-001/1.0.yaml"
    line = next(n for n, text in enumerate(head[path].split("\n"), 1) if "bör" in text)
    col = head[path].split("\n")[line - 1].index("bör") + 1
    [problem] = compare(snapshot(base), snapshot(head), "main")
    assert (problem.path, problem.line, problem.col) == (path, line, col)
    assert problem.message.startswith("version 1.0 av SOC-001 är publicerad i main och får inte ändras")
    assert f"Lägg också tillbaka raden i {LOCK}: SOC-001 1.0 {digest(base[path])}" in problem.message


def test_a_removed_lock_line_is_named_where_it_stood():
    base = library([1, 1, 1])
    head = dict(base)
    remove_lock_line(head, "SOC-002", "1.0")
    [problem] = compare(snapshot(base), snapshot(head), "main")
    assert (problem.path, problem.line) == (LOCK, 3)  # the line of SOC-003, which took its place
    assert problem.message.endswith(f"Lägg tillbaka raden: SOC-002 1.0 {digest(base['criteria/krav/SOC-002.yaml'])}")


def test_a_lock_file_that_is_gone_is_one_message_not_one_per_line():
    base = library([2, 1, 3])
    head = dict(base)
    del head[LOCK]
    [problem] = compare(snapshot(base), snapshot(head), "origin/Main")
    assert (problem.path, problem.line, problem.col) == (LOCK, 1, 1)
    assert problem.message.endswith(f"Återställ den: git checkout origin/Main -- {LOCK}")


def test_a_current_file_that_cannot_be_read_is_left_to_the_validator():
    """Its own message (a YAML error) says what to fix; the history is compared once it is read."""
    base = library([2])
    head = dict(base)
    head["criteria/krav/SOC-001.yaml"] = head["criteria/krav/SOC-001.yaml"].replace("status: active", "status: [a")
    assert compare(snapshot(base), snapshot(head), "main") == []


def test_with_the_validator_one_root_cause_is_still_one_message():
    """A removed archived file: the validator finds its lock line without a version, the history
    check finds the file gone from the base. One message stays, the one that says what to restore;
    a problem elsewhere stays too."""
    base = library([2, 1])
    head = dict(base)
    remove_file(head, "SOC-001", "1.0")
    line = next(n for n, text in enumerate(head[LOCK].split("\n"), 1) if text.startswith("SOC-001 1.0 "))
    said = [
        Problem(LOCK, line, 1, "version 1.0 av SOC-001 är publicerad men finns inte längre"),
        Problem("criteria/krav/SOC-002.yaml", 4, 9, "status (status): ett annat fel"),
    ]
    assert [(p.path, p.line) for p in with_validator(said, snapshot(base), snapshot(head), "main")] == [
        ("criteria/arkiv/SOC-001/1.0.yaml", 1),
        ("criteria/krav/SOC-002.yaml", 4),
    ]


# End to end: git, scripts/lock_versions.py and scripts/validate.py --base in a copy of the project.


def git(repo, *args) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def run(repo, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=repo, capture_output=True, text=True)


def test_the_attack_in_a_git_repository_is_refused_with_base_only(tmp_path):
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "forslag")
    lock = repo / LOCK
    [old_line] = [line for line in lock.read_text(encoding="utf-8").splitlines() if line.startswith("SOC-002 1.0 ")]
    lock.write_text(lock.read_text(encoding="utf-8").replace(old_line + "\n", ""), encoding="utf-8")
    archived = repo / "criteria/arkiv/SOC-002/1.0.yaml"
    text = archived.read_text(encoding="utf-8")
    archived.write_text(text.replace("Leverantören ska", "Leverantören bör", 1), encoding="utf-8")
    assert run(repo, "scripts/lock_versions.py").returncode == 0
    assert old_line not in lock.read_text(encoding="utf-8")  # the lock now holds the new hash
    git(repo, "commit", "--quiet", "-am", "bara en språkändring")

    assert run(repo, "scripts/validate.py").returncode == 0  # offline, nothing changes
    refused = run(repo, "scripts/validate.py", "--base", "main")
    assert refused.returncode == 1
    line = next(n for n, row in enumerate(text.split("\n"), 1) if "Leverantören ska" in row)
    col = text.split("\n")[line - 1].index("Leverantören ska") + len("Leverantören ") + 1
    [message] = refused.stdout.splitlines()
    assert message.startswith(
        f"criteria/arkiv/SOC-002/1.0.yaml:{line}:{col}: version 1.0 av SOC-002 är publicerad i main och får inte ändras"
    )
    assert message.endswith(f"Lägg också tillbaka raden i {LOCK}: {old_line}")

    # Undone, then a proper new version: only additions, accepted against main.
    git(repo, "checkout", "--quiet", "main", "--", LOCK, "criteria/arkiv/SOC-002/1.0.yaml")
    assert run(repo, "scripts/new_version.py", "SOC-002", "--minor").returncode == 0
    current = repo / "criteria/krav/SOC-002.yaml"
    stub = '"SKRIV HÄR vad som har ändrats i den här versionen och varför."'
    current.write_text(current.read_text(encoding="utf-8").replace(stub, "Språket är förenklat."), encoding="utf-8")
    assert run(repo, "scripts/lock_versions.py").returncode == 0
    accepted = run(repo, "scripts/validate.py", "--base", "main")
    assert accepted.returncode == 0, accepted.stdout


def test_a_base_that_git_does_not_have(tmp_path):
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    first = git(repo, "rev-parse", "HEAD").strip()
    missing = run(repo, "scripts/validate.py", "--base", "finns-inte")
    assert missing.returncode == 2
    assert missing.stderr.startswith('Historiken kunde inte jämföras med finns-inte: "finns-inte" finns inte i git här')
    # A shallow clone lacks the commit before: it says so and how to fetch it.
    (repo / "README.md").write_text("Andra versionen.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "andra")
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", "grund")
    shallow = run(tmp_path / "grund", "scripts/validate.py", "--base", first)
    assert shallow.returncode == 2
    assert "grund (shallow)" in shallow.stderr and "git fetch --unshallow" in shallow.stderr
    # The first push to a branch: GitHub gives the commit before as forty zeros. Nothing was
    # published before it, so the library alone is checked, and the output says so.
    first_push = run(repo, "scripts/validate.py", "--base", "0" * 40)
    assert first_push.returncode == 0, first_push.stdout
    assert first_push.stderr.startswith("Ingen tidigare commit")


def test_a_removed_manifest_and_a_changed_or_removed_manifest_line_say_what_to_restore():
    base = library([1, 2, 1])
    release(base)
    lines = base[MANIFEST].split("\n")
    head = dict(base)
    del head[MANIFEST]
    [gone] = compare(snapshot(base), snapshot(head), "main")
    assert (gone.path, gone.line, gone.col) == (MANIFEST, 1, 1)
    assert gone.message.startswith("utgåva 2026.1 är publicerad i main och får inte tas bort")
    assert f"Återställ den: git checkout main -- {MANIFEST}" in gone.message

    head = dict(base)
    change_manifest_line(head, "SOC-002", "1.1")
    remove_manifest_line(head, "SOC-003", "1.0")
    changed, removed = compare(snapshot(base), snapshot(head), "main")
    was = next(line for line in lines if line.startswith("SOC-002 "))
    assert (changed.path, changed.line, changed.col) == (MANIFEST, lines.index(was) + 1, 1)
    assert changed.message.startswith("raden för SOC-002 har ändrats sedan main; en publicerad utgåvas innehåll")
    assert changed.message.endswith(f"Raden var: {was}")
    # the line that was last is named after the last line that is left
    was = next(line for line in lines if line.startswith("SOC-003 "))
    assert (removed.path, removed.line) == (MANIFEST, lines.index(was) + 1)
    assert removed.message.endswith(f"Lägg tillbaka raden: {was}")

    head = dict(base)
    head[MANIFEST] += f"NEW-001 1.0 active {'0' * 64}\n"
    [added] = compare(snapshot(base), snapshot(head), "main")
    assert (added.path, added.line) == (MANIFEST, len(lines))
    assert added.message.startswith("raden för NEW-001 finns inte i main: utgåva 2026.1 innehöll inte kravet")


def test_a_release_deleted_with_its_changelog_heading_is_refused_with_base_only(tmp_path):
    """Without the manifest and its heading in CHANGELOG.md the library is consistent again: only the
    comparison with main sees that a published release is gone, and a changed line likewise."""
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "forslag")
    manifest = "criteria/utgavor/2026.1.lock"
    changelog = repo / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    [heading] = [line for line in text.splitlines() if line.startswith("## 2026.1 ")]
    changelog.write_text(text.replace(heading + "\n", ""), encoding="utf-8")
    (repo / manifest).unlink()
    git(repo, "commit", "--quiet", "-am", "utgåva 2026.1 bort")

    assert run(repo, "scripts/validate.py").returncode == 0
    refused = run(repo, "scripts/validate.py", "--base", "main")
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        f"{manifest}:1:1: utgåva 2026.1 är publicerad i main och får inte tas bort: filen säger vad utgåvan "
        f"innehöll. Återställ den: git checkout main -- {manifest}, och utgåvans rubrik i CHANGELOG.md om den "
        "också är borttagen"
    ]

    # Restored as it says, then one line given another status: refused at that line.
    git(repo, "checkout", "--quiet", "main", "--", manifest, "CHANGELOG.md")
    lines = (repo / manifest).read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("SOC-001 "))
    was = lines[n]
    lines[n] = was.replace(" superseded ", " active ")
    (repo / manifest).write_text("\n".join(lines), encoding="utf-8")
    refused = run(repo, "scripts/validate.py", "--base", "main")
    assert refused.returncode == 1
    assert refused.stdout.splitlines() == [
        f"{manifest}:{n + 1}:1: raden för SOC-001 har ändrats sedan main; en publicerad utgåvas innehåll "
        f"ändras aldrig; återställ den: git checkout main -- {manifest}. Raden var: {was}"
    ]


def test_a_changed_manifest_line_is_one_message_with_the_validator():
    """The validator finds the line against the histories, the history check finds it changed since
    the base: one message stays, the one that gives the line as it was."""
    base = library([2, 1])
    release(base)
    head = dict(base)
    lines = head[MANIFEST].split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("SOC-001 "))
    was = lines[n]
    lines[n] = was.replace("SOC-001 1.1 ", "SOC-001 1.0 ")
    head[MANIFEST] = "\n".join(lines)
    said = [Problem(MANIFEST, n + 1, 1, "SOC-001 1.0 stämmer inte med kravets historik")]
    [problem] = with_validator(said, snapshot(base), snapshot(head), "main")
    assert (problem.path, problem.line) == (MANIFEST, n + 1)
    assert problem.message.endswith(f"Raden var: {was}")


def test_in_ci_only_the_warnings_of_changed_files_are_annotations_and_the_rest_one_line(tmp_path):
    """A library where many criteria lack English texts must not bury the warning of the file a pull
    request changes: GitHub shows only the first ten annotations of a step."""
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    warnings = run(repo, "scripts/validate.py").stderr.splitlines()
    assert len(warnings) > 10  # more than GitHub would show
    changed = warnings[0].split(":")[0]
    with (repo / changed).open("a", encoding="utf-8") as file:
        file.write("# Granskad mot källorna i december.\n")  # a comment: the version stays

    result = run(repo, "scripts/validate.py", "--format", "github", "--base", "main")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    mine = [w.split(":", 3) for w in warnings if w.startswith(changed + ":")]
    assert [a for a in lines if a.startswith("::warning file=")] == [
        f"::warning file={path},line={line},col={col}::{text.removeprefix(' varning: ')}"
        for path, line, col, text in mine
    ]
    others = len(warnings) - len(mine)
    files = len({w.split(":")[0] for w in warnings}) - 1
    assert f"::warning::{others} varningar i {files} filer som ändringen inte rör; se listan i loggen" in lines
    group = lines[lines.index(f"::group::{others} varningar i {files} filer som ändringen inte rör") + 1 :]
    assert group[: group.index("::endgroup::")] == [w for w in warnings if not w.startswith(changed + ":")]
