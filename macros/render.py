"""Contributor text to HTML: escaped, with only paragraphs, lists and [placeholders] given meaning.

Everything a contributor writes goes through `text_html` or `escape`. Nothing here is Markdown or
Jinja: `*stars*`, `{{ x }}` and `<script>` come out exactly as typed.
"""

from __future__ import annotations

import html
import re

_BULLET = re.compile(r"^[-*•] +(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})[.)] +(.*)$")
# Fill-in gaps like [två (2)]; export.py highlights the same gaps in Word.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]+\]")


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def inline_html(text: str) -> str:
    """One run of text: escaped, with fill-in gaps like [två (2)] marked for the reader."""
    return PLACEHOLDER.sub(lambda m: f'<span class="kb-gap">{m.group(0)}</span>', escape(text))


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split text into ("p", lines), ("ul", items) and ("ol", items) blocks.

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
            item = bullet.group(1) if bullet else number.group(2)
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


def lang_attr(lang: str | None) -> str:
    """The lang attribute for a block in `lang`: none for Swedish, the language of the site."""
    return f' lang="{lang}"' if lang and lang != "sv" else ""


def text_html(text: str, lang: str | None = None, css: str = "kb-text") -> str:
    """A contributor text as HTML blocks in one <div> (with lang= when it is not Swedish)."""
    parts = []
    for kind, lines in blocks(text):
        if kind == "p":
            parts.append("<p>" + "<br>".join(inline_html(line) for line in lines) + "</p>")
        else:
            start = ""
            if kind == "ol":
                number, lines = lines[0], lines[1:]
                start = f' start="{number}"' if number != "1" else ""
            items = "".join("<li>" + inline_html(item).replace("\n", "<br>") + "</li>" for item in lines)
            parts.append(f"<{kind}{start}>{items}</{kind}>")
    return f'<div class="{css}"{lang_attr(lang)}>' + "".join(parts) + "</div>"
