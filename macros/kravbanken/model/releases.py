"""The library's calendar releases (2026.1, 2026.2 …), read from CHANGELOG.md: one `## ` heading
per release, newest first, `## 2026.2 – 2026-12-01`, with its changes as a list below it; a
heading `## Ej utgivet` above them collects what the next release will bring. CHANGELOG.md is the
one place a release number is written: data/criteria.json and the site's Ändringslogg read it here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .files import read_text
from .yamlload import Problem, YamlError

CHANGELOG = "CHANGELOG.md"
UNRELEASED = "Ej utgivet"
Release = tuple[str, str, tuple[str, ...]]  # number, date, the changes listed
_HEADING = re.compile(r"^## (\d{4})\.([1-9]\d*) – (\d{4})-(\d{2})-(\d{2})$")


def read_releases(root: Path) -> tuple[tuple[Release, ...], list[Problem]]:
    """((number, date, (change, …)), …) newest first, and the problems of CHANGELOG.md."""
    file = root / CHANGELOG
    if not os.path.lexists(file):
        return (), [Problem(CHANGELOG, 1, 1, "filen saknas; den ska ha en rubrik per utgåva, till exempel "
                                             "## 2026.1 – 2026-11-21")]
    try:
        text = read_text(file, root, CHANGELOG)
    except YamlError as exc:
        return (), [exc.problem]
    releases: list[tuple[str, str, list[str]]] = []
    problems: list[Problem] = []
    current: tuple[str, str, list[str]] | None = None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("## "):
            match = _HEADING.match(line)
            current = None
            if match:
                number, day = f"{match[1]}.{match[2]}", "-".join(match.group(3, 4, 5))
                if match[1] != match[3]:
                    problems.append(Problem(CHANGELOG, n, 4, f"utgåvans år {match[1]} ska vara samma som datumets "
                                                             f"år {match[3]}"))
                elif releases and (int(match[1]), int(match[2])) >= tuple(map(int, releases[-1][0].split("."))):
                    problems.append(Problem(CHANGELOG, n, 4, f"utgåva {number} ska vara äldre än {releases[-1][0]} "
                                                             "ovanför; den senaste utgåvan står först"))
                else:
                    current = (number, day, [])
                    releases.append(current)
            elif line != f"## {UNRELEASED}":
                problems.append(Problem(CHANGELOG, n, 1, f"rubriken ska vara ## {UNRELEASED} eller en utgåva med "
                                                         "år, nummer och datum, till exempel ## 2026.2 – 2026-12-01"))
        elif current is not None and line.startswith("- "):
            current[2].append(line[2:].strip())
        elif current is not None and line.startswith("  ") and current[2]:
            current[2][-1] += " " + line.strip()
    if not releases and not problems:
        problems.append(Problem(CHANGELOG, 1, 1, "filen har ingen utgåva; skriv en rubrik som ## 2026.1 – 2026-11-21"))
    return tuple((number, day, tuple(items)) for number, day, items in releases), problems
