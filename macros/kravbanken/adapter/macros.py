"""mkdocs-macros entry (a pluglet, `modules: [kravbanken.adapter.macros]` in mkdocs.yml): the
macros that hand-written pages may call. Only pages with `render_macros: true` are rendered, so
contributor text never meets Jinja."""

from __future__ import annotations

from ..model import load_library
from ..site import code_of_conduct, follow_up, good_practice, overview, risk_areas

# name -> function(lib, here, *args): each macro renders for the page it stands on.
MACROS = {
    "criteria_table": overview.criteria_table,
    "criteria_filters": overview.criteria_filters,
    "package_page": overview.package_page,
    "package_data": overview.package_data,
    "code_of_conduct": code_of_conduct.code_of_conduct,
    "code_of_conduct_contents": code_of_conduct.code_of_conduct_contents,
    "conventions": code_of_conduct.conventions,
    "risk_overview": risk_areas.risk_overview,
    "follow_up_overview": follow_up.follow_up_overview,
    "profiles_overview": good_practice.profiles_overview,
    "stage_links": good_practice.stage_links,
}


def define_env(env):
    lib = load_library(env.project_dir)
    for name, render in MACROS.items():
        env.macro(lambda *args, _render=render: _render(lib, env.page.url, *args), name)
