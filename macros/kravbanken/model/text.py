"""How a contributor's text is structured: paragraphs, lists and [fill-in gaps].

A text is data: the site (through autoescaping templates) and the Word files both read it through
`blocks` and `segments`. Nothing here is Markdown or Jinja: `*stars*`, `{{ x }}` and `<script>` are
just characters.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^[-*•] +(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})[.)] +(.*)$")
# Fill-in gaps like [två (2)], which the buyer fills in or adapts: marked on the site and in Word.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\]")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split text into ("p", lines), ("ul", items) and ("ol", [start number, items…]) blocks.

    A blank line ends a block; a line starting with "- " or "1. " starts a list item; an indented
    line after a list item continues that item; other lines after a list start a new paragraph.
    """
    out: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for raw in text.strip("\n").split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        kind = "ul" if bullet else "ol" if number else None
        if kind:
            item = bullet.group(1) if bullet else number.group(2)  # type: ignore[union-attr]  # kind says which matched
            if current is None or current[0] != kind:
                current = (kind, [])
                out.append(current)
                if number:
                    current[1].append(number.group(1))  # the start number, first in an "ol"
            current[1].append(item)
        elif current is not None and current[0] in ("ul", "ol") and raw[:1] in (" ", "\t"):
            current[1][-1] += "\n" + line
        elif current is not None and current[0] == "p":
            current[1].append(line)
        else:
            current = ("p", [line])
            out.append(current)
    return out


def segments(line: str) -> list[tuple[str, bool]]:
    """A run of text as (text, is a fill-in gap) pieces, in order; empty text gives one empty piece."""
    out, pos = [], 0
    for gap in PLACEHOLDER.finditer(line):
        if gap.start() > pos:
            out.append((line[pos : gap.start()], False))
        out.append((gap.group(0), True))
        pos = gap.end()
    if pos < len(line) or not line:
        out.append((line[pos:], False))
    return out
