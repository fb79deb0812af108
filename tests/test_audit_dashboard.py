"""The audit dashboard (audit/dashboard.py): a page that parses, loads nothing from the
network, carries the charts' data, escapes the transcripts' text, speaks the reader's script,
is written atomically and stays a few MB for 100,000 findings."""

from __future__ import annotations

import datetime
import json
import random
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from plotly.offline import get_plotlyjs

from phraselint.audit import worst_calls as calls_view
from phraselint.audit import dashboard
from phraselint.audit.dashboard import write_dashboard
from phraselint.text.opencc_tables import char_tables

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
LEVELS = ("error", "warning", "suggestion")


class Page(HTMLParser):
    """The page's elements, checked for nesting; its visible text; its scripts' contents."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.visible: list[str] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed {self.stack}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes.get("id") or f"script-{len(self.scripts)}"
            self.scripts[self._script] = ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[self._script] += data
        elif "style" not in self.stack:
            self.visible.append(data)

    @property
    def text(self) -> str:
        return "".join(self.visible)

    def figures(self) -> list[dict]:
        return json.loads(self.scripts.get("pl-figures", "[]"))


def rows(n_findings=400, n_agents=12, n_days=20, n_calls=80, seed=7, traditional=False):
    """Synthetic audit rows: findings skewed so that one intent and one agent lead."""
    rng = random.Random(seed)
    intents = ["推諉責任", "態度生硬", "缺少問候", "不知道"] if traditional else ["推诿责任", "态度生硬", "缺少问候", "不知道"]
    agents = [f"agent-{i:03d}" for i in range(n_agents)]
    teams = {agent: f"team-{i % 3}" for i, agent in enumerate(agents)}
    text = "這個我不知道，你等一下" if traditional else "这个我不知道，你等一下"
    calls = {f"call-{i:04d}": [{"turn": 1, "role": "customer", "agent_id": agents[i % n_agents], "text": "請問停水到幾點？"},
                                {"turn": 2, "role": "staff", "agent_id": agents[i % n_agents], "text": text}]
             for i in range(n_calls)}
    findings = []
    for i in range(n_findings):
        agent = agents[0] if i % 3 == 0 else rng.choice(agents)
        intent = intents[0] if i % 2 == 0 else rng.choice(intents)
        findings.append({"call_id": f"call-{rng.randrange(n_calls):04d}", "turn": 2, "role": "staff", "agent_id": agent,
                         "team": teams[agent], "timestamp": None, "rule": f"rule.{intent}", "intent": intent,
                         "category": "attitude", "level": LEVELS[i % 3], "match": "不知道", "offset": 3, "end_offset": 6,
                         "message": "別說不知道" if traditional else "别说不知道",
                         "suggestion": "我幫您查一下" if traditional else "我帮您查一下"})
    summary = []
    per_agent = Counter(f["agent_id"] for f in findings)
    for agent in agents:
        turns = 100 + agents.index(agent)
        summary.append({"scope": "agent", "key": agent, "staff_turns": turns, "calls": 10, "findings": per_agent[agent],
                        "errors": 0, "per_100_staff_turns": 100 * per_agent[agent] / turns, "calls_with_error": 1,
                        "calls_missing_required": 1})
    for team in sorted(set(teams.values())):
        summary.append({"scope": "team", "key": team, "staff_turns": 300, "calls": 40, "findings": 10, "errors": 1,
                        "per_100_staff_turns": 3.3, "calls_with_error": 2, "calls_missing_required": int(team[-1]) * 5})
    for d in range(n_days):
        summary.append({"scope": "day", "key": (datetime.date(2026, 1, 1) + datetime.timedelta(days=d)).isoformat(), "staff_turns": 50, "calls": 5,
                        "findings": d, "errors": 0, "per_100_staff_turns": 2 * d, "calls_with_error": 0,
                        "calls_missing_required": 0})
    for intent in intents:
        summary.append({"scope": "rule", "key": f"rule.{intent}", "staff_turns": 0, "calls": 0, "findings": 3,
                        "errors": 1, "per_100_staff_turns": 0.0, "calls_with_error": 1, "calls_missing_required": 0})
    return findings, summary, calls


def build(tmp_path, *args, name="audit.html", **options) -> tuple[str, Page]:
    path = tmp_path / name
    write_dashboard(path, *args, **options)
    text = path.read_text("utf-8")
    return text, Page(text)


def test_the_page_parses_and_loads_nothing_from_the_network(tmp_path):
    text, page = build(tmp_path, *rows())
    assert not page.problems, page.problems[:5]
    assert text.startswith("<!DOCTYPE html>")
    sources = [attributes.get(key) or "" for _, attributes in page.tags for key in ("src", "href")]
    assert not [s for s in sources if re.match(r"\s*(https?:)?//", s)]
    assert not any(tag in ("link", "iframe", "img") for tag, _ in page.tags)
    assert text.count(get_plotlyjs()) == 1  # plotly.js inlined, once
    assert len(page.figures()) == 4 and all(f["data"] for f in page.figures())


def test_the_charts_carry_the_top_intent_and_the_worst_agent(tmp_path):
    findings, summary, calls = rows()
    _, page = build(tmp_path, findings, summary, calls)
    figures = {f["id"]: f for f in page.figures()}
    top_intent = Counter(f["intent"] for f in findings).most_common(1)[0][0]
    assert figures["pl-chart-0"]["data"][0]["y"][0] == top_intent
    agent_rows = [r for r in summary if r["scope"] == "agent"]
    worst = max(agent_rows, key=lambda r: r["per_100_staff_turns"])["key"]
    assert figures["pl-chart-1"]["data"][0]["y"][0] == worst
    teams = figures["pl-chart-3"]["data"][0]
    assert teams["y"][0] == "team-2" and teams["x"][0] == pytest.approx(100 * (1 - 10 / 40))  # lowest first
    assert "2026-01-01" in figures["pl-chart-2"]["data"][0]["x"]
    assert "rule." + top_intent in page.text  # the top rules table


def test_text_from_the_data_is_escaped(tmp_path):
    findings, summary, calls = rows(n_findings=3, n_calls=1)
    hostile = '<img src=x onerror=alert(1)>"&'
    for f in findings:
        f.update(agent_id=hostile, intent=hostile, message="</script><script>alert(2)</script>", suggestion=hostile)
    summary.append({"scope": "agent", "key": hostile, "staff_turns": 1, "calls": 1, "findings": 3, "errors": 1,
                    "per_100_staff_turns": 300.0, "calls_with_error": 1, "calls_missing_required": 0})
    calls["call-0000"][1]["text"] = "这个我不知道<script>alert(3)</script>"
    text, page = build(tmp_path, findings, summary, calls)
    assert not page.problems
    assert "<img" not in text and "alert(2)</script>" not in text and "<script>alert(3)" not in text
    assert sum(tag == "script" for tag, _ in page.tags) == 4  # the figures, the config, plotly.js, ours
    assert hostile in page.text and "<script>alert(3)</script>" in page.text  # shown as written
    assert page.figures()[1]["data"][0]["y"][0] == "&lt;img src=x onerror=alert(1)&gt;\"&amp;"  # plotly's markup


def test_spans_are_marked_at_code_point_offsets(tmp_path):
    text = "𨋢壞咗，呢個我唔知，你等一下"
    start = text.index("我唔知")
    finding = {"call_id": "c", "turn": 2, "role": "staff", "agent_id": "a", "team": "t", "timestamp": None,
               "rule": "r.x", "intent": "i", "category": "c", "level": "error", "match": "我唔知", "offset": start,
               "end_offset": start + 3, "message": "m", "suggestion": None}
    calls = {"c": [{"turn": 1, "role": "customer", "agent_id": "a", "text": "喂"},
                   {"turn": 2, "role": "staff", "agent_id": "a", "text": text}]}
    page_text, _ = build(tmp_path, [finding], [], calls, variant="hk")
    assert re.search(r'<mark class="error">我唔知</mark><sup>1</sup>', page_text)
    assert 'class="advice"' not in page_text  # no suggestion, no "suggestion:" line


def test_a_long_call_shows_the_turns_near_its_findings():
    turns = [{"turn": i, "role": "staff" if i % 2 else "customer", "agent_id": "a", "text": f"第{i}句"} for i in range(200)]
    rows_ = [{"turn": 101, "level": "warning", "offset": 0, "end_offset": 1, "rule": "r", "match": "第"}]
    shown = calls_view._shown_turns(turns, {101})
    assert [t["turn"] for t in shown if isinstance(t, dict)] == [100, 101, 102]
    assert [n for n in shown if isinstance(n, int)] == [100, 97]
    html = calls_view.call_html("x", turns, rows_, dashboard._Words(dashboard.Interface("en").of()))
    assert "100 turns without findings not shown" in html and html.count('class="turn') == 3


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_a_traditional_page_has_no_simplified_interface_string(tmp_path, variant):
    simplified = set(char_tables().simplified_only)
    _, page = build(tmp_path, *rows(traditional=True), variant=variant)
    interface = page.text + json.dumps([{k: v for k, v in f["layout"].items()} for f in page.figures()], ensure_ascii=False)
    interface += "".join(t.get("name", "") + t.get("hovertemplate", "") for f in page.figures() for t in f["data"])
    assert not {c for c in interface if c in simplified}
    assert "質檢看板" in page.text
    _, mainland = build(tmp_path, *rows(traditional=True), name="cn.html")  # the same data, a mainland reader
    assert {c for c in mainland.text if c in simplified}  # the check above can fail


def test_odd_rows_cost_their_own_bar_not_the_page(tmp_path):
    findings, summary, calls = rows(n_findings=30)
    summary += [{"scope": "agent", "key": "agent-odd", "staff_turns": "n/a", "per_100_staff_turns": float("nan")},
                {"scope": "day", "key": "not a day", "findings": 5}, "not a row", None,
                {"scope": "team", "key": "team-odd", "calls": None, "calls_missing_required": "x"}]
    findings += ["not a finding", {"call_id": "call-0001", "level": "fatal", "offset": "x"}]
    calls["call-0002"] = [None, {"turn": "2", "role": None, "text": None}]
    calls["call-0003"] = "not turns"
    _, page = build(tmp_path, findings, summary, calls)
    assert not page.problems and len(page.figures()) == 4
    agents = page.figures()[1]["data"][0]["y"]
    assert "agent-odd" not in agents and agents[0] == "agent-000"  # no staff turns: no rate to rank by
    assert "not a day" not in page.figures()[2]["data"][0]["x"]


def test_english_interface(tmp_path):
    _, page = build(tmp_path, *rows(), lang="en")
    assert "Quality audit" in page.text and "Worst calls" in page.text


def test_no_findings_makes_a_page_that_says_so(tmp_path):
    text, page = build(tmp_path, [], [], {})
    assert not page.problems and "没有发现问题" in page.text
    assert "Plotly" not in text and len(text) < 20_000
    _, english = build(tmp_path, [], [], {}, lang="en", name="en.html")
    assert "No findings" in english.text


def test_a_failing_write_leaves_no_file(tmp_path, monkeypatch):
    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dashboard.os, "fsync", broken)
    with pytest.raises(OSError):
        write_dashboard(tmp_path / "audit.html", *rows(n_findings=5))
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    write_dashboard(tmp_path / "audit.html", *rows(n_findings=5))
    before = (tmp_path / "audit.html").read_bytes()
    monkeypatch.setattr(dashboard.os, "fsync", broken)
    with pytest.raises(OSError):
        write_dashboard(tmp_path / "audit.html", [], [], {})
    assert [p.name for p in tmp_path.iterdir()] == ["audit.html"] and (tmp_path / "audit.html").read_bytes() == before


def test_a_large_audit_stays_a_few_megabytes(tmp_path):
    findings, summary, calls = rows(n_findings=100_000, n_agents=3000, n_days=400, n_calls=5000)
    text, page = build(tmp_path, findings, summary, calls)
    added = len(text.encode("utf-8")) - len(get_plotlyjs().encode("utf-8"))
    assert added < 1_000_000, added  # what the audit adds to plotly.js
    assert "每周问题数" in page.text  # 400 days: drawn per week
    assert text.count('<details class="call"') == calls_view.MAX_CALLS
    weeks = page.figures()[2]["data"][0]["x"]
    assert len(weeks) < 60 and weeks == sorted(weeks)
