"""Errors that teach: for each of the mistakes a contributor most often makes, the validator prints
one line `path:line:col: message` that says in Swedish what is wrong, where, and what to write
instead. Each test breaks one known line of the fixture (tests/fixtures/TST-001.yaml), so the
expected line and column are read off the fixture, and asserts the whole line."""

import json
import subprocess
import sys

import pytest
import yaml

from helpers import FIXTURE, ROOT, fixture_problems
from kravbanken.model import load_library
from kravbanken.model.yamlload import parse

T = "criteria/krav/TST-001.yaml"


# 1. Wrong indentation: "en:" one space too far in (line 9) reads as more of the text on line 8;
# one space too little fits under no field. The column is where YAML gives up: the colon, or the key.
def test_a_line_indented_too_far(project):
    assert fixture_problems(project, "\n  en: Test criterion", "\n   en: Test criterion") == [
        f"{T}:9:6: raden är indragen mer än raden ovanför (3 mellanslag i stället för 2), så den läses som en "
        "fortsättning på texten där; ge fälten som hör ihop samma indrag"
    ]


def test_a_line_indented_too_little(project):
    assert fixture_problems(project, "\n  en: Test criterion", "\n en: Test criterion") == [
        f"{T}:9:2: raden är indragen 1 mellanslag, men raderna ovanför står på 0 eller 2; flytta raden så att den "
        "står rakt under fältet den hör ihop med"
    ]


# 2. A tab: line 8 starts with one.
def test_a_tab_for_indentation(project):
    assert fixture_problems(project, "title:\n  sv:", "title:\n\tsv:") == [
        f"{T}:8:1: raden är indragen med ett tabbtecken; YAML tillåter bara mellanslag. Byt tabbtecknet mot mellanslag"
    ]


# 3. An unquoted version: the hint quotes what was typed ("1.10"), not what YAML made of it (1.1).
@pytest.mark.parametrize(("typed", "read_as"), [("2.0", "ett tal"), ("1.10", "talet 1.1"), ("2", "ett tal")])
def test_an_unquoted_version(project, typed, read_as):
    assert fixture_problems(project, 'version: "2.0"', f"version: {typed}") == [
        f'{T}:3:10: version (version): ska vara text; skriv "{typed}" inom citattecken, annars läses {typed} '
        f"som {read_as}"
    ]


# 4. A code that is not in the codelist, with the closest code suggested.
def test_an_unknown_code(project):
    assert fixture_problems(project, "level: base", "level: basic") == [
        f'{T}:6:8: nivå (level): "basic" är inte tillåtet; tillåtna värden: base (Basnivå), advanced (Avancerad '
        'nivå), spearhead (Spjutspetsnivå). Menade du "base"?'
    ]


# 5. A misspelt field: one message at the misspelling (line 21), not a second one saying that
# the right field is missing.
def test_a_misspelt_field_name(project):
    assert fixture_problems(project, "guidance:", "guidence:") == [
        f'{T}:21:1: fältet "guidence" finns inte. Menade du guidance (vägledning)? Skriv guidance: i stället '
        "för guidence:"
    ]


# 6. A missing required field is reported where the record starts (line 2, after the comment).
def test_a_missing_field(project):
    removed = "verification:\n  sv: Leverantören lämnar en lista över produktionsenheter.\n"
    assert fixture_problems(project, removed, "") == [
        f'{T}:2:1: det obligatoriska fältet verifiering (verification) saknas; lägg till en rad "verification:" '
        'och under den "  sv: " följt av texten'
    ]


def test_a_missing_field_that_is_not_a_text(project):
    assert fixture_problems(project, "level: base\n", "") == [
        f'{T}:2:1: det obligatoriska fältet nivå (level) saknas; lägg till en rad "level: …" med ett av värdena '
        "base, advanced, spearhead"
    ]


# 7. A date in the wrong form: the same date written right when there is one; unquoted dates are
# refused too, since a YAML 1.1 loader reads them as dates and a YAML 1.2 loader as text.
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-3-1", '"2026-3-1" har fel form; skriv "2026-03-01" (ÅÅÅÅ-MM-DD inom citattecken)'),
        (
            '"1/3/2026"',
            '"1/3/2026" är inte ett datum i formen ÅÅÅÅ-MM-DD; skriv till exempel "2026-03-01" (inom citattecken)',
        ),
        (
            '"2026-13-01"',
            '"2026-13-01" är inte ett datum som finns; skriv ÅÅÅÅ-MM-DD inom citattecken, till exempel "2026-03-01"',
        ),
        (
            "2026-03-01",
            'skriv datumet inom citattecken, "2026-03-01"; utan citattecken läser en del program det som '
            "ett datum och andra som text",
        ),
    ],
)
def test_a_date_in_the_wrong_form(project, typed, message):
    assert fixture_problems(project, 'published: "2026-03-01"', f"published: {typed}") == [
        f"{T}:28:12: publicerad (published): {message}"
    ]


# 8. A reference to an id that does not exist; "risk_areas: [textil, " is 21 characters.
def test_an_unknown_reference(project):
    known = ", ".join(sorted(f.stem for f in (ROOT / "criteria" / "riskomraden").glob("*.yaml")))
    assert fixture_problems(project, "risk_areas: [textil, handskar]", "risk_areas: [textil, handskarna]") == [
        f'{T}:25:22: riskområden (risk_areas[1]): riskområdet "handskarna" finns inte; menade du "handskar"? '
        f"Kända id: {known}"
    ]


# 9. The same id twice: the second file gets the next free id of its series (TST-001 is the only
# TST criterion, so TST-002).
def test_a_duplicate_id(project):
    text = FIXTURE.read_text(encoding="utf-8")
    (project / T).write_text(text, encoding="utf-8")
    (project / "criteria/krav/arkiv").mkdir()
    (project / "criteria/krav/arkiv/TST-001.yaml").write_text(text, encoding="utf-8")
    assert [str(p) for p in load_library(project).problems] == [
        f'criteria/krav/arkiv/TST-001.yaml:2:5: id (id): "TST-001" används redan i {T}; ett id får bara finnas '
        "en gång, så ge den här filen ett nytt id, till exempel TST-002, och döp om filen till TST-002.yaml"
    ]


# 10. A file name that differs from the id.
def test_a_file_name_that_is_not_the_id(project):
    assert fixture_problems(project, "id: TST-001", "id: TST-002") == [
        f'{T}:2:5: id (id): "TST-002" stämmer inte med filnamnet TST-001.yaml; byt namn på filen till '
        'TST-002.yaml, eller ändra id till "TST-001"'
    ]


# Messages that used to mislead: a YAML 1.1 boolean or an empty value where text belongs.
def test_no_where_text_belongs_is_quoted_as_typed(project):
    assert fixture_problems(project, "  sv: Testkrav om arbetsvillkor", "  sv: no") == [
        f'{T}:8:7: svenska (title.sv): ska vara text; skriv "no" inom citattecken, annars läses no som nej (false)'
    ]


def test_on_in_a_list_of_tags(project):
    assert fixture_problems(project, "follow_up: [sjalvskattning]\n", "follow_up: [sjalvskattning]\ntags: [on]\n") == [
        f'{T}:28:8: sökord (tags[0]): ska vara text; skriv "on" inom citattecken, annars läses on som ja (true)'
    ]


def test_an_empty_text(project):
    assert fixture_problems(project, "  sv: Testkrav om arbetsvillkor", "  sv:") == [
        f'{T}:8:6: svenska (title.sv): är tom; skriv texten efter "sv:"'
    ]


def test_yes_where_true_or_false_belongs(project):
    file = project / "criteria/goda-exempel/orebro-kommun.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.splitlines()[8] == "example: false"
    file.write_text(text.replace("example: false", "example: no"), encoding="utf-8")
    assert [str(p) for p in load_library(project).problems] == [
        "criteria/goda-exempel/orebro-kommun.yaml:9:10: påhittat exempel (example): skriv false i stället för no; "
        'bara en del program läser no som ja eller nej (menar du texten, skriv "no" inom citattecken)'
    ]


def test_a_list_at_top_level(project):
    text = "- " + FIXTURE.read_text(encoding="utf-8").split("\n", 1)[1].replace("\n", "\n  ")
    (project / T).write_text(text, encoding="utf-8")
    assert [str(p) for p in load_library(project).problems] == [
        f"{T}:1:1: filen ska vara en mappning med fält, men är en lista; skriv ett fält per rad, till exempel "
        '"id: SOC-001", utan "- " först'
    ]


def test_lengths_and_sizes_in_swedish(project):
    """However the schema limits lengths and list sizes, the message is Swedish and gives the numbers."""
    schema_file = project / "schema/criterion.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["tags"].update(maxItems=2)
    schema["properties"]["tags"]["items"].update(maxLength=10)
    schema["properties"]["legal_basis"].update(minItems=2)
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    extra = "tags: [ett, två, nitrilhandskar]\nlegal_basis: [LOU 17 kap. 4 §]\n"
    fixture_problems(project, "follow_up: [sjalvskattning]\n", f"follow_up: [sjalvskattning]\n{extra}")
    assert [str(p) for p in load_library(project).problems if p.path == T] == [
        f"{T}:28:7: sökord (tags): har 3 värden; högst 2 är tillåtna, så ta bort några",
        f"{T}:28:18: sökord (tags[2]): är för lång, 14 tecken; högst 10 tecken får plats, så korta texten",
        f"{T}:29:14: rättslig grund (legal_basis): har 1 värden; skriv minst 2",
    ]


def test_the_cli_prints_the_same_line(project):
    [expected] = fixture_problems(project, 'version: "2.0"', "version: 1.10")
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.splitlines() == [expected]


def test_every_yaml_file_reads_the_same_with_a_yaml_1_1_loader():
    """An integrator who loads a record with PyYAML's safe_load (YAML 1.1) gets exactly the data the
    library validated: no date objects, no yes/no booleans."""
    files = sorted((ROOT / "criteria").rglob("*.yaml"))
    assert len(files) > 100
    for file in files:
        ours = parse(file.read_text(encoding="utf-8"), str(file)).data
        theirs = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert json.dumps(theirs, sort_keys=True, default=repr) == json.dumps(ours, sort_keys=True), file


def test_the_cli_prints_github_annotations(project):
    """In CI, `--format github` turns each problem into an annotation on its line; the runner's
    escapes apply: % as %25 and newlines as %0A in the message, and also : and , in a property."""
    text = FIXTURE.read_text(encoding="utf-8").replace("level: base", 'level: "50%"')
    named = project / "criteria/krav/a,b:c%"
    named.mkdir(parents=True)
    (named / "TST-001.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", "--format", "github"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.split("::warning")[0].splitlines() == [  # the warnings follow the errors
        '::error file=criteria/krav/a%2Cb%3Ac%25/TST-001.yaml,line=6,col=8::nivå (level): "50%25" är inte '
        "tillåtet; tillåtna värden: base (Basnivå), advanced (Avancerad nivå), spearhead (Spjutspetsnivå)"
    ]


# Two more syntax mistakes seen often: a colon in a text, and a quote that is never closed (which
# YAML itself only notices 20 lines further down, at the next quote).
def test_a_colon_in_a_text(project):
    assert fixture_problems(project, "  sv: Testkrav om arbetsvillkor", "  sv: Testkrav: arbetsvillkor") == [
        f'{T}:8:15: texten innehåller ": " (kolon och mellanslag), som läses som ett nytt fält; skriv texten inom '
        'citattecken: sv: "Testkrav: arbetsvillkor"'
    ]


def test_a_quote_that_is_not_closed(project):
    assert fixture_problems(project, "  sv: Testkrav om arbetsvillkor", '  sv: "Testkrav om arbetsvillkor') == [
        f'{T}:8:7: citattecknet (") som börjar här stängs inte på samma rad; avsluta texten med samma citattecken'
    ]


def test_a_web_address_without_https_gets_one_message(project):
    sources = "references:\n  - title: ILO\n    url: www.ilo.org\n"
    assert fixture_problems(project, "follow_up: [sjalvskattning]\n", f"follow_up: [sjalvskattning]\n{sources}") == [
        f'{T}:30:10: webbadress (references[0].url): "www.ilo.org" är inte en fullständig webbadress; skriv hela '
        "adressen med https:// först, till exempel https://www.ilo.org/"
    ]


def test_a_syntax_error_in_a_news_post_is_explained_at_its_line_in_the_post(project):
    post = project / "docs/nyheter/posts/2026-01-02-test.md"
    post.write_text("---\ndate:\n  created: 2026-01-02\ntitle: Nyhet: med kolon\n---\n\n# Nyhet\n", encoding="utf-8")
    assert [str(p) for p in load_library(project).problems] == [
        # "title: Nyhet" is 12 characters: the colon YAML stops at is in column 13
        'docs/nyheter/posts/2026-01-02-test.md:4:13: texten innehåller ": " (kolon och mellanslag), som läses som '
        'ett nytt fält; skriv texten inom citattecken: title: "Nyhet: med kolon"'
    ]


def test_every_yaml_syntax_error_is_explained_in_swedish():
    """Characters that mean something in YAML, typed, deleted or replaced anywhere in the fixture
    (a fixed, repeatable sample): whatever breaks is explained without libyaml's English."""
    import random

    from kravbanken.model.messages import syntax
    from kravbanken.model.yamlload import YamlError, parse

    text = FIXTURE.read_text(encoding="utf-8")
    chance, explained = random.Random(12), 0
    for _ in range(600):
        chars = list(text)
        for _ in range(chance.randint(1, 3)):
            where, what = chance.randrange(len(chars)), chance.choice("\t:\"' -[]{}#\n|>&*!%@`\\,")
            chars[where : where + chance.randint(0, 1)] = [what] if chance.random() < 0.7 else []
        broken = "".join(chars)
        try:
            parse(broken, "x.yaml")
        except YamlError as error:
            if error.problem.message.startswith("YAML-syntaxfel"):
                problem = syntax(broken, "x.yaml")
                assert problem and not problem.message.startswith("YAML-syntaxfel"), (broken, error.problem)
                explained += 1
    assert explained > 100


def test_the_values_yaml_1_1_and_1_2_read_differently_are_found():
    """From the two specifications' tag resolution (YAML 1.1 types, YAML 1.2 core schema)."""
    from kravbanken.model.portable import unportable

    differ = {
        "2026-03-01": "date",
        "yes": "bool",
        "no": "bool",
        "on": "bool",
        "Off": "bool",
        "1_000": "int",
        "1:20": "int",
        "010": "int",
        "0o17": "str",
        "1e3": "str",
    }
    same = ["true", "false", "2.0", "1.10", "2", "", "~", "null", "hej", ".inf", "0x1F", "2026-3-1", "y", "n"]
    plain = {(text,): text for text in [*differ, *same]}
    assert unportable(plain) == {(text,): (text, read_as) for text, read_as in differ.items()}
