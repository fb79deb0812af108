#!/usr/bin/env python3
"""The paste page of `phraselint serve` in a real headless browser: staff type a reply, the
discourteous wording is highlighted under its characters, each finding's message and
suggestions are listed beside it, the polite version appears and the copy button puts it on
the clipboard; the interface follows the reply's reader; the page asks nothing of any other
address.

    apt-get install -y chromium          # Debian's package, /usr/bin/chromium
    pip install -e '.[test]' playwright  # the Python package only: no browser download
    python bench/serve_browser.py        # about half a minute

Run by hand, not in the suite, for the reason bench/html_browser.py gives (installing
chromium takes minutes on the suite's 2-core budget). The browser runs with a fresh profile,
without network features, and with clipboard permission for the page's origin only.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _served import served

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-quic", "--disable-sync"]
REPLY = "这个我不知道，你等一下"
TAIWAN = "這個我不知道，你冷靜一點"
BEYOND_BMP = "𨋢壞咗，呢個我唔知"


class Checks:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.passed = 0

    def expect(self, condition: bool, what: str) -> None:
        if condition:
            self.passed += 1
        else:
            self.problems.append(what)


def wait_done(page, text: str) -> None:
    """Until the page shows the answer for exactly `text` (not an older one)."""
    page.wait_for_function("t => document.body.dataset.state === 'done' && document.getElementById('pl-text').value === t",
                           arg=text, timeout=30_000)


def type_reply(page, text: str) -> float:
    """Type `text` key by key as staff do; the seconds from the last key to the highlighted answer."""
    box = page.locator("#pl-text")
    box.fill("")
    box.press_sequentially(text, delay=40)
    typed = time.perf_counter()
    wait_done(page, text)
    return time.perf_counter() - typed


def run(playwright, url: str, profile: str) -> tuple[Checks, dict]:
    checks, expect = Checks(), None
    expect = checks.expect
    context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                            locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    elsewhere: list[str] = []
    checks_sent: list[str] = []
    context.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(url + "/") else None)
    context.on("request", lambda r: checks_sent.append(r.url) if r.url.endswith("/v1/check") else None)
    api = httpx.Client(base_url=url, trust_env=False, timeout=60)
    timings: dict = {}
    try:
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready=true]")
        expect(page.locator("h1").inner_text() == "phraselint 回复检查", "the mainland interface at first")

        # type a reply: the findings are highlighted under their characters and listed beside
        timings["typed_to_shown_s"] = round(type_reply(page, REPLY), 3)
        expected = api.post("/v1/check", json={"text": REPLY}).json()["findings"]
        marks = page.eval_on_selector_all("#pl-marks mark", "ms => ms.map(m => [m.textContent, m.className])")
        expect(marks == [[f["match"], f["level"]] for f in expected], f"one mark per finding, on its characters: {marks}")
        expect(len(checks_sent) < len(REPLY), f"typing is debounced ({len(checks_sent)} checks for {len(REPLY)} keys)")
        same_box = page.evaluate("""() => {
            const a = document.getElementById('pl-text'), b = document.getElementById('pl-marks');
            const r = a.getBoundingClientRect(), s = b.getBoundingClientRect(), ca = getComputedStyle(a), cb = getComputedStyle(b);
            return [r.x, r.y, r.width, r.height].every((v, i) => Math.abs(v - [s.x, s.y, s.width, s.height][i]) < 1)
                && ['fontSize', 'lineHeight', 'fontFamily', 'paddingLeft', 'paddingTop', 'whiteSpace'].every(k => ca[k] === cb[k]);
        }""")
        expect(same_box, "the marks lie under the text box: same box, font, padding and wrapping")
        cards = page.locator("#pl-findings li.finding")
        expect(cards.count() == len(expected), "one card per finding")
        first = expected[0]
        expect(page.locator("#pl-findings li.finding .message").first.inner_text() == first["message"], "the message")
        shown = page.eval_on_selector_all("#pl-findings li.finding", "cs => cs.map(c => [...c.querySelectorAll('ul.rewrites li')].map(l => l.textContent))")
        expect(shown == [f["suggestions"] for f in expected], "each finding's suggestions")
        expect(page.locator("#pl-findings .badge").first.inner_text() == "错误", "the level in the reader's words")

        # the polite version, and the copy button
        polite = api.post("/v1/rewrite", json={"text": REPLY}).json()["text"]
        expect(page.locator("#pl-polite").inner_text() == polite, f"the polite version ({polite})")
        expect(page.locator("#pl-polite .new").count() >= 1, "the rewritten parts stand out")
        page.click("#pl-copy")
        page.wait_for_function("() => document.getElementById('pl-copy-status').textContent !== ''")
        expect(page.locator("#pl-copy-status").inner_text() == "已复制。", "copying says so")
        expect(page.evaluate("() => navigator.clipboard.readText()") == polite, "the clipboard holds the polite version")

        # a card selects its wording in the text box
        cards.nth(1).click()
        selected = page.evaluate("() => { const b = document.getElementById('pl-text'); return b.value.slice(b.selectionStart, b.selectionEnd); }")
        expect(selected == expected[1]["match"], "clicking a finding selects its words in the reply")

        # a Taiwan reply: the interface follows its reader, the suggestions are in its script
        type_reply(page, TAIWAN)
        expect(page.evaluate("() => document.documentElement.lang") == "zh-Hant-TW", "the page's language follows the reader")
        expect(page.locator("#pl-polite-box h2").inner_text() == "禮貌的說法：", "the heading in Taiwan's forms")
        tw = api.post("/v1/rewrite", json={"text": TAIWAN}).json()["text"]
        expect(page.locator("#pl-polite").inner_text() == tw, "the Taiwan polite version")

        # characters beyond the BMP (𨋢) must not shift the marks
        type_reply(page, BEYOND_BMP)
        expected = api.post("/v1/check", json={"text": BEYOND_BMP}).json()["findings"]
        marks = page.eval_on_selector_all("#pl-marks mark", "ms => ms.map(m => m.textContent)")
        expect(expected and marks == [f["match"] for f in expected], f"marks after 𨋢 on their characters: {marks}")

        # a clean reply, then an emptied box
        type_reply(page, "您好，请稍等，我帮您查询。")
        expect(page.locator("#pl-status").inner_text() == "✓ 没有发现不礼貌的说法。", "a clean reply says so")
        expect(page.locator("#pl-polite-box").is_hidden() and page.locator("#pl-marks mark").count() == 0, "nothing marked")
        page.locator("#pl-text").fill("")
        page.wait_for_function("() => document.body.dataset.state === 'idle'")
        expect(page.locator("#pl-findings li").count() == 0, "an empty box clears the findings")

        # the English interface
        page.goto(url + "/?lang=en")
        page.wait_for_selector("body[data-ready=true]")
        type_reply(page, REPLY)
        expect(page.locator("#pl-polite-box h2").inner_text() == "Polite version:", "English with ?lang=en")
        expect(page.locator("#pl-findings .badge").first.inner_text() == "error", "levels in English")

        # typed fast, then pasted over: the page shows the last text's answer only
        box = page.locator("#pl-text")
        box.press_sequentially("你等一下", delay=5)
        box.fill(REPLY + "你自己去问物业吧")
        wait_done(page, REPLY + "你自己去问物业吧")
        expected = api.post("/v1/check", json={"text": REPLY + "你自己去问物业吧"}).json()["findings"]
        marks = page.eval_on_selector_all("#pl-marks mark", "ms => ms.map(m => m.textContent)")
        expect(marks == [f["match"] for f in expected], "an outdated answer is dropped")
        expect(not elsewhere, f"nothing asked of any other address: {elsewhere}")
    finally:
        api.close()
        context.close()
    return checks, timings


def main() -> int:
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with served() as service, tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        checks, timings = run(playwright, service.url, str(Path(profile) / "profile"))
    print(f"paste page: {'ok' if not checks.problems else 'FAILED'}, {checks.passed} checks passed in "
          f"{time.perf_counter() - started:.1f} s; {json.dumps(timings)}")
    for problem in checks.problems:
        print(f"  not as expected: {problem}")
    return 1 if checks.problems else 0


if __name__ == "__main__":
    sys.exit(main())
