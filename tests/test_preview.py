"""`make preview BRANCH=…`: a reviewer sees another branch's site, built from that branch's data
with this checkout's code (the branch's own code only when asked, after a warning), without
touching their own working tree."""

import subprocess
import sys
import urllib.request

import pytest
from bs4 import BeautifulSoup

from helpers import SMALL, copy_project


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def branch_with_data_and_code(tmp_path):
    """A repository of the small project on main with a branch `forslag` that changes a criterion
    (data) and a word of the site's UI in the Python package (code)."""
    repo = copy_project(tmp_path / "repo", SMALL)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "forslag")
    # A published version never changes in place: the branch makes a new version with a new title.
    subprocess.run(
        [sys.executable, "scripts/new_version.py", "SOC-002", "--minor"], cwd=repo, check=True, capture_output=True
    )
    file = repo / "criteria/krav/SOC-002.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line == "title:") + 1
    lines[title] = "  sv: Rubrik som bara finns i grenen"
    stub = next(i for i, line in enumerate(lines) if "SKRIV HÄR" in line)
    lines[stub] = "      sv: Ny rubrik."
    file.write_text("\n".join(lines), encoding="utf-8")
    words = repo / "macros/kravbanken/labels.py"
    text = words.read_text(encoding="utf-8")
    assert '"download_criterion": "Ladda ner kravet:",' in text
    words.write_text(text.replace('"Ladda ner kravet:"', '"Hämta kravet i grenen:"'), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "förslag")
    git(repo, "checkout", "--quiet", "main")
    return repo


def preview(repo, *args) -> tuple[str, str]:
    """The criterion page SOC-002 of the served preview, and what the preview printed on stderr
    before it served."""
    server = subprocess.Popen(
        [sys.executable, "scripts/preview.py", "forslag", *args],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stderr is not None
    try:
        lines = [server.stdout.readline(), server.stdout.readline()]
        assert lines[0].startswith("Bygger forslag ("), server.stderr.read() if server.poll() else lines
        url = lines[1].split(" på ")[1].split()[0]
        page = urllib.request.urlopen(url + "kriterier/SOC-002/", timeout=30).read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return page, server.stderr.read()


def title(page: str) -> str:
    heading = BeautifulSoup(page, "html.parser").find("h1")
    assert heading is not None
    return heading.get_text(strip=True)


@pytest.mark.slow  # preview.py builds the branch's site
def test_preview_builds_the_branchs_data_with_this_checkouts_code(tmp_path):
    repo = branch_with_data_and_code(tmp_path)
    page, said = preview(repo)
    assert title(page).endswith("Rubrik som bara finns i grenen")  # the branch's data
    assert "Ladda ner kravet:" in page and "Hämta kravet i grenen:" not in page  # not the branch's code
    assert "macros/kravbanken/labels.py" in said and "--trust-code" in said  # what was left out, and how
    assert "VARNING" not in said
    assert "Rubrik som bara finns i grenen" not in (repo / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8")
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout
    assert len(worktrees.strip().splitlines()) == 1  # no checkout left behind


@pytest.mark.slow  # preview.py builds the branch's site
def test_preview_runs_the_branchs_own_code_only_when_trusted_and_warns(tmp_path):
    repo = branch_with_data_and_code(tmp_path)
    page, said = preview(repo, "--trust-code")
    assert said.startswith("VARNING: --trust-code bygger grenen med dess egen kod")
    assert title(page).endswith("Rubrik som bara finns i grenen") and "Hämta kravet i grenen:" in page
    assert "Rubrik som bara finns i grenen" not in (repo / "criteria/krav/SOC-002.yaml").read_text(encoding="utf-8")
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout
    assert len(worktrees.strip().splitlines()) == 1  # the temporary checkout is gone


def test_preview_of_a_branch_that_does_not_exist(tmp_path):
    repo = copy_project(tmp_path / "repo", SMALL)
    git(repo, "init", "--quiet")
    result = subprocess.run(
        [sys.executable, "scripts/preview.py", "finns-inte"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith('Hittar ingen gren som heter "finns-inte"')


def test_make_preview_takes_a_branch_or_a_pull_request_number():
    from helpers import ROOT

    def command(*args):
        return subprocess.run(
            ["make", "-n", "--no-print-directory", "preview", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.splitlines()[-1]

    assert command("BRANCH=nytt-krav").endswith('scripts/preview.py "nytt-krav"')
    assert command("PR=12").endswith('scripts/preview.py "pull/12/head"')
    assert command("PR=12", "TRUST=1").endswith('scripts/preview.py "pull/12/head" --trust-code')
