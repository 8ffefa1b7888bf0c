"""mkdocs-macros entry: the macros that hand-written pages may call (only pages with
`render_macros: true` are rendered, so contributor text never meets Jinja)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # loaded as a loose file

from macros import guide, tables  # noqa: E402
from macros.library import load_library  # noqa: E402


def define_env(env):
    lib = load_library(env.project_dir)
    env.macro(lambda: tables.criteria_table(lib), "criteria_table")

    def prefix():
        # From the page being rendered back to the site root (directory URLs: one "../" per level).
        return "../" * env.page.url.count("/")

    env.macro(lambda lang="sv": guide.code_of_conduct(lib, prefix(), lang), "code_of_conduct")
    env.macro(lambda lang="sv": guide.code_of_conduct_contents(lib, lang), "code_of_conduct_contents")
    env.macro(lambda: guide.conventions(lib, prefix()), "conventions")
    env.macro(lambda: guide.risk_overview(lib, prefix()), "risk_overview")
    env.macro(lambda: guide.follow_up_overview(lib, prefix()), "follow_up_overview")
    env.macro(lambda: guide.profiles_overview(lib, prefix()), "profiles_overview")
    env.macro(lambda: guide.stage_links(lib, prefix()), "stage_links")
    env.macro(lambda: tables.criteria_filters(lib), "criteria_filters")
