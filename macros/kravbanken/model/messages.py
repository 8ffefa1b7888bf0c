"""Swedish messages: a jsonschema error becomes one or more located problems that say what is
wrong, where, and what is allowed."""

from __future__ import annotations

import difflib
import json

from .yamlload import Document, Problem

_TYPES_SV = {"string": "text", "array": "en lista", "object": "en mappning med fält",
             "integer": "ett heltal", "number": "ett tal", "boolean": "true eller false",
             "null": "tomt"}


def type_of(value) -> str:
    """The JSON type of a loaded value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    for name, cls in (("number", float), ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, cls):
            return name
    return "null"


def dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def field_name(title: str | None, path) -> str:
    """How messages name a field: its Swedish title and its path, e.g. `nivå (level)`."""
    return f"{title[0].lower() + title[1:]} ({dotted(path)})" if title else dotted(path)


def shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def explain(where: str, error, doc: Document, shown_as: str, field) -> list[Problem]:
    """The problems of one jsonschema `error` in `doc`; `where` names the field that has it and
    `field(path)` names any other field."""
    path = tuple(error.absolute_path)
    value, schema, kind = error.instance, error.schema, error.validator

    def at(message, p=path, key=False):
        line, col = doc.position(p, key=key)
        return Problem(shown_as, line, col, message)

    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        prefix = f"{where}: " if path else ""
        return [at(f"{prefix}det obligatoriska fältet {field(path + (k,))} saknas") for k in missing]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for key in (k for k in value if k not in allowed):
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f' Menade du "{guess[0]}"?' if guess else ""
            out.append(at(f'fältet "{key}" är okänt här; tillåtna fält: {", ".join(allowed)}.{hint}',
                          path + (key,), key=True))
        return out
    if kind == "enum":
        labels = schema.get("x-labels", {})
        allowed = ", ".join(f"{c} ({labels[c]['sv']})" if c in labels else str(c) for c in error.validator_value)
        return [at(f"{where}: {shown(value)} är inte tillåtet; tillåtna värden: {allowed}")]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = f"{where}: ska vara {' eller '.join(_TYPES_SV[t] for t in wanted)}, men är {_TYPES_SV[type_of(value)]}"
        if "string" in wanted and not isinstance(value, (dict, list)):
            message += f'; skriv värdet inom citattecken, till exempel "{value}"'
        elif "sv" in schema.get("properties", {}):
            message += "; skriv texten under sv: (svenska) och gärna en: (engelska)"
        return [at(message)]
    if kind == "pattern" and schema.get("pattern") == "\\S" or kind == "minLength":
        return [at(f"{where}: får inte vara tom")]
    if kind == "pattern":
        return [at(f"{where}: {shown(value)} har fel form. {schema.get('description', '')}".rstrip())]
    if kind == "format":
        what = {"date": "ett giltigt datum; skriv ÅÅÅÅ-MM-DD, till exempel 2026-03-01",
                "uri": "en giltig webbadress"}.get(error.validator_value, f"i formatet {error.validator_value}")
        return [at(f"{where}: {shown(value)} är inte {what}")]
    if kind == "minItems":
        return [at(f"{where}: ska innehålla minst {error.validator_value}")]
    if kind == "uniqueItems":
        return [at(f"{where}: samma värde står flera gånger i listan")]
    if kind in ("minimum", "maximum"):
        sign = "minst" if kind == "minimum" else "högst"
        return [at(f"{where}: ska vara {sign} {error.validator_value}, men är {shown(value)}")]
    return [at(f"{where}: {error.message}")]
