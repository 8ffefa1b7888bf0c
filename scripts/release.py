"""Freeze what a release contains: `python scripts/release.py`.

Cut a release in three steps (CONTRIBUTING.md): move the items under `## Ej utgivet` in
CHANGELOG.md under a new heading `## 2026.3 – 2026-12-15`, run this script, commit both files.

For every release in CHANGELOG.md that has no manifest yet, it writes criteria/utgavor/<release>.lock:
each published criterion with the version current on the release date, its status and the
version's fingerprint. It never changes an existing manifest. When the library has any other
problem, or a release is dated in the future, it prints that and writes nothing.
"""

import sys
from pathlib import Path

from kravbanken.model import load_library
from kravbanken.model.releases import contents_on, manifest_path, manifest_text
from kravbanken.model.rules import build_date

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    lib = load_library(ROOT)
    missing = {manifest_path(r.number) for r in lib.releases if not (ROOT / manifest_path(r.number)).is_file()}
    problems = [p for p in lib.problems if p.path not in missing]  # a missing manifest is what this makes
    for problem in problems:
        print(problem)
    future = [r for r in lib.releases if manifest_path(r.number) in missing and r.date > build_date().isoformat()]
    for release in future:
        print(
            f"CHANGELOG.md: utgåva {release.number} har datumet {release.date}, som inte har kommit än; "
            "gör utgåvan på sitt datum"
        )
    if problems or future:
        print("Inget har skrivits.", file=sys.stderr)
        return 1
    history = {i: lib.history(i) for i in lib.criteria}
    for release in lib.releases:
        path = manifest_path(release.number)
        if path in missing:
            lines = [(i, version, status, digest) for i, version, status, digest in contents_on(history, release.date)]
            (ROOT / path).parent.mkdir(parents=True, exist_ok=True)
            (ROOT / path).write_text(manifest_text(release.number, release.date, lines), encoding="utf-8")
            print(f"Skrev {path}: {len(lines)} krav.")
    if not missing:
        print("OK: alla utgåvor har redan sin fil i criteria/utgavor/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
