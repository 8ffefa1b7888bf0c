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
    listed = [name.removeprefix("./") for name in subprocess.run(
        [*YAMLLINT, "--list-files", "."], cwd=ROOT, capture_output=True, text=True).stdout.split()]
    assert sum(name.startswith("criteria/") for name in listed) >= 100 and ".github/workflows/ci.yml" in listed
    result = yamllint(".")
    assert result.returncode == 0, result.stdout


def test_yamllint_and_the_validator_both_refuse_yes_and_no(project):
    """A value that means true/false to some YAML readers and text to others is refused by both."""
    file = project / "criteria/krav/TST-001.yaml"
    file.write_text(FIXTURE.read_text(encoding="utf-8").replace("  sv: Testkrav om arbetsvillkor", "  sv: no"),
                    encoding="utf-8")
    lint = yamllint(file)
    assert lint.returncode == 1 and f"{file}:8:7: [error] truthy value" in lint.stdout
    check = subprocess.run([sys.executable, "scripts/validate.py", str(file)], cwd=project, capture_output=True,
                           text=True)
    assert check.returncode == 1 and check.stdout.startswith("criteria/krav/TST-001.yaml:8:7: ")


def test_the_pre_commit_hooks_run_the_validator_and_yamllint_with_locked_tools():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert repo["repo"] == "local" and set(hooks) == {"kravbanken-validate", "kravbanken-validate-all", "yamllint"}
    for hook in hooks.values():
        program, *args = shlex.split(hook["entry"])
        assert (ROOT / program).parent.name == "bin" and program.startswith(".venv/")  # made by `make`
        assert all((ROOT / a).is_file() for a in args if a.endswith(".py"))
    assert re.match(hooks["kravbanken-validate"]["files"], "criteria/krav/SOC-001.yaml")
    assert re.match(hooks["kravbanken-validate"]["exclude"], "criteria/arkiv/SOC-012/1.0.yaml")
    assert re.match(hooks["kravbanken-validate-all"]["files"], "schema/criterion.schema.json")


def test_the_expert_group_owns_the_criteria():
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert ["/criteria/", "@kravbanken/expertgruppen"] in rules
    assert all(Path(rule[0].strip("/")).exists() for rule in rules if rule[0] != "*")


def test_the_pull_request_template_names_the_scripts_and_the_checks():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for needed in ("scripts/new_version.py", "scripts/new_criterion.py", "make validate", "make serve", "changelog"):
        assert needed in text
    assert text.count("- [ ]") >= 5
