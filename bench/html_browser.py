#!/usr/bin/env python3
"""The HTML report in a real headless browser: it renders, its counts are right, its filters
hide and show findings, a report of traditional-script files shows no simplified character,
and (with --large) the 500-file report opens.

    apt-get install -y chromium          # Debian's package, /usr/bin/chromium
    pip install playwright               # the Python package only: no browser download
    python bench/html_browser.py         # a small report, checked in about ten seconds
    python bench/html_browser.py --large bench/out/html500   # also open a big folder's report, timed

Run by hand, not in the suite: installing chromium takes about two minutes on the 2-core
machine the suite's budget is for (see README, "HTML report"). The browser runs with a fresh
profile and without network features; the page itself loads nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FILES = {
    "a-rude.txt": "业主：请问停水到几点？\n这个我不知道，你等一下\n你自己去问物业吧\n",
    "b-note.txt": "请问你需要什么帮助？\n",
    "c-clean.txt": "您好，请问有什么可以帮您？\n",
    # a 不知道 that offers no next step (一句"我们马上处理" after it would make it polite)
    "d-long.txt": "业主您好，" * 300 + "这个我不知道，你自己看吧。" + "我们马上处理。" * 100 + "\n",
}


def phraselint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "phraselint", *args], capture_output=True, text=True, encoding="utf-8")


def open_page(playwright, profile: str, page_path: Path):
    context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True)
    page = context.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=120_000)
    return context, page


def visible_levels(page) -> list[str]:
    return page.eval_on_selector_all("li.finding", "cards => cards.map(c => c.dataset.level)")


def check_small(playwright, work: Path) -> list[str]:
    """The small report: what a reviewer sees, checked against the JSON report of the same run."""
    folder = work / "in"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    html_path = work / "report.html"
    html_path.write_text(phraselint("check", "--format", "html", str(folder)).stdout, encoding="utf-8")
    doc = json.loads(phraselint("check", "--format", "json", str(folder)).stdout)
    findings = [dict(f, path=file["path"]) for file in doc["files"] for f in file["findings"]]
    problems: list[str] = []

    def expect(condition: bool, what: str) -> None:
        if not condition:
            problems.append(what)

    context, page = open_page(playwright, str(work / "profile"), html_path)
    try:
        total = len(findings)
        expect(page.locator("li.finding").count() == total, f"all {total} findings shown at first")
        expect(page.locator(".needs-script").count() == 0, "the no-script note is replaced")
        expect(page.locator(".shown").inner_text() == f"显示 {total} / 共 {total} 处问题", "the shown count")
        by_level = {level: sum(f["level"] == level for f in findings) for level in ("error", "warning", "suggestion")}
        for level, count in by_level.items():
            cell = page.locator(f'table.by-level tr[data-value="{level}"] td.n').inner_text()
            expect(cell == str(count), f"the {level} count in the table ({cell} != {count})")
        expect(page.locator("li.finding mark").count() == total, "one mark per finding")
        expect("这个我不知道" in page.locator("li.finding pre.context").first.inner_text(), "context shown")
        long_line = page.locator('li.finding[data-file$="d-long.txt"] .hit').first.inner_text()
        expect(long_line.startswith("…") and long_line.endswith("…") and len(long_line) < 120, "a long line cut to a window")
        # level filter: untick errors, only the others remain; tick again, all come back
        page.uncheck('input[data-level="error"]')
        expect(sorted(visible_levels(page)) == sorted(f["level"] for f in findings if f["level"] != "error"), "errors hidden")
        page.check('input[data-level="error"]')
        expect(page.locator("li.finding").count() == total, "errors shown again")
        # rule, category and file filters
        rule = findings[0]["rule"]
        page.select_option('select[data-key="r"]', rule)
        rules = page.eval_on_selector_all("li.finding", "cards => cards.map(c => c.dataset.rule)")
        expect(rules == [f["rule"] for f in findings if f["rule"] == rule], f"rule filter {rule}")
        page.select_option('select[data-key="r"]', "")
        category = findings[-1]["category"]
        page.select_option('select[data-key="c"]', category)
        expect(page.locator("li.finding").count() == sum(f["category"] == category for f in findings), "category filter")
        page.click("button.reset")
        target = findings[-1]["path"]
        page.click(f'table.by-file tr[data-value="{target}"]')  # a row of the counts per file filters too
        files = page.eval_on_selector_all("li.finding", "cards => cards.map(c => c.dataset.file)")
        expect(files == [f["path"] for f in findings if f["path"] == target], "file filter from the table")
        page.click("button.reset")
        # sorting by level puts errors first
        page.select_option("select[aria-label=排序]", "level")
        order = visible_levels(page)
        rank = {"error": 0, "warning": 1, "suggestion": 2}
        expect(order == sorted(order, key=rank.get) and len(order) == total, "sorted by level")
        # the clean file is counted, and has no row to filter by
        expect(page.locator('table.by-file tr:not([data-filter])').filter(has_text="c-clean.txt").count() == 1, "clean file row")
    finally:
        context.close()
    return problems


TRADITIONAL = {
    "tw-reply.txt": "這個我不知道，你等一下\n你自己去問管理處吧\n",
    "hk-reply.txt": "呢個我唔知道，你等一下啦\n",
    "tw-clean.txt": "您好，請問有什麼可以幫您？\n",
}


def check_traditional(playwright, work: Path) -> list[str]:
    """A report of traditional-script files only: nothing visible on the page — headings,
    badges, filters, counts, messages, suggestions — is in simplified characters."""
    from phraselint.text.opencc_tables import char_tables

    folder = work / "traditional"
    folder.mkdir()
    for name, text in TRADITIONAL.items():
        (folder / name).write_text(text, encoding="utf-8")
    html_path = work / "traditional.html"
    html_path.write_text(phraselint("check", "--format", "html", str(folder)).stdout, encoding="utf-8")
    simplified = set(char_tables().simplified_only)
    context, page = open_page(playwright, str(work / "profile-traditional"), html_path)
    try:
        shown = page.evaluate("document.title + '\\n' + document.body.innerText + '\\n' + "
                              "[...document.querySelectorAll('[aria-label],[title],[placeholder]')]"
                              ".map(e => [e.getAttribute('aria-label'), e.title, e.placeholder].join(' ')).join('\\n')")
        cards = page.locator("li.finding").count()
    finally:
        context.close()
    wrong = sorted({char for char in shown if char in simplified})
    problems = [] if cards else ["no finding shown for the traditional files"]
    if wrong:
        lines = [line for line in shown.splitlines() if any(char in line for char in wrong)][:5]
        problems.append(f"simplified characters visible: {''.join(wrong)} (in: {' | '.join(lines)})")
    return problems


def check_large(playwright, work: Path, folder: str) -> dict:
    html_path = work / "large.html"
    started = time.perf_counter()
    with html_path.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "phraselint", "check", "--format", "html", folder], stdout=out, check=False)
    built = time.perf_counter() - started
    started = time.perf_counter()
    context, page = open_page(playwright, str(work / "profile-large"), html_path)
    try:
        opened = time.perf_counter() - started
        shown = page.locator(".shown").inner_text()
        cards = page.locator("li.finding").count()
        started = time.perf_counter()
        page.uncheck('input[data-level="suggestion"]')
        filtered = time.perf_counter() - started
        after = page.locator(".shown").inner_text()
    finally:
        context.close()
    return {"bytes": html_path.stat().st_size, "build_s": round(built, 1), "open_s": round(opened, 1),
            "filter_s": round(filtered, 2), "shown": shown, "cards_in_page": cards, "without_suggestions": after}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", metavar="FOLDER", help="also build and open the report of this folder")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        work = Path(temporary)
        started = time.perf_counter()
        problems = check_small(playwright, work)
        print(f"small report: {'ok' if not problems else 'FAILED'} in {time.perf_counter() - started:.1f} s")
        for problem in problems:
            print(f"  not as expected: {problem}")
        started = time.perf_counter()
        traditional = check_traditional(playwright, work)
        print(f"traditional report: {'ok' if not traditional else 'FAILED'} in {time.perf_counter() - started:.1f} s")
        for problem in traditional:
            print(f"  not as expected: {problem}")
        problems += traditional
        if args.large:
            print("large report:", json.dumps(check_large(playwright, work, args.large), ensure_ascii=False))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
