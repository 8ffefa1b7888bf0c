"""Word files: one per criterion, to paste from into tender documents.

python-docx makes the package once: a trimmed copy of its default template with our page size,
language and the few styles we use. Each criterion's body is then built with lxml inside a copy of
that template's document.xml and zipped together with the template's other parts. Going through
python-docx's object API for every file cost about 10 ms per criterion, the largest single cost of
a build with thousands of criteria; this way it is well under 1 ms.

The downloads are read back with python-docx in tests/test_exports.py, and the browser's Kravpaket
(docs/assets/javascripts/kravbanken.js) joins the bodies of these files into one document.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from functools import cache

from lxml import etree

from .. import labels
from ..model import Library, title_of
from ..model.text import blocks, segments
from ..urls import permalink
from .tables import names

LANGS = {"sv": "sv-SE", "en": "en-GB"}
STYLES = ("heading 1", "heading 2", "List Bullet", "Table Grid")  # the styles we use, by name
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418  # A4 and 2.5 cm, in twentieths of a point (twips)
EMU_PER_TWIP = 635  # python-docx measures in EMU
INDENT = 425  # 0.75 cm: numbered items hang their number in this space
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so that an unchanged criterion gives an identical file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DC = "http://purl.org/dc/elements/1.1/"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, *children, **attrs) -> etree._Element:
    """A w: element with w: attributes and children, e.g. _el("pStyle", val="Heading1")."""
    element = etree.Element(_w(tag), {_w(k): str(v) for k, v in attrs.items()})
    element.extend(children)
    return element


def _t(text: str) -> etree._Element:
    """A w:t with its spaces kept as written."""
    t = _el("t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


@dataclass(frozen=True)
class Template:
    parts: dict            # part name in the zip -> bytes, as python-docx wrote them
    document: etree._Element
    core: etree._Element
    style_ids: dict        # style name -> style id


@cache
def template() -> Template:
    """python-docx's default template with only the styles we use (their base styles too),
    Swedish as the default language and an A4 page."""
    import docx  # only the process that writes Word files needs python-docx
    from docx.oxml.ns import qn

    document = docx.Document()
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep, todo = set(), [s for s in by_id.values() if s.find(qn("w:name")).get(qn("w:val")) in {"Normal", *STYLES}]
    while todo:  # keep the styles ours are based on or linked to
        style = todo.pop()
        if style in keep:
            continue
        keep.add(style)
        for ref in ("w:basedOn", "w:link", "w:next"):
            element = style.find(qn(ref))
            if element is not None and element.get(qn("w:val")) in by_id:
                todo.append(by_id[element.get(qn("w:val"))])
    for style in by_id.values():
        if style not in keep:
            styles.remove(style)
    styles.remove(styles.find(qn("w:latentStyles")))
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:lang")).set(qn("w:val"), LANGS["sv"])  # Swedish unless marked otherwise
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH * EMU_PER_TWIP, PAGE_HEIGHT * EMU_PER_TWIP
    section.left_margin = section.right_margin = MARGIN * EMU_PER_TWIP
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail", "/customXml")):
                rels.pop(rid)
    document.core_properties.author = "Kravbanken"
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    return Template(parts, etree.fromstring(parts["word/document.xml"]), etree.fromstring(parts["docProps/core.xml"]),
                    {name: document.styles[name].style_id for name in STYLES})


def _runs(text: str, lang: str = "sv") -> list:
    """Runs for a text with line breaks and tabs, its [fill-in gaps] highlighted as on the site;
    English text is marked as English so that Word checks its spelling as English."""
    def run(part: str, highlight: bool = False):
        props = [_el("highlight", val="yellow")] if highlight else []
        if lang != "sv":
            props.append(_el("lang", val=LANGS[lang]))
        children = [_el("rPr", *props)] if props else []
        for n, piece in enumerate(part.split("\t")):
            if n:
                children.append(_el("tab"))
            if piece:
                children.append(_t(piece))
        return _el("r", *children)

    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append(_el("r", _el("br")))
        out.extend(run(part, highlight=gap) for part, gap in segments(line))
    return out


def _paragraph(text: str, lang: str = "sv", style: str | None = None, props=()) -> etree._Element:
    p_props = ([_el("pStyle", val=template().style_ids[style])] if style else []) + list(props)
    return _el("p", *([_el("pPr", *p_props)] if p_props else []), *_runs(text, lang))


def _text(text: str, lang: str = "sv") -> list:
    """Paragraphs and lists as the site shows them. Numbered items keep their written numbers
    instead of Word numbering, which would run on across lists and across criteria in a package."""
    out = []
    for kind, lines in blocks(text):
        if kind == "p":
            out.append(_paragraph("\n".join(lines), lang))
        elif kind == "ul":
            out.extend(_paragraph(item, lang, "List Bullet") for item in lines)
        else:
            hanging = (_el("tabs", _el("tab", val="left", pos=INDENT)), _el("ind", left=INDENT, hanging=INDENT))
            out.extend(_paragraph(f"{n}.\t{item}", lang, props=deepcopy(hanging))
                       for n, item in enumerate(lines[1:], int(lines[0])))
    return out


def _facts_table(rows: list[tuple[str, str]]) -> etree._Element:
    width = (PAGE_WIDTH - 2 * MARGIN) // 2

    def cell(text, bold=False):
        run = _el("r", *([_el("rPr", _el("b"))] if bold else []), _t(text))
        return _el("tc", _el("tcPr", _el("tcW", type="dxa", w=width)), _el("p", run))

    return _el("tbl",
               _el("tblPr", _el("tblStyle", val=template().style_ids["Table Grid"]), _el("tblW", type="auto", w=0),
                   _el("tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0,
                       noVBand=1)),
               _el("tblGrid", _el("gridCol", w=width), _el("gridCol", w=width)),
               *(_el("tr", cell(label, bold=True), cell(value)) for label, value in rows))


def body(lib: Library, record: dict, site_url: str) -> list:
    """The document's content: id and title, facts, clause with source line, guidance, verification."""
    def field(name):
        return labels.field(lib, name)

    out = [_paragraph(f'{record["id"]} {title_of(record)}', style="heading 1"),
           _el("p", _el("r", _el("rPr", _el("i")), _t(" ".join(labels.example_note("criterion"))))),
           _facts_table([(field("version"), record["version"])]
                        + [(field(code), lib.label(code, record[code])) for code in ("status", "type", "level")]
                        + [(field("published"), record["published"]),
                           (field("risk_areas"), names(lib, "risk_area", record["risk_areas"]))])]
    link = permalink(record, site_url)
    for lang, title in (("sv", field("clause")), ("en", labels.words()["clause_en"])):
        if lang in record["clause"]:
            out += [_paragraph(title, style="heading 2"), *_text(record["clause"][lang], lang),
                    _paragraph(labels.source_line(record, link, lang))]
    for name in ("guidance", "verification"):
        out += [_paragraph(field(name), style="heading 2"), *_text(record[name]["sv"])]
    return out


def criterion_docx(lib: Library, record: dict, site_url: str) -> bytes:
    """The Word file of one criterion."""
    base = template()
    document, core = deepcopy(base.document), deepcopy(base.core)
    section = document.find(_w("body")).find(_w("sectPr"))
    for element in body(lib, record, site_url):
        section.addprevious(element)
    core.find(f"{{{DC}}}title").text = f'{record["id"]} {title_of(record)}'
    changed = {"word/document.xml": document, "docProps/core.xml": core}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in base.parts.items():
            if name in changed:
                content = etree.tostring(changed[name], xml_declaration=True, encoding="UTF-8", standalone=True)
            package.writestr(zipfile.ZipInfo(name, ZIP_DATE), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()

