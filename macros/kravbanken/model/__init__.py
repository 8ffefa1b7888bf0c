"""The data model: YAML loading with positions, kinds and references, schemas, Swedish messages,
the rules, and the immutable Library. Imports nothing else of ours."""

from .kinds import KIND, KINDS, POST_SCHEMA, Kind, kind_of
from .library import Library, LibraryCache, check_files, load_library, title_of, warnings_in
from .yamlload import Problem

__all__ = [
    "KIND",
    "KINDS",
    "POST_SCHEMA",
    "Kind",
    "Library",
    "LibraryCache",
    "Problem",
    "check_files",
    "kind_of",
    "load_library",
    "title_of",
    "warnings_in",
]
