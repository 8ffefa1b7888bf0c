"""The thin MkDocs adapter: the plugin and the mkdocs-macros entry. No logic of its own."""
