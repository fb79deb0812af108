// The paste page: check the reply as it is typed (debounced), mark each finding under its
// characters, list the findings beside the text, show the polite version with a copy button.
// Every text from the reply or the answer goes into the page with textContent, never as markup.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("pl-config").textContent);
  const $ = (id) => document.getElementById(id);
  const box = $("pl-text"), marks = $("pl-marks"), list = $("pl-findings"), status = $("pl-status");
  const politeBox = $("pl-polite-box"), polite = $("pl-polite"), politeNote = $("pl-polite-note");
  const copy = $("pl-copy"), copyStatus = $("pl-copy-status");
  const DEBOUNCE_MS = 200;
  const HTML_LANG = { zh_Hans_CN: "zh-Hans-CN", zh_Hant_TW: "zh-Hant-TW", zh_Hant_HK: "zh-Hant-HK", en: "en" };
  let labels = config.labels[config.locale], locale = config.locale;
  let timer = 0, inFlight = null, sequence = 0, politeText = "";

  const say = (key, values) => labels[key].replace(/\{(\w+)\}/g, (all, name) => (values && name in values ? String(values[name]) : all));
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };

  // Each reply's report in its reader's catalogue (the answer's variant), as the paste box does.
  function useReader(variant) {
    if (config.lang === "en") return;
    const next = config.locales[config.variant || variant] || config.locale;
    if (next === locale) return;
    locale = next; labels = config.labels[locale];
    document.documentElement.lang = HTML_LANG[locale];
    for (const e of document.querySelectorAll("[data-label]")) e.textContent = labels[e.dataset.label];
    box.placeholder = labels.placeholder;
  }

  function setStatus(text, cls) { status.textContent = text; status.className = "status" + (cls ? " " + cls : ""); status.removeAttribute("data-label"); }

  // Offsets in the answer count code points (Python's); the page's strings count UTF-16 units.
  function unitOffsets(text) {
    const at = [0];
    let units = 0;
    for (const ch of text) { units += ch.length; at.push(units); }
    return at;
  }

  function grow() { box.style.height = "auto"; box.style.height = box.scrollHeight + 2 + "px"; }

  function paintMarks(text, findings) {
    const at = unitOffsets(text);
    const parts = [];
    let done = 0;
    findings.forEach((f, index) => {
      const start = at[f.offset], end = at[f.end_offset];
      if (start === undefined || end === undefined || start < done || end <= start) return; // overlapping: listed only
      if (start > done) parts.push(document.createTextNode(text.slice(done, start)));
      const mark = el("mark", f.level, text.slice(start, end));
      mark.dataset.index = String(index);
      parts.push(mark);
      done = end;
    });
    // a last line break needs something after it to take up its line, as it does in the text box
    parts.push(document.createTextNode(text.slice(done) + (text.endsWith("\n") ? " " : "")));
    marks.replaceChildren(...parts);
  }

  function highlight(index, on) {
    for (const e of document.querySelectorAll('[data-index="' + index + '"]')) e.classList.toggle("active", on);
  }

  function paintFindings(text, findings) {
    const at = unitOffsets(text);
    const cards = findings.map((f, index) => {
      const card = el("li", "finding " + f.level);
      card.dataset.index = String(index); card.dataset.rule = f.rule; card.tabIndex = 0;
      const head = el("div", "head");
      head.append(el("span", "badge " + f.level, labels[f.level]), el("code", "rule", f.rule));
      if (f.turn !== undefined) head.append(el("span", "turn", say("turn", { turn: f.turn + 1, role: f.role || "" })));
      card.append(head, el("p", "message", f.message), el("div", "match", "「" + f.match + "」"));
      if (f.suggestions.length) {
        card.append(el("p", "say", labels.say_instead));
        const ul = el("ul", "rewrites");
        for (const s of f.suggestions) ul.append(el("li", "", s));
        card.append(ul);
      }
      card.addEventListener("mouseenter", () => highlight(index, true));
      card.addEventListener("mouseleave", () => highlight(index, false));
      card.addEventListener("click", () => { box.focus(); box.setSelectionRange(at[f.offset], at[f.end_offset]); });
      return card;
    });
    list.replaceChildren(...cards);
  }

  function paintPolite(answer) {
    const p = answer.polite;
    const changed = p && p.text !== answer.text;
    politeText = changed ? p.text : "";
    copyStatus.textContent = "";
    if (!answer.findings.length) { politeBox.hidden = true; return; }
    politeBox.hidden = false;
    if (!changed) {
      polite.replaceChildren(); copy.hidden = true;
      politeNote.hidden = false; politeNote.textContent = labels.nothing_to_replace;
      return;
    }
    copy.hidden = false;
    polite.replaceChildren(...p.pieces.map((piece) => (piece.new ? el("span", "new", piece.text) : document.createTextNode(piece.text))));
    politeNote.hidden = !p.suggested;
    politeNote.textContent = p.suggested ? labels.needs_adapting : "";
  }

  function show(text, answer) {
    useReader(answer.variant);
    answer.text = text;
    paintMarks(text, answer.findings);
    paintFindings(text, answer.findings);
    paintPolite(answer);
    if (answer.findings.length) setStatus("");
    else setStatus(labels.clean, "clean");
    document.body.dataset.state = "done";
  }

  function clear() {
    marks.replaceChildren(); list.replaceChildren(); politeBox.hidden = true; politeText = "";
    setStatus(labels.empty);
    document.body.dataset.state = "idle";
  }

  async function check() {
    const text = box.value;
    if (inFlight) inFlight.abort();
    if (!text.trim()) { clear(); return; }
    const mine = ++sequence;
    const controller = inFlight = new AbortController();
    document.body.dataset.state = "checking";
    setStatus(labels.checking);
    const body = { text: text, polite: true };
    if (config.variant) body.variant = config.variant;
    try {
      const response = await fetch("/v1/check", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: controller.signal,
      });
      if (mine !== sequence) return; // a newer check is under way: this answer is for an older text
      if (response.status === 413) { setStatus(say("too_long", { limit: config.max_body }), "failed"); document.body.dataset.state = "failed"; return; }
      const answer = await response.json();
      if (mine !== sequence) return;
      if (!response.ok) throw new Error((answer.error && answer.error.message) || response.statusText);
      show(text, answer);
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      setStatus(say("unreachable", { reason: error.message }), "failed");
      document.body.dataset.state = "failed";
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  async function copyPolite() {
    if (!politeText) return;
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(politeText);
      else {  // a plain-http address other than this computer's: the older way
        const scratch = el("textarea"); scratch.value = politeText; document.body.append(scratch); scratch.select();
        const done = document.execCommand("copy"); scratch.remove();
        if (!done) throw new Error("copy refused");
      }
      copyStatus.textContent = labels.copied;
    } catch (error) {
      copyStatus.textContent = labels.copy_failed;
    }
  }

  box.addEventListener("input", () => {
    grow();
    marks.replaceChildren(document.createTextNode(box.value)); // the old marks would sit under the wrong characters
    document.body.dataset.state = "typing"; // until the answer for this text is shown
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  });
  copy.addEventListener("click", copyPolite);
  window.addEventListener("resize", grow);
  box.placeholder = labels.placeholder;
  grow();
  if (box.value.trim()) check();
  document.body.dataset.ready = "true";
})();
