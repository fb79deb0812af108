"""The fixed parts of the HTML report: its style, its script and the words of its interface.

Every interface string of the page is in LABELS, here and nowhere else, as msgids of the
message catalogues (i18n/): the page carries them translated for the run's reader, as JSON
that the script reads, so that its visible words are in the reader's language and script. The
script is our own and inline: the page loads nothing from anywhere.

What the script does, and why a script: the findings travel in the page gzip-compressed
(base64 in a <script> element that is data, not code), which is what keeps a report of 500
files and tens of thousands of findings a few MB; the browser's own DecompressionStream reads
them back, and the script shows them a page at a time (a DOM of 36,000 cards is slow to open
and to filter), filtered by level, category, rule and file and sorted. All text from the
checked files goes into the page with textContent, never as markup.
"""

from __future__ import annotations

from ..i18n.choice import N_

# The page's words as msgids (i18n/): html.labels() gives them in the run's catalogue.
LABELS = {
    "title": N_("phraselint report"),
    "overview_none": N_("No files were checked."),
    "overview": N_("{files} checked, {findings} found ({parts}) in {affected} of them."),
    "overview_clean": N_("{files} checked, no problems found."),
    "by_level": N_("By level"), "by_category": N_("By category"), "by_rule": N_("By rule"), "by_file": N_("By file"),
    "level": N_("level"), "category": N_("category"), "rule": N_("rule"), "file": N_("file"), "count": N_("count"),
    "total": N_("total"),
    "all": N_("all"), "sort": N_("sort"), "sort_file": N_("in file order"), "sort_level": N_("by level (most severe first)"),
    "sort_rule": N_("by rule"), "sort_category": N_("by category"),
    "choose": N_("{label}: {value}"),
    "shown": N_("findings shown: {shown} of {total}"), "more": N_("show {n} more"), "reset": N_("clear filters"),
    "none_shown": N_("No finding matches the filters."), "turn": N_("turn {turn} {role}"),
    "needs_script": N_("The list of findings needs the browser to run this page's own script (it uses no network); "
                       "the tables above do not."),
    "no_decompress": N_("This browser cannot decompress the page's data (it needs DecompressionStream: Chrome 80, "
                        "Firefox 113, Safari 16.4 or later)."),
    "footer": N_("phraselint {version} · click a rule, category or file in the tables to filter; each finding comes "
                 "with its context and the suggested wording."),
}

CSS = """
:root { --error: #c92a2a; --error-bg: #ffe3e3; --warning: #e67700; --warning-bg: #fff3bf;
        --suggestion: #1864ab; --suggestion-bg: #d0ebff; --line: #868e96; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72em; padding: 1.5em; color: #212529; background: #fff;
       font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "PingFang TC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
.overview { color: #495057; margin: 0 0 1em; }
.tables { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; margin-bottom: 1em; }
.scroll { max-height: 22em; overflow-y: auto; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding-bottom: .3em; }
th, td { border-bottom: 1px solid #dee2e6; padding: .2em .7em; text-align: left; }
th { background: #f1f3f5; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr[data-filter] { cursor: pointer; } tr[data-filter]:hover { background: #f8f9fa; }
.badge { display: inline-block; border-radius: .3em; padding: 0 .45em; font-size: .85em; color: #fff; white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.suggestion { background: var(--suggestion); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.controls { position: sticky; top: 0; background: #fff; padding: .5em 0; border-bottom: 1px solid #dee2e6;
            display: flex; flex-wrap: wrap; gap: .4em 1em; align-items: center; z-index: 1; }
.controls select { max-width: 16em; }
.shown { color: #495057; }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border: 1px solid #dee2e6; border-left: 4px solid var(--line); border-radius: .3em; margin: .7em 0; padding: .4em .8em; }
li.finding.error { border-left-color: var(--error); } li.finding.warning { border-left-color: var(--warning); }
li.finding.suggestion { border-left-color: var(--suggestion); }
.head { display: flex; flex-wrap: wrap; gap: .2em .6em; align-items: baseline; }
.loc { color: #495057; font-size: .9em; word-break: break-all; }
.cat, .turn { color: #495057; font-size: .9em; }
.message { margin: .2em 0; }
pre.context { margin: .3em 0; padding: .3em .5em; background: #f8f9fa; border-radius: .3em; white-space: pre-wrap; word-break: break-word; }
pre.context .ln { display: inline-block; min-width: 3.5em; padding-right: .8em; text-align: right; color: var(--line); user-select: none; }
pre.context .hit { font-weight: 600; }
mark { border-radius: .15em; padding: 0 .05em; color: inherit; }
mark.error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
mark.warning { background: var(--warning-bg); border-bottom: 2px solid var(--warning); }
mark.suggestion { background: var(--suggestion-bg); border-bottom: 2px dotted var(--suggestion); }
ul.rewrites { margin: .1em 0 .2em 0; padding: 0; list-style: none; color: #2b8a3e; }
ul.rewrites li::before { content: "→ "; }
button { font: inherit; }
footer { color: var(--line); font-size: .85em; margin-top: 2em; }
"""

# The script: read the findings, build the filters from them, show a page of cards at a time.
SCRIPT = r"""
(async function () {
  "use strict";
  const ui = JSON.parse(document.getElementById("pl-ui").textContent);
  const root = document.getElementById("pl-findings");
  const say = (key, values) => ui[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const items = [];
  const raw = document.getElementById("pl-data").textContent.trim();
  if (raw) {
    if (!("DecompressionStream" in window)) { root.replaceChildren(el("p", "", ui.no_decompress)); return; }
    const bytes = Uint8Array.from(atob(raw), (c) => c.charCodeAt(0));
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    for (const line of text.split("\n")) {
      if (!line) continue;
      const file = JSON.parse(line);
      for (const f of file.f) { f.p = file.p; f.o = items.length; items.push(f); }
    }
  }
  const rank = { error: 0, warning: 1, suggestion: 2 };
  const tally = (key) => { const n = new Map(); for (const f of items) n.set(f[key], (n.get(f[key]) || 0) + 1); return n; };
  const choice = (key, label) => {
    const select = el("select"); select.dataset.key = key; select.setAttribute("aria-label", label);
    select.append(new Option(say("choose", { label: label, value: ui.all }), ""));
    const counts = [...tally(key)];
    if (key !== "p") counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [value, n] of counts) select.append(new Option(value + " (" + n + ")", value));
    return select;
  };
  const controls = el("div", "controls");
  const levels = {};
  for (const level of ["error", "warning", "suggestion"]) {
    const box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.level = level; levels[level] = box;
    const label = el("label"); label.append(box, " ", el("span", "badge " + level, ui[level]));
    controls.append(label);
  }
  const selects = { c: choice("c", ui.category), r: choice("r", ui.rule), p: choice("p", ui.file) };
  const sort = el("select"); sort.setAttribute("aria-label", ui.sort);
  for (const key of ["file", "level", "rule", "category"]) sort.append(new Option(say("choose", { label: ui.sort, value: ui["sort_" + key] }), key));
  const reset = el("button", "reset", ui.reset); reset.type = "button";
  const shown = el("span", "shown");
  controls.append(selects.c, selects.r, selects.p, sort, reset, shown);
  const list = el("ol", "findings");
  const more = el("button", "more"); more.type = "button";
  root.replaceChildren(controls, list, more);
  const PAGE = 200;
  let matching = [], limit = PAGE;
  const order = {
    file: (a, b) => a.o - b.o,
    level: (a, b) => rank[a.l] - rank[b.l] || a.o - b.o,
    rule: (a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : a.o - b.o),
    category: (a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : a.o - b.o),
  };
  function card(f) {
    const li = el("li", "finding " + f.l);
    Object.assign(li.dataset, { level: f.l, rule: f.r, category: f.c, file: f.p });
    const head = el("div", "head");
    head.append(el("span", "badge " + f.l, ui[f.l]), el("code", "rule", f.r), el("span", "cat", f.c),
                el("span", "loc", f.p + ":" + f.n + ":" + f.k));
    if (f.u) head.append(el("span", "turn", say("turn", { turn: f.u[0], role: f.u[1] })));
    const context = el("pre", "context");
    for (const row of f.x) {
      context.append(el("span", "ln", String(row[0])));
      if (row.length > 2) {
        const hit = el("span", "hit"); hit.append(row[1], el("mark", f.l, row[2]), row[3]); context.append(hit);
      } else context.append(row[1]);
      context.append("\n");
    }
    li.append(head, el("div", "message", f.m), context);
    if (f.s.length) { const ul = el("ul", "rewrites"); for (const s of f.s) ul.append(el("li", "", s)); li.append(ul); }
    return li;
  }
  function show() {
    const cards = document.createDocumentFragment();
    for (const f of matching.slice(list.childElementCount, limit)) cards.append(card(f));
    list.append(cards);
    shown.textContent = say("shown", { shown: matching.length, total: items.length });
    const left = matching.length - list.childElementCount;
    more.hidden = left <= 0;
    more.textContent = say("more", { n: Math.min(PAGE, left) });
    if (!matching.length) list.replaceChildren(el("li", "none", ui.none_shown));
  }
  function update() {
    matching = items.filter((f) => levels[f.l].checked && (!selects.c.value || f.c === selects.c.value)
      && (!selects.r.value || f.r === selects.r.value) && (!selects.p.value || f.p === selects.p.value));
    matching.sort(order[sort.value]);
    limit = PAGE; list.replaceChildren(); show();
  }
  controls.addEventListener("change", update);
  more.addEventListener("click", () => { limit += PAGE; show(); });
  reset.addEventListener("click", () => {
    for (const box of Object.values(levels)) box.checked = true;
    for (const select of Object.values(selects)) select.value = "";
    update();
  });
  document.querySelectorAll("tr[data-filter]").forEach((row) => row.addEventListener("click", () => {
    const [key, value] = [row.dataset.filter, row.dataset.value];
    if (key === "l") { for (const [level, box] of Object.entries(levels)) box.checked = level === value; }
    else selects[key].value = value;
    update(); controls.scrollIntoView();
  }));
  update();
  document.body.dataset.ready = "true";
})();
"""
