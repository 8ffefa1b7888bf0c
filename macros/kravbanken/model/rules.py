"""Rules that a schema cannot express: a criterion's changelog tells the truth about its version,
its dates are possible, replacements are named on both sides, every reference names a record that
exists, and a news post agrees with its file name. Each rule takes data and returns problems."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime

from .aliases import FieldPath, Record
from .kinds import CRITERION_TEXTS, KIND, POST_SCHEMA, REFERENCES, ids_at
from .messages import needed_when_completed, not_public, only_when_completed, unknown_version
from .schemas import Schemas
from .yamlload import Document, Problem

CRITERION_SCHEMA = KIND["criterion"].schema


def version_key(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def build_date() -> date:
    """Today, or the day given by SOURCE_DATE_EPOCH so that a rebuild can give identical files: the
    one clock of the build, the validator and the scripts (a version is dated the day it is made)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def check_criterion(schemas: Schemas, doc: Document, shown_as: str) -> list[Problem]:
    """The changelog's first entry is this version, versions fall and dates do not rise going down;
    a superseded criterion names its successor and an active one has none; it is not published in
    the future, nor valid before it is published."""
    record, out = doc.data, []

    def at(path: FieldPath, message: str) -> Problem:
        return Problem(shown_as, *doc.position(path), f"{schemas.field(CRITERION_SCHEMA, path)}: {message}")

    log = record["changelog"]
    if log[0]["version"] != record["version"]:
        out.append(
            at(
                ("changelog", 0, "version"),
                f'"{log[0]["version"]}" ska vara samma som kravets version '
                f'"{record["version"]}"; den senaste versionen står först',
            )
        )
    if log[0]["date"] != record["published"]:
        out.append(
            at(
                ("changelog", 0, "date"),
                f"{log[0]['date']} ska vara samma som publiceringsdatumet {record['published']}",
            )
        )
    for i in range(1, len(log)):
        newer, older = log[i - 1], log[i]
        if version_key(older["version"]) >= version_key(newer["version"]):
            out.append(
                at(
                    ("changelog", i, "version"),
                    f'"{older["version"]}" ska vara lägre än "{newer["version"]}" '
                    "ovanför; historiken står med den senaste versionen först",
                )
            )
        elif older["date"] > newer["date"]:
            out.append(
                at(
                    ("changelog", i, "date"),
                    f"{older['date']} är senare än {newer['date']} för den nyare versionen ovanför",
                )
            )
    if record["status"] == "superseded" and "superseded_by" not in record:
        out.append(
            at(("status",), "ett ersatt krav (superseded) ska ange vilket krav som ersätter det i fältet superseded_by")
        )
    if record["status"] == "active" and "superseded_by" in record:
        out.append(
            at(
                ("superseded_by",),
                "ett gällande krav (status active) är inte ersatt; ändra status till "
                "superseded eller ta bort fältet superseded_by",
            )
        )
    today = build_date().isoformat()
    if record["published"] > today:
        out.append(
            at(
                ("published",),
                f"{record['published']} ligger i framtiden (i dag är det {today}); en version "
                "publiceras samma dag som den läggs in, skriv dagens datum",
            )
        )
    if record.get("valid_from", record["published"]) < record["published"]:
        out.append(
            at(
                ("valid_from",),
                f"{record['valid_from']} är före publiceringsdatumet {record['published']}; "
                "en version kan inte gälla innan den är publicerad",
            )
        )
    return out


def check_review(schemas: Schemas, doc: Document, shown_as: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the review dates of a published criterion's current version: both
    are given, the next review comes after the last one, the last one is not in the future, and the
    next one is not overdue (a warning: the criterion is still usable while it waits)."""
    record = doc.data
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def at(path: FieldPath, message: str) -> Problem:
        return Problem(shown_as, *doc.position(path), f"{schemas.field(CRITERION_SCHEMA, path)}: {message}")

    reviewed, due, today = record.get("reviewed"), record.get("review_due"), build_date().isoformat()
    if reviewed is None or due is None:
        given = ("reviewed",) if reviewed else ("review_due",) if due else ("published",)
        missing = schemas.field(CRITERION_SCHEMA, ("reviewed",) if reviewed is None else ("review_due",))
        # A warning, not an error, until every criterion has had its first review (issue 22).
        warnings.append(
            Problem(
                shown_as,
                *doc.position(given),
                f"{missing} saknas; ett publicerat krav ska ange "
                "när det senast granskades (reviewed) och när det ska granskas igen (review_due), "
                f'med datum inom citattecken som "{today}"; nästa granskning högst ett år senare',
            )
        )
        return errors, warnings
    if reviewed > today:
        errors.append(
            at(
                ("reviewed",),
                f"{reviewed} ligger i framtiden (i dag är det {today}); skriv dagen då granskningen gjordes",
            )
        )
    if due <= reviewed:
        errors.append(
            at(
                ("review_due",),
                f"{due} ska vara senare än granskningsdagen {reviewed} (reviewed); "
                "skriv när kravet ska granskas nästa gång, högst ett år fram",
            )
        )
    elif due < today:
        warnings.append(
            at(
                ("review_due",),
                f"{due} har passerat (i dag är det {today}); granska kravet mot sina "
                "källor och skriv nya datum i reviewed och review_due. Ändras inget "
                "i kravet behövs ingen ny version",
            )
        )
    return errors, warnings


def check_english(schemas: Schemas, doc: Document, shown_as: str) -> list[Problem]:
    """A warning when a published criterion's texts (most often its guidance or verification) are
    not all in English: its English page then says that the text is only in Swedish. Not an error,
    so a criterion can be published before it is translated."""
    untranslated = [name for name in CRITERION_TEXTS if "en" not in doc.data[name]]
    if not untranslated:
        return []
    missing = [schemas.field(CRITERION_SCHEMA, (name,)) for name in untranslated]
    names = " och ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
    return [
        Problem(
            shown_as,
            *doc.position((untranslated[0],)),
            f"{names} saknar text på engelska (en); kravets engelska sida säger då att texten bara "
            "finns på svenska. Skriv den engelska texten under en:, bredvid sv:",
        )
    ]


RESULT_SCHEMA = KIND["follow_up_result"].schema
RESULTS = ("findings", "summary", "corrective_actions", "completed")  # what only a completed follow-up has


def check_follow_up_result(
    schemas: Schemas, doc: Document, shown_as: str, published: Mapping[str, list[str]]
) -> list[Problem]:
    """A follow-up names versions of criteria that were published (`published`: criterion id ->
    its published versions; an id not in it is reported by `dangling` or at its own file), has
    results only when it is completed, and names suppliers only when its report is public."""
    record, out = doc.data, []

    def at(path: FieldPath, message: str) -> Problem:
        return Problem(shown_as, *doc.position(path), message)

    def name(path: FieldPath) -> str:
        return schemas.field(RESULT_SCHEMA, path)

    for i, item in enumerate(record.get("criteria", [])):
        versions = published.get(item["id"])
        path = ("criteria", i, "version")
        if versions is not None and item["version"] not in versions:
            out.append(at(path, unknown_version(name(path), item["id"], item["version"], versions)))
    if record["status"] == "completed":
        out += [
            at(("status",), needed_when_completed(name(("status",)), name((field,)), field))
            for field in ("summary", "completed")
            if field not in record
        ]
    else:
        out += [
            at((field,), only_when_completed(name((field,)), record["status"])) for field in RESULTS if field in record
        ]
    if "suppliers" in record and record.get("report_public") is not True:
        out.append(at(("suppliers",), not_public(name(("suppliers",)))))
    return out


_OTHER_SIDE = {"supersedes": "superseded_by", "superseded_by": "supersedes"}


def check_replacements(schemas: Schemas, criteria: dict[str, Document], files: dict[str, str]) -> list[Problem]:
    """A criterion does not replace itself, the criterion it names says the same from its side,
    and following superseded_by never leads back to where it started. `criteria` maps each valid
    criterion's id to its Document, `files` maps it to the path shown in messages."""
    out = []
    for record_id, doc in sorted(criteria.items()):

        def at(field: str, message: str, shown_as: str = files[record_id], doc: Document = doc) -> Problem:
            return Problem(shown_as, *doc.position((field,)), f"{schemas.field(CRITERION_SCHEMA, (field,))}: {message}")

        for field, other in _OTHER_SIDE.items():
            ref = doc.data.get(field)
            if ref is None or ref not in criteria:
                continue  # a missing criterion is reported by `dangling`
            if ref == record_id:
                out.append(at(field, f'kravet kan inte ersätta sig självt; ange ett annat krav än "{ref}"'))
            elif criteria[ref].data.get(other) != record_id:
                out.append(
                    at(
                        field,
                        f'"{ref}" anger inte {other}: {record_id}; skriv det i {files[ref]} också, '
                        "så att ersättningen står på båda sidor",
                    )
                )
        chain, ref = [record_id], doc.data.get("superseded_by")
        while ref in criteria and ref not in chain:
            chain.append(ref)
            ref = criteria[ref].data.get("superseded_by")
        if ref == record_id and len(chain) > 1:
            out.append(
                at(
                    "superseded_by",
                    "ersättningarna går i en cirkel: "
                    + " → ".join(chain + [record_id])
                    + "; ett krav kan inte ersättas av ett krav som det själv ersätter",
                )
            )
    return out


_POST_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md")


def check_post_name(schemas: Schemas, doc: Document, file_name: str, shown_as: str) -> list[Problem]:
    """A news post's file is named YYYY-MM-DD-slug.md after its date and its slug."""
    name = _POST_NAME.fullmatch(file_name)
    if name is None:
        return [
            Problem(
                shown_as,
                1,
                1,
                f'filnamnet "{file_name}" har fel form; en nyhet ska heta '
                "ÅÅÅÅ-MM-DD-adressnamn.md, till exempel 2026-03-01-nya-krav.md",
            )
        ]
    out, (day, slug) = [], name.groups()
    if doc.data["date"]["created"] != day:
        out.append(
            Problem(
                shown_as,
                *doc.position(("date", "created")),
                f"{schemas.field(POST_SCHEMA, ('date', 'created'))}: {doc.data['date']['created']} "
                f"stämmer inte med datumet {day} i filnamnet; ändra det ena så att de blir lika",
            )
        )
    if doc.data.get("slug", slug) != slug:
        out.append(
            Problem(
                shown_as,
                *doc.position(("slug",)),
                f'{schemas.field(POST_SCHEMA, ("slug",))}: "{doc.data["slug"]}" stämmer inte med '
                f'"{slug}" i filnamnet; ändra det ena så att de blir lika',
            )
        )
    return out


def references(
    source: str, record: Record, skip: Collection[FieldPath] = frozenset()
) -> Iterator[tuple[FieldPath, str, str]]:
    """(path, target kind, id) for every reference in a record of kind `source`; paths in `skip`
    (values the schema check has reported already) are left out."""
    for kind, path, target in REFERENCES:
        if kind == source:
            for where, ref in ids_at(record, path):
                if where not in skip and isinstance(ref, str):
                    yield where, target, ref


def dangling(
    schemas: Schemas,
    records: Mapping[str, Mapping[str, Record]],
    invalid_ids: Collection[tuple[str, str]],
    source: str,
    doc: Document,
    shown_as: str,
    skip: Collection[FieldPath] = frozenset(),
) -> list[Problem]:
    """A problem for each reference in `doc` that names no record. A reference to a record that
    exists but is invalid is not reported: that record's own problems are."""
    out = []
    for where, target, ref in references(source, doc.data, skip):
        if ref in records[target] or (target, ref) in invalid_ids:
            continue
        name = schemas.field(KIND[source].schema, where)
        out.append(
            Problem(
                shown_as,
                *doc.position(where),
                f'{name}: {KIND[target].noun} "{ref}" finns inte; {_known(records[target], target, ref)}',
            )
        )
    return out


def _known(ids: Iterable[str], kind: str, ref: str) -> str:
    """The ids a reference may use: all of them when few, otherwise the closest few."""
    known = sorted(ids)
    if len(known) <= 20:
        right = difflib.get_close_matches(ref, known, n=1)
        listed = ", ".join(known) or "inga"
        return f'menade du "{right[0]}"? Kända id: {listed}' if right else f"kända id: {listed}"
    close = difflib.get_close_matches(ref, known, n=5, cutoff=0.5)
    where = f"criteria/{KIND[kind].folder}/"
    return f"liknande id: {', '.join(close)} (alla finns i {where})" if close else f"alla id finns i {where}"
