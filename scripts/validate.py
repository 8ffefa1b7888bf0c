"""Validate the library: `python scripts/validate.py [PATH…]`.

Without paths, checks everything under criteria/ and the news posts. With paths, reports the
problems of those files (a file outside the library is checked on its own against the schema and
against the library's ids). Prints one `path:line:col: message` line per problem and exits 1 if
there is any, otherwise prints a one-line summary and exits 0.
"""

import sys
from pathlib import Path

from kravbanken.model import KINDS, check_files, load_library

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    lib = load_library(ROOT)
    problems = check_files(ROOT, argv) if argv else lib.problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} fel hittades.", file=sys.stderr)
        return 1
    if argv:
        print(f"OK: {len(argv)} filer utan fel.")
    else:
        counts = ", ".join(f"{len(lib.records[k.name])} {k.folder}" for k in KINDS)
        print(f"OK: {counts}, {len(lib.posts)} nyheter – inga fel.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
