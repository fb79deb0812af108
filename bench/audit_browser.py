#!/usr/bin/env python3
"""The audit dashboard (phraselint/audit/dashboard.py) in a real headless browser: its charts
render (each plotly div holds SVG), the console shows no error, the page asks nothing of any
address, and a traditional-script page shows no simplified interface character.

    apt-get install -y chromium chromium-driver   # Debian's packages: /usr/bin/chromium, /usr/bin/chromedriver
    pip install -e '.[test]' selenium             # the Python package only: no browser download
    python bench/audit_browser.py                 # a mainland, a Taiwan and a Hong Kong page; about half a minute
    python bench/audit_browser.py --large         # also a 100,000-finding page, its size and opening time

Run by hand, not in the suite, for the reason bench/html_browser.py gives (installing chromium
takes minutes on the suite's 2-core budget). The browser runs with a fresh profile and without
network features; the script reads its performance log to check no request left the file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LEVELS = ("error", "warning", "suggestion")
TEXT = {"cn": ("这个我不知道，你等一下", "请问停水到几点？", ["推诿责任", "态度生硬", "缺少问候"], "别说不知道", "我帮您查一下"),
        "tw": ("這個我不知道，你等一下", "請問停水到幾點？", ["推諉責任", "態度生硬", "缺少問候"], "別說不知道", "我幫您查一下"),
        "hk": ("呢個我唔知道，你等一下", "請問停水到幾點？", ["推卸責任", "態度生硬", "缺少問候"], "唔好話唔知道", "我幫你查一下")}


def synthetic(variant: str, n_findings: int, n_agents: int, n_days: int, n_calls: int, seed: int = 3):
    """findings, summary and calls rows as `phraselint audit` gives them, in the variant's script."""
    rng = random.Random(seed)
    staff, customer, intents, message, suggestion = TEXT[variant]
    start = staff.index("唔知道" if variant == "hk" else "不知道")
    agents = [f"agent-{i:04d}" for i in range(n_agents)]
    team = {agent: f"team-{i % 5}" for i, agent in enumerate(agents)}
    first = datetime.date(2026, 1, 1)
    calls = {f"call-{i:05d}": [{"turn": 1, "role": "customer", "agent_id": agents[i % n_agents], "text": customer},
                                {"turn": 2, "role": "staff", "agent_id": agents[i % n_agents], "text": staff}]
             for i in range(min(n_calls, 200))}
    findings = []
    for i in range(n_findings):
        agent = rng.choice(agents)
        call = f"call-{rng.randrange(n_calls):05d}"
        day = first + datetime.timedelta(days=rng.randrange(n_days))
        findings.append({"call_id": call, "turn": 2, "role": "staff", "agent_id": agent, "team": team[agent],
                         "timestamp": f"{day.isoformat()}T10:00:00", "rule": f"attitude.{i % 7}", "intent": rng.choice(intents),
                         "category": "attitude", "level": LEVELS[i % 3], "match": staff[start:start + 3], "offset": start,
                         "end_offset": start + 3, "message": message, "suggestion": suggestion})
    by = {scope: Counter() for scope in ("agent", "team", "rule", "day")}
    for f in findings:
        by["agent"][f["agent_id"]] += 1
        by["team"][f["team"]] += 1
        by["rule"][f["rule"]] += 1
        by["day"][f["timestamp"][:10]] += 1
    summary = []
    for scope, counts in by.items():
        for key, n in counts.items():
            turns = 0 if scope == "rule" else 40 * n + 100
            summary.append({"scope": scope, "key": key, "staff_turns": turns, "calls": n, "findings": n, "errors": n // 3,
                            "per_100_staff_turns": 100 * n / turns if turns else 0.0, "calls_with_error": n // 3,
                            "calls_missing_required": n // 10})
    return findings, summary, calls


def browser(work: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ARGS + [f"--user-data-dir={work / 'profile'}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.get("about:blank")
    return driver


def check(driver, path: Path, variant: str) -> tuple[list[str], float]:
    """Open the page; what is wrong with it, and the seconds until its charts were drawn."""
    from selenium.webdriver.support.ui import WebDriverWait

    problems: list[str] = []
    driver.get_log("browser"), driver.get_log("performance")  # start from empty logs
    started = time.perf_counter()
    driver.get(path.as_uri())
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    opened = time.perf_counter() - started
    charts = driver.execute_script(
        "return [...document.querySelectorAll('div.chart')].map(d => [d.id, d.querySelectorAll('svg.main-svg').length,"
        " d.querySelectorAll('g.point, g.trace path, path.point').length])")
    if len(charts) != 4:
        problems.append(f"{len(charts)} charts, expected 4")
    for chart_id, svgs, marks in charts:
        if not svgs or not marks:
            problems.append(f"{chart_id}: {svgs} svg, {marks} drawn marks")
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    problems += [f"console: {message[:200]}" for message in errors]
    requests = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if url.startswith(("http:", "https:", "ws:", "wss:", "ftp:")):  # not the browser's own chrome:// pages
                requests.add(url)
    problems += [f"network request: {url}" for url in sorted(requests)]
    if not driver.execute_script("return document.querySelectorAll('details.call mark').length"):
        problems.append("no span marked in the worst calls")
    if variant in ("tw", "hk"):
        from phraselint.text.opencc_tables import char_tables

        simplified = set(char_tables().simplified_only)
        shown = driver.execute_script(
            "document.querySelectorAll('details').forEach(d => d.open = true);"
            "return document.title + '\\n' + document.body.innerText + '\\n' +"
            " [...document.querySelectorAll('svg text')].map(t => t.textContent).join('\\n')")
        wrong = sorted({c for c in shown if c in simplified})
        if wrong:
            lines = [line for line in shown.splitlines() if any(c in line for c in wrong)][:5]
            problems.append(f"simplified characters visible: {''.join(wrong)} (in: {' | '.join(lines)})")
    return problems, opened


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true", help="also a 100,000-finding page over 400 days")
    args = parser.parse_args()
    from phraselint.audit.dashboard import write_dashboard

    cases = [("cn", 600, 25, 30, 300), ("tw", 600, 25, 30, 300), ("hk", 600, 25, 30, 300)]
    if args.large:
        cases.append(("cn", 100_000, 3000, 400, 20_000))
    failed = False
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        driver = browser(work)
        try:
            for variant, *sizes in cases:
                path = work / f"audit-{variant}-{sizes[0]}.html"
                started = time.perf_counter()
                write_dashboard(path, *synthetic(variant, *sizes), variant=variant)
                built = time.perf_counter() - started
                problems, opened = check(driver, path, variant)
                failed |= bool(problems)
                print(f"{variant} page, {sizes[0]:,} findings: {'ok' if not problems else 'FAILED'}; "
                      f"{path.stat().st_size / 1e6:.2f} MB, written in {built:.2f} s, charts drawn in {opened:.1f} s")
                for problem in problems:
                    print(f"  not as expected: {problem}")
        finally:
            driver.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
