"""Start a new criterion: `python scripts/new_criterion.py SOC`.

Writes criteria/krav/<next free id of the series>.yaml, a valid skeleton with status draft and
today's date (or the day of SOURCE_DATE_EPOCH), and prints its path. A draft is not published: fill
in the texts, risk areas, code-of-conduct clauses and follow-up methods, and set `status: active`
(or `consultation` with `consultation_closes`) when the expert group has agreed.

Ids are never reused, so the next free id comes after every id the series has ever had, published
or not: every file name in criteria/krav/, valid or not (a draft with a YAML error is still
somebody's work), every folder of the archive and every locked id. The file is created only if no
file has its name; nothing is ever overwritten. A series that does not exist yet needs --new-series.
"""

import argparse
import re
import sys
from pathlib import Path

from kravbanken.model import KIND
from kravbanken.model.rules import build_date
from kravbanken.model.versions import next_id, read_lock, used_ids

ROOT = Path(__file__).resolve().parent.parent

SKELETON = """\
# yaml-language-server: $schema=../../schema/criterion.schema.json
id: {id}
version: "1.0"
status: draft
type: contract-condition
level: base
title:
  sv: Skriv en kort rubrik som säger vad kravet gäller
clause:
  sv: |
    Leverantören ska [skriv kravtexten här].
guidance:
  sv: |
    Skriv varför kravet finns och hur upphandlaren använder det.
verification:
  sv: |
    Skriv vilket underlag leverantören ska lämna och när.
risk_areas: []
code_of_conduct: []
follow_up: []
published: "{today}"
changelog:
  - version: "1.0"
    date: "{today}"
    summary:
      sv: Första versionen.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Gör ett nytt krav (ett utkast) med nästa lediga id.")
    parser.add_argument("series", help="serien: tre versaler, till exempel SOC")
    parser.add_argument("--new-series", action="store_true", help="serien finns inte än och ska börja nu")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[A-Z]{3}", args.series):
        print(f'"{args.series}" är inte en serie; skriv tre versaler, till exempel SOC', file=sys.stderr)
        return 1
    used = used_ids(ROOT, KIND["criterion"].folder, read_lock(ROOT)[0])
    series = sorted({i[:3] for i in used if re.fullmatch(r"[A-Z]{3}-[0-9]+", i)})
    if args.series not in series and not args.new_series:
        print(
            f"Serien {args.series} finns inte. Befintliga serier: {', '.join(series)}. Ska en ny serie börja, "
            "lägg till --new-series.",
            file=sys.stderr,
        )
        return 1
    record_id = next_id(used, args.series)
    file = ROOT / "criteria" / "krav" / f"{record_id}.yaml"
    try:
        with open(file, "x", encoding="utf-8") as out:  # "x": never over a file that came in meanwhile
            out.write(SKELETON.format(id=record_id, today=build_date().isoformat()))
    except FileExistsError:
        print(
            f"{file.relative_to(ROOT).as_posix()} finns redan och har inte ändrats; kör skriptet igen.", file=sys.stderr
        )
        return 1
    print(file.relative_to(ROOT).as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
