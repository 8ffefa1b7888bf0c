"""Validate the library: `python scripts/validate.py [--format github] [PATH…]`.

Without paths, checks everything under criteria/ and the news posts. With paths, reports the
problems of those files (a file outside the library is checked on its own against the schema and
against the library's ids). Prints one `path:line:col: message` line per problem and exits 1 if
there is any, otherwise prints a one-line summary and exits 0.

`--format github` prints each problem as a GitHub Actions workflow command instead
(`::error file=…,line=…,col=…::message`), which GitHub shows as an annotation on that line of the
pull request.
"""

import argparse
import sys
from pathlib import Path

from kravbanken.model import KINDS, check_files, load_library

ROOT = Path(__file__).resolve().parent.parent


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's message (or, with `prop`, a property value) as the runner
    expects: %, CR and LF always, and : and , inside properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(problem) -> str:
    """One problem as a GitHub Actions error annotation."""
    return (f"::error file={_escape(problem.path, True)},line={problem.line},col={problem.col}"
            f"::{_escape(problem.message)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera kravbiblioteket.")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: skriv varje fel som en anteckning i GitHub Actions")
    parser.add_argument("paths", nargs="*", help="filer att kontrollera (utan: hela biblioteket)")
    args = parser.parse_args(argv)
    lib = load_library(ROOT)
    problems = check_files(ROOT, args.paths, lib) if args.paths else lib.problems
    for problem in problems:
        print(github(problem) if args.format == "github" else problem)
    if problems:
        print(f"{len(problems)} fel hittades.", file=sys.stderr)
        return 1
    if args.paths:
        print(f"OK: {len(args.paths)} filer utan fel.")
    else:
        counts = ", ".join(f"{len(lib.records[k.name])} {k.folder}" for k in KINDS)
        print(f"OK: {counts}, {len(lib.posts)} nyheter – inga fel.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
