"""MkDocs hooks: validate the library before anything is built, and add the generated pages.

A library with any problem stops the build with the same `path:line:col` lines that
scripts/validate.py prints, so nothing half-built is ever published.
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load as loose files

from macros.library import load_library  # noqa: E402
from macros.pages import generated_pages  # noqa: E402


def _library(config):
    return load_library(Path(config.config_file_path).parent)


def on_config(config):
    lib = _library(config)
    if lib.problems:
        raise PluginError(f"Kravbanken: {len(lib.problems)} fel i biblioteket:\n{lib.report()}")
    return config


def on_files(files, config):
    for path, markdown in generated_pages(_library(config), config.site_url).items():
        # Reached through the overview, filters and search, never listed in the navigation.
        files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    return files
