/* Kravbanken: the history of the library, added on top of pages that work without JavaScript.
 *
 * - Criterion pages (#jamfor): compare any two versions word by word. The texts come from the
 *   per-version data files the build writes (data/criteria/<id>/<version>.json), so it works on
 *   any static host; the choice is kept in the address (?fran=1.0&till=3.0#jamfor).
 * - /kriterier/utgavor/ (#datum): the version of every criterion in force on a chosen day, from
 *   data/versions.json, with each criterion's status on that day; the day is kept in the address
 *   (?datum=2025-03-01#datum).
 *
 * Contributor text is only ever put into the page as text (textContent), never as HTML.
 */
(() => {
  "use strict";

  const el = (tag, text) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  /* ---- Word-by-word difference, as site/changes.py computes it ---- */

  /** [kind, text] pieces of `newText` against `oldText`: "same", "del" or "ins". Words are compared
   *  without the spaces after them, so a changed line break alone is no change. */
  function wordDiff(oldText, newText) {
    const a = oldText.trim().match(/\S+\s*/g) || [], b = newText.trim().match(/\S+\s*/g) || [];
    const x = a.map((w) => w.trimEnd()), y = b.map((w) => w.trimEnd());
    // Longest common subsequence of the words, filled from the end.
    const lcs = Array.from({length: x.length + 1}, () => new Uint16Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const out = [];
    const push = (kind, word) => {
      const last = out[out.length - 1];
      if (last && last[0] === kind) last[1] += word; else out.push([kind, word]);
    };
    let i = 0, j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) { push("same", b[j]); i++; j++; }
      else if (j < y.length && (i === x.length || lcs[i][j + 1] >= lcs[i + 1][j])) { push("ins", b[j]); j++; }
      else { push("del", a[i]); i++; }
    }
    // Deletions before insertions at each change, as on the version pages.
    for (let k = 1; k < out.length; k++) {
      if (out[k][0] === "del" && out[k - 1][0] === "ins") [out[k - 1], out[k]] = [out[k], out[k - 1]];
    }
    return out;
  }

  /** A text with its line breaks kept, as the version pages show it. */
  function lines(node, text) {
    text.split("\n").forEach((line, n) => {
      if (n) node.append(el("br"));
      node.append(line);
    });
    return node;
  }

  function diffBlock(pieces, form) {
    const box = el("div");
    box.className = "kb-diff";
    for (const [kind, text] of pieces) {
      if (kind === "same") { lines(box, text); continue; }
      const mark = el(kind), label = el("span", (kind === "ins" ? form.dataset.kbInserted : form.dataset.kbDeleted) + " ");
      label.className = "kb-sr-only";
      mark.append(label);
      box.append(lines(mark, text));
    }
    return box;
  }

  /* ---- Criterion pages: compare two versions ---- */

  function setUpCompare(form) {
    const from = form.querySelector("select[name=fran]"), to = form.querySelector("select[name=till]");
    const result = form.parentNode.querySelector(".kb-compare-result");
    const body = result.querySelector(".kb-compare-body");
    const fields = JSON.parse(form.dataset.kbFields);
    const cache = new Map();
    const load = (option) => {
      const url = new URL(option.dataset.kbFile, location.href).href;
      if (!cache.has(url)) {
        cache.set(url, fetch(url).then((r) => {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }));
      }
      return cache.get(url);
    };

    async function show() {
      const oldOption = from.selectedOptions[0], newOption = to.selectedOptions[0];
      body.replaceChildren();
      result.hidden = false;
      try {
        const [older, newer] = await Promise.all([load(oldOption), load(newOption)]);
        const heading = el("h3", fill(form.dataset.kbResult, {old: oldOption.value, new: newOption.value}));
        body.append(heading);
        let changed = 0;
        for (const [name, label] of fields) {
          const a = older[name].sv, b = newer[name].sv;
          if (a === b) continue;
          changed++;
          body.append(el("h4", label), diffBlock(wordDiff(a, b), form));
        }
        if (!changed) body.append(el("p", form.dataset.kbUnchanged));
      } catch (error) {
        body.append(el("p", form.dataset.kbFailed));
      }
    }

    form.hidden = false;
    form.parentNode.querySelectorAll(".kb-nojs-note").forEach((note) => { note.hidden = true; });
    const params = new URLSearchParams(location.search);
    const known = (value) => [...from.options].some((o) => o.value === value);
    if (known(params.get("fran")) && known(params.get("till"))) {
      from.value = params.get("fran");
      to.value = params.get("till");
      show();
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const url = new URL(location.href);
      url.searchParams.set("fran", from.value);
      url.searchParams.set("till", to.value);
      url.hash = "jamfor";
      history.replaceState(null, "", url);
      show();
    });
  }

  /* ---- /kriterier/utgavor/: the library on a date ---- */

  /** Each criterion's version in force on `day` (YYYY-MM-DD), with its status that day: the newest
   *  period whose day has come. A period is [version, the day it applies from, status] and, when the
   *  status began later than the version (a criterion superseded or withdrawn without a new
   *  version), that day fourth (downloads/tables.py, versions_index). */
  function onDate(index, day) {
    const out = [];
    for (const [id, criterion] of Object.entries(index)) {
      const found = criterion.versions.filter((v) => (v[3] || v[1]) <= day);
      if (found.length) out.push({id, title: criterion.title, version: found[found.length - 1]});
    }
    return out;
  }

  function setUpDate(form) {
    const input = form.querySelector("input[type=date]");
    const status = form.parentNode.querySelector(".kb-on-date-status");
    const result = form.parentNode.querySelector(".kb-on-date-result");
    const headings = JSON.parse(form.dataset.kbHeadings), statuses = JSON.parse(form.dataset.kbStatuses);
    let index = null;

    async function show(day) {
      result.replaceChildren();
      try {
        index = index || await fetch(new URL(form.dataset.kbIndex, location.href)).then((r) => {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      } catch (error) {
        status.textContent = form.dataset.kbFailed;
        return;
      }
      const rows = onDate(index, day);
      status.textContent = fill(rows.length ? form.dataset.kbCount : form.dataset.kbNone, {n: rows.length, date: day});
      if (!rows.length) return;
      const table = el("table"), head = el("tr"), tbody = el("tbody");
      table.className = "kb-on-date-table";
      table.append(el("caption", fill(form.dataset.kbCaption, {date: day})));
      for (const text of headings) {
        const th = el("th", text);
        th.scope = "col";
        head.append(th);
      }
      table.append(el("thead"), tbody);
      table.tHead.append(head);
      for (const {id, title, version: [number, from, code]} of rows) {
        const tr = el("tr"), name = el("a", `${id} ${title}`), link = el("a", number), date = el("time", from);
        tr.dataset.id = id;
        name.href = fill(form.dataset.kbCriterionUrl, {id});
        link.href = fill(form.dataset.kbVersionUrl, {id, version: number});
        date.dateTime = from;
        const cells = [name, link, statuses[code] || code, date].map((content) => {
          const td = el("td");
          td.append(content);
          return td;
        });
        tr.append(...cells);
        tbody.append(tr);
      }
      const scroll = el("div");
      scroll.className = "kb-table-scroll";
      scroll.tabIndex = 0;
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", table.caption.textContent);
      scroll.append(table);
      result.append(scroll);
    }

    form.hidden = false;
    form.parentNode.querySelectorAll(".kb-nojs-note").forEach((note) => { note.hidden = true; });
    const day = new URLSearchParams(location.search).get("datum");
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
      input.value = day;
      show(day);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!input.value) return;
      const url = new URL(location.href);
      url.searchParams.set("datum", input.value);
      url.hash = "datum";
      history.replaceState(null, "", url);
      show(input.value);
    });
  }

  document.querySelectorAll("form.kb-compare").forEach(setUpCompare);
  document.querySelectorAll("form.kb-on-date").forEach(setUpDate);
})();
