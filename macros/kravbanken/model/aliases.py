"""Names for the shapes of data the model passes around, for the reader and the type checker."""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]  # one record as loaded from its YAML file: field -> value
# Where a value stands in a record: its keys and list indexes, e.g. ("changelog", 0, "date").
FieldPath = tuple[Any, ...]
Schema = dict[str, Any]  # a JSON Schema, or a part of one
