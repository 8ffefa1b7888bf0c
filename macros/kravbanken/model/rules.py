"""Rules that a schema cannot express: a criterion's changelog tells the truth about its version,
and every reference names a record that exists. Each rule takes data and returns problems."""

from __future__ import annotations

import difflib

from .kinds import KIND, REFERENCES, ids_at
from .schemas import Schemas
from .yamlload import Document, Problem

CRITERION_SCHEMA = KIND["criterion"].schema


def version_key(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def check_criterion(schemas: Schemas, doc: Document, shown_as: str) -> list[Problem]:
    """The changelog's first entry is this version, versions fall and dates do not rise going down;
    a superseded criterion names its successor."""
    record, out = doc.data, []

    def at(path, message):
        return Problem(shown_as, *doc.position(path), f"{schemas.field(CRITERION_SCHEMA, path)}: {message}")

    log = record["changelog"]
    if log[0]["version"] != record["version"]:
        out.append(at(("changelog", 0, "version"), f'"{log[0]["version"]}" ska vara samma som kravets version '
                                                    f'"{record["version"]}"; den senaste versionen står först'))
    if log[0]["date"] != record["published"]:
        out.append(at(("changelog", 0, "date"), f'{log[0]["date"]} ska vara samma som publiceringsdatumet '
                                                 f'{record["published"]}'))
    for i in range(1, len(log)):
        newer, older = log[i - 1], log[i]
        if version_key(older["version"]) >= version_key(newer["version"]):
            out.append(at(("changelog", i, "version"), f'"{older["version"]}" ska vara lägre än "{newer["version"]}" '
                                                        "ovanför; historiken står med den senaste versionen först"))
        elif older["date"] > newer["date"]:
            out.append(at(("changelog", i, "date"), f'{older["date"]} är senare än {newer["date"]} för den nyare '
                                                     "versionen ovanför"))
    if record["status"] == "superseded" and "superseded_by" not in record:
        out.append(at(("status",), "ett ersatt krav (superseded) ska ange vilket krav som ersätter det i fältet "
                                   "superseded_by"))
    return out


def references(source: str, record: dict, skip=frozenset()):
    """(path, target kind, id) for every reference in a record of kind `source`; paths in `skip`
    (values the schema check has reported already) are left out."""
    for kind, path, target in REFERENCES:
        if kind == source:
            for where, ref in ids_at(record, path):
                if where not in skip and isinstance(ref, str):
                    yield where, target, ref


def dangling(schemas: Schemas, records: dict, invalid_ids: set, source: str, doc: Document, shown_as: str,
             skip=frozenset()) -> list[Problem]:
    """A problem for each reference in `doc` that names no record. A reference to a record that
    exists but is invalid is not reported: that record's own problems are."""
    out = []
    for where, target, ref in references(source, doc.data, skip):
        if ref in records[target] or (target, ref) in invalid_ids:
            continue
        name = schemas.field(KIND[source].schema, where)
        out.append(Problem(shown_as, *doc.position(where),
                           f'{name}: {KIND[target].noun} "{ref}" finns inte; {_known(records[target], target, ref)}'))
    return out


def _known(ids, kind: str, ref: str) -> str:
    """The ids a reference may use: all of them when few, otherwise the closest few."""
    known = sorted(ids)
    if len(known) <= 20:
        return f"kända id: {', '.join(known) or 'inga'}"
    close = difflib.get_close_matches(ref, known, n=5, cutoff=0.5)
    where = f"criteria/{KIND[kind].folder}/"
    return f"liknande id: {', '.join(close)} (alla finns i {where})" if close else f"alla id finns i {where}"
