"""Every word the site and the downloads show around the data, in Swedish and English, in one
place. Codes' labels stay in schema/codelists.schema.json and fields' names are their schema
titles; both are read through the model."""

from __future__ import annotations

from typing import Any

from .model import KIND, Library

WORDS: dict[str, dict[str, Any]] = {  # a word is text, or a list of texts
    "sv": {
        "example": "Exempelinnehåll.",
        "example_criterion": "Kravet är skrivet som exempel för att visa hur Kravbanken fungerar. "
        "Det är inte ett antaget krav.",
        "example_risk_area": "Riskbedömningen är ett exempel som visar hur Kravbanken fungerar. Gör alltid en "
        "egen riskanalys inför en upphandling.",
        "example_follow_up": "Beskrivningen, och särskilt kostnaderna, är exempel som visar hur Kravbanken fungerar.",
        "invented": "Påhittat exempel.",
        "invented_profile": "Organisationen och beskrivningen är påhittade för att visa ett arbetssätt.",
        "summary": "Sammanfattning.",
        "summary_profile": "Texten återger med egna ord hur organisationen själv beskriver sitt arbete. Råd som "
        "börjar med ”Kravbankens slutsats” är vår egen tolkning, inte organisationens.",
        "invented_short": "påhittat exempel",
        "source": "Källa",
        "version": "version",
        "clause_en": "Kravtext på engelska",
        "permanent_address": "Permanent adress till version {version}:",
        "version_note": "Det här är version {version}, som alltid finns kvar på den här adressen.",
        "current_version": "Se den aktuella versionen av kravet",
        "gap_legend_before": "Det som står inom hakparentes och är markerat, till exempel",
        "gap_legend_example": "[tre (3)]",
        "gap_legend_after": "månader, fyller du i eller anpassar till din upphandling.",
        "download_criterion": "Ladda ner kravet:",
        "as_word": "som Word-fil (.docx)",
        "or": "eller",
        "as_data": "som data (JSON)",
        "all_downloads": "Alla krav finns att ladda ner på översikten",
        "date": "Datum",
        "change": "Ändring",
        "basis": "Grund",
        "used_by": "Genomförs av",
        "count": "Visa {n} krav",
        "none": "Inga krav hänvisar hit ännu.",
        "no_method": "Ingen metod är angiven.",
        "effort": "Arbetsinsats",
        "effort_buyer": "Arbetsinsats för beställaren",
        "criteria_table": "Tabell med kriterierna",
        "criteria_caption": "Kriterier",
        "criteria_pick": "Välj",
        "criteria_more": "Visa fler kriterier",
        "filter_legend": "Filtrera kriterierna",
        "filter_text": "Sök på id, ord i rubrik eller kravtext",
        "filter_reset": "Visa alla kriterier",
        "filter_count": "{n} av {total} kriterier",
        "all_risk_areas": "Alla riskområden",
        "all_types": "Alla kravtyper",
        "all_levels": "Alla nivåer",
        "all_statuses": "Alla",
        "issuer": "Utfärdare",
        "adopted": "Antagen",
        "fundamental": "Grundläggande ILO-konvention",
        "no": "Nej",
        "yes": "Ja",
        "yes_since": "Ja, sedan {year}",
        "clauses_of_code": "Punkter i koden",
        "no_clause": "Ingen punkt i koden bygger på den ännu.",
        "chain_caption": "Risknivå per led i leveranskedjan: {name}",
        "chain_link": "Led i kedjan",
        "overview_caption": "Högsta risknivå i leveranskedjan, per riskområde och riskdimension",
        "risk_area": "Riskområde",
        "n_criteria": "{n} krav",
        "criteria_heading": "Krav",
        "products": "Typiska produkter",
        "countries": "Typiska tillverkningsländer",
        "risks": "Risker i leveranskedjan",
        "risks_intro": "Tabellen visar hur stor risken är i varje led av leveranskedjan: låg, medel eller hög. "
        "Under tabellen står vad som händer i varje led och vilka risker som är störst.",
        "what_happens": "Vad som händer",
        "biggest_risks": "Största riskerna",
        "criteria_to_use": "Krav att använda",
        "criteria_to_use_intro": "De här kraven gäller riskområdet. Efter varje krav står kravtyp och nivå.",
        "follow_up": "Uppföljning",
        "follow_up_done": "Uppföljning som har gjorts",
        "recommended_methods": "Rekommenderade metoder",
        "all_risk_areas_link": "Alla riskområden",
        "method": "Metod",
        "when_fits": "När den passar",
        "methods_caption": "Uppföljningsmetoder",
        "when": "När passar metoden?",
        "cost": "Vad kostar den?",
        "for_buyer": "För beställaren",
        "for_supplier": "För leverantören",
        "evidence": "Vilket underlag ger den?",
        "steps": "Steg för steg",
        "criteria_naming_method": "Krav som anger metoden",
        "areas_recommending": "Riskområden där metoden rekommenderas",
        "no_area_recommends": "Inget riskområde rekommenderar metoden ännu.",
        "methods_read_more": "Läs hur metoderna hänger ihop i",
        "national_model": "den nationella modellen för uppföljning",
        "or_see": "eller se",
        "all_methods": "alla uppföljningsmetoder",
        "organisation_type": "Typ av organisation",
        "how_they_work": "Så arbetar de",
        "their_advice": "Deras råd till andra",
        "all_advice_in_stage": "Alla organisationers råd i steg {n}",
        "all_profiles": "Alla goda exempel",
        "stage_title": "Steg {n}: {label}",
        "stage_description": "Organisationernas råd i steget {title}.",
        "stage_intro_before": "Här står organisationernas egna råd för steget bredvid varandra. Öppna",
        "stage_intro_after": "för att läsa hur organisationen gör, eller gå till organisationen för att läsa alla "
        "sex steg.",
        "previous_next": "Föregående och nästa steg",
        "previous_stage": "Föregående steg: {label}",
        "next_stage": "Nästa steg: {label}",
        "all_stages": "Alla steg",
        "in_english": "{name} (engelska)",
        "permalink_column": "Permanent adress",
        "sheet_name": "Kriterier",
        "newer_title": "Det finns en nyare version",
        "newer_version": "Det här är version {version} av kravet. Den aktuella versionen är {current}, "
        "publicerad {date}.",
        "read_current": "Läs den aktuella versionen",
        "replaced_by": "Tidigare version, ersatt av version {version} ({date})",
        "superseded_title": "Ersatt krav",
        "superseded_before": "Kravet är ersatt av",
        "superseded_after": "Använd det i nya upphandlingar.",
        "withdrawn_title": "Återkallat krav",
        "withdrawn": "Kravet är återkallat och ska inte användas i nya upphandlingar.",
        "consultation_title": "På remiss – gäller inte ännu",
        "consultation": "Kravet är ett förslag på remiss. Det gäller inte och ska inte användas i upphandlingar ännu. "
        "Lämna synpunkter senast {date}.",
        "how_to_comment_link": "Så lämnar du synpunkter",
        "changes_from": "Ändringar från version {version}",
        "changes_intro": "Här ser du vad som skiljer version {version} från version {previous}, ord för ord.",
        "diff_legend_before": "Ny text är",
        "diff_legend_ins": "understruken och grön",
        "diff_legend_middle": "och borttagen text är",
        "diff_legend_del": "överstruken och röd",
        "diff_legend_after": ". En skärmläsare läser upp orden Tillagt och Borttaget före ändringarna.",
        "inserted": "Tillagt:",
        "deleted": "Borttaget:",
        "other_changes": "Andra uppgifter som har ändrats:",
        "no_text_changes": "Texterna är oförändrade.",
        "see_changes": "Se vad som ändrades i version {version}",
        "version_data": "Ladda ner version {version} som data (JSON)",
        "new_criterion": "Nytt krav",
        "new_major": "Ny huvudversion",
        "new_minor": "Ny delversion",
        "new_editorial": "Redaktionell ändring",
        "first_in_release": "Första utgåva",
        "in_no_release": "–",
        "not_released_yet": "Inte utgiven än",
        "timeline_caption": "Kravets versioner, den senaste först",
        "compare_title": "Jämför två versioner",
        "compare_intro": "Välj två versioner för att se vad som skiljer dem, ord för ord. Adressen till jämförelsen "
        "går att spara och skicka vidare.",
        "compare_nojs": "Jämförelsen kräver JavaScript. Utan det ser du ändringarna mellan en version och den "
        "närmast före på varje versions sida.",
        "compare_from": "Från version",
        "compare_to": "Till version",
        "compare_button": "Jämför",
        "compare_result": "Ändringar från version {old} till version {new}",
        "compare_failed": "Versionerna kunde inte hämtas. Försök igen.",
        "criterion_feed": "Följ ändringar i kravet (Atom-flöde)",
        "criterion_feed_title": "Kravbanken – ändringar i {id} {title}",
        "changes_title": "Ändringslogg",
        "changes_description": "Alla ändringar i Kravbankens krav, den senaste först, och bibliotekets utgåvor.",
        "changes_caption": "Alla publicerade versioner av kraven, den senaste först",
        "criterion": "Krav",
        "kind_of_change": "Typ av ändring",
        "what_changed": "Vad som ändrades",
        "releases": "Utgåvor",
        "release_title": "Utgåva {number} – {date}",
        "current_release": "Den senaste utgåvan av Kravbanken är {number}, från {date}.",
        "no_release_yet": "Ingen utgåva ännu.",
        "feeds": "Få besked om ändringar",
        "feeds_intro": "Med en flödesläsare (Atom) får du veta när ett krav får en ny version.",
        "feed_all": "Alla ändrade krav",
        "feed_area": "Ändrade krav inom {name}",
        "changes_feed_title": "Kravbanken – ändrade krav",
        "area_feed_title": "Kravbanken – ändrade krav: {name}",
        "feed_subtitle": "Nya versioner av kraven i Kravbanken, den senaste först.",
        "feed_entry_title": "{id} version {version}: {title}",
        "releases_title": "Utgåvor",
        "releases_description": "Kravbankens utgåvor: vilka krav och vilka versioner varje utgåva innehöll, och "
        "vilken version av varje krav som gällde en viss dag.",
        "releases_intro": "En utgåva är Kravbanken som den såg ut en viss dag. Har du hänvisat till Kravbanken i ett "
        "avtal ser du här exakt vilka versioner av kraven som gällde då. Varje version finns kvar "
        "på en egen, permanent adress.",
        # Checked against git on 2026-12-04 (macros/README.md, "Releases"); the manifests stay as published.
        "releases_reconstructed": "Utgåva 2026.1 och 2026.2 skrevs ner i efterhand, den 4 december 2026, utifrån "
        "kravens versionshistorik. Exempelkravens historik hade då skrivits om. Därför har sju krav i utgåva 2026.1 "
        "ett högre versionsnummer här än de hade i Kravbanken den 21 november 2026: FRB-001, HSK-001, IKT-001, "
        "LIV-001, MOB-001, SOC-001 och SOC-012. Kravtexten är densamma som den dagen i alla krav. Vägledningen i "
        "LIV-001 och TEX-001 och versionshistoriken i elva krav var inte likadana.",
        "releases_caption": "Kravbankens utgåvor, den senaste först",
        "release": "Utgåva",
        "n_in_release": "Antal krav",
        "release_page_title": "Utgåva {number}",
        "release_description": "Kravbanken som den såg ut i utgåva {number}, {date}: alla krav med version och status.",
        "release_intro": "Utgåva {number} kom {date}. Tabellen visar varje krav som utgåvan innehöll, med den version "
        "och status det hade då. Versionen leder till kravets permanenta sida för just den "
        "versionen.",
        "release_caption": "Kraven i utgåva {number}",
        "status_then": "Status då",
        "release_data": "Ladda ner utgåvan:",
        "as_json": "som data (JSON)",
        "as_csv": "som tabell (CSV)",
        "changes_since": "Ändrat sedan utgåva {number}",
        "first_release": "Det här är den första utgåvan.",
        "no_changes_since": "Inga krav har ändrats sedan utgåva {number}.",
        "changes_since_caption": "Krav som är nya eller har ändrats sedan utgåva {number}",
        "was": "Förut",
        "now": "Nu",
        "not_in_release": "fanns inte",
        "release_notes": "Vad utgåvan innehöll enligt ändringsloggen",
        "all_releases": "Alla utgåvor",
        "on_date": "Kravbanken en viss dag",
        "on_date_intro": "Välj ett datum för att se vilken version av varje krav som gällde den dagen. En version "
        "gäller från sitt giltighetsdatum, eller från den dag den publicerades om det saknas.",
        "on_date_nojs": "Utan JavaScript ser du i stället kraven i varje utgåva, i tabellen ovan.",
        "on_date_label": "Datum",
        "on_date_button": "Visa kraven",
        "on_date_caption": "Kraven som gällde {date}",
        "on_date_count": "{n} krav gällde {date}.",
        "on_date_none": "Inget krav gällde {date}.",
        "in_force_from": "Gäller från",
        "releases_data": "Alla versioners datum som data (JSON)",
        "consultations_title": "Remisser",
        "consultations_description": "Krav som är på remiss: förslag som inte gäller ännu och som du kan lämna "
        "synpunkter på.",
        "consultations_intro": "Kraven här är förslag. De gäller inte och ska inte användas i upphandlingar förrän de "
        "har antagits. Lämna gärna synpunkter före sista dagen.",
        "consultations_caption": "Krav på remiss",
        "closes": "Sista dag för synpunkter",
        "no_consultations": "Inga krav är på remiss just nu.",
        "how_to_comment": "Så lämnar du synpunkter",
        "comment_ways": [
            "Skicka ett ändringsförslag (pull request) med din ändring i kravets fil. Läs hur i "
            "beskrivningen av hur du bidrar.",
            "Öppna ett ärende (issue) i Kravbankens öppna arkiv. Skriv kravets id i rubriken.",
            "Mejla dina synpunkter till remiss@kravbanken.se. Skriv kravets id i ämnesraden.",
        ],
        "contribute": "Så bidrar du",
        "review": "Granskning",
        "reviewed_on": "Granskad",
        "review_due_by": "Granskas senast",
        "review_late": "Försenad",
        "review_missing": "Inte granskad",
        "review_in_time": "I tid",
        "reviews_title": "Granskning av kraven",
        "reviews_description": "När varje krav senast granskades mot sina källor och när det ska granskas igen, "
        "det mest brådskande först.",
        "reviews_intro": "Varje publicerat krav granskas mot sina källor minst en gång om året, och tidigare när "
        "det bygger på ett datum, till exempel den dag en förordning börjar gälla. Listan är till "
        "för dem som förvaltar Kravbanken. Försenade granskningar står först, sedan de som ska "
        "göras snart.",
        "reviews_caption": "Kraven i den ordning de ska granskas",
        "review_state": "Läge",
        "reviews_how": "Så registrerar du en granskning: skriv dagens datum i fältet reviewed och nästa "
        "granskningsdag i review_due i kravets fil. Ändras inget annat behövs ingen ny version.",
        "news_feed_title": "Kravbanken – nyheter",
        # The kravpaket: the package page (kriterier/kravpaket/) and the document it makes (kravpaket.js)
        "package_built_on": "Kravpaketet bygger på Kravbanken utgåva {release}.",
        "package_title": "Kravpaket",
        "package_example": "Exempelinnehåll. Kraven är skrivna som exempel för att visa hur Kravbanken fungerar. "
        "De är inte antagna krav.",
        "package_file_title": "Kravpaket från Kravbanken: {ids}",
        "package_document_built_on": "Kraven kommer från Kravbanken, utgåva {release}. Varje krav har sin källa "
        "med version och permanent adress.",
        "package_gap_note": "Text inom hakparentes som är markerad är ett förslag som ännu inte är ändrat. Fyll i "
        "eller anpassa den innan dokumentet används.",
        "package_group_qualification": "Kvalificeringskrav",
        "package_group_technical-specification": "Tekniska specifikationer",
        "package_group_award-criterion": "Tilldelningskriterier",
        "package_group_contract-condition": "Särskilda kontraktsvillkor",
        "package_submit": "Det här ska leverantören lämna in",
        "package_submit_intro": "Vad varje krav begär av leverantören som underlag eller bevis.",
        "package_follow_up": "Uppföljningsplan",
        "package_follow_up_intro": "Metoderna som kraven anger för uppföljningen, när de passar och vilka krav "
        "de gäller.",
        "package_when": "När metoden passar:",
        "package_applies_to": "Gäller:",
        "package_read_more": "Läs mer:",
        "package_language": "Kravtexternas språk",
        "package_swedish": "Svenska",
        "package_english": "Engelska",
        "package_gaps": "Fyll i luckorna",
        "package_gaps_intro": "Varje lucka i kravtexterna är ifylld med Kravbankens förslag. Skriv in det som gäller "
        "i din upphandling. Det du skriver sparas i sidans adress och kommer med i Word-filen "
        "och på utskriften.",
        "package_no_gaps": "Kravtexterna har inga luckor att fylla i.",
        "package_word": "Ladda ner som Word",
        "package_print": "Skriv ut eller spara som PDF",
        "package_copy_link": "Kopiera länken till paketet",
        "package_edit": "Ändra urvalet",
        "package_document": "Dokumentet",
        "package_document_intro": "Så här blir dokumentet, i samma ordning som i Word-filen och på utskriften.",
        "package_open": "Fyll i luckor, skriv ut eller spara paketet",
        "package_none": "Inga krav är valda. Välj krav i tabellen på översikten och öppna kravpaketet därifrån.",
        "package_loading": "Kravpaketet hämtas …",
        "package_failed": "Kravpaketet kunde inte hämtas. Ladda om sidan.",
        "package_count": "{n} krav i paketet.",
        "package_unknown": "{id} finns inte i Kravbanken och är inte med i paketet.",
        "package_newer": "{id}: adressen gäller version {version}. Det finns en nyare version, {current}.",
        "package_missing_version": "{id}: version {version} finns inte. Paketet har den aktuella versionen, {current}.",
        "package_use_newer": "Använd version {current} av {id}",
        "package_status": "{id} är {status}. Kontrollera om det ska vara med.",
        "package_gap_label": "{id}, lucka {n}:",
        "package_word_done": "Word-filen är klar.",
        "package_link_copied": "Länken är kopierad.",
        "news_feed_description": "Nya och ändrade krav, resultat från uppföljningen och det som händer i "
        "samarbetet kring hållbar upphandling.",
        # The register of follow-ups (issue 25).
        "results_title": "Resultat av uppföljningen",
        "results_description": "Regionernas gemensamma uppföljningar av leverantörer: vilka som är planerade, "
        "pågår och är genomförda, vilka krav de gällde och vilka avvikelser mot uppförandekoden de hittade.",
        "results_intro": "En region följer upp ett fokusområde för alla regioners räkning, och resultatet delas med "
        "alla. Här finns varje uppföljning med de krav och versioner som avtalen innehöll, metoderna, omfattningen "
        "och, när den är genomförd, hur många produktionsplatser som hade avvikelser mot varje punkt i "
        "uppförandekoden.",
        "example_results": "Uppföljningar som är märkta påhittat exempel visar hur registret fungerar; deras regioner, "
        "siffror och resultat är påhittade. UPF-2021-01 återger regionernas redovisning för 2021.",
        "example_follow_up_result": "Uppföljningen är påhittad för att visa hur registret fungerar. Regionen, "
        "siffrorna och resultaten är inte verkliga.",
        "results_filters": "Filtrera uppföljningarna",
        "results_facet_riskomrade": "Riskområde",
        "results_facet_ar": "År",
        "results_facet_status": "Status",
        "results_filtered_title": "Uppföljningar: {what} {value}",
        "results_all": "Visa alla {n} uppföljningar",
        "results_count": "{n} uppföljningar",
        "results_list": "Uppföljningarna",
        "results_caption": "Uppföljningar",
        "results_follow_up": "Uppföljning",
        "results_sites": "Platser med avvikelse",
        "results_sites_n": "{n} platser",
        "results_several_areas": "Flera områden",
        "results_none": "Inga uppföljningar.",
        "results_plan_title": "Uppföljningsplan",
        "results_plan_description": "De planerade nationella uppföljningarna: vilka riskområden som ska följas upp "
        "och vilken region som leder varje uppföljning.",
        "results_plan_intro": "Expertgruppen och styrgruppen i det nationella samarbetet väljer vilka områden som ska "
        "följas upp och vilken region som ska göra det. Här är de uppföljningar som är planerade.",
        "results_plan_year": "Planerat för {year}",
        "results_plan_none": "Inga uppföljningar är planerade just nu.",
        "results_chart_areas": "Avvikelser per riskområde och år",
        "results_chart_intro": "Antal produktionsplatser med avvikelse i de genomförda uppföljningarna, summerat över "
        "punkterna i uppförandekoden. En plats med avvikelser mot två punkter räknas två gånger.",
        "results_chart_area": "Avvikelser per år i {name}",
        "results_chart_clauses": "Avvikelser per punkt i uppförandekoden, {id}",
        "results_chart_table": "Siffrorna i diagrammet: {title}",
        "results_no_deviations": "Inga avvikelser är redovisade.",
        "results_clause": "Punkt i uppförandekoden",
        "results_area_year": "Riskområde och år",
        "results_year": "År",
        "results_data": "Registret som data",
        "results_data_intro": "Ladda ner alla uppföljningar:",
        "results_as_json": "som JSON",
        "results_as_csv": "som CSV för Excel",
        "results_schema": "schemat för JSON-filen",
        "results_feed": "Följ nya och genomförda uppföljningar i ett flöde (Atom)",
        "results_feed_title": "Kravbanken: uppföljningar",
        "results_feed_subtitle": "Nya och genomförda uppföljningar av leverantörer.",
        "results_feed_new": "Ny uppföljning: {id} {title}",
        "results_feed_completed": "Genomförd: {id} {title}",
        "results_feed_planned": "Uppföljning {year}, ledd av {region}.",
        "results_scope_contracts": "Avtal",
        "results_scope_suppliers": "Leverantörer",
        "results_scope_sites": "Produktionsplatser",
        "results_scope_countries": "Länder (ISO-kod)",
        "results_count_self_assessments": "Självskattningar",
        "results_count_office_audits": "Kontorsrevisioner",
        "results_count_site_audits": "Revisioner på plats",
        "results_count_audits_closed": "Avslutade revisioner",
        "results_criteria_intro": "Kraven som avtalen innehöll, i den version som stod i avtalen. Länken går till "
        "just den versionen.",
        "results_findings": "Avvikelser",
        "results_findings_intro": "Antal produktionsplatser där uppföljningen hittade en avvikelse mot varje punkt i "
        "uppförandekoden.",
        "results_findings_unknown": "Uppföljningen redovisar inte avvikelserna per punkt i uppförandekoden.",
        "results_severity_caption": "Avvikelser och hur allvarliga de var",
        "results_severity": "Allvarligaste avvikelsen",
        "results_action_status": "Status",
        "results_action_count": "Antal åtgärdsplaner",
        "results_report": "Rapport",
        "results_report_link": "Läs den offentliga rapporten",
        "results_back": "Alla uppföljningar",
        "results_all_link": "Alla uppföljningar",
        "results_criterion_title": "Uppföljning av kravet",
        "results_criterion_intro": "Nationella uppföljningar av avtal som innehöll kravet, och vad de hittade mot de "
        "punkter i uppförandekoden som kravet genomför.",
        "results_criterion_caption": "Uppföljningar av {id}",
        "results_versions": "Version i avtalen",
        "results_status_year": "Status och år",
        "results_criterion_findings": "Avvikelser mot kravets punkter",
        "results_nothing_found": "Inga avvikelser mot kravets punkter",
        "results_area_title": "Uppföljningar i registret",
        "results_area_none": "Inga uppföljningar av området finns i registret ännu.",
        "results_clause_found": "Avvikelser mot punkten hittades i {found} av {completed} genomförda uppföljningar, "
        "vid sammanlagt {sites} produktionsplatser.",
        "results_clause_none": "Ingen av de {completed} genomförda uppföljningarna hittade en avvikelse mot punkten.",
        "results_csv_criteria": "Krav (version)",
        "results_csv_findings": "Avvikelser (punkt: platser, allvarlighetsgrad)",
        "results_csv_actions": "Åtgärder (status: antal)",
        "results_csv_example": "Påhittat exempel",
        "results_csv_url": "Sida",
    },
    "en": {
        "source": "Source",
        "version": "version",
        "basis": "Basis",
        "used_by": "Implemented by",
        "count": "Show {n} criteria",
        "none": "No criteria refer to this yet.",
        "review": "Review",
        "reviewed_on": "Reviewed",
        "review_due_by": "Next review by",
        "review_late": "Overdue",
        "review_missing": "Not reviewed",
        "review_in_time": "On time",
        "reviews_title": "Review of the criteria",
        "reviews_description": "When each criterion was last checked against its sources and when it must be "
        "checked again, the most urgent first.",
        "reviews_intro": "Every published criterion is checked against its sources at least once a year, and "
        "earlier when it depends on a date, such as the day a regulation starts to apply. The list "
        "is for those who maintain Kravbanken. Overdue reviews come first, then those due soon.",
        "reviews_caption": "The criteria in the order they are to be reviewed",
        "review_state": "State",
        "reviews_how": "To record a review, write today's date in the field reviewed and the next review date in "
        "review_due in the criterion's file. If nothing else changes, no new version is needed.",
        "package_title": "Requirements package",
        "package_example": "Example content. The requirements are written as examples to show how Kravbanken "
        "works. They are not adopted requirements.",
        "package_file_title": "Requirements package from Kravbanken: {ids}",
        "package_document_built_on": "The requirements come from Kravbanken, release {release}. Each requirement "
        "gives its source with version and permanent address.",
        "package_gap_note": "Highlighted text in square brackets is a suggestion that has not been changed yet. Fill "
        "it in or adapt it before the document is used.",
        "package_group_qualification": "Qualification requirements",
        "package_group_technical-specification": "Technical specifications",
        "package_group_award-criterion": "Award criteria",
        "package_group_contract-condition": "Contract performance conditions",
        "package_submit": "What the supplier must submit",
        "package_submit_intro": "What each requirement asks the supplier to hand in as documents or evidence.",
        "package_follow_up": "Follow-up plan",
        "package_follow_up_intro": "The follow-up methods the requirements name, when they fit and which requirements "
        "they apply to.",
        "package_when": "When the method fits:",
        "package_applies_to": "Applies to:",
        "package_read_more": "Read more:",
        # The register of follow-ups (issue 25).
        "results_title": "Follow-up results",
        "results_filters": "Filter the follow-ups",
        "results_follow_up": "Follow-up",
        "results_sites": "Sites with a non-conformity",
        "results_plan_title": "Follow-up plan",
        "results_clause_found": "Non-conformities against this clause were found in {found} of {completed} completed "
        "follow-ups, at {sites} production sites in all.",
        "results_clause_none": "None of the {completed} completed follow-ups found a non-conformity against "
        "this clause.",
        "results_all_link": "All follow-ups (in Swedish)",
    },
}


LANGS = ("sv", "en")  # the languages of clause texts, and so of a kravpaket's document


def words(lang: str = "sv") -> dict[str, Any]:
    """The words in `lang`; a word not translated yet is shown in Swedish."""
    return WORDS["sv"] | WORDS.get(lang, {})


def field(lib: Library, name: str, kind: str = "criterion") -> str:
    """A field's name as readers see it: its title in the kind's schema (e.g. "Kravtyp")."""
    return lib.schemas.field_title(KIND[kind].schema, (name,)) or name


def example_note(what: str = "criterion", lang: str = "sv") -> tuple[str, str]:
    """(lead, text) of the note that marks content as an example."""
    w = words(lang)
    return w["example"], w[f"example_{what}"]


def source_line(record: dict, permalink: str, lang: str = "sv") -> str:
    """The citation copied after a clause, so the text can be traced to its exact version."""
    w = words(lang)
    return f"{w['source']}: Kravbanken {record['id']} {w['version']} {record['version']}, {permalink}"
