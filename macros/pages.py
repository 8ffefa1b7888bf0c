"""Pages generated from the library at build time: one per criterion and one per published version.

Each page is Markdown whose contributor-written parts are escaped HTML blocks (see render.py), so
MkDocs adds the theme, the table of contents and the search entry, but never interprets the text.
"""

from __future__ import annotations

import json

from .downloads import criterion_file
from .library import Library
from .render import PLACEHOLDER, escape, lang_attr, text_html

# Where each kind of record lives on the site, relative to the site root. One place for URLs.
URLS = {
    "criterion": "kriterier/{id}/",
    "criterion_version": "kriterier/{id}/{version}/",
    "risk_area": "riskomraden/{id}/",
    "follow_up": "uppfoljning/{id}/",
    "coc_clause": "uppforandekod/#{id}",
    "convention": "uppforandekod/konventioner/#{id}",
    "profile": "goda-exempel/{id}/",
    "stage": "goda-exempel/steg/{id}/",  # one page per process stage, comparing the profiles
}



def example_note(text: str, lead: str = "Exempelinnehåll.") -> str:
    """The note that marks content as an example (or, with another lead, where it comes from)."""
    return f'<p class="kb-example"><strong>{lead}</strong> {text}</p>'


EXAMPLE_NOTE = example_note("Kravet är skrivet som exempel för att visa hur Kravbanken fungerar. "
                            "Det är inte ett antaget krav.")


def url(kind: str, **fields) -> str:
    return URLS[kind].format(**fields)


def src_uri(kind: str, **fields) -> str:
    """The generated Markdown file behind a page URL."""
    return url(kind, **fields) + "index.md"


def title_of(record: dict, lang: str = "sv") -> str:
    """A record's name or title in `lang`, falling back to Swedish."""
    text = record.get("title") or record.get("name")
    return text.get(lang) or text["sv"]


def _link(prefix: str, kind: str, record: dict, label: str) -> str:
    return f'<a href="{prefix}{url(kind, id=record["id"])}">{escape(label)}</a>'


def _links(lib: Library, prefix: str, kind: str, ids: list[str], with_id: bool = False) -> str:
    records = [lib.records[kind][i] for i in ids]
    parts = [_link(prefix, kind, r, (f'{r["id"]} ' if with_id else "") + title_of(r)) for r in records]
    return ", ".join(parts) or "–"


def facts_html(lib: Library, record: dict, prefix: str) -> str:
    rows = [
        ("Id", escape(record["id"])),
        ("Version", escape(record["version"])),
        ("Status", escape(lib.label("status", record["status"]))),
        ("Kravtyp", escape(lib.label("type", record["type"]))),
        ("Nivå", escape(lib.label("level", record["level"]))),
        ("Publicerad", f'<time datetime="{record["published"]}">{record["published"]}</time>'),
    ]
    if "valid_from" in record:
        rows.append(("Gäller från", f'<time datetime="{record["valid_from"]}">{record["valid_from"]}</time>'))
    for field, label in (("supersedes", "Ersätter"), ("superseded_by", "Ersatt av")):
        if field in record:
            other = lib.criteria[record[field]]
            rows.append((label, _link(prefix, "criterion", other, f'{other["id"]} {title_of(other)}')))
    rows += [
        ("Riskområden", _links(lib, prefix, "risk_area", record["risk_areas"])),
        ("Uppförandekod", _links(lib, prefix, "coc_clause", record["code_of_conduct"], with_id=True)),
        ("Uppföljning", _links(lib, prefix, "follow_up", record["follow_up"])),
    ]
    return facts_box(rows)


def facts_box(rows: list[tuple[str, str]]) -> str:
    """Label and value pairs (values already HTML) as the site's facts box."""
    # Line breaks between the items keep the words apart in the search index ("Id SOC-001", not "IdSOC-001").
    body = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows)
    return f'<dl class="kb-facts">{body}</dl>'


def _changelog_html(record: dict) -> str:
    rows = "".join(
        f'<tr><td>{escape(entry["version"])}</td><td><time datetime="{entry["date"]}">{entry["date"]}</time></td>'
        f'<td>{text_html(entry["summary"]["sv"])}</td></tr>'
        for entry in record["changelog"])
    return ('<table class="kb-changelog"><thead><tr><th scope="col">Version</th><th scope="col">Datum</th>'
            f'<th scope="col">Ändring</th></tr></thead><tbody>{rows}</tbody></table>')


def _sources_html(record: dict) -> str:
    items = []
    for ref in record.get("references", []):
        name = escape(ref["title"])
        items.append(f'<li><a href="{escape(ref["url"])}">{name}</a></li>' if "url" in ref else f"<li>{name}</li>")
    return f'<ul class="kb-sources">{"".join(items)}</ul>'


def front_matter(**meta) -> str:
    # JSON is valid YAML, so every contributor string is quoted safely.
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"


def permalink(record: dict, site_url: str) -> str:
    """The permanent address of this version of a criterion, cited after every copied clause."""
    return site_url + url("criterion_version", id=record["id"], version=record["version"])


GAP_LEGEND = ('<p class="kb-gap-legend">Det som står inom hakparentes och är markerat, till exempel '
              '<span class="kb-gap">[tre (3)]</span> månader, fyller du i eller anpassar till din upphandling.</p>')


def _clause_box(record: dict, link: str, lang: str) -> str:
    """A clause as shown, with the exact text and source line that the copy button puts on the
    clipboard (kravbanken.js), so what is copied is the YAML text, never text read back from the page."""
    text = record["clause"][lang]
    return (f'<div class="kb-clause-box" data-kb-clause="{lang}" data-kb-id="{escape(record["id"])}"{lang_attr(lang)} '
            f'data-kb-text="{escape(text.rstrip())}" data-kb-source="{escape(source_line(record, link, lang))}">'
            f'{text_html(text, lang=lang, css="kb-clause")}</div>')


def _downloads_html(record: dict, prefix: str) -> str:
    word, data = (prefix + escape(criterion_file(record["id"], suffix)) for suffix in ("docx", "json"))
    return (f'<p class="kb-downloads">Ladda ner kravet: <a href="{word}" download>som Word-fil (.docx)</a> '
            f'eller <a href="{data}" download>som data (JSON)</a>. '
            f'<a href="{prefix}kriterier/#ladda-ner">Alla krav finns att ladda ner på översikten</a>.</p>')


def search_facts(lib: Library, record: dict) -> dict:
    """A criterion's facts for the site search (overrides/partials/kb-search-facts.html): codes to
    filter on, Swedish labels to show in results, and the search words (synonyms such as nitril),
    as plain text; the template escapes them."""
    return {
        "id": record["id"], "title": title_of(record), "version": record["version"],
        **{field: record[field] for field in ("type", "level", "status")},
        **{f"{field}_label": lib.label(field, record[field]) for field in ("type", "level", "status")},
        "risk_areas": record["risk_areas"],
        "risk_area_names": [title_of(lib.records["risk_area"][a]) for a in record["risk_areas"]],
        "tags": record.get("tags", []),
    }


def criterion_page(lib: Library, record: dict, site_url: str, versioned: bool = False) -> str:
    """The Markdown source of a criterion's page (its current URL or its permanent version URL)."""
    prefix = "../" * (3 if versioned else 2)
    title = f'{record["id"]} {title_of(record)}'
    link = permalink(record, site_url)
    meta = {"title": escape(title), "description": escape(title_of(record))}
    if versioned:
        meta["search"] = {"exclude": True}
    else:
        meta["kravbanken"] = search_facts(lib, record)
    parts = [
        front_matter(**meta),
        f'<h1 id="{escape(record["id"])}">{escape(title)}</h1>',
        EXAMPLE_NOTE,
    ]
    if "en" in record["title"]:
        parts.append(f'<p class="kb-title-en" lang="en">{escape(record["title"]["en"])}</p>')
    if versioned:
        parts.append(f'<p class="kb-version-note">Det här är version {escape(record["version"])}, som alltid finns '
                     f'kvar på den här adressen. <a href="../">Se den aktuella versionen av kravet</a>.</p>')
    parts += [
        facts_html(lib, record, prefix),
        f'<p class="kb-permalink">Permanent adress till version {escape(record["version"])}: '
        f'<a href="{escape(link)}">{escape(link)}</a></p>',
        "## Kravtext {#kravtext}",
    ]
    if PLACEHOLDER.search(record["clause"]["sv"]):
        parts.append(GAP_LEGEND)
    parts.append(_clause_box(record, link, "sv"))
    if "en" in record["clause"]:
        parts += ["## Kravtext på engelska {#kravtext-engelska}", _clause_box(record, link, "en")]
    if not versioned:  # the downloads hold the current version, so the permanent page does not link them
        parts.append(_downloads_html(record, prefix))
    parts += ["## Vägledning {#vagledning}", text_html(record["guidance"]["sv"]),
              "## Verifiering {#verifiering}", text_html(record["verification"]["sv"])]
    if record.get("legal_basis"):
        items = "".join(f"<li>{escape(basis)}</li>" for basis in record["legal_basis"])
        parts += ["## Rättslig grund {#rattslig-grund}", f"<ul>{items}</ul>"]
    if record.get("references"):
        parts += ["## Källor {#kallor}", _sources_html(record)]
    parts += ["## Versionshistorik {#versionshistorik}", _changelog_html(record)]
    return "\n\n".join(parts) + "\n"


def source_line(record: dict, permalink: str, lang: str = "sv") -> str:
    """The citation copied after a clause, so the text can be traced to its exact version."""
    if lang == "en":
        return f'Source: Kravbanken {record["id"]} version {record["version"]}, {permalink}'
    return f'Källa: Kravbanken {record["id"]} version {record["version"]}, {permalink}'


def generated_pages(lib: Library, site_url: str) -> dict[str, str]:
    """Every generated page: source path under docs/ -> Markdown."""
    pages = {}
    for record in lib.criteria.values():
        pages[src_uri("criterion", id=record["id"])] = criterion_page(lib, record, site_url)
        pages[src_uri("criterion_version", id=record["id"], version=record["version"])] = \
            criterion_page(lib, record, site_url, versioned=True)
    return pages
