"""Build and serve another branch's site locally: `make preview BRANCH=namn` or `make preview PR=12`
(or `python scripts/preview.py BRANCH [--port N] [--trust-code]`).

For a reviewer, who must be able to look at a stranger's pull request safely. The branch (a local
branch, origin's, or a pull request as `pull/12/head`) gives only its data: `criteria/`, `docs/`
and `CHANGELOG.md`. Everything that runs or decides what runs comes from this checkout: the Python
package (`macros/`), `mkdocs.yml` (whose YAML tags can call any Python function), `overrides/` (the
page templates), `schema/` (what the code trusts about the data: a looser schema would let a
`javascript:` link or an unexpected type reach a page), `docs/assets/` (the scripts and styles run
by the browser) and the hand-written pages that render macros (their text is Jinja, so code). The
branch's changes to those files are listed and not used. They are built in a temporary folder and
served on a free port until Ctrl-C; then the folder is removed, and your own working tree is not
touched.

`--trust-code` builds the branch as it is, with its own code and configuration, after a warning:
only for a branch whose code you have read.
"""

import argparse
import contextlib
import functools
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from mkdocs_config import plugin_options  # scripts/mkdocs_config.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
# What a branch gives to a preview without --trust-code, and what comes from this checkout.
DATA = ("criteria", "docs", "CHANGELOG.md")
TRUSTED = ("mkdocs.yml", "pyproject.toml", "macros", "overrides", "schema", "docs/assets")
WARNING = (
    "VARNING: --trust-code bygger grenen med dess egen kod och konfiguration (macros/, mkdocs.yml, "
    "overrides/, schema/ och sidorna med makron). Den koden körs på din dator med dina rättigheter. Gör "
    "så bara med en gren vars kod du har läst."
)


def git(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def commit_of(branch: str) -> str | None:
    """The commit `branch` names: a local branch or tag, origin's branch, or one fetched from origin."""
    for name in (branch, f"origin/{branch}"):
        found = git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        if found.returncode == 0:
            return found.stdout.strip()
    if git("fetch", "--quiet", "origin", branch).returncode == 0:
        return git("rev-parse", "FETCH_HEAD^{commit}").stdout.strip()
    return None


def macro_pages(root: Path) -> list[str]:
    """The pages mkdocs-macros renders, as `force_render_paths` in `root`'s mkdocs.yml names them:
    their text is a Jinja template, so they are code (adapter/macros.py refuses any other page that
    asks to be rendered)."""
    listed = (line.strip() for line in (plugin_options(root, "macros").get("force_render_paths") or "").splitlines())
    return [f"docs/{line}" for line in listed if line and not line.startswith("#")]


def checkout_data(commit: str, folder: Path) -> None:
    """The branch's data files in `folder` and this checkout's code and configuration over them."""
    present = [name for name in DATA if git("cat-file", "-e", f"{commit}:{name}").returncode == 0]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "--", *present], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")  # no links out of the folder, no device files
    for name in (*TRUSTED, *macro_pages(ROOT)):
        source, target = ROOT / name, folder / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def not_used(commit: str) -> list[str]:
    """The branch's changes to code and configuration since it left this checkout's commit: what
    a preview without --trust-code leaves out."""
    base = git("merge-base", "HEAD", commit).stdout.strip() or "HEAD"
    changed = git("diff", "--name-only", base, commit, "--", *TRUSTED, *macro_pages(ROOT), "scripts", "Makefile")
    return changed.stdout.split()


def build(folder: Path, own_code: bool) -> subprocess.CompletedProcess:
    """The strict build of `folder`: with this checkout's installed kravbanken package, or with
    `own_code` the folder's own (ahead of the installed one on the path of the build process)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if own_code:
        env["PYTHONPATH"] = str(folder / "macros")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _stop(*_):
    raise KeyboardInterrupt  # a terminated preview cleans up as after Ctrl-C


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description="Bygg och visa en annan grens webbplats lokalt.")
    parser.add_argument("branch", help="grenen, till exempel nytt-krav-soc-013 eller pull/12/head")
    parser.add_argument("--port", type=int, default=0, help="port att visa på (0: en ledig port)")
    parser.add_argument(
        "--trust-code",
        action="store_true",
        help="bygg med grenens egen kod och konfiguration (kör den koden på din dator)",
    )
    args = parser.parse_args(argv)
    commit = commit_of(args.branch)
    if commit is None:
        print(
            f'Hittar ingen gren som heter "{args.branch}", varken här eller hos origin. '
            "Se vilka som finns med: git branch -a",
            file=sys.stderr,
        )
        return 2
    if args.trust_code:
        print(WARNING, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="kravbanken-preview-") as temp:
        folder = Path(temp) / "checkout"
        if args.trust_code:
            added = git("worktree", "add", "--detach", str(folder), commit)
            if added.returncode != 0:
                print(added.stderr, file=sys.stderr)
                return 2
        else:
            folder.mkdir()
            checkout_data(commit, folder)
        try:
            print(f"Bygger {args.branch} ({commit[:10]}) …", flush=True)
            if not args.trust_code and (skipped := not_used(commit)):
                print(
                    f"Grenen ändrar också kod eller konfiguration, som inte används här: {', '.join(skipped)}. "
                    "Granska ändringarna i diffen; vill du se dem i bygget, läs koden och kör med --trust-code "
                    "(make preview … TRUST=1).",
                    file=sys.stderr,
                    flush=True,
                )
            result = build(folder, args.trust_code)
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                print(f"Grenen {args.branch} går inte att bygga; felen står ovan.", file=sys.stderr)
                return 1
            handler = functools.partial(_Quiet, directory=str(folder / "site"))
            with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
                print(
                    f"Visar {args.branch} på http://127.0.0.1:{server.server_address[1]}/ (avsluta med Ctrl-C)",
                    flush=True,
                )
                with contextlib.suppress(KeyboardInterrupt):
                    server.serve_forever()
        finally:
            if args.trust_code:
                git("worktree", "remove", "--force", str(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
