"""Validate the library: `python scripts/validate.py [--format github] [PATH…]`.

Without paths, checks everything under criteria/ and the news posts. With paths, reports the
problems of those files (a file outside the library is checked on its own against the schema and
against the library's ids). Prints one `path:line:col: message` line per problem and exits 1 if
there is any, otherwise prints a one-line summary and exits 0. Warnings (an overdue review) follow
the errors on stderr as `path:line:col: varning: message` and never change the exit code.

`--format github` prints each problem as a GitHub Actions workflow command instead
(`::error file=…,line=…,col=…::message`), which GitHub shows as an annotation on that line of the
pull request. A warning becomes an annotation (`::warning …` on stdout) in a file named on the
command line or changed since --base; the warnings of the other files are counted in one annotation
and listed in a folded group of the log.

`--base REF` also compares the published history with git's REF (the branch a pull request goes
into, or the commit before a push): a lock line removed or changed, an archived version changed or
removed, a published version gone from its changelog or from the archive, a release manifest removed
or one of its lines changed (model/history.py). The
working tree is compared, so uncommitted changes count. Without --base, git is never asked.
"""

import argparse
import contextlib
import subprocess
import sys
from pathlib import Path

from kravbanken.model import KINDS, Problem, check_files, load_library, warnings_in
from kravbanken.model.files import entries, read
from kravbanken.model.history import CURRENT_DIR, snapshot, with_validator
from kravbanken.model.releases import RELEASES_DIR
from kravbanken.model.versions import ARCHIVE_DIR, LOCK_FILE
from kravbanken.model.yamlload import YamlError, decode, one_line, quoted

ROOT = Path(__file__).resolve().parent.parent


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's message (or, with `prop`, a property value) as the runner
    expects: %, CR and LF always, and : and , inside properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(problem: Problem, level: str = "error") -> str:
    """One problem as a GitHub Actions annotation of `level` (error or warning), on one line: the file
    name as it is, so that GitHub finds the file, and the message with its line breaks escaped as in
    the text format."""
    return (
        f"::{level} file={_escape(problem.path, True)},line={problem.line},col={problem.col}"
        f"::{_escape(one_line(problem.message))}"
    )


class GitError(Exception):
    """git cannot give the base; the message says why and what to do."""


def git(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, input=stdin, capture_output=True)
    except FileNotFoundError:
        raise GitError("git finns inte på den här datorn; installera git, eller kontrollera utan --base") from None


def base_files(ref: str) -> dict[str, str]:
    """{path: text} of the lock, the archive, the current criteria and the release manifests at git's `ref`."""
    found = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if found.returncode != 0:
        if git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
            raise GitError(
                f'"{ref}" finns inte i den här kopian av förrådet, som är grund (shallow) och saknar '
                "historiken. Hämta den: git fetch --unshallow (i GitHub Actions: fetch-depth: 0 i "
                "actions/checkout)"
            )
        raise GitError(
            f'"{ref}" finns inte i git här; ange en gren eller commit som finns, till exempel --base '
            "origin/main (hämta den först med git fetch origin main)"
        )
    commit = found.stdout.decode().strip()
    listed = git("ls-tree", "-r", "-z", "--full-tree", commit, "--", LOCK_FILE, ARCHIVE_DIR, CURRENT_DIR, RELEASES_DIR)
    blobs = []  # (path, object id) of the regular files; a link in git holds only its target
    for entry in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = entry.partition("\t")
        if meta.split(" ")[:2] in (["100644", "blob"], ["100755", "blob"]):
            blobs.append((path, meta.split(" ")[2]))
    answer = git("cat-file", "--batch", stdin="".join(f"{sha}\n" for _, sha in blobs).encode())
    if listed.returncode or answer.returncode:  # never compare with a base that could not be read whole
        raise GitError(f"git kunde inte läsa filerna i {ref}: {(listed.stderr + answer.stderr).decode().strip()}")
    out = answer.stdout
    files, at = {}, 0
    for path, _ in blobs:  # each answer: "<id> blob <size>\n<content>\n", in the order asked
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split(b" ")[2])
        files[path] = out[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace")
        at = header_end + 2 + size
    return files


def head_files() -> dict[str, str]:
    """{path: text} of the same files in the working tree, read as the validator reads them (a
    file it refuses is left out: its own message says why)."""
    wanted = [
        ROOT / LOCK_FILE,
        *entries(ROOT / ARCHIVE_DIR),
        *sorted((ROOT / CURRENT_DIR).glob("*.yaml")),
        *sorted((ROOT / RELEASES_DIR).glob("*.lock")),
    ]
    files = {}
    for file in wanted:
        shown_as = file.relative_to(ROOT).as_posix()
        with contextlib.suppress(YamlError):  # refused: the validator's own message says why
            files[shown_as] = decode(read(file, ROOT, shown_as), shown_as)
    return files


def with_history(problems, ref: str) -> tuple[list[Problem], set[str]]:
    """`problems` and those of the working tree's published history compared with git's `ref`, and
    the paths of the criteria, archive and release files that are new or changed since `ref`."""
    base, head = base_files(ref), head_files()
    changed = {path for path, text in head.items() if base.get(path) != text}
    return with_validator(problems, snapshot(base), snapshot(head), ref), changed


def warning_line(problem: Problem) -> str:
    return f"{quoted(problem.path)}:{problem.line}:{problem.col}: varning: {one_line(problem.message)}"


def warn(warnings: list[Problem], fmt: str, annotated: set[str] | None) -> None:
    """Print the warnings: as text on stderr, so that the output a script or test reads holds the
    errors alone. In GitHub's format, those of the files in `annotated` (the files named, or those
    changed since --base) become annotations on their lines; the rest, in files the change did not
    touch (a whole library without English texts gave 106), are counted in one annotation and
    listed in a folded group of the log, where they do not hide the new ones."""
    if fmt != "github":
        for problem in warnings:
            print(warning_line(problem), file=sys.stderr)
        return
    rest = [p for p in warnings if p.path not in (annotated or ())]
    for problem in (p for p in warnings if p.path in (annotated or ())):
        print(github(problem, "warning"))
    if rest:
        where = f"{len({p.path for p in rest})} filer" + (" som ändringen inte rör" if annotated is not None else "")
        print(f"::warning::{len(rest)} varningar i {where}; se listan i loggen")
        print(f"::group::{len(rest)} varningar i {where}")
        for problem in rest:
            print(warning_line(problem))
        print("::endgroup::")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera kravbiblioteket.")
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: skriv varje fel som en anteckning i GitHub Actions",
    )
    parser.add_argument(
        "--base", metavar="REF", help="jämför också den publicerade historiken med grenen eller commiten REF i git"
    )
    parser.add_argument("paths", nargs="*", help="filer att kontrollera (utan: hela biblioteket)")
    args = parser.parse_args(argv)
    lib = load_library(ROOT)
    problems = list(check_files(ROOT, args.paths, lib) if args.paths else lib.problems)
    warnings = list(warnings_in(lib, args.paths) if args.paths else lib.warnings)
    # The files this run is about, when it is about some: those named, and those changed since --base.
    annotated = {w.path for w in warnings} if args.paths else None
    if args.base is not None and set(args.base) == {"0"}:
        # GitHub's "commit before" the first push to a branch: there is no published history to keep.
        print(f"Ingen tidigare commit ({args.base}); historiken jämförs inte.", file=sys.stderr)
    elif args.base is not None:
        try:
            problems, changed = with_history(problems, args.base)
            annotated = (annotated or set()) | changed
        except GitError as exc:
            print(f"Historiken kunde inte jämföras med {args.base}: {exc}.", file=sys.stderr)
            return 2
    for problem in problems:
        print(github(problem) if args.format == "github" else problem)
    warn(warnings, args.format, annotated)
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
