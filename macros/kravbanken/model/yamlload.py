"""Safe YAML loading that remembers where every value stands in the file.

The loader walks the event stream itself instead of composing a node tree: libyaml's composer
recurses in C and crashes on deeply nested flow collections, and a node tree would let aliases
expand into a "billion laughs". Walking events keeps memory linear in the file size, lets us stop
at a depth limit, reject aliases and duplicate keys, and record a line:col for every value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from .aliases import FieldPath

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40


class _Loader(_Base):  # type: ignore[misc, valid-type]  # chosen at run time: libyaml's when installed
    """Safe loader that keeps dates as text, so JSON Schema checks them as `format: date`."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_YAML_TAG = "tag:yaml.org,2002:"
_STR = _YAML_TAG + "str"
_INT = _YAML_TAG + "int"
# The largest integer that every JSON reader keeps exactly (JavaScript's Number.MAX_SAFE_INTEGER,
# RFC 7493). A longer one would also make YAML's base-60 integers (1:0:0:…) cost quadratic time.
MAX_INT = 2**53 - 1
_LONGEST_INT = 40  # characters, underscores and sign included; anything longer is refused unread
_WHAT = {_INT: "ett heltal", _YAML_TAG + "float": "ett tal", _YAML_TAG + "bool": "true eller false"}
# Characters that YAML does not allow anywhere in a file (outside its "printable" set): libyaml
# stops at them with an error that has no line, so they are found and located before it runs. Also
# refused: NEL, LS and PS, line breaks to YAML 1.1 but not to YAML 1.2 or an editor, so that every
# program counts the same lines.
_NOT_IN_FILE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line separators that some programs break a line at and others do not.
_ODD_BREAKS = re.compile("[\u2028\u2029]")
# The characters at which str.splitlines() breaks a line: none may reach a one-line message.
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}
# Control characters cannot be shown, printed or put in a Word file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that XML 1.0 does not allow (so no Word or Excel file can hold them) and Unicode's
# noncharacters: "\uFFFF" written as an escape would pass the schema and break the downloads.
_NONCHARACTERS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_NOT_XML = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
# Invisible characters that hide, join or reverse text (zero-width, direction controls, a byte-order
# mark inside the text): a title could read backwards or a clause look different from what it says.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Characters that look like a blank but are not white space: a text of only these shows nothing.
_BLANK = re.compile(r"[\s\u2800\u3164\u115f\u1160\uffa0\u00ad\u034f\u180e]*")
_SAFE_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Problem:
    """One error in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        """`path:line:col: message` on one line, whatever characters the file name or the message has."""
        return f"{quoted(self.path)}:{self.line}:{self.col}: {one_line(self.message)}"


def _escaped(char: str) -> str:
    return _ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")


def quoted(path: str) -> str:
    """A file name as messages show it: as it is, or, when it has a character that cannot be seen
    or would break the line (a line break, a tab, a control or invisible character), in double
    quotes with that character escaped: "criteria/krav/SOC-001\\n.yaml"."""
    if path.isprintable() and not path.startswith('"'):
        return path
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else _escaped(c) for c in path) + '"'


def one_line(text: str) -> str:
    """`text` with each character that would break the line escaped (a value quoted in a message
    may hold one)."""
    return _BREAKS.sub(lambda found: _escaped(found.group()), text)


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Document:
    """The loaded data plus where each value (and each mapping key) stands in the file."""

    data: Any
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)  # (line, col) of the value
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)  # (line, col) of its key
    plain: dict[FieldPath, str] = field(default_factory=dict)  # text as typed, for unquoted values

    def position(self, path: FieldPath, key: bool = False) -> tuple[int, int]:
        """The closest recorded position for `path`, walking up to the parent if needed."""
        table = self.key_marks if key else self.marks
        path = tuple(path)
        while path not in table and path:
            path = path[:-1]
        return table.get(path) or self.marks.get(path, (1, 1))


def _pos(mark: Any, line_offset: int) -> tuple[int, int]:  # a yaml.Mark, or libyaml's own
    return (mark.line + 1 + line_offset, mark.column + 1)


def _typed(tag: str) -> str:
    """A tag as it is written in the file: !!int, not tag:yaml.org,2002:int."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def _scalar(event: Any, loader: Any, fail: Callable[[Any, str], NoReturn]) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _SAFE_TAGS:
        fail(event.start_mark, f"taggen {_typed(event.tag or tag)} är inte tillåten; skriv värdet utan tagg")
    if tag == _STR:
        if message := _unsafe(event.value):
            fail(event.start_mark, message)
        return event.value
    text = event.value
    too_big = (
        f"talet {text[:20]}{'…' if len(text) > 20 else ''} är för stort; ett heltal får vara högst "
        f"{MAX_INT} (skriv värdet inom citattecken om det är en text)"
    )
    if tag == _INT and len(text) > _LONGEST_INT:
        fail(event.start_mark, too_big)
    node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
    try:
        value = _constructor.construct_object(node)
    except (ValueError, KeyError, IndexError):  # "0b_", "._", !!int abc, !!bool kanske
        tagged = f" (taggen {_typed(event.tag)}); ta bort taggen, och" if event.tag not in (None, "!") else ";"
        fail(
            event.start_mark,
            f"{json.dumps(text[:40], ensure_ascii=False)} kan inte läsas som {_WHAT[tag]}{tagged} "
            "skriv värdet inom citattecken om det är en text",
        )
    if tag == _INT and abs(value) > MAX_INT:
        fail(event.start_mark, too_big)
    return value


def _unsafe(text: str) -> str | None:
    """Why a text cannot be published as it stands, or None. Escapes in "double-quoted" text can
    write characters that YAML itself refuses in a file."""
    if bad := _CONTROL.search(text):
        return (
            f"texten har ett osynligt styrtecken (U+{ord(bad.group()):04X}) som inte kan visas eller skrivas ut; "
            "ta bort det"
        )
    if bad := _NOT_XML.search(text):
        return (
            f"texten har U+{ord(bad.group()):04X}, som inte är ett tecken och inte kan sparas i Word- eller "
            "Excel-filerna; ta bort det"
        )
    if bad := _ODD_BREAKS.search(text):
        return (
            f"texten har U+{ord(bad.group()):04X}, som en del program läser som en radbrytning och andra inte; "
            "ta bort det, eller byt det mot en vanlig radbrytning"
        )
    if bad := _INVISIBLE.search(text):
        return (
            f"texten har ett osynligt tecken (U+{ord(bad.group()):04X}) som kan dölja, sammanfoga eller vända "
            "text; ta bort det"
        )
    if text.strip() and _BLANK.fullmatch(text):
        return (
            "texten har inget synligt tecken, bara tecken som ser ut som mellanslag; skriv texten med vanliga "
            "bokstäver eller ta bort fältet"
        )
    return None


def parse(text: str, path: str, line_offset: int = 0) -> Document:
    """Parse one YAML document from `text`. Raises YamlError with a Swedish message."""

    def fail(mark: Any, message: str) -> NoReturn:
        line, col = _pos(mark, line_offset) if mark else (1 + line_offset, 1)
        raise YamlError(Problem(path, line, col, message))

    readable(text, path, line_offset)

    doc = Document(None)
    stack: list[list[Any]] = []  # frames: [container, path, pending key or no_key]
    no_key = object()
    loader = _Loader(text)
    done = False

    def place(value: Any, mark: Any) -> FieldPath | None:
        if not stack:
            doc.data = value
            doc.marks[()] = _pos(mark, line_offset)
            return ()
        frame = stack[-1]
        container, base = frame[0], frame[1]
        child: FieldPath
        if isinstance(container, list):
            child = base + (len(container),)
            container.append(value)
        elif frame[2] is no_key:
            if not isinstance(value, str):
                fail(mark, "nycklar måste vara text (ett fältnamn), inte en lista, mappning, ett tal eller tomt")
            if value in container:
                first = doc.key_marks[base + (value,)]
                fail(
                    mark,
                    f'fältet "{value}" förekommer två gånger (första gången på rad {first[0]}); '
                    "varje fält får bara finnas en gång",
                )
            frame[2] = value
            doc.key_marks[base + (value,)] = _pos(mark, line_offset)
            return None
        else:
            child = base + (frame[2],)
            container[frame[2]] = value
            frame[2] = no_key
        doc.marks[child] = _pos(mark, line_offset)
        return child

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                where = place(_scalar(event, loader, fail), event.start_mark)
                if where is not None and not event.style:  # hints quote what was typed: "1.10", not 1.1
                    doc.plain[where] = event.value
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    fail(event.start_mark, f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer")
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    fail(event.start_mark, f"taggen {_typed(event.tag)} är inte tillåten; skriv värdet utan tagg")
                container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is no_key:
                    fail(event.start_mark, "nycklar måste vara text (ett fältnamn), inte en lista eller mappning")
                child = place(container, event.start_mark)
                stack.append([container, child, no_key])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, yaml.AliasEvent):
                fail(event.start_mark, f"alias (*{event.anchor}) är inte tillåtna; skriv ut värdet i stället")
            elif isinstance(event, yaml.DocumentStartEvent) and done:
                fail(event.start_mark, "filen får bara innehålla ett YAML-dokument (ta bort ---)")
            elif isinstance(event, yaml.DocumentEndEvent):
                done = True
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "okänt fel"
        line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        tab = "\t" in line[: mark.column + 1] if mark else False
        hint = "; använd mellanslag, inte tabbtecken, för indrag" if tab else ""
        fail(mark, f"YAML-syntaxfel: {problem}{hint}")
    finally:
        loader.dispose()
    if doc.data is None:
        fail(None, "filen är tom eller innehåller inget värde")
    return doc


def readable(text: str, path: str, line_offset: int = 0) -> None:
    """Raise YamlError at the first character that YAML does not allow in a file (a control
    character, U+FFFE, a lone surrogate) or that programs disagree on (see _NOT_IN_FILE), which no
    page or download could show either."""
    if bad := _NOT_IN_FILE.search(text):
        before = text[: bad.start()]
        line, col = before.count("\n") + 1 + line_offset, bad.start() - before.rfind("\n")  # col in characters
        raise YamlError(
            Problem(
                path,
                line,
                col,
                _unsafe(bad.group())
                or (
                    f"texten har tecknet U+{ord(bad.group()):04X}, som program läser olika "
                    "(till exempel som en radbrytning); "
                    "ta bort det, eller skriv en vanlig radbrytning"
                ),
            )
        )


def decode(raw: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (an optional byte-order mark is dropped) with only characters a text
    file may have, otherwise a located error. Line ends become \\n, as a file opened in Python's
    text mode has them (MkDocs reads the pages so): a lone \\r is a line break to YAML and to an
    editor, and so it is in every line number."""
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1  # in characters
        message = (
            f"filen är inte sparad som UTF-8 (byten 0x{raw[exc.start]:02X} här är inte UTF-8); spara om den "
            "med teckenkodningen UTF-8"
        )
        raise YamlError(Problem(path, line, col, message)) from None
    readable(text, path)
    return text
