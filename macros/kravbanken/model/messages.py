"""Swedish messages that teach: a jsonschema error, a YAML syntax error or a value that YAML
readers disagree on becomes a located problem that says what is wrong, where, and what to write
instead, quoting what the contributor typed."""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from .aliases import FieldPath, Schema
from .yamlload import Document, Problem

_TYPES_SV = {
    "string": "text",
    "array": "en lista",
    "object": "en mappning med fält",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "null": "tomt",
}

_LANGUAGES = {"sv": "svenska", "en": "engelska"}


def type_of(value: Any) -> str:
    """The JSON type of a loaded value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    for name, cls in (("number", float), ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, cls):
            return name
    return "null"


def dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def field_name(title: str | None, path: FieldPath) -> str:
    """How messages name a field: its Swedish title and its path, e.g. `nivå (level)`."""
    return f"{title[0].lower() + title[1:]} ({dotted(path)})" if title else dotted(path)


def shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def code_label(entry: Schema, lang: str = "sv") -> str:
    """The label of one code of a codelist (`{"const": code, "title": sv, "$comment": en}`)."""
    return str(entry["title"] if lang == "sv" else entry["$comment"])


def code_labels(schema: Schema) -> dict[Any, str]:
    """code -> Swedish label of a codelist schema."""
    return {entry["const"]: code_label(entry) for entry in schema.get("oneOf", []) if "const" in entry}


def _codes(schema: Schema) -> list[Any]:
    """The codes a codelist schema allows, or [] if it is not a codelist."""
    if "enum" in schema:
        return list(schema["enum"])
    return [s["const"] for s in schema.get("oneOf", [])] if all("const" in s for s in schema.get("oneOf", [{}])) else []


def guess(word: Any, choices: Iterable[Any]) -> str | None:
    """The choice closest to a misspelt `word`, if one is close enough."""
    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return found[0] if found else None


def _as_typed(raw: str, value: Any) -> str:
    """How YAML read an unquoted `raw`, for a hint: 'talet 1.1', 'nej (false)'."""
    if isinstance(value, bool):
        return "ja (true)" if value else "nej (false)"
    if isinstance(value, (int, float)):
        return f"talet {value}" if str(value) != raw else "ett tal"
    return _TYPES_SV[type_of(value)]


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def _is_text(schema: Schema) -> bool:
    return "sv" in schema.get("properties", {})


def _date_hint(value: str) -> str:
    """What to write instead of a wrong date: the same date in the right form when it is one."""
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        right = datetime.date(*map(int, parts.groups())).isoformat() if parts else None
    except ValueError:
        return (
            f'{shown(value)} är inte ett datum som finns; skriv ÅÅÅÅ-MM-DD inom citattecken, till exempel "2026-03-01"'
        )
    if right:
        return f'{shown(value)} har fel form; skriv "{right}" (ÅÅÅÅ-MM-DD inom citattecken)'
    return f'{shown(value)} är inte ett datum i formen ÅÅÅÅ-MM-DD; skriv till exempel "2026-03-01" (inom citattecken)'


def _how_to_add(key: str, schema: Schema) -> str:
    """What to write for a missing field `key` whose schema is `schema`."""
    if _is_text(schema):
        return f'lägg till en rad "{key}:" och under den "  sv: " följt av texten'
    if key in _LANGUAGES:
        return f'lägg till en rad "{key}: " följt av texten på {_LANGUAGES[key]}'
    if _codes(schema):
        return f'lägg till en rad "{key}: …" med ett av värdena {", ".join(map(str, _codes(schema)))}'
    if schema.get("type") == "object" and schema.get("required"):
        return f'lägg till en rad "{key}:" och under den, indragna, fälten {", ".join(schema["required"])}'
    about = f" ({_first_sentence(schema['description']).lower()})" if schema.get("description") else ""
    return f'lägg till en rad "{key}: …"{about}'


def explain(where: str, error: Any, doc: Document, shown_as: str, field: Callable[[FieldPath], str]) -> list[Problem]:
    """The problems of one jsonschema `error` (a ValidationError, whose schema our schemas make a
    mapping) in `doc`; `where` names the field that has it and `field(path)` names any other field."""
    path = tuple(error.absolute_path)
    value, schema, kind, wanted = error.instance, error.schema, error.validator, error.validator_value
    raw = doc.plain.get(path)

    def at(message: str, p: FieldPath = path, key: bool = False) -> Problem:
        line, col = doc.position(p, key=key)
        return Problem(shown_as, line, col, message)

    if kind == "required":
        unknown = [k for k in value if k not in schema.get("properties", {})]
        out = []
        for k in (k for k in wanted if k not in value and not guess(k, unknown)):  # a misspelling says "menade du"
            how = _how_to_add(k, schema.get("properties", {}).get(k, {}))
            out.append(at(f"{where + ': ' if path else ''}det obligatoriska fältet {field(path + (k,))} saknas; {how}"))
        return out
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for key in (k for k in value if k not in allowed):
            right = guess(key, [k for k in allowed if k not in value])
            message = (
                f'fältet "{key}" finns inte. Menade du {right} ({field(path + (right,)).split(" (")[0]})? '
                f"Skriv {right}: i stället för {key}:"
                if right
                else f'fältet "{key}" finns inte här; tillåtna fält: {", ".join(allowed)}'
            )
            out.append(at(message, path + (key,), key=True))
        return out
    if kind == "enum" or (kind == "oneOf" and _codes(schema)):
        codes = _codes(schema)
        labels = code_labels(schema)
        choices = ", ".join(f"{c} ({labels[c]})" if c in labels else str(c) for c in codes)
        right = guess(value, codes)
        hint = f'. Menade du "{right}"?' if right else ""
        typed = shown(raw if raw is not None else value)
        return [at(f"{where}: {typed} är inte tillåtet; tillåtna värden: {choices}{hint}")]
    if kind == "type":
        wanted = wanted if isinstance(wanted, list) else [wanted]
        what = " eller ".join(_TYPES_SV[t] for t in wanted)
        if not path:
            return [
                at(
                    f"filen ska vara {what}, men är {_TYPES_SV[type_of(value)]}; skriv ett fält per rad, "
                    'till exempel "id: SOC-001", utan "- " först'
                )
            ]
        if value is None:
            hint = (
                f'skriv texten efter "{path[-1]}:"'
                if "string" in wanted
                else 'skriv "  sv: " följt av texten på raden under'
                if _is_text(schema)
                else f'skriv {what} efter "{path[-1]}:"'
            )
            return [at(f"{where}: är tom; {hint}")]
        message = f"{where}: ska vara {what}, men är {_TYPES_SV[type_of(value)]}"
        if "string" in wanted and raw is not None:
            message = (
                f'{where}: ska vara text; skriv "{raw}" inom citattecken, annars läses {raw} som '
                f"{_as_typed(raw, value)}"
            )
        elif _is_text(schema):
            message += '; skriv texten på en egen rad under, efter "  sv: " (svenska) och gärna "  en: " (engelska)'
        elif "array" in wanted:
            message += '; skriv värdena inom hakparentes, till exempel [a, b], eller ett per rad efter "- "'
        return [at(message)]
    # A value with both a format and a pattern breaks both: one message, shown once (the same
    # Problem twice is dropped when the problems are sorted).
    if kind in ("format", "pattern") and schema.get("format") == "date":
        return [at(f"{where}: {_date_hint(value)}")]
    if kind in ("format", "pattern") and schema.get("format") == "uri":
        return [
            at(
                f"{where}: {shown(value)} är inte en fullständig webbadress; skriv hela adressen med https:// "
                "först, till exempel https://www.ilo.org/"
            )
        ]
    if (kind == "pattern" and schema.get("pattern") == "\\S") or (kind == "minLength" and wanted <= 1):
        return [at(f"{where}: får inte vara tom")]
    if kind == "pattern":
        return [at(f"{where}: {shown(value)} har fel form. {schema.get('description', '')}".rstrip())]
    if kind == "format":
        return [at(f"{where}: {shown(value)} har inte formatet {wanted}")]
    if kind == "minLength":
        return [at(f"{where}: är för kort, {len(value)} tecken; skriv minst {wanted} tecken")]
    if kind == "maxLength":
        return [at(f"{where}: är för lång, {len(value)} tecken; högst {wanted} tecken får plats, så korta texten")]
    if kind == "minItems":
        return [
            at(
                f"{where}: får inte vara en tom lista; skriv minst ett värde"
                if wanted == 1
                else f"{where}: har {len(value)} värden; skriv minst {wanted}"
            )
        ]
    if kind == "maxItems":
        return [at(f"{where}: har {len(value)} värden; högst {wanted} är tillåtna, så ta bort några")]
    if kind in ("minProperties", "maxProperties"):
        sign = "minst" if kind == "minProperties" else "högst"
        return [at(f"{where}: har {len(value)} fält; {sign} {wanted} är tillåtna")]
    if kind == "uniqueItems":
        return [at(f"{where}: samma värde står flera gånger i listan; ta bort dubbletten")]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {
            "minimum": "minst",
            "maximum": "högst",
            "exclusiveMinimum": "större än",
            "exclusiveMaximum": "mindre än",
        }[kind]
        return [at(f"{where}: ska vara {sign} {wanted}, men är {shown(value)}")]
    if kind == "const":
        return [at(f"{where}: ska vara {shown(wanted)}, men är {shown(value)}")]
    return [at(f"{where or 'filen'}: {shown(value)} passar inte här; se fältets beskrivning i schemat ({kind})")]


def not_portable(where: str, text: str, read_as: str, value: Any) -> str:
    """The message for an unquoted value that YAML 1.1 and 1.2 loaders read differently (see
    portable.py): `read_as` is what YAML 1.1 makes of `text`."""
    if read_as == "date":
        return (
            f'{where}: skriv datumet inom citattecken, "{text}"; utan citattecken läser en del program '
            "det som ett datum och andra som text"
        )
    if read_as == "bool":
        return (
            f"{where}: skriv {'true' if value else 'false'} i stället för {text}; bara en del program läser "
            f'{text} som ja eller nej (menar du texten, skriv "{text}" inom citattecken)'
        )
    return (
        f'{where}: skriv "{text}" inom citattecken; utan citattecken läser en del program {text} som ett tal '
        "och andra som text"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_above(lines: list[str], n: int) -> list[str]:
    """The lines above line index `n` that hold data (not blank, not only a comment), nearest first."""
    return [line for line in reversed(lines[:n]) if line.strip() and not line.lstrip().startswith("#")]


def _levels(above: list[str]) -> list[int]:
    """The indents a new line may have: those of the nearest line and of each line it lies under."""
    levels: list[int] = []
    for line in above:
        if not levels or _indent(line) < levels[-1]:
            levels.append(_indent(line))
    return sorted(levels)


_QUOTED_VALUE = re.compile(r"""^\s*(?:(?:- )+|(?:- )*[^\s"'#-][^:#]*:\s+)(["'])""")  # after "- " or "key: "


def _unclosed_quote(lines: list[str]) -> tuple[int, int] | None:
    """(line index, column) of the first value that opens a quote and does not close it on its
    line. YAML allows that, but in our files it is almost always a forgotten quote, which YAML
    only notices many lines further down."""
    for n, line in enumerate(lines):
        found = _QUOTED_VALUE.match(line)
        if found:
            quote, rest = found.group(1), line[found.end() :]
            closing = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
            if not closing:
                return n, found.start(1)
    return None


_QUOTE_IT = "; skriv texten inom citattecken"
# The rest of libyaml's problems, mostly a character with a meaning of its own in YAML at the start
# of a value (& * ! % | >) or text after the end of a value.
_SPECIAL = {
    "did not find expected comment or line break": "det står något efter värdet, eller efter | eller >, som inte "
    "hör dit" + _QUOTE_IT,
    "did not find expected alphabetic or numeric character": "& och * i början av ett värde har en särskild "
    "betydelse i YAML" + _QUOTE_IT,
    "did not find expected node content": "här saknas ett värde, eller så börjar det med ett tecken som har en "
    "särskild betydelse i YAML (! & * | > ? ,)" + _QUOTE_IT,
    "did not find expected whitespace or line break": "! i början av ett värde har en särskild betydelse i YAML"
    + _QUOTE_IT,
    "could not find expected directive name": "en rad som börjar med % har en särskild betydelse i YAML" + _QUOTE_IT,
    "found unexpected non-alphabetical character": "en rad som börjar med % har en särskild betydelse i YAML"
    + _QUOTE_IT,
    "found unexpected ':'": "kolonet står på en plats där YAML inte väntar sig ett" + _QUOTE_IT,
    "did not find expected <document start>": 'raden kan inte stå här; ett fält skrivs "fältnamn: värde", och en '
    "text som fortsätter på nästa rad ska vara indragen",
}


def syntax(text: str, shown_as: str, line_offset: int = 0) -> Problem | None:
    """A Swedish explanation of the first YAML syntax error in `text` (None if there is none): what
    is wrong with the line and how to write it instead. Parsed again here, since the loader stops at
    the error without telling which mistake it was."""
    try:
        for _ in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
        return None
    except yaml.MarkedYAMLError as exc:
        problem, mark, context = exc.problem or "", exc.problem_mark, exc.context_mark
    except yaml.YAMLError:
        return None
    if mark is None:
        return None
    lines = text.split("\n") + [""]
    n, col = mark.line, mark.column
    opened = _unclosed_quote(lines[: n + 1])
    if opened and not problem.startswith("found unknown escape"):
        n, col = opened
        return Problem(
            shown_as,
            n + 1 + line_offset,
            col + 1,
            f"citattecknet ({lines[n][col]}) som börjar här stängs inte på samma rad; avsluta texten med "
            "samma citattecken",
        )
    line, above = lines[n], _content_above(lines, n)
    before = above[0] if above else ""
    tab = line.find("\t")
    if 0 <= tab <= len(line) - len(line.lstrip(" \t")) or "tab character" in problem:
        col = max(tab, 0)
        message = "raden är indragen med ett tabbtecken; YAML tillåter bara mellanslag. Byt tabbtecknet mot mellanslag"
    elif problem.startswith("mapping values are not allowed"):
        if _indent(line) > _indent(before) and ":" not in line[_indent(line) : col]:
            message = (
                f"raden är indragen mer än raden ovanför ({_indent(line)} mellanslag i stället för "
                f"{_indent(before)}), så den läses som en fortsättning på texten där; ge fälten som hör ihop "
                "samma indrag"
            )
        else:
            key, _, rest = line.strip().partition(": ")
            quote = "'" if '"' in rest else '"'
            message = (
                f'texten innehåller ": " (kolon och mellanslag), som läses som ett nytt fält; skriv texten '
                f"inom citattecken: {key}: {quote}{rest}{quote}"
            )
    elif problem == "did not find expected key" and col > _indent(line):
        message = (
            "det står något efter värdets avslutande citattecken eller hakparentes; skriv hela värdet inom citattecken"
        )
    elif problem == "did not find expected key":
        levels = " eller ".join(map(str, _levels(above)))
        message = (
            f"raden är indragen {_indent(line)} mellanslag, men raderna ovanför står på {levels}; flytta "
            "raden så att den står rakt under fältet den hör ihop med"
        )
    elif problem == "did not find expected '-' indicator":
        message = (
            'raden står i en lista men börjar inte med "- " som raderna ovanför; börja raden med "- " '
            "eller ändra indraget"
        )
    elif problem == "could not find expected ':'" and context:
        n, col = context.line, context.column
        line, above = lines[n], _content_above(lines, n)
        message = (
            'raden har inget "fältnamn:" och börjar inte med "- "; är den en fortsättning på texten ovanför, '
            f"ska den vara indragen lika mycket som texten ({_indent(above[0]) if above else 0} mellanslag), "
            'annars saknas ett kolon efter fältnamnet, till exempel "sv: text"'
        )
    elif problem == "found unexpected end of stream" and context:
        n, col = context.line, context.column
        quote = lines[n][col] if col < len(lines[n]) else '"'
        message = f"citattecknet ({quote}) som börjar här stängs aldrig; avsluta texten med samma citattecken"
    elif problem == "found unknown escape character":
        message = (
            "ett omvänt snedstreck (\\) inom dubbla citattecken ska skrivas \\\\; eller använd enkla "
            "citattecken (') runt texten"
        )
    elif problem.startswith("did not find expected ',' or"):
        n, col = (context.line, context.column) if context else (n, col)
        message = "listan eller mappningen som börjar här stängs aldrig; avsluta den med ] eller } på samma rad"
    elif problem.startswith("block sequence entries are not allowed"):
        message = (
            '"- " kan inte stå efter ett fältnamn på samma rad; skriv listan på raderna under, eller texten '
            "inom citattecken"
        )
    elif problem == "found character that cannot start any token" and col < len(line):
        message = f"ett värde kan inte börja med {line[col]}; skriv värdet inom citattecken"
    elif problem in _SPECIAL:
        message = _SPECIAL[problem]
    else:
        message = f"YAML-syntaxfel: {problem}; kontrollera indrag, kolon och citattecken på raden"
    return Problem(shown_as, n + 1 + line_offset, col + 1, message)


# What Python's JSON reader says, in plain Swedish: what is missing where it stopped reading.
_JSON = {
    "Expecting ',' delimiter": "här saknas ett kommatecken mellan två värden, eller ett ] eller } som avslutar",
    "Expecting ':' delimiter": 'här saknas ett kolon efter namnet, till exempel "title": "Namn"',
    "Expecting property name enclosed in double quotes": "här ska ett namn inom dubbla citattecken stå; står ett "
    "kommatecken efter det sista värdet före }, ta bort det",
    "Expecting value": "här saknas ett värde (text inom dubbla citattecken, ett tal, true, false, null, [ eller {); "
    "står ett kommatecken efter det sista värdet före ], ta bort det",
    "Extra data": "det står något efter schemats sista }; ta bort det",
    "Unterminated string starting at": "texten som börjar här avslutas aldrig; avsluta den med ett dubbelt "
    'citattecken (")',
    "Invalid control character at": "en text får inte ha en radbrytning eller ett tabbtecken; skriv \\n eller "
    "\\t i stället",
    "Invalid \\escape": "ett omvänt snedstreck (\\) i en text ska skrivas \\\\",
    "Invalid \\uXXXX escape": "\\u ska följas av fyra tecken 0–9 eller a–f",
}


def json_syntax(reason: str) -> str:
    """A JSON syntax error (a JSONDecodeError's `msg`) in plain Swedish."""
    return f"JSON-syntaxfel: {_JSON.get(reason, reason)}"


def wrong_file_name(record_id: str, file_name: str) -> str:
    suffix = file_name[file_name.rfind(".") :]
    return (
        f'id (id): "{record_id}" stämmer inte med filnamnet {file_name}; byt namn på filen till '
        f'{record_id}{suffix}, eller ändra id till "{file_name[: file_name.rfind(".")]}"'
    )


def duplicate_id(record_id: str, other: str, free: str | None) -> str:
    instead = (
        f"ett nytt id, till exempel {free}, och döp om filen till {free}.yaml"
        if free
        else "ett annat id och döp om filen efter det"
    )
    return (
        f'id (id): "{record_id}" används redan i {other}; ett id får bara finnas en gång, så ge den här filen {instead}'
    )


def unknown_version(where: str, record_id: str, version: str, published: list[str]) -> str:
    """A follow-up names a version of a criterion that was never published."""
    known = ", ".join(f'"{v}"' for v in published) or "inga"
    return (
        f'{where}: kravet {record_id} har ingen publicerad version "{version}"; skriv den version som '
        f"stod i avtalen. Publicerade versioner: {known}"
    )


def not_public(where: str) -> str:
    """A supplier's name in a follow-up whose report is not public."""
    return (
        f"{where}: leverantörernas namn får bara stå med när rapporten är offentlig; skriv "
        '"report_public: true" om den är det, annars ta bort fältet'
    )


def only_when_completed(where: str, status: str) -> str:
    """Results in a follow-up that is not completed."""
    return (
        f'{where}: bara en genomförd uppföljning (status completed) har resultat, men statusen är "{status}"; '
        "ta bort fältet eller ändra status till completed"
    )


def needed_when_completed(where: str, name: str, key: str) -> str:
    """A completed follow-up without its summary or its date."""
    return (
        f'{where}: en genomförd uppföljning (status completed) ska ha fältet {name}; lägg till en rad "{key}:" '
        "eller ändra status till ongoing"
    )
