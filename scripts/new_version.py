"""Start a new version of a criterion: `python scripts/new_version.py SOC-002 --minor` (or --major).

Keeps the current version as it is in criteria/arkiv/<ID>/<version>.yaml, then in
criteria/krav/<ID>.yaml raises the version number (--major: 1.2 → 2.0 when what the supplier must
do changes; --minor: 1.2 → 1.3 for language and spelling), sets `published` to today (or the day
of SOURCE_DATE_EPOCH) and adds a changelog entry on top whose summary you must write: the validator
refuses it until you do.
Then edit the criterion, run `make validate` and `python scripts/lock_versions.py`. It never
overwrites a file: an archived file that exists already, even a broken one or a link, is left as
it is and the script stops.
"""

import argparse
import os
import re
import sys
from pathlib import Path

from kravbanken.model import load_library
from kravbanken.model.rules import build_date
from kravbanken.model.versions import ARCHIVE_DIR, STUB, is_published, next_version

ROOT = Path(__file__).resolve().parent.parent


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Gör en ny version av ett krav.")
    parser.add_argument("id", help="kravets id, till exempel SOC-002")
    kind = parser.add_mutually_exclusive_group(required=True)
    kind.add_argument("--major", action="store_true", help="ny huvudversion: det leverantören ska göra ändras")
    kind.add_argument("--minor", action="store_true", help="ny delversion: språk, stavning, förtydliganden")
    args = parser.parse_args(argv)

    lib = load_library(ROOT)
    file = ROOT / "criteria" / "krav" / f"{args.id}.yaml"
    mine = [p for p in lib.problems if args.id in p.path]
    if mine:
        for problem in mine:
            print(problem)
        return fail(f"Rätta felen i {args.id} först.")
    if args.id not in lib.records["criterion"]:
        return fail(
            f"Kravet {args.id} finns inte i criteria/krav/. Ett nytt krav gör du med "
            "python scripts/new_criterion.py SERIE."
        )
    record = lib.records["criterion"][args.id]
    if not is_published(record):
        return fail(
            f"Version {record['version']} av {args.id} är ett utkast (draft) och inte publicerad; "
            "ändra den direkt i filen."
        )
    archive = ROOT / ARCHIVE_DIR / args.id / f"{record['version']}.yaml"
    shown = archive.relative_to(ROOT).as_posix()
    if os.path.lexists(archive):
        return fail(
            f"{shown} finns redan, så inget har ändrats; en sparad version skrivs aldrig över. Ska filen "
            "inte vara där, flytta den först."
        )

    text = file.read_text(encoding="utf-8")
    new, today = next_version(record["version"], args.major), build_date().isoformat()
    entry = f'  - version: "{new}"\n    date: "{today}"\n    summary:\n      sv: "{STUB}"\n'
    edits = (
        (r"^version: .*$", f'version: "{new}"'),
        (r"^published: .*$", f'published: "{today}"'),
        (r"^changelog:\n", f"changelog:\n{entry}"),
    )
    for pattern, replacement in edits:
        # A function, so that no backslash in the replacement is read as an escape.
        text, count = re.subn(pattern, lambda _: replacement, text, flags=re.M)  # noqa: B023 - called at once
        if count != 1:
            return fail(
                f"Hittade inte raden {pattern.strip('^$').split(':')[0]}: överst i {file.relative_to(ROOT)}; "
                "gör den nya versionen för hand (se CONTRIBUTING.md)."
            )
    # The archived file is the current one byte for byte, except the path to the schema, which
    # lies one folder further up.
    kept = file.read_text(encoding="utf-8").replace("$schema=../../schema/", "$schema=../../../schema/", 1)
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
        with open(archive, "x", encoding="utf-8") as out:  # "x": never over a file that came in meanwhile
            out.write(kept)
    except OSError as exc:
        return fail(f"{shown} kunde inte skapas ({exc.strerror}); inget har ändrats.")
    file.write_text(text, encoding="utf-8")
    print(f"Version {record['version']} är sparad i {shown}.")
    print(f"{file.relative_to(ROOT)} är nu version {new}. Gör så här:")
    print("  1. Ändra kravet i filen.")
    print('  2. Skriv i versionshistorikens översta post vad som har ändrats och varför (ersätt "SKRIV HÄR …").')
    print("  3. Kontrollera: make validate")
    print("  4. Lås den nya versionen: python scripts/lock_versions.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
