/* Kravbanken: tools for procurers, added on top of pages that work without JavaScript.
 *
 * - Criterion pages: "Kopiera kravtext" buttons. The clipboard gets the clause exactly as written
 *   in the library (the box's data-kb-text) and its source line (data-kb-source), as plain text
 *   and as simple HTML for Word.
 * - The overview (/kriterier/): filters whose state is kept in the URL, and a "kravpaket": ticked
 *   criteria downloaded as one Word file or as CSV, or copied all at once.
 *
 * The Word file of a package, and the package page that fills in its gaps, are kravpaket.js.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);  // this file is assets/javascripts/

  // The words in the page's language, from labels.py (assets/javascripts/ord-<lang>.js, loaded before this file).
  const WORDS = window.kbWords || {};
  const say = (key, fields = {}) => (WORDS[key] || key).replace(/\{(\w+)\}/g, (_, name) => fields[name]);

  const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"})[c]);

  /* ---- The clipboard ---- */

  /** What a clause box puts on the clipboard: the exact text, and HTML with the same content. */
  function clauseContent(box) {
    const text = box.dataset.kbText + "\n\n" + box.dataset.kbSource;
    const clause = box.querySelector(".kb-clause").cloneNode(true);
    clause.querySelectorAll(".kb-gap").forEach((gap) => {  // Word shows the gaps highlighted
      gap.removeAttribute("class");
      gap.style.backgroundColor = "yellow";
    });
    clause.removeAttribute("class");  // English clauses keep their lang="en"
    const html = clause.outerHTML + `<p>${escapeHtml(box.dataset.kbSource)}</p>`;
    return {text, html};
  }

  /** Put text and HTML on the clipboard; `content` may be a promise, which keeps the user's click
   *  valid for the clipboard (Safari) while the content is still being fetched. */
  async function copy(content) {
    const ready = Promise.resolve(content);
    if (window.ClipboardItem && navigator.clipboard.write) {
      const blob = (type, key) => ready.then((c) => new Blob([c[key]], {type}));
      try {
        await navigator.clipboard.write([new ClipboardItem({
          "text/plain": blob("text/plain", "text"), "text/html": blob("text/html", "html")})]);
        return;
      } catch (error) {
        if (error.name !== "NotAllowedError" && error.name !== "TypeError") throw error;
      }
    }
    await navigator.clipboard.writeText((await ready).text);
  }

  /** Show a short message in a live region; the same text again is announced again. */
  function announce(region, message) {
    region.textContent = "";
    setTimeout(() => { region.textContent = message; }, 50);
  }

  /* ---- Criterion pages: a copy button under each clause ---- */

  function addCopyButtons() {
    document.querySelectorAll(".kb-clause-box[data-kb-text]").forEach((box) => {
      const english = box.dataset.kbClause === "en";
      const label = say(english && document.documentElement.lang !== "en" ? "copy_clause_en" : "copy_clause");
      const bar = document.createElement("div");
      bar.className = "kb-copy";
      bar.innerHTML = `<button type="button" class="md-button md-button--primary"></button>`
        + `<span class="kb-copy-status" role="status"></span>`;
      const [button, status] = bar.children;
      button.textContent = label;
      button.setAttribute("aria-label", say("copy_for", {label, id: box.dataset.kbId}));
      button.addEventListener("click", async () => {
        try {
          await copy(clauseContent(box));
          announce(status, say("copied"));
        } catch (error) {
          announce(status, say("copy_failed"));
        }
      });
      box.after(bar);  // after the box, so the Swedish label is not inside lang="en"
    });
  }

  /* ---- The search index (Pagefind) ---- */

  /** Pagefind's script, loaded once, on first use: a page view without a search loads nothing of
   *  the index. The build writes it to pagefind/ (macros/search_index.py). */
  let pagefindReady = null;
  function loadPagefind() {
    if (!pagefindReady) {
      pagefindReady = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pagefind) => {
        await pagefind.options({baseUrl: ROOT.pathname});
        await pagefind.init();
        return pagefind;
      });
      pagefindReady.catch(() => { pagefindReady = null; });  // try again on the next search
    }
    return pagefindReady;
  }

  /** Where a page that is not a criterion belongs, by the start of its address (search_sections). */
  function sectionOf(url) {
    const path = new URL(url, location.href).pathname.slice(ROOT.pathname.length);
    const sections = WORDS.search_sections || {};
    const found = Object.keys(sections).find((start) => path.startsWith(start + "/"));
    return found ? sections[found] : say("search_other_section");
  }

  /* ---- The site search: a dialog opened from the header ---- */

  const HITS_PER_PAGE = 10;

  function setUpSearch() {
    const open = document.getElementById("kb-search-open");
    const dialog = document.getElementById("kb-search");
    if (!open || !dialog || typeof dialog.showModal !== "function" || open.dataset.kbReady) return;
    open.dataset.kbReady = "true";
    const input = dialog.querySelector("#kb-search-input");
    const status = dialog.querySelector("#kb-search-status");
    const list = dialog.querySelector("#kb-search-results");
    const more = dialog.querySelector("#kb-search-more");
    let latest = 0, results = [], shown = 0, query = "";

    function hit(data) {
      const meta = data.meta || {};
      const li = document.createElement("li");
      li.className = "kb-hit";
      const link = document.createElement("a");
      link.href = data.url;
      if (meta.id) {
        link.innerHTML = `<span class="kb-hit__id">${escapeHtml(meta.id)}</span> `
          + `<span class="kb-hit__title">${escapeHtml(meta.title || "")}</span>`;
      } else {
        link.innerHTML = `<span class="kb-hit__title">${escapeHtml(meta.title || data.url)}</span>`;
      }
      const facts = document.createElement("p");
      facts.className = "kb-hit__facts";
      facts.textContent = meta.id
        ? [meta.kravtyp, meta.niva, meta.status !== WORDS.status_active ? meta.status : ""].filter(Boolean).join(" · ")
        : sectionOf(data.url);
      const excerpt = document.createElement("p");
      excerpt.className = "kb-hit__excerpt";
      excerpt.innerHTML = data.excerpt;  // Pagefind escapes the text and adds only <mark>
      li.append(link, facts, excerpt);
      return li;
    }

    async function showMore(run) {
      const batch = await Promise.all(results.slice(shown, shown + HITS_PER_PAGE).map((r) => r.data()));
      if (run !== latest) return;
      batch.forEach((data) => list.append(hit(data)));
      shown += batch.length;
      more.hidden = shown >= results.length;
      list.dataset.kbQuery = query;  // the results now shown are those of this query
    }

    async function run() {
      const run = ++latest;
      query = input.value.trim();
      if (!query) {
        list.replaceChildren();
        delete list.dataset.kbQuery;
        more.hidden = true;
        status.textContent = "";
        return;
      }
      let search;
      try {
        const pagefind = await loadPagefind();
        search = await pagefind.search(normalise(query));
      } catch (error) {
        if (run === latest) status.textContent = say("search_failed");
        return;
      }
      if (run !== latest) return;
      results = search.results;
      shown = 0;
      list.replaceChildren();
      await showMore(run);
      if (run !== latest) return;
      const n = results.length;
      status.textContent = say(n === 1 ? "search_one_hit" : n ? "search_hits" : "search_no_hits", {n, query});
    }

    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
      loadPagefind().then((pagefind) => pagefind.preload(normalise(input.value.trim()))).catch(() => {});
    });
    dialog.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) first.click();
    });
    more.addEventListener("click", async () => {
      const focusAt = shown;
      await showMore(latest);
      const next = list.querySelectorAll("a")[focusAt];
      if (next) next.focus();
    });
    // Arrow keys move between the search field and the results, as in other search boxes.
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const stops = [input, ...list.querySelectorAll("a")];
      const at = stops.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    });
    // Escape closes the dialog at once (in a search field the browser would first empty the field).
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.querySelector("[data-kb-search-close]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });  // the backdrop
    dialog.addEventListener("close", () => open.focus());

    function show() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      loadPagefind().catch(() => {});
    }
    open.addEventListener("click", show);
    open.addEventListener("pointerenter", () => loadPagefind().catch(() => {}), {once: true});
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        show();
      }
    });
    open.hidden = false;
  }

  /** The query as Pagefind is asked it. Pagefind stems Swedish words with Snowball, which leaves
   *  the definite form on -et alone (instrumentet, avtalet, företaget); such a word is searched
   *  without it. Pagefind also matches longer words that start with a query word, so this only
   *  widens the search: "instrument" still finds "instrumentet". Ids (IKT-003) are kept whole.
   *  English pages search the English index, as Pagefind is asked it. */
  const SWEDISH = document.documentElement.lang === "sv";
  const normalise = (query) => !SWEDISH ? query : query.split(/\s+/).filter(Boolean)
    .map((word) => (/^[a-zåäöé]{5,}et$/i.test(word) && !/het$/i.test(word) ? word.slice(0, -2) : word))
    .join(" ");

  /* ---- The overview: filters over the search index ---- */

  const ROWS_PER_PAGE = 50;
  const CRITERIA = {sidtyp: "krav"};  // the filter every criterion page has (kb-search-facts.html)
  // A word every criterion page has: "Kravtyp", the name of a row in its facts box. Searching for
  // it, with the filter above, lists every criterion and fetches one small part of the index,
  // where a search without a word would fetch all of it.
  const EVERY_CRITERION = "kravtyp";

  function setUpOverview(form, table, more) {
    const count = form.querySelector("#kb-count");
    const caption = table.caption;
    const body = table.tBodies[0];
    const fields = [...form.elements].filter((el) => el.name);
    const picked = new Set();  // the ids in the package, kept while the filters change
    let latest = 0, results = [], shown = 0, total = 0;

    function row(meta, url) {
      const tr = document.createElement("tr");
      tr.dataset.id = meta.id;
      const cells = [meta.id, meta.title, meta.kravtyp, meta.niva, meta.riskomraden, meta.status, meta.version];
      tr.innerHTML = `<td><input type="checkbox" class="kb-pick"></td>`
        + cells.map((text, i) => `<td>${i ? escapeHtml(text || "") : ""}</td>`).join("");
      const link = document.createElement("a");
      link.href = url;
      link.textContent = meta.id;
      tr.cells[1].append(link);
      const box = tr.cells[0].firstChild;
      box.setAttribute("aria-label", say("script_pick", {id: meta.id}));
      box.checked = picked.has(meta.id);
      return tr;
    }

    async function showMore(run) {
      const batch = await Promise.all(results.slice(shown, shown + ROWS_PER_PAGE).map((r) => r.data()));
      if (run !== latest) return false;
      body.append(...batch.map((data) => row(data.meta, data.url)));
      shown += batch.length;
      more.hidden = shown >= results.length;
      more.textContent = say("script_more_rows", {n: Math.min(ROWS_PER_PAGE, results.length - shown)});
      return true;
    }

    async function apply() {
      const run = ++latest;
      const state = Object.fromEntries(fields.map((el) => [el.name, el.value.trim()]));
      const query = new URLSearchParams(fields.filter((el) => el.value.trim()).map((el) => [el.name, el.value.trim()]));
      const search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
      const filters = {...CRITERIA};
      for (const name of ["riskomrade", "kravtyp", "niva", "status"]) if (state[name]) filters[name] = state[name];
      table.setAttribute("aria-busy", "true");
      delete form.dataset.kbShown;
      let found;
      try {
        const pagefind = await loadPagefind();
        if (!total) total = (await pagefind.search(EVERY_CRITERION, {filters: CRITERIA})).results.length;
        found = await pagefind.search(state.text ? normalise(state.text) : EVERY_CRITERION, {filters, sort: {id: "asc"}});
      } catch (error) {
        if (run === latest) count.textContent = say("script_list_failed");
        return;
      }
      if (run !== latest) return;
      results = found.results;
      shown = 0;
      body.replaceChildren();
      if (!(await showMore(run))) return;
      table.removeAttribute("aria-busy");
      const summary = say("filter_count", {n: results.length, total});
      caption.textContent = summary;
      count.textContent = results.length ? summary : say("script_no_match", {summary});
      form.dataset.kbShown = search;  // for tests and scripts: the state the table now shows
    }

    const params = new URLSearchParams(location.search);
    fields.forEach((el) => {
      const value = params.get(el.name);
      if (value === null) return;
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) return;
      el.value = value;
    });
    let timer = null;
    form.addEventListener("input", (event) => {  // typing; a choice in a list is a change, below
      if (event.target.tagName === "SELECT") return;
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") apply(); });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(apply));  // after the fields are reset
    more.addEventListener("click", async () => {
      const focusAt = shown;
      await showMore(latest);
      const next = body.rows[focusAt];
      if (next) next.querySelector("a").focus();
    });
    form.hidden = false;
    table.closest(".kb-criteria-list").hidden = false;
    document.querySelectorAll(".kb-nojs").forEach((el) => { el.hidden = true; });
    apply();
    return {
      picked,
      rows: () => [...body.rows],
    };
  }

  /* ---- The overview: the package (selection) ---- */

  async function fetchOk(url, kind) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response[kind]();
  }

  /** The published CSV, cut down to the chosen rows: the same columns and format as the full file. */
  async function packageCsv(ids) {
    const text = await fetchOk(new URL("data/criteria.csv", ROOT), "text");  // fetch drops the BOM
    const records = [];
    let start = 0, quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "\"") quoted = !quoted;
      else if (!quoted && text.startsWith("\r\n", i)) {
        records.push(text.slice(start, i));
        start = i + 2;
        i++;
      }
    }
    const wanted = new Set(ids);
    const kept = [records[0], ...records.slice(1).filter((r) => wanted.has(r.slice(0, r.indexOf(";"))))];
    return new Blob(["\ufeff" + kept.map((r) => r + "\r\n").join("")], {type: "text/csv;charset=utf-8"});
  }

  /** Every chosen clause with its source line, read from the criteria's own pages. */
  async function packageClauses(links) {
    const pages = await Promise.all(links.map((href) => fetchOk(href, "text")));
    const boxes = pages.map((html) => new DOMParser().parseFromString(html, "text/html")
      .querySelector(".kb-clause-box[data-kb-clause='sv']"));
    const contents = boxes.map(clauseContent);
    return {text: contents.map((c) => c.text).join("\n\n"), html: contents.map((c) => c.html).join("")};
  }

  function setUpPackage(section, table, overview, chosenInAddress) {
    const status = section.querySelector("#kb-selected");
    const {picked, rows} = overview;
    const open = section.querySelector("#kb-package-open");
    const tell = () => {
      const n = picked.size;
      status.textContent = say(n === 1 ? "script_picked_one" : n ? "script_picked" : "script_picked_none", {n});
      open.href = open.href.split("?")[0] + (n ? `?krav=${[...picked].sort().join(",")}` : "");
    };
    // An address from the package page (its "Ändra urvalet") comes with the package's criteria ticked.
    (chosenInAddress || "").split(",")
      .map((item) => item.split(":")[0]).filter((id) => /^[A-Za-z0-9-]{1,40}$/.test(id))
      .forEach((id) => picked.add(id));
    tell();
    table.addEventListener("change", (event) => {
      if (!event.target.matches(".kb-pick")) return;
      const id = event.target.closest("tr").dataset.id;
      if (event.target.checked) picked.add(id);
      else picked.delete(id);
      tell();
    });
    const chosen = () => [...picked].sort();
    const link = (id) => new URL(`kriterier/${encodeURIComponent(id)}/`, ROOT).href;

    const actions = {
      docx: async (ids) => window.Kravpaket.download(await window.Kravpaket.word(ids), "kravpaket.docx"),
      csv: async (ids) => window.Kravpaket.download(await packageCsv(ids), "kravpaket.csv"),
      copy: async (ids) => {
        await copy(packageClauses(ids.map(link)));
        return say("script_copied_many", {n: ids.length});
      },
    };
    section.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-kb-package]");
      if (!button) return;
      const action = button.dataset.kbPackage;
      if (action === "visible" || action === "none") {
        if (action === "none") picked.clear();
        rows().forEach((row) => {
          if (action === "visible") picked.add(row.dataset.id);
          row.querySelector(".kb-pick").checked = picked.has(row.dataset.id);
        });
        tell();
        return;
      }
      const ids = chosen();
      if (!ids.length) {
        announce(status, say("script_pick_first"));
        return;
      }
      button.setAttribute("aria-busy", "true");
      try {
        announce(status, (await actions[action](ids)) || `Klart: ${ids.length} krav.`);
      } catch (error) {
        announce(status, say("script_package_failed"));
      } finally {
        button.removeAttribute("aria-busy");
      }
    });
    section.hidden = false;
  }

  function init() {
    addCopyButtons();
    setUpSearch();
    const table = document.getElementById("kriterier-tabell");
    const form = document.getElementById("kb-filter");
    const more = document.getElementById("kb-more");
    const section = document.getElementById("kravpaket");
    if (!table || !form || !more) return;
    const chosenInAddress = new URLSearchParams(location.search).get("krav");  // the filters rewrite the address
    const overview = setUpOverview(form, table, more);
    if (section) setUpPackage(section, table, overview, chosenInAddress);
  }

  // Material's document$ emits each page, also with instant navigation; without it, the page load.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
