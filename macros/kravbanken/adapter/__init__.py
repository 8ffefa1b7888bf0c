"""The MkDocs adapter: the plugin (the life cycle of a build, the downloads process, publishing a
finished build at once), the search index plugin, the mkdocs-macros entry, and in mkdocs_internals
what the plugin needs of MkDocs beyond its plugin API. The only part of the package that knows
MkDocs, mkdocs-macros or Material (macros/README.md)."""
