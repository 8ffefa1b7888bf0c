"""Publishing a build all at once: MkDocs writes into a staging folder beside the site folder, and
only a build that has finished without error takes the site folder's place. A build that fails at
any step, after MkDocs has cleaned its output folder, leaves the last published site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path


def staging(site_dir: Path) -> Path:
    """The folder a build writes into: beside the site folder, so that the swap is a rename on the
    same file system, and hidden, so that it is not taken for a site."""
    folder = site_dir.with_name(f".{site_dir.name}.bygge")
    shutil.rmtree(folder, ignore_errors=True)  # left over from a build that was killed
    return folder


def publish(built: Path, site_dir: Path) -> None:
    """Put the finished build `built` in the place of `site_dir`."""
    old = site_dir.with_name(f".{site_dir.name}.gammal")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)
