"""Lock the published versions: `python scripts/lock_versions.py`.

Adds a line to criteria/publicerat.lock for every published version (any status but draft) that
the file does not hold yet: its id, version and the SHA-256 of its content. It never changes or
removes a line. When the library has any problem, including a published version that has been
changed, or a changelog names a version that is not kept in criteria/arkiv/, it prints the
problems and writes nothing.
"""

import os
import sys
from pathlib import Path

from kravbanken.model import load_library
from kravbanken.model.versions import ARCHIVE_DIR, LOCK_FILE, lock_text, read_lock, unkept, unlocked

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    lib = load_library(ROOT)
    locked, _ = read_lock(ROOT)
    # A missing lock file is what this makes; one that is there but cannot be read is never replaced.
    missing = [] if os.path.lexists(ROOT / LOCK_FILE) else [p for p in lib.problems if p.path == LOCK_FILE]
    problems = [p for p in lib.problems if p not in missing]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} fel hittades; rätta dem först. Inget har låsts.", file=sys.stderr)
        return 1
    not_kept = unkept(lib.versions)
    for record_id, version in not_kept:
        print(
            f"{lib.files['criterion', record_id]}: versionshistoriken nämner version {version}, men den finns inte "
            f"sparad; lägg den fullständiga versionen i {ARCHIVE_DIR}/{record_id}/{version}.yaml"
        )
    if not_kept:
        print("Inget har låsts.", file=sys.stderr)
        return 1
    new = unlocked(lib.versions, locked)
    lines = [(record_id, version, digest) for (record_id, version), (digest, _) in locked.items()] + new
    (ROOT / LOCK_FILE).write_text(lock_text(lines), encoding="utf-8")
    for record_id, version, _ in sorted(new):
        print(f"Låst: {record_id} {version}")
    print(f"OK: {len(new)} nya versioner låsta, {len(lines)} totalt i {LOCK_FILE}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
