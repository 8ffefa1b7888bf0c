/* Kravbanken: tools for procurers, added on top of pages that work without JavaScript.
 *
 * - Criterion pages: "Kopiera kravtext" buttons. The clipboard gets the clause exactly as written
 *   in the library (the box's data-kb-text) and its source line (data-kb-source), as plain text
 *   and as simple HTML for Word.
 * - The overview (/kriterier/): filters whose state is kept in the URL, and a "kravpaket": ticked
 *   criteria downloaded as one Word file or as CSV, or copied all at once.
 *
 * The Word file of a package joins the per-criterion Word files that the build writes with
 * python-docx. fflate 0.8.3 (MIT, https://github.com/101arrowz/fflate), a copy served from this
 * site, reads and writes the zip containers; it is loaded only when a package is downloaded.
 */
(() => {
  "use strict";

  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);  // this file is assets/javascripts/
  const FFLATE = new URL("vendor/fflate-0.8.3.min.js", SCRIPT ? SCRIPT.src : location.href);

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
      const label = english ? "Kopiera kravtext på engelska" : "Kopiera kravtext";
      const bar = document.createElement("div");
      bar.className = "kb-copy";
      bar.innerHTML = `<button type="button" class="md-button md-button--primary"></button>`
        + `<span class="kb-copy-status" role="status"></span>`;
      const [button, status] = bar.children;
      button.textContent = label;
      button.setAttribute("aria-label", `${label} för ${box.dataset.kbId}`);
      button.addEventListener("click", async () => {
        try {
          await copy(clauseContent(box));
          announce(status, "Kopierat");
        } catch (error) {
          announce(status, "Det gick inte att kopiera. Markera texten och kopiera med Ctrl+C.");
        }
      });
      box.after(bar);  // after the box, so the Swedish label is not inside lang="en"
    });
  }

  /* ---- The overview: filters ---- */

  function setUpFilters(form, table) {
    const rows = [...table.tBodies[0].rows];
    const count = form.querySelector("#kb-count");
    const caption = table.caption;
    const fields = [...form.elements].filter((el) => el.name);
    const haystacks = new Map(rows.map((row) => [row, `${row.dataset.id} ${row.dataset.search}`.toLowerCase()]));

    function matches(row, state) {
      return (!state.riskomrade || row.dataset.riskAreas.split(" ").includes(state.riskomrade))
        && (!state.kravtyp || row.dataset.type === state.kravtyp)
        && (!state.niva || row.dataset.level === state.niva)
        && (!state.status || row.dataset.status === state.status)
        && state.text.toLowerCase().split(/\s+/).filter(Boolean).every((w) => haystacks.get(row).includes(w));
    }

    function apply() {
      const state = Object.fromEntries(fields.map((el) => [el.name, el.value.trim()]));
      let shown = 0;
      rows.forEach((row) => {
        row.hidden = !matches(row, state);
        shown += row.hidden ? 0 : 1;
      });
      const summary = `${shown} av ${rows.length} kriterier`;
      caption.textContent = summary;
      count.textContent = shown ? summary : `${summary}. Inga krav passar filtren; välj Visa alla kriterier.`;
      const query = new URLSearchParams(fields.filter((el) => el.value.trim()).map((el) => [el.name, el.value.trim()]));
      const search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    const params = new URLSearchParams(location.search);
    fields.forEach((el) => {
      const value = params.get(el.name);
      if (value === null) return;
      if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) return;
      el.value = value;
    });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => setTimeout(apply));  // after the fields are reset
    form.hidden = false;
    apply();
  }

  /* ---- The overview: the package (selection) ---- */

  function download(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  async function fetchOk(url, kind) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response[kind]();
  }

  function loadFflate() {
    if (window.fflate) return Promise.resolve(window.fflate);
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = FFLATE.href;
      script.onload = () => resolve(window.fflate);
      script.onerror = () => reject(new Error("fflate"));
      document.head.append(script);
    });
  }

  /** One Word file from the criteria's own Word files: their bodies in order, a page break
   *  between them, and the first file's styles and page settings (all come from one template). */
  async function packageDocx(ids) {
    const [fflate, ...files] = await Promise.all([loadFflate(),
      ...ids.map((id) => fetchOk(new URL(`data/criteria/${id}.docx`, ROOT), "arrayBuffer"))]);
    const parts = files.map((buffer) => fflate.unzipSync(new Uint8Array(buffer)));
    const xml = (part, name) => new TextDecoder().decode(part[name]);
    const bodies = parts.map((part) => {
      const doc = xml(part, "word/document.xml");
      return doc.slice(doc.indexOf(">", doc.indexOf("<w:body")) + 1, doc.lastIndexOf("<w:sectPr"));
    });
    const first = xml(parts[0], "word/document.xml");
    const start = first.indexOf(">", first.indexOf("<w:body")) + 1;
    const pageBreak = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
    const out = parts[0];
    out["word/document.xml"] = new TextEncoder().encode(
      first.slice(0, start) + bodies.join(pageBreak) + first.slice(first.lastIndexOf("<w:sectPr")));
    out["docProps/core.xml"] = new TextEncoder().encode(xml(out, "docProps/core.xml")
      .replace(/<dc:title>[^<]*<\/dc:title>/, `<dc:title>Kravpaket från Kravbanken: ${ids.join(", ")}</dc:title>`));
    return new Blob([fflate.zipSync(out)],
      {type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"});
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

  function setUpPackage(section, table) {
    const status = section.querySelector("#kb-selected");
    const head = table.tHead.rows[0];
    head.insertAdjacentHTML("afterbegin", "<th scope=\"col\">Välj</th>");
    const rows = [...table.tBodies[0].rows];
    rows.forEach((row) => {
      const cell = row.insertCell(0);
      cell.innerHTML = "<input type=\"checkbox\" class=\"kb-pick\">";
      cell.firstChild.setAttribute("aria-label", `Välj ${row.dataset.id}`);
    });
    const picked = () => rows.filter((row) => row.cells[0].firstChild.checked);
    const tell = () => {
      const n = picked().length;
      status.textContent = n ? `${n} ${n === 1 ? "krav är valt" : "krav är valda"}.` : "Inga krav är valda.";
    };
    table.addEventListener("change", (event) => { if (event.target.matches(".kb-pick")) tell(); });

    const actions = {
      docx: async (chosen) => download(await packageDocx(chosen.map((r) => r.dataset.id)), "kravpaket.docx"),
      csv: async (chosen) => download(await packageCsv(chosen.map((r) => r.dataset.id)), "kravpaket.csv"),
      copy: async (chosen) => {
        await copy(packageClauses(chosen.map((r) => r.querySelector("a").href)));
        return `Kopierat: kravtexten för ${chosen.length} krav.`;
      },
    };
    section.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-kb-package]");
      if (!button) return;
      const action = button.dataset.kbPackage;
      if (action === "visible" || action === "none") {
        rows.forEach((row) => { if (action === "none" || !row.hidden) row.cells[0].firstChild.checked = action !== "none"; });
        tell();
        return;
      }
      const chosen = picked();
      if (!chosen.length) {
        announce(status, "Välj minst ett krav i tabellen först.");
        return;
      }
      button.setAttribute("aria-busy", "true");
      try {
        announce(status, (await actions[action](chosen)) || `Klart: ${chosen.length} krav.`);
      } catch (error) {
        announce(status, "Det gick inte. Ladda om sidan och försök igen, eller ladda ner kraven ett och ett.");
      } finally {
        button.removeAttribute("aria-busy");
      }
    });
    section.hidden = false;
  }

  function init() {
    addCopyButtons();
    const table = document.getElementById("kriterier-tabell");
    const form = document.getElementById("kb-filter");
    const section = document.getElementById("kravpaket");
    if (table && section) setUpPackage(section, table);
    if (table && form) setUpFilters(form, table);
  }

  // Material's document$ emits each page, also with instant navigation; without it, the page load.
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
