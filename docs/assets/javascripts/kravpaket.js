/* Kravbanken: the kravpaket, made in the browser from the published data.
 *
 * A package is its address: kriterier/kravpaket/?krav=HSK-001:2.1,ETI-002:1.0&sprak=en&HSK-001.en.2=six
 * holds the chosen criteria with their versions, the language of the clauses and every gap filled
 * in differently from the suggestion ("<id>.<language>.<gap number>"). The page reads each version
 * from data/criteria/<id>/<version>.json (and the current one from data/criteria/<id>.json, to warn
 * about newer versions) and shows one document in the order of the procurement documents: the
 * clauses by criterion type, each with its source line, then what the supplier must submit, then a
 * follow-up plan. The same document is the print view (kravbanken.css, @media print) and the Word
 * file, made with docx 9.15.2 (MIT, https://github.com/dolanmiu/docx), a copy served from this
 * site (vendor/) and loaded only when a Word file is asked for.
 *
 * What the build knows (release, URL patterns from urls.py, labels, follow-up methods) comes as
 * JSON in the page (#kb-package-data, site/templates/package_data.html). The overview's buttons
 * (kravbanken.js) use window.Kravpaket.word() and .download() for their files.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const DOCX = new URL("vendor/docx-9.15.2.iife.js", SCRIPT ? SCRIPT.src : location.href);
  const LANGS = {sv: "sv-SE", en: "en-GB"};
  const A4 = {width: 11906, height: 16838, margin: 1418, indent: 425};  // twips, as downloads/word.py

  const fill = (pattern, fields) => pattern.replace(/\{(\w+)\}/g, (_, name) => fields[name]);
  const inLang = (text, lang) => (text && (text[lang] || text.sv)) || "";
  const langOf = (text, lang) => (text && text[lang] ? lang : "sv");

  /* ---- Text: paragraphs, lists and [gaps], read as model/text.py reads them
   *      (tests/test_package.py checks both give the same for every text in the library) ---- */

  const BULLET = /^[-*•] +(.*)$/;
  const NUMBER = /^(\d{1,3})[.)] +(.*)$/;
  const GAP = /\[[^[\]\n]+\]/g;

  /** [{kind: "p" | "ul" | "ol", lines}], an "ol" with its start number first, as text.blocks(). */
  function blocks(text) {
    const out = [];
    let current = null;
    for (const raw of text.replace(/^\n+|\n+$/g, "").split("\n")) {
      const line = raw.trim();
      if (!line) {
        current = null;
        continue;
      }
      const bullet = BULLET.exec(line), number = NUMBER.exec(line);
      const kind = bullet ? "ul" : number ? "ol" : null;
      if (kind) {
        if (!current || current.kind !== kind) {
          current = {kind, lines: []};
          out.push(current);
          if (number) current.lines.push(number[1]);
        }
        current.lines.push(bullet ? bullet[1] : number[2]);
      } else if (current && current.kind !== "p" && (raw[0] === " " || raw[0] === "\t")) {
        current.lines[current.lines.length - 1] += "\n" + line;
      } else if (current && current.kind === "p") {
        current.lines.push(line);
      } else {
        current = {kind: "p", lines: [line]};
        out.push(current);
      }
    }
    return out;
  }

  /** [[text, is a gap], ...] of one line, as text.segments(). */
  function segments(line) {
    const out = [];
    let pos = 0;
    for (const gap of line.matchAll(GAP)) {
      if (gap.index > pos) out.push([line.slice(pos, gap.index), false]);
      out.push([gap[0], true]);
      pos = gap.index + gap[0].length;
    }
    if (pos < line.length || !line) out.push([line.slice(pos), false]);
    return out;
  }

  /** A text as blocks of paragraphs, each a list of lines of pieces {text, marked}; `gap(text)`
   *  gives the piece for each gap in order. */
  function richText(text, gap = (t) => ({text: t, marked: true})) {
    const lines = (paragraph) => paragraph.split("\n").map((line) => segments(line)
      .map(([t, isGap]) => (isGap ? gap(t) : {text: t, marked: false})));
    return blocks(text).map((block) => {
      if (block.kind === "p") return {kind: "p", items: [lines(block.lines.join("\n"))]};
      if (block.kind === "ul") return {kind: "ul", items: block.lines.map(lines)};
      return {kind: "ol", start: Number(block.lines[0]), items: block.lines.slice(1).map(lines)};
    });
  }

  /* ---- A package: its address and its data ---- */

  const ID = /^[A-Za-z0-9-]{1,40}$/, VERSION = /^[0-9]{1,4}(\.[0-9]{1,4}){0,2}$/;
  const VALUE_KEY = /^([A-Za-z0-9-]{1,40})\.(sv|en)\.([0-9]{1,4})$/;

  /** {entries: [{id, version}], lang, values: Map("<lang>.<id>.<n>" -> text)} from a query string. */
  function readAddress(search) {
    const params = new URLSearchParams(search);
    const seen = new Set();
    const entries = (params.get("krav") || "").split(",").map((item) => {
      const [id, version] = item.trim().split(":");
      return {id, version: VERSION.test(version || "") ? version : ""};
    }).filter(({id}) => ID.test(id || "") && !seen.has(id) && seen.add(id));
    const values = new Map();
    for (const [key, value] of params) {
      const match = VALUE_KEY.exec(key);
      if (match && seen.has(match[1])) values.set(`${match[2]}.${match[1]}.${match[3]}`, value);
    }
    return {entries, lang: params.get("sprak") === "en" ? "en" : "sv", values};
  }

  /** The query string of a package: ids with versions, the language, the values changed. */
  function writeAddress({entries, lang, values}) {
    const parts = [`krav=${entries.map((e) => e.version ? `${e.id}:${e.version}` : e.id).join(",")}`];
    if (lang !== "sv") parts.push("sprak=" + lang);
    const order = new Map(entries.map((e, i) => [e.id, i]));
    const keys = [...values.keys()].filter((k) => order.has(k.split(".")[1]))
      .sort((a, b) => order.get(a.split(".")[1]) - order.get(b.split(".")[1])
        || a.localeCompare(b, "en", {numeric: true}));
    for (const key of keys) {
      const [l, id, n] = key.split(".");
      parts.push(`${encodeURIComponent(`${id}.${l}.${n}`)}=${encodeURIComponent(values.get(key))}`);
    }
    return "?" + parts.join("&");
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  /** Each entry's record (the version in the address, else the current one) and current version. */
  function loadEntries(data, entries) {
    const url = (pattern, fields) => new URL(fill(pattern, fields), location.href).href;
    return Promise.all(entries.map(async ({id, version}) => {
      let current;
      try {
        current = await fetchJson(url(data.urls.criterion, {id}));
      } catch (error) {
        return {id, version, missing: true};
      }
      if (!version || version === current.version) return {id, version: current.version, record: current, current};
      try {
        const record = await fetchJson(url(data.urls.version, {id, version}));
        return {id, version, record, current, outdated: true};
      } catch (error) {
        return {id, version: current.version, record: current, current, missingVersion: version};
      }
    }));
  }

  /* ---- The document: one model, shown on the page and written as Word ---- */

  /** The gaps of a record's clause in `lang`: [{key, n, suggested}]. */
  function gapsOf(record, lang) {
    const clause = inLang(record.clause, lang);
    return [...clause.matchAll(GAP)].map((gap, i) => ({
      key: `${lang}.${record.id}.${i + 1}`, n: i + 1, text: gap[0], suggested: gap[0].slice(1, -1),
      context: clause.slice(Math.max(0, gap.index - 50), gap.index + gap[0].length + 50).replace(/\s+/g, " ")}));
  }

  /** The document of a package: groups of clauses by type, what the supplier submits, follow-up. */
  function documentModel(data, loaded, lang, values) {
    const words = data.words[lang];
    const records = loaded.filter((e) => e.record).map((e) => e.record);
    const byType = (a, b) => data.types.indexOf(a.type) - data.types.indexOf(b.type) || a.id.localeCompare(b.id);
    records.sort(byType);
    const title = (r) => `${r.id} ${inLang(r.title, lang)}`;
    const clause = (r) => {
      let n = 0;
      return richText(inLang(r.clause, lang), (text) => {
        const value = values.get(`${lang}.${r.id}.${++n}`);
        const changed = value !== undefined && value.trim() !== "" && value !== text.slice(1, -1);
        return changed ? {text: value, marked: false, filled: true} : {text, marked: true};
      });
    };
    const criterion = (r) => {
      const link = fill(data.urls.permalink, {id: r.id, version: r.version});
      return {id: r.id, title: title(r), lang: langOf(r.clause, lang), blocks: clause(r),
              source: fill(data.words[langOf(r.clause, lang)].source, {id: r.id, version: r.version, url: link}), link};
    };
    const groups = data.types.map((type) => ({
      type, heading: words[`package_group_${type}`],
      criteria: records.filter((r) => r.type === type).map(criterion)})).filter((g) => g.criteria.length);
    const submit = records.map((r) => ({id: r.id, title: title(r), lang: langOf(r.verification, lang),
                                        blocks: richText(inLang(r.verification, lang))}));
    const methods = data.methods.map((m) => ({  // in the methods' own order, as on the follow-up page
      id: m.id, name: m.name[lang], when: m.when[lang], url: m.url,
      ids: records.filter((r) => (r.follow_up || []).includes(m.id)).map((r) => r.id)})).filter((m) => m.ids.length);
    return {lang, words, release: data.release, title: words.package_title, groups, submit, methods,
            ids: records.map((r) => r.id)};
  }

  /* The page's view of the document, also what is printed: built with the DOM, so every text
   * from the library stays text. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function htmlLines(lines) {
    const out = [];
    lines.forEach((pieces, i) => {
      if (i) out.push(el("br"));
      for (const piece of pieces) {
        if (piece.marked) out.push(el("mark", {class: "kb-gap"}, piece.text));
        else if (piece.filled) out.push(el("span", {class: "kb-filled"}, piece.text));
        else out.push(piece.text);
      }
    });
    return out;
  }

  function htmlBlocks(blocksOfText) {
    return blocksOfText.map((block) => {
      if (block.kind === "p") return el("p", {}, ...htmlLines(block.items[0]));
      const list = el(block.kind, block.kind === "ol" && block.start !== 1 ? {start: block.start} : {});
      list.append(...block.items.map((item) => el("li", {}, ...htmlLines(item))));
      return list;
    });
  }

  function documentHtml(model) {
    const w = model.words;
    const langAttr = (lang) => (lang !== model.lang ? {lang} : {});
    const out = el("article", {class: "kb-doc", lang: model.lang, "aria-labelledby": "kb-doc-title"},
                   el("p", {class: "kb-doc-title", id: "kb-doc-title"}, model.title),
                   el("p", {class: "kb-doc-note"}, fill(w.package_document_built_on, {release: model.release})),
                   el("p", {class: "kb-doc-note"}, w.package_example),
                   el("p", {class: "kb-doc-note"}, w.package_gap_note));
    for (const group of model.groups) {
      const section = el("section", {class: "kb-doc-group", "data-type": group.type}, el("h3", {}, group.heading));
      for (const c of group.criteria) {
        section.append(el("h4", langAttr(c.lang), c.title),
                       el("div", {class: "kb-doc-clause", ...langAttr(c.lang)}, ...htmlBlocks(c.blocks)),
                       el("p", {class: "kb-doc-source", ...langAttr(c.lang)}, c.source));
      }
      out.append(section);
    }
    const submit = el("section", {class: "kb-doc-submit"}, el("h3", {}, w.package_submit),
                      el("p", {}, w.package_submit_intro));
    for (const item of model.submit) {
      submit.append(el("h4", {}, item.title), el("div", langAttr(item.lang), ...htmlBlocks(item.blocks)));
    }
    out.append(submit);
    if (model.methods.length) {
      const plan = el("section", {class: "kb-doc-follow-up"}, el("h3", {}, w.package_follow_up),
                      el("p", {}, w.package_follow_up_intro));
      for (const m of model.methods) {
        plan.append(el("h4", {}, m.name),
                    el("p", {}, el("strong", {}, w.package_when), " ", m.when),
                    el("p", {}, el("strong", {}, w.package_applies_to), " ", m.ids.join(", ")),
                    el("p", {}, el("strong", {}, w.package_read_more), " ", el("a", {href: m.url}, m.url)));
      }
      out.append(plan);
    }
    return out;
  }

  /* ---- Word, with docx (loaded on first use) ---- */

  let docxReady = null;
  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    if (!docxReady) {
      docxReady = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = DOCX.href;
        script.onload = () => resolve(window.docx);
        script.onerror = () => { docxReady = null; reject(new Error("docx")); };
        document.head.append(script);
      });
    }
    return docxReady;
  }

  function documentDocx(d, model) {
    const runs = (lines, lang, extra = {}) => lines.flatMap((pieces, i) => pieces.map((piece, j) => new d.TextRun({
      text: piece.text, break: i && !j ? 1 : undefined, highlight: piece.marked ? "yellow" : undefined,
      language: {value: LANGS[lang]}, ...extra})));
    const para = (text, lang, options = {}) => new d.Paragraph({...options, children: runs([[{text}]], lang)});
    const body = (blocksOfText, lang) => blocksOfText.flatMap((block) => {
      if (block.kind === "p") return [new d.Paragraph({children: runs(block.items[0], lang)})];
      if (block.kind === "ul") {
        return block.items.map((item) => new d.Paragraph({children: runs(item, lang), bullet: {level: 0}}));
      }
      // Written numbers, not Word numbering, which would run on across lists (as downloads/word.py)
      return block.items.map((item, i) => new d.Paragraph({
        children: [new d.TextRun({text: `${block.start + i}.`, language: {value: LANGS[lang]}}),
                   new d.TextRun({children: [new d.Tab()]}),
                   ...runs(item, lang)],
        tabStops: [{type: d.TabStopType.LEFT, position: A4.indent}], indent: {left: A4.indent, hanging: A4.indent}}));
    });
    const w = model.words, lang = model.lang;
    const children = [para(model.title, lang, {heading: d.HeadingLevel.TITLE}),
                      para(fill(w.package_document_built_on, {release: model.release}), lang),
                      new d.Paragraph({children: runs([[{text: w.package_example}]], lang, {italics: true})}),
                      new d.Paragraph({children: runs([[{text: w.package_gap_note}]], lang, {italics: true})})];
    for (const group of model.groups) {
      children.push(para(group.heading, lang, {heading: d.HeadingLevel.HEADING_1}));
      for (const c of group.criteria) {
        children.push(para(c.title, c.lang, {heading: d.HeadingLevel.HEADING_2}), ...body(c.blocks, c.lang),
                      para(c.source, c.lang));
      }
    }
    children.push(para(w.package_submit, lang, {heading: d.HeadingLevel.HEADING_1}),
                  para(w.package_submit_intro, lang));
    for (const item of model.submit) {
      children.push(para(item.title, lang, {heading: d.HeadingLevel.HEADING_2}), ...body(item.blocks, item.lang));
    }
    if (model.methods.length) {
      children.push(para(w.package_follow_up, lang, {heading: d.HeadingLevel.HEADING_1}),
                    para(w.package_follow_up_intro, lang));
      const labelled = (label, text) => new d.Paragraph({children: [
        ...runs([[{text: label}]], lang, {bold: true}), ...runs([[{text: " " + text}]], lang)]});
      for (const m of model.methods) {
        children.push(para(m.name, lang, {heading: d.HeadingLevel.HEADING_2}), labelled(w.package_when, m.when),
                      labelled(w.package_applies_to, m.ids.join(", ")), labelled(w.package_read_more, m.url));
      }
    }
    return new d.Document({
      creator: "Kravbanken", lastModifiedBy: "Kravbanken",
      title: fill(w.package_file_title, {ids: model.ids.join(", ")}),
      styles: {default: {document: {run: {language: {value: LANGS[lang]}}}}},
      sections: [{properties: {page: {size: {width: A4.width, height: A4.height},
                                      margin: {top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin}}},
                  children}],
    });
  }

  async function wordFile(model) {
    const d = await loadDocx();
    return d.Packer.toBlob(documentDocx(d, model));
  }

  function download(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function packageData() {
    const script = document.getElementById("kb-package-data");
    return script ? JSON.parse(script.textContent) : null;
  }

  /** For the overview's button: the Word file of these criteria, current versions, as suggested. */
  async function word(ids) {
    const data = packageData();
    const loaded = await loadEntries(data, ids.map((id) => ({id, version: ""})));
    if (loaded.some((e) => e.missing)) throw new Error("missing criterion");
    return wordFile(documentModel(data, loaded, "sv", new Map()));
  }

  /* ---- The package page ---- */

  function announce(region, message) {
    region.textContent = "";
    setTimeout(() => { region.textContent = message; }, 50);
  }

  function setUpPackagePage(root, data) {
    const w = data.words.sv;
    const status = root.querySelector("#kb-package-status");
    const warnings = root.querySelector("#kb-package-warnings");
    const gapsBox = root.querySelector("#kb-package-gaps");
    const view = root.querySelector("#kb-package-document");
    const form = root.querySelector("#kb-package-form");
    const edit = root.querySelector("#kb-package-edit");
    const state = readAddress(location.search);
    let loaded = [], model = null, timer = null;

    const save = () => history.replaceState(history.state, "", location.pathname + writeAddress(state) + location.hash);
    const render = () => {
      model = documentModel(data, loaded, state.lang, state.values);
      view.replaceChildren(documentHtml(model));
      root.dataset.kbReady = writeAddress(state);  // for tests and scripts: the package now shown
      // scripts/bench_package.py times the first package shown
      if (!performance.getEntriesByName("kb-package-ready").length) performance.mark("kb-package-ready");
    };

    function showWarnings() {
      const items = [];
      for (const e of loaded) {
        if (e.missing) items.push([fill(w.package_unknown, {id: e.id})]);
        else if (e.outdated) {
          items.push([fill(w.package_newer, {id: e.id, version: e.version, current: e.current.version}), e]);
        } else if (e.missingVersion) {
          items.push([fill(w.package_missing_version, {id: e.id, version: e.missingVersion, current: e.version})]);
        }
        if (e.current && ["superseded", "withdrawn"].includes(e.current.status)) {
          items.push([fill(w.package_status, {id: e.id, status: data.statuses[e.current.status].toLowerCase()})]);
        }
      }
      warnings.replaceChildren(...(items.length ? [el("ul", {}, ...items.map(([text, entry]) => {
        const li = el("li", {}, text);
        if (entry) {
          const button = el("button", {type: "button", class: "md-button"},
                            fill(w.package_use_newer, {id: entry.id, current: entry.current.version}));
          button.addEventListener("click", () => useCurrent(entry));
          li.append(" ", button);
        }
        return li;
      }))] : []));
      warnings.hidden = !items.length;
    }

    function useCurrent(entry) {
      // The gaps of the new version may differ: its values start from the suggestions.
      for (const key of [...state.values.keys()]) if (key.split(".")[1] === entry.id) state.values.delete(key);
      Object.assign(entry, {version: entry.current.version, record: entry.current, outdated: false});
      state.entries.find((e) => e.id === entry.id).version = entry.version;
      save();
      showGaps();
      showWarnings();
      render();
      status.focus();
      announce(status, fill(w.package_count, {n: model.ids.length}));
    }

    function showGaps() {
      const fieldsets = [];
      for (const record of loaded.filter((e) => e.record).map((e) => e.record)
        .sort((a, b) => data.types.indexOf(a.type) - data.types.indexOf(b.type) || a.id.localeCompare(b.id))) {
        const gaps = gapsOf(record, state.lang);
        if (!gaps.length) continue;
        const box = el("fieldset", {class: "kb-package-criterion"},
                       el("legend", {}, `${record.id} ${inLang(record.title, "sv")}`));
        for (const gap of gaps) {
          const id = `kb-gap-${record.id}-${gap.n}`;
          const input = el("input", {type: "text", id, name: gap.key, "aria-describedby": id + "-context",
                                     autocomplete: "off", spellcheck: "true", lang: state.lang,
                                     "data-suggested": gap.suggested});
          input.value = state.values.has(gap.key) ? state.values.get(gap.key) : gap.suggested;
          box.append(el("div", {class: "kb-field"},
                        el("label", {for: id}, fill(w.package_gap_label, {id: record.id, n: gap.n}), " ",
                           el("span", {lang: state.lang}, gap.text)),
                        input,
                        el("p", {class: "kb-gap-context", id: id + "-context", lang: state.lang},
                           `… ${gap.context} …`)));
        }
        fieldsets.push(box);
      }
      gapsBox.replaceChildren(...(fieldsets.length ? fieldsets : [el("p", {}, w.package_no_gaps)]));
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => {
      const input = event.target;
      if (input.name === "sprak") return;
      if (input.value === input.dataset.suggested || input.value.trim() === "") state.values.delete(input.name);
      else state.values.set(input.name, input.value);
      clearTimeout(timer);
      timer = setTimeout(() => { save(); render(); }, 150);
    });
    form.addEventListener("change", (event) => {
      if (event.target.name !== "sprak") return;
      state.lang = event.target.value;
      save();
      showGaps();
      render();
    });
    root.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-kb-do]");
      if (!button || !model) return;
      const action = button.dataset.kbDo;
      if (action === "print") {
        window.print();
        return;
      }
      button.setAttribute("aria-busy", "true");
      try {
        if (action === "docx") {
          const start = performance.now();
          clearTimeout(timer);
          save();
          render();
          download(await wordFile(model), "kravpaket.docx");
          performance.measure("kb-package-word", {start});  // scripts/bench_package.py
          announce(status, w.package_word_done);
        } else if (action === "link") {
          await navigator.clipboard.writeText(location.href);
          announce(status, w.package_link_copied);
        }
      } catch (error) {
        announce(status, w.package_failed);
      } finally {
        button.removeAttribute("aria-busy");
      }
    });

    document.querySelectorAll(".kb-nojs").forEach((node) => { node.hidden = true; });
    root.hidden = false;
    document.documentElement.classList.add("kb-print-package");
    form.elements.sprak.value = state.lang;
    edit.href = new URL(data.urls.overview, location.href).pathname
      + (state.entries.length ? `?krav=${state.entries.map((e) => e.id).join(",")}` : "");
    if (!state.entries.length) {
      status.textContent = w.package_none;
      form.hidden = true;
      return;
    }
    loadEntries(data, state.entries).then((result) => {
      loaded = result;
      state.entries.forEach((e, i) => { e.version = loaded[i].version; });
      save();
      showWarnings();
      showGaps();
      render();
      status.textContent = fill(w.package_count, {n: model.ids.length});
      // The Word library is fetched while the reader looks at the package, so that "Ladda ner som
      // Word" has only the file to make.
      (window.requestIdleCallback || setTimeout)(() => loadDocx().catch(() => {}));
    }).catch(() => { status.textContent = w.package_failed; });
  }

  window.Kravpaket = {word, download, blocks, segments};

  function init() {
    const root = document.getElementById("kb-package");
    const data = packageData();
    if (root && data && !root.dataset.kbSetUp) {
      root.dataset.kbSetUp = "true";
      setUpPackagePage(root, data);
    }
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
