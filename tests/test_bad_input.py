"""Bad input in the guide's data: each mistake gives one located Swedish message from
scripts/validate.py, and the strict build fails with the same line.

Every broken file is written here in full (or from the validator's fixture, whose lines are
fixed), so the expected line:col is known from the file itself, not taken from the program.
"""

import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"

STAGE = """\
  {code}:
    practice:
      sv: Så gör vi.
    recommendation:
      sv: Gör så här.
"""

PROFILE = """\
id: testkommun
organisation:
  sv: Testkommun
organisation_type: municipality
summary:
  sv: En kommun som har glömt ett steg.
example: true
stages:
""" + "".join(STAGE.format(code=c) for c in ("ambition", "planning", "requirements", "follow-up", "improvement"))

LINK = """\
    description:
      sv: Något händer här.
    ratings:
      human-rights: {rating}
      workers-rights: low
      environment: low
      corruption: low
    risks:
      sv: Inga kända risker.
"""

RISK_AREA = f"""\
id: testomrade
name:
  sv: Testområde
order: 99
summary:
  sv: Ett område att pröva med.
products:
  sv: Testvaror.
countries:
  - Sverige
chain:
  raw-material:
{LINK.format(rating="extreme")}  processing:
{LINK.format(rating="low")}  manufacturing:
{LINK.format(rating="low")}follow_up_done:
  sv: Ingen uppföljning ännu.
follow_up:
  - sjalvskattning
"""

POST = """\
---
title: Nyhet utan datum
categories:
  - Kriterier
description: En nyhet som saknar datum.
---

# Nyhet utan datum

Texten.
"""


def write(project: Path, path: str, text: str) -> None:
    file = project / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def assert_rejected(project: Path, build, expected: str) -> None:
    """The validator prints exactly `expected` and exits 1; the strict build fails saying it too."""
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
    built = build(project, project / "site")
    assert built.returncode != 0
    assert expected in (built.stderr + built.stdout).splitlines()


def test_a_profile_missing_a_stage(project, build):
    write(project, "criteria/goda-exempel/testkommun.yaml", PROFILE)
    # Line 9 is "  ambition:", where the mapping of stages begins.
    assert_rejected(
        project,
        build,
        "criteria/goda-exempel/testkommun.yaml:9:3: processteg (stages): det obligatoriska "
        "fältet kommunikation och rapportering (stages.communication) saknas; lägg till en rad "
        '"communication:" och under den, indragna, fälten practice, recommendation',
    )


def test_a_risk_rating_outside_low_medium_high(project, build):
    write(project, "criteria/riskomraden/testomrade.yaml", RISK_AREA)
    # Line 16 is "      human-rights: extreme"; the value starts in column 21.
    assert RISK_AREA.splitlines()[15] == "      human-rights: extreme"
    assert_rejected(
        project,
        build,
        "criteria/riskomraden/testomrade.yaml:16:21: mänskliga rättigheter "
        '(chain.raw-material.ratings.human-rights): "extreme" är inte tillåtet; '
        "tillåtna värden: low (Låg), medium (Medel), high (Hög)",
    )


def test_a_criterion_referring_to_a_clause_that_does_not_exist(project, build):
    text = FIXTURE.read_text(encoding="utf-8")
    assert "code_of_conduct: [AR-1, AR-2]" in text.splitlines()[25]  # line 26 of the fixture
    write(
        project, "criteria/krav/TST-001.yaml", text.replace("code_of_conduct: [AR-1, AR-2]", "code_of_conduct: [MR-9]")
    )
    write(project, "criteria/arkiv/TST-001/1.0.yaml", (FIXTURE.parent / "TST-001-1.0.yaml").read_text(encoding="utf-8"))
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    [line] = result.stdout.splitlines()
    # "code_of_conduct: [" is 18 characters, so MR-9 starts in column 19.
    assert line.startswith(
        "criteria/krav/TST-001.yaml:26:19: uppförandekod (code_of_conduct[0]): "
        'punkten i uppförandekoden "MR-9" finns inte; '
    )
    assert_rejected(project, build, line)


def test_a_news_post_without_date(project, build):
    write(project, "docs/nyheter/posts/2026-01-01-utan-datum.md", POST)
    # The front matter starts on line 2, after the opening ---.
    assert_rejected(
        project,
        build,
        "docs/nyheter/posts/2026-01-01-utan-datum.md:2:1: det obligatoriska fältet "
        "datum (date) saknas; lägg till en rad "
        '"date:" och under den, indragna, fälten created',
    )


def test_a_code_of_conduct_clause_without_english_title(project, build):
    # The code of conduct is published in both languages, so its texts must have English, even
    # though a text elsewhere needs only Swedish (the schema adds `required: [sv, en]` beside $ref).
    text = (project / "criteria/uppforandekod/AR-7.yaml").read_text(encoding="utf-8")
    english = "  en: Responsible recruitment and migrant workers\n"
    assert text.splitlines()[5] == "  sv: Ansvarsfull rekrytering och migrantarbetare" and english in text
    write(project, "criteria/uppforandekod/AR-7.yaml", text.replace(english, ""))
    # Line 6 is "  sv: …", where the title's mapping begins. The criteria that refer to AR-7 are
    # not reported as referring to a missing clause: it exists, and its own file is what is wrong.
    assert_rejected(
        project,
        build,
        "criteria/uppforandekod/AR-7.yaml:6:3: rubrik (title): det obligatoriska fältet "
        "engelska (title.en) saknas; lägg till en rad "
        '"en: " följt av texten på engelska',
    )
