"""mkdocs-macros entry: the macros that hand-written pages may call (only pages with
`render_macros: true` are rendered, so contributor text never meets Jinja)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # loaded as a loose file

from macros import tables  # noqa: E402
from macros.library import load_library  # noqa: E402


def define_env(env):
    lib = load_library(env.project_dir)
    env.macro(lambda: tables.criteria_table(lib), "criteria_table")
