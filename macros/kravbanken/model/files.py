"""Reading the library's files safely, and naming the files that are not what they should be.

A file the library is made from (under criteria/ or docs/nyheter/posts/, the lock, CHANGELOG.md,
schema/*.json) is read only when it is a plain regular file, or a
symbolic link to one inside the repository, and never more than MAX_BYTES of it: a link to
/dev/zero, /etc/passwd or nowhere, or a folder called SOC-001.yaml, gives a located message
naming the repository path instead of a hang, a traceback or someone else's file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from .yamlload import Document, Problem, YamlError, decode, parse

MAX_BYTES = 2_000_000


def _refuse(shown_as: str, message: str) -> NoReturn:
    raise YamlError(Problem(shown_as, 1, 1, message))


def read(file: Path, root: Path, shown_as: str) -> bytes:
    """The bytes of `file`, shown as `shown_as` in messages; YamlError when it is not a regular
    file inside `root` or is larger than MAX_BYTES."""
    try:
        info = file.lstat()
        if stat.S_ISLNK(info.st_mode):
            try:
                target = file.resolve(strict=True)
            except FileNotFoundError:
                _refuse(
                    shown_as,
                    "filen är en symbolisk länk till en fil som inte finns; lägg själva filen här i stället för länken",
                )
            except (RuntimeError, OSError):  # a loop of links: RuntimeError before Python 3.13, then OSError
                _refuse(
                    shown_as,
                    "filen är en symbolisk länk som pekar på sig själv, direkt eller genom andra "
                    "länkar, och leder aldrig till en fil; lägg själva filen här i stället för länken",
                )
            if not target.is_relative_to(root):
                _refuse(
                    shown_as,
                    "filen är en symbolisk länk till något utanför förrådet, som inte läses; lägg "
                    "själva filen här i stället för länken",
                )
            file, info = target, target.stat()
        if stat.S_ISDIR(info.st_mode):
            _refuse(
                shown_as,
                "det här är en mapp, inte en fil; en mapp får inte ha ett namn som slutar på .yaml "
                "eller .md, så byt namn på mappen",
            )
        if not stat.S_ISREG(info.st_mode):
            _refuse(
                shown_as,
                "det här är inte en vanlig fil (utan till exempel en enhet eller en pipe); lägg en vanlig textfil här",
            )
        with open(file, "rb") as f:
            raw = f.read(MAX_BYTES + 1)  # never more, whatever the size said a moment ago
    except OSError as exc:
        _refuse(shown_as, f"filen kunde inte läsas ({exc.strerror}); kontrollera att den finns och går att läsa")
    if len(raw) > MAX_BYTES:
        _refuse(shown_as, f"filen är större än {MAX_BYTES // 1_000_000} MB")
    return raw


def shown_path(file: Path, root: Path) -> str:
    """How messages name `file`: its path in the repository `root`, or as given when outside it."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def entries(folder: Path) -> list[Path]:
    """Everything under `folder` that may be meant as a record: files, symbolic links and folders
    named like a record file, without following linked folders. Hidden names (.git, an editor's
    .swp file) are left out."""
    out = []
    for walked, folders, names in os.walk(folder):
        here = Path(walked)
        like_a_file = [f for f in folders if f.lower().endswith((".yaml", ".yml", ".md")) or (here / f).is_symlink()]
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in like_a_file)
        out += [here / name for name in names + like_a_file if not name.startswith(".")]
    return sorted(out)


def stray(criteria: Path, folders: list[str], shown: Callable[[Path], str]) -> list[Problem]:
    """A problem for each entry under `criteria` that is not read: a name that does not end in
    .yaml in a record folder, or anything outside the record folders. `shown(path)` gives the
    path for messages. criteria/arkiv/ holds the earlier versions and has its own rules."""
    out = []
    for file in entries(criteria):
        top = file.relative_to(criteria).parts[0]
        if top == "arkiv":
            continue
        if top not in folders or file.parent == criteria:
            out.append(
                Problem(
                    shown(file),
                    1,
                    1,
                    "filen ligger utanför mapparna för poster och läses inte; flytta "
                    f"den till en av mapparna criteria/{', criteria/'.join(folders)}",
                )
            )
        elif not file.name.endswith(".yaml"):
            out.append(misnamed(file, shown(file)))
    return out


_RECORD_LIKE = re.compile(r"(?P<stem>.+?)\.(yaml|yml)~*", re.IGNORECASE)


def misnamed(file: Path, shown_as: str) -> Problem:
    """The message for a file under a record folder whose name does not end in .yaml."""
    like = _RECORD_LIKE.fullmatch(file.name)
    rename = f"byt namn på den till {like['stem']}.yaml" if like else "byt namn på den till id:t följt av .yaml"
    return Problem(
        shown_as,
        1,
        1,
        f'filen "{file.name}" läses inte, eftersom bara filer som slutar på .yaml läses '
        f"(till exempel SOC-001.yaml); {rename} eller ta bort den",
    )


def read_text(file: Path, root: Path, shown_as: str) -> str:
    """The text of `file`, read as `read` does and decoded as UTF-8 (see yamlload.decode): how every
    file the library is made from is read, records, news posts, the lock, CHANGELOG.md and the schemas."""
    return decode(read(file, root, shown_as), shown_as)


def load_file(file: Path, root: Path, shown_as: str) -> Document:
    """Load one YAML file safely (see `read`); `shown_as` is the path used in messages."""
    return parse(read_text(file, root, shown_as), shown_as)
