"""Benchmark: how validation, the site build and page sizes grow with the number of criteria.

    python scripts/bench.py --sizes 100,1000,5000 [--follow-ups 100]

For each size N it copies the project to a temporary folder, replaces criteria/krav/ with N
synthetic criteria made from the real ones (1.5-2 kB each, valid, referring to the real risk areas,
code-of-conduct clauses and follow-up methods) and criteria/uppfoljningsresultat/ with --follow-ups
synthetic follow-ups (made from the real ones, naming the synthetic criteria; none by default) beside
the real follow-ups that name no criterion, and
prints one JSON line:

  validate_s      load_library() on the copy: loading with positions plus every schema and rule
  parse_s         bare yaml.load with libyaml's C loader of the same YAML files (the floor)
  rounds          how many times each build ran (at least --rounds, and for --min-seconds), taking
                  turns with the plain build; the fastest run of each counts
  build_s         `mkdocs build --strict` of the copy, run as a subprocess
  peak_rss_mb     the build subprocess's peak memory (the most of any round)
  plain_build_s   the same site pre-written as plain Markdown (every page our plugin generates and
                  every page the macros render), built with the same theme and plugins but without
                  the macros plugin and our plugin: what the site would cost as hand-written pages
  criterion_page_bytes, search_index_bytes (the pagefind/ folder), site_bytes

and the ratios the targets in docs/om/prestanda.md are about. The last line compares the sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from kravbanken.model import KIND, load_library
from kravbanken.model.releases import RELEASES_DIR, contents_on, manifest_path, manifest_text, read_releases
from kravbanken.model.versions import ARCHIVE_DIR, LOCK_FILE, fingerprint, lock_text

ROOT = Path(__file__).resolve().parent.parent

PROJECT_FILES = ["mkdocs.yml", "pyproject.toml", "CHANGELOG.md", "docs", "schema", "macros", "overrides"]
SIZE = (1500, 2000)  # bytes per synthetic criterion file
TARGETS = {"build_growth_5000_1000": 5.5, "build_per_plain": 1.15, "validate_per_parse": 2.5, "criterion_page_kb": 25}

# Loaded as an extra hook in an unmeasured build: writes out every page our plugin generates and
# every page the macros render, as the Markdown MkDocs then turns into HTML, plus the downloads
# they make, so the plain build gets exactly the same site as static files.
DUMP_HOOK = """
import json, os
from pathlib import Path

OUT = Path(os.environ["KB_BENCH_DUMP"])
OURS = {"kravbanken"}  # files our plugin generates say so in File.generated_by
SEEN = {}


def _write(path, data):
    target = OUT / "docs" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def on_config(config):
    # What our plugin adds to the configuration at build time, for the plain build to set statically.
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "extra.json").write_text(json.dumps(dict(config.extra), default=str))
    return config


def on_env(env, config, files):
    SEEN["files"] = files
    return env


def on_post_build(config):
    files = SEEN["files"]
    for f in files:
        if f.generated_by in OURS and not f.src_uri.endswith(".md"):
            _write(f.src_uri, f.content_bytes)


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by in OURS or page.meta.get("render_macros"):
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        head = "---\\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\\n" for k, v in meta.items()) + "---\\n"
        _write(page.file.src_uri, (head + markdown).encode("utf-8"))
    return markdown
"""


def _cut(text: str, limit: int) -> str:
    """The first paragraphs and lists of a text, as written, that fit in about `limit` characters."""
    out = ""
    for block in text.strip().split("\n\n"):
        if out and len(out) + len(block) > limit:
            break
        out = f"{out}\n\n{block}" if out else block
    if len(out) > limit:  # one long paragraph: end it at a full stop
        out = out[: out.rfind(". ", 0, limit) + 1 or limit]
    return out


def _text(text: dict, limit: int, english: bool = True) -> dict:
    out = {"sv": _cut(text["sv"], limit)}
    if english and "en" in text:
        out["en"] = _cut(text["en"], limit)
    return out


def _record(template: dict, number: int, limit: int) -> dict:
    """A criterion like `template`, with its own id and title, its texts cut to about `limit`."""
    prefix = "B" + chr(65 + number // 999 // 26) + chr(65 + number // 999 % 26)
    record = {
        "id": f"{prefix}-{number % 999 + 1:03d}",
        "version": template["version"],
        "status": "active" if template["status"] in ("superseded", "draft") else template["status"],
        "type": template["type"],
        "level": template["level"],
        "title": {lang: f"{text} ({number + 1})" for lang, text in template["title"].items()},
        "clause": _text(template["clause"], limit),
        "guidance": _text(template["guidance"], limit // 2, english=False),
        "verification": _text(template["verification"], limit // 3, english=False),
        "risk_areas": template["risk_areas"][:3],
        "code_of_conduct": template["code_of_conduct"][:4],
        "follow_up": template["follow_up"][:3],
        "tags": template.get("tags", [])[:4],
        "published": template["published"],
        "changelog": template["changelog"][:2],
    }
    if record["status"] == "consultation":
        record["consultation_closes"] = template["consultation_closes"]
    return {k: v for k, v in record.items() if v != []}


def archived(record: dict) -> dict | None:
    """The version before `record`, as the archive keeps it: the clause without its last paragraph,
    the changelog without the newest entry. None when the changelog names no earlier version."""
    if len(record["changelog"]) < 2:
        return None
    older = dict(
        record,
        version=record["changelog"][1]["version"],
        published=record["changelog"][1]["date"],
        changelog=record["changelog"][1:],
    )
    older["clause"] = {lang: text.rsplit("\n\n", 1)[0] for lang, text in record["clause"].items()}
    if older["version"].split(".")[0] == record["version"].split(".")[0]:
        record["changelog"][0] = dict(record["changelog"][0], editorial=True)  # a clause change in a minor version
    return older


def _yaml(record: dict) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)


def synthetic_criterion(template: dict, number: int) -> tuple[dict, str]:
    """Criterion `number` and its YAML, between SIZE[0] and SIZE[1] bytes when the template allows."""
    limit = 700
    for _ in range(20):
        record = _record(template, number, limit)
        size = len(_yaml(record).encode("utf-8"))
        if SIZE[0] <= size <= SIZE[1]:
            break
        limit = max(80, int(limit * (sum(SIZE) / 2) / size))  # texts never cut to nothing
    return record, _yaml(record)


def synthetic_follow_up(template: dict, number: int, criteria: list[dict]) -> dict:
    """Follow-up `number`, like `template`, naming three of the synthetic `criteria` at their versions."""
    chosen = [criteria[(number * 3 + i) % len(criteria)] for i in range(min(3, len(criteria)))]
    record = dict(template, id=f"UPF-{2000 + number // 100}-{number % 100:02d}", year=2000 + number // 100)
    record["criteria"] = [{"id": c["id"], "version": c["version"]} for c in chosen]
    return record


def make_project(target: Path, n: int, follow_ups: int = 0) -> list[str]:
    """A copy of the project with n synthetic criteria and `follow_ups` synthetic follow-ups;
    returns the criteria's ids."""
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    criteria = target / "criteria"
    for folder in (ROOT / "criteria").iterdir():
        if folder.is_dir() and folder.name not in (
            KIND["criterion"].folder,
            KIND["follow_up_result"].folder,
            Path(ARCHIVE_DIR).name,
            Path(RELEASES_DIR).name,
        ):
            shutil.copytree(folder, criteria / folder.name)
    real = load_library(ROOT)
    templates = real.sorted("criterion")
    krav = criteria / KIND["criterion"].folder
    krav.mkdir(parents=True)
    ids, lock, history = [], [], {}
    for number in range(n):
        record, text = synthetic_criterion(templates[number % len(templates)], number)
        if older := archived(record):  # every version the changelog names is kept, and all are locked
            (target / ARCHIVE_DIR / record["id"]).mkdir(parents=True)
            (target / ARCHIVE_DIR / record["id"] / f"{older['version']}.yaml").write_text(_yaml(older), "utf-8")
            lock.append((record["id"], older["version"], fingerprint(older)))
            history[record["id"]] = [older]
            text = _yaml(record)
        (krav / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
        lock.append((record["id"], record["version"], fingerprint(record)))
        history.setdefault(record["id"], []).append(record)
        ids.append(record["id"])
    (target / LOCK_FILE).write_text(lock_text(lock), encoding="utf-8")
    register = criteria / KIND["follow_up_result"].folder
    register.mkdir()
    for record in real.sorted("follow_up_result"):  # those that name no criterion are kept (a news post links one)
        if "criteria" not in record:
            shutil.copy2(ROOT / real.files["follow_up_result", record["id"]], register)
    examples = [r for r in real.sorted("follow_up_result") if "criteria" in r]
    made = [history[i][-1] for i in ids]
    for number in range(follow_ups):
        record = synthetic_follow_up(examples[number % len(examples)], number, made)
        (register / f"{record['id']}.yaml").write_text(_yaml(record), encoding="utf-8")
    (target / RELEASES_DIR).mkdir()
    for release, day, _ in read_releases(ROOT)[0]:  # each release holds what the histories say
        (target / manifest_path(release)).write_text(
            manifest_text(release, day, contents_on(history, day)), encoding="utf-8"
        )
    return ids


def run_build(
    project: Path, site: Path, config: str = "mkdocs.yml", strict: bool = True, env: dict | None = None
) -> tuple[float, float]:
    """(seconds, peak memory in MB) of one `mkdocs build` in a subprocess."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config, "--site-dir", str(site)]
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command + (["--strict"] if strict else []),
            cwd=project,
            stderr=errors,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})),
        )
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this one child
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            errors.seek(0)
            sys.exit(f"mkdocs build i {project} misslyckades:\n{errors.read()}")
    return seconds, usage.ru_maxrss / 1024


def without_our_plugins(config: str) -> str:
    """mkdocs.yml without the `- macros:` and `- kravbanken` plugin entries (and the comment above).
    `- kravbanken-search` stays: a site of hand-written pages would have its search index made too."""
    config = re.sub(r"^  - macros:?.*\n(?:    .*\n|\s*\n)*", "", config, flags=re.M)
    return re.sub(r"^(?:  #.*\n)*  - kravbanken\n", "", config, flags=re.M)


def plain_project(project: Path, target: Path) -> None:
    """The site of `project` as hand-written Markdown: generated pages dumped by DUMP_HOOK."""
    (project / "bench_dump.py").write_text(DUMP_HOOK, encoding="utf-8")
    (project / "mkdocs.dump.yml").write_text("INHERIT: mkdocs.yml\nhooks: [bench_dump.py]\n", encoding="utf-8")
    dump = target.parent / "dump"
    with tempfile.TemporaryDirectory() as site:
        run_build(project, Path(site), "mkdocs.dump.yml", strict=False, env={"KB_BENCH_DUMP": str(dump)})
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("mkdocs.dump.yml", "bench_dump.py"))
    shutil.copytree(dump / "docs", target / "docs", dirs_exist_ok=True)
    (target / "mkdocs.base.yml").write_text(
        without_our_plugins((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    (target / "mkdocs.yml").write_text(
        "INHERIT: mkdocs.base.yml\nextra: " + (dump / "extra.json").read_text() + "\n", encoding="utf-8"
    )


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def load_times(project: Path) -> dict:
    """Seconds to validate the library and to parse its YAML files bare. Run by `--load` in a fresh
    process, so that objects left from other sizes do not slow Python's garbage collector."""
    files = sorted((project / "criteria").rglob("*.yaml"))
    for file in files:
        file.read_bytes()  # so that the disk cache is as warm for the first timing as for the second
    start = time.perf_counter()
    lib = load_library(project)
    validate_s = time.perf_counter() - start
    if lib.problems or len(lib.criteria) != len(list((project / "criteria" / KIND["criterion"].folder).iterdir())):
        sys.exit(f"De genererade kraven är inte giltiga:\n{lib.report()}")
    # The floor for loading: libyaml in C, no positions, no checks. Only a yardstick here;
    # everything else loads through kravbanken.model.
    start = time.perf_counter()
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {"validate_s": validate_s, "parse_s": time.perf_counter() - start}


def best_load_times(project: Path, rounds: int = 3) -> dict:
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, "--load", str(project)], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(rounds)
    ]
    return {key: round(min(run[key] for run in runs), 3) for key in ("validate_s", "parse_s")}


def measure(n: int, rounds: int, min_seconds: float, follow_ups: int = 0) -> dict:
    """The figures for n criteria; builds are timed at least `rounds` times and for at least
    `min_seconds`, and the fastest run counts."""
    with tempfile.TemporaryDirectory(prefix=f"kravbanken-bench-{n}-") as name:
        tmp = Path(name)
        project, site = tmp / "project", tmp / "site"
        project.mkdir()
        ids = make_project(project, n, follow_ups)

        loading = best_load_times(project)
        plain = tmp / "plain"
        plain_project(project, plain)
        builds: list[tuple[float, float]] = []  # (seconds, MB)
        plain_builds: list[float] = []
        start = time.perf_counter()
        # Taking turns, so that a machine that slows down during the run slows both; small sizes get
        # more rounds, since a 2-second build is the one most easily disturbed by other programs.
        while len(builds) < rounds or time.perf_counter() - start < min_seconds:
            builds.append(run_build(project, site))
            plain_builds.append(run_build(plain, tmp / "plain-site", strict=False)[0])
        build_s, rss = min(seconds for seconds, _ in builds), max(mb for _, mb in builds)
        plain_build_s = min(plain_builds)
        page = site / "kriterier" / ids[0] / "index.html"
        return {
            "n": n,
            "follow_ups": follow_ups,
            **loading,
            "rounds": len(builds),
            "build_s": round(build_s, 2),
            "plain_build_s": round(plain_build_s, 2),
            "peak_rss_mb": round(rss),
            "criterion_page_bytes": page.stat().st_size,
            "search_index_bytes": folder_bytes(site / "pagefind"),
            "site_bytes": folder_bytes(site),
            "criterion_file_bytes": round(folder_bytes(project / "criteria" / KIND["criterion"].folder) / n),
            "build_per_plain": round(build_s / plain_build_s, 2),
            "validate_per_parse": round(loading["validate_s"] / loading["parse_s"], 2),
        }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="antal krav per mätning, kommaseparerat")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="bygg så många gånger och räkna den snabbaste (mindre brus från andra program)",
    )
    parser.add_argument(
        "--min-seconds",
        type=float,
        default=60,
        help="bygg om igen tills så många sekunder har gått (ger små storlekar fler omgångar)",
    )
    parser.add_argument("--follow-ups", type=int, default=0, help="antal påhittade uppföljningar i registret")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)  # internal: time loading of one copy
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(load_times(args.load)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for n in sizes:
        results[n] = measure(n, args.rounds, args.min_seconds, args.follow_ups)
        print(json.dumps(results[n]), flush=True)
    summary = {
        "cpus": os.cpu_count(),
        "targets": TARGETS,
        "criterion_page_kb_max": round(max(r["criterion_page_bytes"] for r in results.values()) / 1024, 1),
        "build_per_plain_max": max(r["build_per_plain"] for r in results.values()),
        "validate_per_parse_max": max(r["validate_per_parse"] for r in results.values()),
    }
    if 1000 in results and 5000 in results:
        summary["build_growth_5000_1000"] = round(results[5000]["build_s"] / results[1000]["build_s"], 2)
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
