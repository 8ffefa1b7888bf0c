"""Kravbanken: the library of sustainability requirements and the site that publishes it.

Layers, each importing only those above it in this list (tests/test_architecture.py checks it):

- model      YAML with positions, schemas, Swedish messages, rules, the immutable Library
- urls       the one URL scheme; labels: every UI word in Swedish and English
- site       pages from Jinja2 templates; downloads: JSON, CSV, XLSX, Word, feeds
- adapter    the MkDocs plugin and the mkdocs-macros entry

See macros/README.md.
"""
