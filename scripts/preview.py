"""Build and serve another branch's site locally: `make preview BRANCH=namn` (or
`python scripts/preview.py BRANCH [--port N]`).

For a reviewer: the branch (a local branch, origin's, or a pull request as `pull/12/head`) is
checked out in a temporary folder with `git worktree`, built strictly with its own code and data,
and served on a free port until Ctrl-C; then the folder is removed. Your own working tree is not
touched. The build uses this checkout's installed packages: a branch that changes a pinned version
is previewed with the current pins.
"""

import argparse
import contextlib
import functools
import http.server
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def build(folder: Path) -> subprocess.CompletedProcess:
    """The strict build of the checkout in `folder`, with that checkout's own kravbanken package
    (ahead of the installed one on the path of the build process)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(folder / "macros"))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site")],
                          cwd=folder, env=env, capture_output=True, text=True)


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
    args = parser.parse_args(argv)
    commit = commit_of(args.branch)
    if commit is None:
        print(f'Hittar ingen gren som heter "{args.branch}", varken här eller hos origin. '
              "Se vilka som finns med: git branch -a", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kravbanken-preview-") as temp:
        folder = Path(temp) / "checkout"
        added = git("worktree", "add", "--detach", str(folder), commit)
        if added.returncode != 0:
            print(added.stderr, file=sys.stderr)
            return 2
        try:
            print(f"Bygger {args.branch} ({commit[:10]}) …", flush=True)
            result = build(folder)
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                print(f"Grenen {args.branch} går inte att bygga; felen står ovan.", file=sys.stderr)
                return 1
            handler = functools.partial(_Quiet, directory=str(folder / "site"))
            with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
                print(f"Visar {args.branch} på http://127.0.0.1:{server.server_address[1]}/ "
                      "(avsluta med Ctrl-C)", flush=True)
                with contextlib.suppress(KeyboardInterrupt):
                    server.serve_forever()
        finally:
            git("worktree", "remove", "--force", str(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
