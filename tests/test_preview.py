"""`make preview BRANCH=…`: a reviewer sees another branch's site, built with that branch's own
code and data, without touching their own working tree."""

import subprocess
import sys
import urllib.request

import pytest
from bs4 import BeautifulSoup

from helpers import copy_project


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


@pytest.mark.slow  # preview.py builds the branch's site
def test_preview_serves_the_branch_and_leaves_the_working_tree_alone(tmp_path):
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "forslag")
    # A published version never changes in place: the branch makes a new version with a new title.
    subprocess.run([sys.executable, "scripts/new_version.py", "SOC-002", "--minor"], cwd=repo, check=True,
                   capture_output=True)
    file = repo / "criteria/krav/SOC-002.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line == "title:") + 1
    lines[title] = "  sv: Rubrik som bara finns i grenen"
    stub = next(i for i, line in enumerate(lines) if "SKRIV HÄR" in line)
    lines[stub] = "      sv: Ny rubrik."
    file.write_text("\n".join(lines), encoding="utf-8")
    # the branch's own code is used too: a word of the site's UI changed only in the branch
    words = repo / "macros/kravbanken/labels.py"
    text = words.read_text(encoding="utf-8")
    assert '"download_criterion": "Ladda ner kravet:",' in text
    words.write_text(text.replace('"Ladda ner kravet:"', '"Hämta kravet i grenen:"'), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "förslag")
    git(repo, "checkout", "--quiet", "main")

    server = subprocess.Popen([sys.executable, "scripts/preview.py", "forslag"], cwd=repo, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        lines = [server.stdout.readline(), server.stdout.readline()]
        assert lines[0].startswith("Bygger forslag ("), server.stderr.read() if server.poll() else lines
        url = lines[1].split(" på ")[1].split()[0]
        page = urllib.request.urlopen(url + "kriterier/SOC-002/", timeout=30).read().decode("utf-8")
        assert BeautifulSoup(page, "html.parser").find("h1").get_text(strip=True).endswith(
            "Rubrik som bara finns i grenen")
        assert "Hämta kravet i grenen:" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Rubrik som bara finns i grenen" not in file.read_text(encoding="utf-8")  # main is checked out still
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout
    assert len(worktrees.strip().splitlines()) == 1  # the temporary checkout is gone


def test_preview_of_a_branch_that_does_not_exist(tmp_path):
    repo = copy_project(tmp_path / "repo")
    git(repo, "init", "--quiet")
    result = subprocess.run([sys.executable, "scripts/preview.py", "finns-inte"], cwd=repo, capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert result.stderr.startswith('Hittar ingen gren som heter "finns-inte"')


def test_make_preview_takes_a_branch_or_a_pull_request_number():
    from helpers import ROOT

    def command(*args):
        return subprocess.run(["make", "-n", "--no-print-directory", "preview", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout.splitlines()[-1]

    assert command("BRANCH=nytt-krav").endswith('scripts/preview.py "nytt-krav"')
    assert command("PR=12").endswith('scripts/preview.py "pull/12/head"')
