"""Validate the library: `python scripts/validate.py [--format github] [PATH…]`.

Without paths, checks everything under criteria/ and the news posts. With paths, reports the
problems of those files (a file outside the library is checked on its own against the schema and
against the library's ids). Prints one `path:line:col: message` line per problem and exits 1 if
there is any, otherwise prints a one-line summary and exits 0. Warnings (an overdue review) follow
the errors on stderr as `path:line:col: varning: message` and never change the exit code.

`--format github` prints each problem as a GitHub Actions workflow command instead
(`::error file=…,line=…,col=…::message`, and `::warning …` on stdout for a warning), which GitHub shows as an annotation on that line of the
pull request.
"""

import argparse
import sys
from pathlib import Path

from kravbanken.model import KINDS, check_files, load_library, warnings_in

ROOT = Path(__file__).resolve().parent.parent


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's message (or, with `prop`, a property value) as the runner
    expects: %, CR and LF always, and : and , inside properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(problem, level: str = "error") -> str:
    """One problem as a GitHub Actions annotation of `level` (error or warning)."""
    return (f"::{level} file={_escape(problem.path, True)},line={problem.line},col={problem.col}"
            f"::{_escape(problem.message)}")


def warn(problem, fmt: str) -> None:
    """Print a warning: to stdout as an annotation, where the runner reads them, else to stderr,
    so that the output a script or test reads holds the errors alone."""
    if fmt == "github":
        print(github(problem, "warning"))
    else:
        print(f"{problem.path}:{problem.line}:{problem.col}: varning: {problem.message}", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera kravbiblioteket.")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: skriv varje fel som en anteckning i GitHub Actions")
    parser.add_argument("paths", nargs="*", help="filer att kontrollera (utan: hela biblioteket)")
    args = parser.parse_args(argv)
    lib = load_library(ROOT)
    problems = check_files(ROOT, args.paths) if args.paths else lib.problems
    for problem in problems:
        print(github(problem) if args.format == "github" else problem)
    warnings = warnings_in(ROOT, args.paths) if args.paths else lib.warnings
    for found in warnings:
        warn(found, args.format)
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
