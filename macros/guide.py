"""The guide around the criteria: the supplier code of conduct and the conventions it rests on, the
risk areas, the follow-up methods and the good-practice profiles.

The overviews are called by macros from the hand-written index pages (macros/main.py); the page
per record comes from `guide_pages` (added by macros/hooks.py). Contributor text goes through
`escape`, `inline_html` or `text_html` only. The Markdown written here is fixed Swedish headings
and codelist labels, so that they appear in the table of contents; the rest is HTML.
"""

from __future__ import annotations

from .library import Library
from .pages import example_note, facts_box, front_matter, src_uri, title_of, url
from .render import escape, inline_html, lang_attr, text_html

PAGE_PREFIX = "../../"  # from a generated record page (riskomraden/<id>/) to the site root
STAGE_PREFIX = "../../../"  # from a stage page (goda-exempel/steg/<code>/) to the site root

WORDS = {
    "sv": {"basis": "Grund", "used_by": "Genomförs av", "count": "Visa {n} krav",
           "none": "Inga krav hänvisar hit ännu."},
    "en": {"basis": "Basis", "used_by": "Implemented by", "count": "Show {n} criteria",
           "none": "No criteria refer to this yet."},
}


def codes(lib: Library, codelist: str) -> list[str]:
    """The codes of a codelist in their defined order (the order the site shows them in)."""
    return lib.schemas.codelists[codelist]["enum"]


def _text(text: dict, lang: str) -> str:
    """A text in `lang`, or its Swedish original marked lang="sv" when the translation is missing."""
    if lang in text:
        return escape(text[lang])
    return f'<span lang="sv">{escape(text["sv"])}</span>'


def _a(href: str, label_html: str) -> str:
    return f'<a href="{escape(href)}">{label_html}</a>'


def _table(css: str, caption: str, head: str, rows: str) -> str:
    """A table in a scroll box: on a narrow screen a wide table scrolls sideways instead of widening
    the page (WCAG 1.4.10); the box is named and focusable, so keyboard users can scroll it too."""
    return (f'<div class="kb-table-scroll" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="{css}"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _refs(items: list[tuple[str, str, str]], empty: str) -> str:
    """Linked records as a list: (href, link text as HTML, plain note after the link or "")."""
    if not items:
        return f'<p class="kb-none">{empty}</p>'
    lis = "".join(f'<li>{_a(href, label)}' + (f' <span class="kb-meta">{escape(note)}</span>' if note else "")
                  + "</li>" for href, label, note in items)
    return f'<ul class="kb-refs">{lis}</ul>'


def criteria_list(lib: Library, records: list[dict], prefix: str, lang: str = "sv") -> str:
    """The criteria that refer to a record, each linked with its type and level (and its status
    when it is not in force): the one shape every guide page uses for these backlinks."""
    items = []
    for record in records:
        labels = [lib.label("type", record["type"], lang), lib.label("level", record["level"], lang)]
        if record["status"] != "active":
            labels.append(lib.label("status", record["status"], lang))
        items.append((prefix + url("criterion", id=record["id"]),
                      f'{escape(record["id"])} {_text(record["title"], lang)}', " · ".join(labels)))
    return _refs(items, WORDS[lang]["none"])


def _method_refs(lib: Library, ids: list[str], prefix: str) -> str:
    methods = [lib.records["follow_up"][i] for i in ids]
    return _refs([(prefix + url("follow_up", id=m["id"]), escape(title_of(m)),
                   "Arbetsinsats: " + lib.label("rating", m["effort"]).lower()) for m in methods],
                 "Ingen metod är angiven.")


# --- Uppförandekod -------------------------------------------------------------------------------


def _clauses_by_area(lib: Library):
    """(area code, its clauses in order) for each area of the code that has clauses."""
    for area in codes(lib, "coc_area"):
        clauses = [c for c in lib.sorted("coc_clause") if c["area"] == area]
        if clauses:
            yield area, clauses


def code_of_conduct(lib: Library, prefix: str, lang: str = "sv") -> str:
    """The whole code in one language as one HTML block: a heading per area (its code as anchor),
    then each clause with its id as anchor, its text, the conventions it rests on and the criteria
    that implement it. The block is HTML only: Markdown never sees the contributors' text."""
    parts = []
    for area, clauses in _clauses_by_area(lib):
        parts.append(f'<h2 id="{area}">{escape(lib.label("coc_area", area, lang))}</h2>')
        parts += [_clause(lib, clause, prefix, lang) for clause in clauses]
    return f'<div class="kb-code"{lang_attr(lang)}>' + "".join(parts) + "</div>"


def code_of_conduct_contents(lib: Library, lang: str = "sv") -> str:
    """The areas and clauses of the code as links to their anchors, at the top of the code's page
    (the sidebar's table of contents does not list headings inside HTML blocks)."""
    areas = []
    for area, clauses in _clauses_by_area(lib):
        links = "".join(f'<li><a href="#{escape(c["id"])}">{escape(c["id"])} {escape(c["title"][lang])}</a></li>'
                        for c in clauses)
        areas.append(f'<li><a href="#{area}">{escape(lib.label("coc_area", area, lang))}</a><ul>{links}</ul></li>')
    return f'<ul class="kb-contents"{lang_attr(lang)}>{"".join(areas)}</ul>'


def _clause(lib: Library, clause: dict, prefix: str, lang: str) -> str:
    words = WORDS[lang]
    conventions = [lib.records["convention"][c] for c in clause["basis"]]
    basis = _refs([(prefix + url("convention", id=c["id"]), _text(c["name"], lang), c["short"])
                   for c in conventions], "")
    users = lib.used_by("coc_clause", clause["id"])
    used = criteria_list(lib, users, prefix, lang)
    if users:
        used = f'<details class="kb-more"><summary>{words["count"].format(n=len(users))}</summary>{used}</details>'
    cid = escape(clause["id"])
    return (f'<div class="kb-coc-clause"><h3 id="{cid}">{cid} {escape(clause["title"][lang])}</h3>'
            f'{text_html(clause["text"][lang], lang=lang)}'
            f'{facts_box([(words["basis"], basis), (words["used_by"], used)])}</div>')


def conventions(lib: Library, prefix: str) -> str:
    """Every convention and law the code rests on, with its id as anchor, what it protects and
    which clauses of the code rest on it."""
    blocks = []
    for convention in lib.sorted("convention"):
        rows = [("Utfärdare", escape(lib.label("convention_organisation", convention["organisation"])))]
        if "year" in convention:
            rows.append(("Antagen", str(convention["year"])))
        if convention["organisation"] == "ilo":
            since = convention.get("fundamental_since")
            rows.append(("Grundläggande ILO-konvention",
                         "Nej" if not convention["fundamental"] else f"Ja, sedan {since}" if since else "Ja"))
        clauses = lib.used_by("convention", convention["id"], source_kind="coc_clause")
        rows.append(("Punkter i koden", _refs(
            [(prefix + url("coc_clause", id=c["id"]), f'{escape(c["id"])} {escape(title_of(c))}', "")
             for c in clauses], "Ingen punkt i koden bygger på den ännu.")))
        cid = escape(convention["id"])
        blocks.append(f'<div class="kb-convention"><h2 id="{cid}">{escape(convention["short"])}: '
                      f'{escape(title_of(convention))}</h2>{text_html(convention["protects"]["sv"])}{facts_box(rows)}</div>')
    return "\n\n".join(blocks)


# --- Riskområden ---------------------------------------------------------------------------------

def _rating_cell(lib: Library, rating: str) -> str:
    # The word is always there: the colour only repeats it (WCAG 1.4.1).
    return f'<td class="kb-risk kb-risk-{rating}">{escape(lib.label("rating", rating))}</td>'


def _dimension_heads(lib: Library) -> str:
    return "".join(f'<th scope="col">{escape(lib.label("risk_dimension", d))}</th>' for d in codes(lib, "risk_dimension"))


def risk_matrix(lib: Library, area: dict) -> str:
    """The risk of each link of the chain (rows) for each dimension (columns) as a table."""
    rows = ""
    for stage in codes(lib, "chain_stage"):
        ratings = area["chain"][stage]["ratings"]
        cells = "".join(_rating_cell(lib, ratings[d]) for d in codes(lib, "risk_dimension"))
        rows += f'<tr><th scope="row">{escape(lib.label("chain_stage", stage))}</th>{cells}</tr>'
    return _table("kb-risk-matrix", f"Risknivå per led i leveranskedjan: {title_of(area)}",
                  f'<th scope="col">Led i kedjan</th>{_dimension_heads(lib)}', rows)


def risk_overview(lib: Library, prefix: str) -> str:
    """All risk areas at a glance: the highest rating anywhere in the chain, per dimension."""
    order = codes(lib, "rating")
    rows = []
    for area in lib.sorted("risk_area"):
        cells = "".join(
            _rating_cell(lib, max((link["ratings"][d] for link in area["chain"].values()), key=order.index))
            for d in codes(lib, "risk_dimension"))
        href = prefix + url("risk_area", id=area["id"])
        count = len(lib.used_by("risk_area", area["id"]))
        rows.append(f'<tr><th scope="row">{_a(href, escape(title_of(area)))}</th>{cells}'
                    f'<td>{_a(href + "#krav", f"{count} krav")}</td></tr>')
    return _table("kb-risk-matrix kb-risk-overview", "Högsta risknivå i leveranskedjan, per riskområde och riskdimension",
                  f'<th scope="col">Riskområde</th>{_dimension_heads(lib)}<th scope="col">Krav</th>', "".join(rows))


def risk_area_page(lib: Library, area: dict) -> str:
    name = title_of(area)
    parts = [
        front_matter(title=escape(name), description=escape(area["summary"]["sv"])),
        f"<h1>{escape(name)}</h1>",
        example_note("Riskbedömningen är ett exempel som visar hur Kravbanken fungerar. Gör alltid en "
                     "egen riskanalys inför en upphandling."),
        text_html(area["summary"]["sv"]),
        "## Typiska produkter {#produkter}",
        text_html(area["products"]["sv"]),
        "## Typiska tillverkningsländer {#lander}",
        '<ul class="kb-countries">' + "".join(f"<li>{escape(c)}</li>" for c in area["countries"]) + "</ul>",
        "## Risker i leveranskedjan {#risker}",
        "<p>Tabellen visar hur stor risken är i varje led av leveranskedjan: låg, medel eller hög. "
        "Under tabellen står vad som händer i varje led och vilka risker som är störst.</p>",
        risk_matrix(lib, area),
    ]
    for stage in codes(lib, "chain_stage"):
        link = area["chain"][stage]
        parts += [f'### {escape(lib.label("chain_stage", stage))} {{#{stage}}}',
                  facts_box([("Vad som händer", text_html(link["description"]["sv"])),
                          ("Största riskerna", text_html(link["risks"]["sv"]))])]
    parts += [
        "## Krav att använda {#krav}",
        "<p>De här kraven gäller riskområdet. Efter varje krav står kravtyp och nivå.</p>",
        criteria_list(lib, lib.used_by("risk_area", area["id"]), PAGE_PREFIX),
        "## Uppföljning {#uppfoljning}",
        "### Uppföljning som har gjorts {#genomford-uppfoljning}",
        text_html(area["follow_up_done"]["sv"]),
        "### Rekommenderade metoder {#rekommenderade-metoder}",
        _method_refs(lib, area["follow_up"], PAGE_PREFIX),
        '<p><a href="../">Alla riskområden</a></p>',
    ]
    return "\n\n".join(parts) + "\n"


# --- Uppföljning ---------------------------------------------------------------------------------

def follow_up_overview(lib: Library, prefix: str) -> str:
    """All follow-up methods in the order they are used, with when each fits and its effort."""
    rows = "".join(
        f'<tr><th scope="row">{_a(prefix + url("follow_up", id=m["id"]), escape(title_of(m)))}</th>'
        f'<td>{text_html(m["when"]["sv"])}</td><td>{escape(lib.label("rating", m["effort"]))}</td></tr>'
        for m in lib.sorted("follow_up"))
    return _table("kb-methods", "Uppföljningsmetoder", '<th scope="col">Metod</th><th scope="col">När den passar</th>'
                  '<th scope="col">Arbetsinsats för beställaren</th>', rows)


def follow_up_page(lib: Library, method: dict) -> str:
    name = title_of(method)
    areas = lib.used_by("follow_up", method["id"], source_kind="risk_area")
    steps = "".join(f"<li>{inline_html(step['sv'])}</li>" for step in method["steps"])
    parts = [
        front_matter(title=escape(name), description=escape(method["summary"]["sv"])),
        f"<h1>{escape(name)}</h1>",
        example_note("Beskrivningen, och särskilt kostnaderna, är exempel som visar hur Kravbanken fungerar."),
        text_html(method["summary"]["sv"]),
        facts_box([("Arbetsinsats för beställaren", escape(lib.label("rating", method["effort"])))]),
        "## När passar metoden? {#nar}",
        text_html(method["when"]["sv"]),
        "## Vad kostar den? {#kostnad}",
        facts_box([("För beställaren", text_html(method["cost_buyer"]["sv"])),
                ("För leverantören", text_html(method["cost_supplier"]["sv"]))]),
        "## Vilket underlag ger den? {#underlag}",
        text_html(method["evidence"]["sv"]),
        "## Steg för steg {#steg}",
        f'<ol class="kb-steps">{steps}</ol>',
        "## Krav som anger metoden {#krav}",
        criteria_list(lib, lib.used_by("follow_up", method["id"]), PAGE_PREFIX),
        "## Riskområden där metoden rekommenderas {#riskomraden}",
        _refs([(PAGE_PREFIX + url("risk_area", id=a["id"]), escape(title_of(a)), "") for a in areas],
              "Inget riskområde rekommenderar metoden ännu."),
        '<p>Läs hur metoderna hänger ihop i <a href="../nationell-modell/">den nationella modellen för '
        'uppföljning</a>, eller se <a href="../">alla uppföljningsmetoder</a>.</p>',
    ]
    return "\n\n".join(parts) + "\n"


# --- Goda exempel --------------------------------------------------------------------------------

def _organisation(profile: dict) -> str:
    return profile["organisation"]["sv"]


def _profiles(lib: Library) -> list[dict]:
    return sorted(lib.records["profile"].values(), key=lambda p: _organisation(p))


def _profile_note(profile: dict) -> str:
    if profile["example"]:
        return example_note("Organisationen och beskrivningen är påhittade för att visa ett arbetssätt.",
                            "Påhittat exempel.")
    return example_note("Texten återger med egna ord hur organisationen själv beskriver sitt arbete.",
                        "Sammanfattning.")


def profiles_overview(lib: Library, prefix: str) -> str:
    """A card per organisation: its name, kind and what is worth learning from it."""
    cards = "".join(
        f'<article class="kb-card"><h3>{_a(prefix + url("profile", id=p["id"]), escape(_organisation(p)))}</h3>'
        f'<p class="kb-meta">{escape(lib.label("organisation_type", p["organisation_type"]))}'
        f'{" · påhittat exempel" if p["example"] else ""}</p>{text_html(p["summary"]["sv"])}</article>'
        for p in _profiles(lib))
    return f'<div class="kb-cards">{cards}</div>'


def _stage_description(lib: Library, stage: str) -> str:
    # The profile schema describes each stage in a sentence; one text for contributors and readers.
    return lib.schemas.documents["profile.schema.json"]["properties"]["stages"]["properties"][stage]["description"]


def stage_links(lib: Library, prefix: str, current: str | None = None) -> str:
    """The six process stages in order, each linking to the page that compares all organisations."""
    items = []
    for stage in codes(lib, "process_stage"):
        label = escape(lib.label("process_stage", stage))
        if stage == current:
            items.append(f'<li><strong aria-current="page">{label}</strong></li>')
        else:
            items.append(f'<li>{_a(prefix + url("stage", id=stage), label)}'
                         f' <span class="kb-meta">{escape(_stage_description(lib, stage))}</span></li>')
    return f'<ol class="kb-stage-list">{"".join(items)}</ol>'


def profile_page(lib: Library, profile: dict) -> str:
    name = _organisation(profile)
    parts = [
        front_matter(title=escape(name), description=escape(profile["summary"]["sv"])),
        f"<h1>{escape(name)}</h1>",
        _profile_note(profile),
        facts_box([("Typ av organisation", escape(lib.label("organisation_type", profile["organisation_type"])))]),
        text_html(profile["summary"]["sv"]),
    ]
    for number, stage in enumerate(codes(lib, "process_stage"), 1):
        label = lib.label("process_stage", stage)
        text = profile["stages"][stage]
        parts += [
            f"## {number}. {escape(label)} {{#{stage}}}",
            f'<div class="kb-stage"><h3>Så arbetar de</h3>{text_html(text["practice"]["sv"])}'
            f'<h3>Deras råd till andra</h3><blockquote class="kb-advice">{text_html(text["recommendation"]["sv"])}'
            f'</blockquote><p>{_a(PAGE_PREFIX + url("stage", id=stage), f"Alla organisationers råd i steg {number}")}'
            "</p></div>",
        ]
    parts.append('<p><a href="../">Alla goda exempel</a></p>')
    return "\n\n".join(parts) + "\n"


def stage_page(lib: Library, stage: str) -> str:
    """Every organisation's recommendation for one stage, side by side, with links to the others."""
    stages = codes(lib, "process_stage")
    number = stages.index(stage) + 1
    title = f'Steg {number}: {lib.label("process_stage", stage)}'
    cards = "".join(
        f'<article class="kb-card"><h2>{_a(STAGE_PREFIX + url("profile", id=p["id"]) + "#" + stage, escape(_organisation(p)))}'
        f'</h2><p class="kb-meta">{escape(lib.label("organisation_type", p["organisation_type"]))}'
        f'{" · påhittat exempel" if p["example"] else ""}</p>'
        f'<blockquote class="kb-advice">{text_html(p["stages"][stage]["recommendation"]["sv"])}</blockquote>'
        f'<details class="kb-more"><summary>Så arbetar de</summary>{text_html(p["stages"][stage]["practice"]["sv"])}</details></article>'
        for p in _profiles(lib))
    steps = []
    if number > 1:
        steps.append(_a(STAGE_PREFIX + url("stage", id=stages[number - 2]),
                        f"Föregående steg: {escape(lib.label('process_stage', stages[number - 2]))}"))
    if number < len(stages):
        steps.append(_a(STAGE_PREFIX + url("stage", id=stages[number]),
                        f"Nästa steg: {escape(lib.label('process_stage', stages[number]))}"))
    parts = [
        front_matter(title=escape(title), description=escape(f"Organisationernas råd i steget {title}.")),
        f"<h1>{escape(title)}</h1>",
        f'<p class="kb-lead">{escape(_stage_description(lib, stage))}</p>',
        "<p>Här står organisationernas egna råd för steget bredvid varandra. Öppna <q>Så arbetar de</q> "
        "för att läsa hur organisationen gör, eller gå till organisationen för att läsa alla sex steg.</p>",
        f'<div class="kb-cards">{cards}</div>',
        '<nav class="kb-stage-nav" aria-label="Föregående och nästa steg"><p>' + " ".join(steps) + "</p></nav>",
        "## Alla steg {#alla-steg}",
        stage_links(lib, STAGE_PREFIX, current=stage),
        '<p><a href="../../">Alla goda exempel</a></p>',
    ]
    return "\n\n".join(parts) + "\n"


def guide_pages(lib: Library) -> dict[str, str]:
    """Every generated guide page: source path under docs/ -> Markdown."""
    pages = {}
    for kind, render in (("risk_area", risk_area_page), ("follow_up", follow_up_page), ("profile", profile_page)):
        for record in lib.records[kind].values():
            pages[src_uri(kind, id=record["id"])] = render(lib, record)
    for stage in codes(lib, "process_stage"):
        pages[src_uri("stage", id=stage)] = stage_page(lib, stage)
    return pages
