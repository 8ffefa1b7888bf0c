"""A build never leaves a half-built or empty site: a build that fails, early (a broken record) or
late (a warning in strict mode, after every page is written), leaves the last published site as
it was, and `mkdocs serve` keeps serving the last good site while a file is broken."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "TST-001.yaml"


def test_a_failed_build_leaves_the_last_site_in_place(project, tmp_path, site, build):
    # The last published site: the shared build of the real library, copied so that this test may replace it.
    site = shutil.copytree(site, tmp_path / "site")
    marker = site / "senaste-bygget.txt"
    marker.write_text("det publicerade bygget", encoding="utf-8")
    published = sorted(p.relative_to(site) for p in site.rglob("*"))

    # Late: a broken link is a warning, and strict mode stops the build after every page is written.
    (project / "docs" / "trasig.md").write_text("# Trasig\n\n[Länk](finns-inte.md)\n", encoding="utf-8")
    late = build(project, site)
    assert late.returncode != 0 and "finns-inte.md" in late.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == published
    assert marker.read_text(encoding="utf-8") == "det publicerade bygget"
    (project / "docs" / "trasig.md").unlink()

    # Early: a broken record stops the build before anything is written, naming the file.
    record = project / "criteria" / "krav" / "TST-001.yaml"
    record.write_text(FIXTURE.read_text(encoding="utf-8").replace("level: base", "level: basic"), encoding="utf-8")
    early = build(project, site)
    assert early.returncode != 0 and "criteria/krav/TST-001.yaml:6:8: " in early.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == published

    # Nothing is left beside the site folder, and a good build replaces the site as a whole.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
    record.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(project, site).returncode == 0
    assert not marker.exists() and (site / "kriterier" / "TST-001" / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, what: str, limit: float = 180):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"waited in vain for {what}")


@pytest.mark.slow  # mkdocs serve builds the site
def test_serve_keeps_serving_the_last_good_site_while_a_file_is_broken(project, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=out,
            stderr=out,
        )
    try:
        wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), "the first build")
        page = f"http://127.0.0.1:{port}/kriterier/SOC-002/"
        title = "<title>SOC-002 "
        assert title in urllib.request.urlopen(page, timeout=10).read().decode("utf-8")
        record = project / "criteria" / "krav" / "SOC-002.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("level: ", "level: x", 1), encoding="utf-8")
        wait_for(lambda: "bygget misslyckades" in log.read_text(encoding="utf-8"), "the failed rebuild")
        assert "criteria/krav/SOC-002.yaml:" in log.read_text(encoding="utf-8")
        # The answer comes at once (the timeout is far shorter than the server's own wait of 60 s)
        # and is the last good page.
        assert title in urllib.request.urlopen(page, timeout=10).read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
