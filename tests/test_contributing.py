"""What a contributor meets around the data: the pre-commit hooks, yamllint agreeing with the
validator, CODEOWNERS and the pull-request template."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import ROOT

YAMLLINT = [str(Path(sys.executable).parent / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint.yaml")]
FIXTURE = ROOT / "tests" / "fixtures" / "TST-001.yaml"


def yamllint(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([*YAMLLINT, "-f", "parsable", *map(str, paths)], cwd=ROOT, capture_output=True, text=True)


def test_yamllint_passes_on_every_yaml_file_of_the_repository():
    listed = [
        name.removeprefix("./")
        for name in subprocess.run(
            [*YAMLLINT, "--list-files", "."], cwd=ROOT, capture_output=True, text=True
        ).stdout.split()
    ]
    assert sum(name.startswith("criteria/") for name in listed) >= 100 and ".github/workflows/ci.yml" in listed
    result = yamllint(".")
    assert result.returncode == 0, result.stdout


def test_yamllint_and_the_validator_both_refuse_yes_and_no(project):
    """A value that means true/false to some YAML readers and text to others is refused by both."""
    file = project / "criteria/krav/TST-001.yaml"
    file.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("  sv: Testkrav om arbetsvillkor", "  sv: no"), encoding="utf-8"
    )
    lint = yamllint(file)
    assert lint.returncode == 1 and f"{file}:8:7: [error] truthy value" in lint.stdout
    check = subprocess.run(
        [sys.executable, "scripts/validate.py", str(file)], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1 and check.stdout.startswith("criteria/krav/TST-001.yaml:8:7: ")


def test_the_pre_commit_hooks_run_the_validator_yamllint_ruff_and_mypy_with_locked_tools():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert repo["repo"] == "local" and set(hooks) == {
        "kravbanken-validate",
        "kravbanken-validate-all",
        "yamllint",
        "ruff",
        "ruff-format",
        "mypy",
    }
    for hook in hooks.values():
        program, *args = shlex.split(hook["entry"])
        assert (ROOT / program).parent.name == "bin" and program.startswith(".venv/")  # made by `make`
        assert all((ROOT / a).is_file() for a in args if a.endswith(".py"))
    assert re.match(hooks["kravbanken-validate"]["files"], "criteria/krav/SOC-001.yaml")
    assert re.match(hooks["kravbanken-validate"]["exclude"], "criteria/arkiv/SOC-012/1.0.yaml")
    assert re.match(hooks["kravbanken-validate-all"]["files"], "schema/criterion.schema.json")


def test_the_expert_group_owns_the_criteria():
    rules = [
        line.split()
        for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ["/criteria/", "@kravbanken/expertgruppen"] in rules
    assert all(Path(rule[0].strip("/")).exists() for rule in rules if rule[0] != "*")


def test_the_pull_request_template_names_the_scripts_and_the_checks():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for needed in ("scripts/new_version.py", "scripts/new_criterion.py", "make validate", "make serve", "changelog"):
        assert needed in text
    assert text.count("- [ ]") >= 5


CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_names_only_make_targets_that_exist():
    from test_workflows import makefile_targets

    named = set(re.findall(r"`make (\w+)", CONTRIBUTING)) | set(re.findall(r"^make (\w+)", CONTRIBUTING, re.M))
    assert {"validate", "serve", "preview", "test"} <= named
    assert named <= makefile_targets()


def test_contributing_has_a_worked_example_for_each_task_and_an_english_summary():
    headings = re.findall(r"^## (.+)$", CONTRIBUTING, re.M)
    for needed in (
        "Föreslå ett nytt krav",
        "Gör en ny version av ett krav",
        "Lämna synpunkter på en remiss",
        "Titta på resultatet",
        "Ändra direkt på GitHub",
        "Så granskas ett förslag",
        "Så skriver du ett bra krav",
    ):
        assert needed in headings
    assert "*In English, briefly:*" in CONTRIBUTING
    assert "python scripts/new_criterion.py SOC" in CONTRIBUTING and "--major" in CONTRIBUTING


def test_the_error_messages_shown_in_contributing_are_what_the_validator_prints(project):
    """The examples are real: each is made again on SOC-002 and must come out word for word."""
    block = CONTRIBUTING.split("## Felmeddelanden", 1)[1].split("```")[1]
    shown = [line for line in block.splitlines() if line.startswith("criteria/")]
    file = project / "criteria/krav/SOC-002.yaml"
    original = file.read_text(encoding="utf-8")
    got = []
    for pattern, mistake in ((r"(?m)^level: base$", "level: basic"), (r'(?m)^version: ".*"$', "version: 1.10")):
        file.write_text(re.sub(pattern, mistake, original, count=1), encoding="utf-8")
        result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
        got += result.stdout.splitlines()
    assert got == shown
