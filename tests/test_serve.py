"""`phraselint serve` end to end: the real command on an ephemeral loopback port, spoken to over
HTTP with httpx. Its answers are the library's (the JSON contract's findings, Linter.rewrite's
polite version), its refusals are clear JSON with the right status and never a traceback, its
OpenAPI description holds its real answers, and SIGHUP reloads the packs."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jsonschema
import pytest

from phraselint import Linter
from phraselint.serve.page import browser_variant
from phraselint.serve.requests import parse_size

REPLY = "这个我不知道，你等一下，我问问别人。"


class Served:
    """A `phraselint serve` process and a client for it."""

    def __init__(self, args: list[str], cwd: Path):
        self.process = subprocess.Popen([sys.executable, "-m", "phraselint", "serve", "--port", "0", *args], cwd=cwd,
                                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8")
        self.log: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                raise AssertionError(f"serve ended before listening: {''.join(self.log)}")
            self.log.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if found:
                self.url = found.group(1).rstrip("/")
                break
        else:
            raise AssertionError("serve did not start listening within two minutes")
        self.client = httpx.Client(base_url=self.url, timeout=60, trust_env=False)

    def post(self, path: str, body) -> httpx.Response:
        return self.client.post(path, json=body)

    def stop(self) -> str:
        """Stop it as a service manager does (SIGTERM): it shuts down cleanly, then ends as the
        signal's default would (uvicorn's convention); what it logged."""
        self.client.close()
        self.process.send_signal(signal.SIGTERM)
        _, rest = self.process.communicate(timeout=30)
        assert self.process.returncode in (0, -signal.SIGTERM), rest
        return "".join(self.log) + rest


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = Served([], tmp_path_factory.mktemp("serve"))
    yield server
    log = server.stop()
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def openapi(served) -> dict:
    return served.client.get("/openapi.json").json()


def holds(openapi: dict, name: str, value) -> None:
    """`value` is valid for the description's schema `name`."""
    jsonschema.validate(value, {"$ref": f"#/components/schemas/{name}", "components": openapi["components"]})


def test_check_answers_the_json_contracts_findings(served, openapi, linter):
    answer = served.post("/v1/check", {"text": REPLY})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    holds(openapi, "CheckResponse", body)
    assert body["findings"] == [f.to_dict() for f in linter.check(REPLY)]
    assert {f["rule"] for f in body["findings"]} >= {"inquiry.dont-know", "telephone.hold-on"}
    assert all(REPLY[f["offset"]:f["end_offset"]] == f["match"] for f in body["findings"])
    assert (body["script"], body["variant"], body["kind"], body["turns"]) == ("simplified", "cn", None, 0)


def test_offsets_count_code_points_beyond_the_bmp(served, linter):
    text = "𨋢壞咗，呢個我唔知"
    body = served.post("/v1/check", {"text": text}).json()
    assert body["findings"] == [f.to_dict() for f in linter.check(text)]
    assert body["findings"] and all(text[f["offset"]:f["end_offset"]] == f["match"] for f in body["findings"])


@pytest.mark.parametrize("text, variant", [(REPLY, None), ("這個我不知道，你等一下", None), ("这个我不知道", "hk"),
                                           ("你冷静一些吧，我说了不关我的事", "tw")])
def test_rewrite_answers_linter_rewrite(served, openapi, text, variant):
    body = served.post("/v1/rewrite", {"text": text, "variant": variant}).json()
    holds(openapi, "Polite", body)
    assert body["text"] == Linter(variant=variant).rewrite(text)
    assert body["text"] != text and body["changed"] >= 1
    assert "".join(piece["text"] for piece in body["pieces"]) == body["text"]


def test_check_with_polite_gives_both_in_one_answer(served, openapi):
    body = served.post("/v1/check", {"text": REPLY, "polite": True}).json()
    holds(openapi, "CheckResponse", body)
    assert body["polite"] == served.post("/v1/rewrite", {"text": REPLY}).json()


def test_the_reader_asked_for_writes_the_findings(served, linter):
    body = served.post("/v1/check", {"text": "这个我不知道", "variant": "tw"}).json()
    assert body["variant"] == "tw"
    assert body["findings"] == [f.to_dict() for f in Linter(variant="tw").check("这个我不知道")]
    assert "查詢" in body["findings"][0]["suggestions"][0]


def test_kind_level_and_roles_reach_the_linter(served):
    call = "甲：您好，请问有什么可以帮您？\n乙：这个我不知道，你等一下。\n甲：好的。"
    plain = served.post("/v1/check", {"text": call}).json()  # labels it does not know: not read as a transcript
    assert plain["turns"] == 0 and {f["rule"] for f in plain["findings"]} >= {"inquiry.dont-know"}
    with_roles = served.post("/v1/check", {"text": call, "roles": {"staff": ["甲"], "customer": ["乙"]}}).json()
    assert (with_roles["kind"], with_roles["turns"], with_roles["findings"]) == ("dialogue", 3, [])  # 乙 is the owner
    assert served.post("/v1/check", {"text": call}).json() == plain  # the roles were this request's only
    phone = served.post("/v1/check", {"text": "客服：喂？\n业主：停水了。\n客服：这个我不知道。", "kind": "phone"}).json()
    assert phone["kind"] == "phone"
    assert any("缺少" in f["message"] for f in phone["findings"])  # required wording left out: a phone check
    errors = served.post("/v1/check", {"text": REPLY, "level": "error"}).json()
    assert errors["findings"] and {f["level"] for f in errors["findings"]} == {"error"}


def test_rules_and_health(served, openapi, linter):
    rules = served.client.get("/v1/rules").json()
    jsonschema.validate(rules, openapi["paths"]["/v1/rules"]["get"]["responses"]["200"]["content"]["application/json"]
                        ["schema"] | {"components": openapi["components"]})
    assert [r["id"] for r in rules["rules"]] == [r.id for r in linter.rules]
    health = served.client.get("/healthz").json()
    holds(openapi, "Health", health)
    assert health["status"] == "ok" and health["rules"] == len(linter.rules) and health["reloads"] == 0


def test_the_description_lists_exactly_the_routes(served, openapi):
    from phraselint.cli.options import LinterOptions
    from phraselint.serve.app import Service, create_app
    from phraselint.serve.linters import Linters

    app = create_app(Service(Linters.build(LinterOptions())))
    described = set(openapi["paths"])
    assert {route.path for route in app.routes} - {"/static/page.js", "/static/page.css"} == described
    for path in described:
        method = next(iter(openapi["paths"][path]))
        answer = served.client.request(method.upper(), path, json={"text": "您好"} if method == "post" else None)
        assert answer.status_code == 200, path


BAD_BODIES = [
    (b'{"text": "x"', 400, "not valid JSON"),
    (b"", 400, "empty"),
    ("{\"text\": \"这\"}".encode("gbk"), 400, "not UTF-8"),
    (b'["text"]', 422, "JSON object"),
    (b'{"txt": "x"}', 422, "unknown field 'txt'"),
    (b'{"kind": "reply"}', 422, '"text" is required'),
    (b'{"text": 5}', 422, '"text" must be a string, not a number'),
    (b'{"text": "x", "kind": "letter"}', 422, '"kind" must be one of'),
    (b'{"text": "x", "variant": "sg"}', 422, '"variant" must be one of'),
    (b'{"text": "x", "roles": ["staff"]}', 422, '"roles" must be an object'),
    (b'{"text": "x", "roles": {"staff": [""]}}', 422, '"roles.staff" must be a list'),
    (b'{"text": "x", "polite": "yes"}', 422, '"polite" must be true or false'),
    (b'{"text": "\\ud800"}', 422, "lone surrogate"),
    (b'[' * 100_000 + b']' * 100_000, 400, "not valid JSON"),
]


@pytest.mark.parametrize("body, status, says", BAD_BODIES, ids=[says for _, _, says in BAD_BODIES])
def test_bad_bodies_get_a_clear_answer(served, openapi, body, status, says):
    answer = served.client.post("/v1/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == status
    holds(openapi, "Error", answer.json())
    assert says in answer.json()["error"]["message"] and "Traceback" not in answer.text
    assert served.client.get("/healthz").status_code == 200


def test_a_body_over_the_limit_is_refused_unread(served):
    big = json.dumps({"text": "您好" * 400_000}).encode()  # 2.4 MB of JSON escapes: over 1 MB
    answer = served.client.post("/v1/check", content=big, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413 and "at most 1048576" in answer.json()["error"]["message"]

    def chunks():  # no Content-Length: refused while it arrives
        for start in range(0, len(big), 65536):
            yield big[start:start + 65536]

    answer = served.client.post("/v1/rewrite", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413 and "over 1048576 bytes" in answer.json()["error"]["message"]
    assert served.post("/v1/check", {"text": "您好" * 50_000}).status_code == 200  # under it: checked


def test_unknown_paths_methods_and_hosts(served):
    missing = served.client.get("/v2/check")
    assert missing.status_code == 404 and "no such endpoint: /v2/check" in missing.json()["error"]["message"]
    wrong = served.client.get("/v1/check")
    assert wrong.status_code == 405 and "GET is not accepted" in wrong.json()["error"]["message"]
    # a loopback service answers loopback names only: a page elsewhere cannot reach it by DNS rebinding
    assert served.client.get("/healthz", headers={"Host": "attacker.example"}).status_code == 400
    assert served.client.get("/healthz", headers={"Host": "localhost:1"}).status_code == 200


def test_concurrent_requests_each_get_their_own_answer(served, linter):
    texts = [f"第{n}位业主您好，{'这个我不知道' if n % 2 else '请稍等'}" for n in range(60)]

    async def ask_all():
        async with httpx.AsyncClient(base_url=served.url, timeout=60, trust_env=False) as client:
            answers = await asyncio.gather(*(client.post("/v1/check", json={"text": t}) for t in texts))
        return [a.json()["findings"] for a in answers]

    assert asyncio.run(ask_all()) == [[f.to_dict() for f in linter.check(t)] for t in texts]


def test_the_page_loads_nothing_from_elsewhere(served):
    page = served.client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "phraselint 回复检查" in page.text and 'lang="zh-Hans-CN"' in page.text
    for part in (page.text, served.client.get("/static/page.js").text, served.client.get("/static/page.css").text):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(", part, re.I)


def test_the_page_speaks_the_readers_language(served):
    assert 'lang="zh-Hant-TW"' in served.client.get("/", headers={"Accept-Language": "zh-TW,zh;q=0.8"}).text
    hong_kong = served.client.get("/", headers={"Accept-Language": "en-GB, zh-HK;q=0.7"}).text
    assert 'lang="zh-Hant-HK"' in hong_kong and "回覆檢查" in hong_kong
    english = served.client.get("/?lang=en").text
    assert 'lang="en"' in english and "phraselint reply check" in english
    config = json.loads(re.search(r'<script type="application/json" id="pl-config">(.*?)</script>', english).group(1))
    assert set(config["labels"]) == {"zh_Hans_CN", "zh_Hant_TW", "zh_Hant_HK", "en"}
    assert config["labels"]["zh_Hant_TW"]["copy"] == "複製" and config["lang"] == "en"
    assert json.loads(re.search(r'id="pl-config">(.*?)</script>',
                                served.client.get("/?variant=hk").text).group(1))["variant"] == "hk"


def test_sighup_reloads_the_packs_and_a_broken_reload_keeps_serving(tmp_path):
    config = tmp_path / ".phraselint.yaml"
    config.write_text("disable: [telephone]\n", encoding="utf-8")
    server = Served(["--config", str(config), "--max-body", "2KB"], tmp_path)
    try:
        rules = lambda: {f["rule"] for f in server.post("/v1/check", {"text": REPLY}).json()["findings"]}  # noqa: E731
        assert "telephone.hold-on" not in rules() and "inquiry.dont-know" in rules()
        assert server.post("/v1/check", {"text": "您" * 1000}).status_code == 413  # 3 KB of UTF-8: over 2 KB
        assert server.post("/v1/check", {"text": "您" * 600}).status_code == 200

        def reloaded(count: int) -> dict:
            server.process.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                health = server.client.get("/healthz").json()
                if health["reloads"] == count or health["reload_error"]:
                    return health
                time.sleep(0.1)
            raise AssertionError("no reload within a minute")

        config.write_text("disable: [courtesy]\n", encoding="utf-8")
        health = reloaded(1)
        assert health["reloads"] == 1 and health["reload_error"] is None
        assert "telephone.hold-on" in rules()
        config.write_text("disable: [no-such-rule]\n", encoding="utf-8")
        health = reloaded(2)
        assert health["reloads"] == 1 and "no-such-rule" in health["reload_error"]
        assert "telephone.hold-on" in rules()  # still the packs loaded before
    finally:
        log = server.stop()
    assert "reload failed, still serving the packs loaded before" in log and "Traceback" not in log


def test_a_port_in_use_or_a_bad_size_is_a_one_line_error(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = str(taken.getsockname()[1])
        done = subprocess.run([sys.executable, "-m", "phraselint", "serve", "--lang", "en", "--port", port], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
    finally:
        taken.close()
    assert done.returncode == 2 and done.stderr.startswith(f"phraselint: cannot listen on 127.0.0.1:{port}")
    assert len(done.stderr.strip().splitlines()) == 1
    done = subprocess.run([sys.executable, "-m", "phraselint", "serve", "--lang", "en", "--max-body", "lots"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "'lots' is not a size" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "phraselint", "serve", "--max-body", "lots"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "'lots' 不是大小" in done.stderr and "size" not in done.stderr


def test_sizes_and_browser_languages():
    assert [parse_size(s) for s in ("1MB", "256kb", "65536", "2 KB", "10b")] == [1 << 20, 256 << 10, 65536, 2048, 10]
    for bad in ("", "MB", "-1", "1.5MB", "0"):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert [browser_variant(h) for h in ("zh-TW", "zh-Hant", "zh-Hant-HK", "zh-MO", "zh-CN", "zh", "en-US,zh-hk;q=.5",
                                         "en", None)] == ["tw", "tw", "hk", "hk", "cn", "cn", "hk", None, None]


def test_a_bug_is_a_plain_500_and_one_line_in_the_log(caplog):
    """In process (no lifespan, so no signal handler): a Linter that fails answers 500 without a traceback."""
    from phraselint.cli.options import LinterOptions
    from phraselint.serve.app import Service, create_app
    from phraselint.serve.linters import Linters

    linters = Linters.build(LinterOptions())

    def broken(asked):
        raise RuntimeError("a bug")

    linters.for_request = broken
    service = Service(linters)
    try:
        async def ask():
            transport = httpx.ASGITransport(app=create_app(service))
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
                return await client.post("/v1/check", json={"text": "你好"})

        answer = asyncio.run(ask())
    finally:
        service.close()
    assert answer.status_code == 500
    assert answer.json() == {"error": {"status": 500, "message": "internal error: RuntimeError (the service's log has the details)"}}
    logged = [r for r in caplog.records if r.name == "phraselint.serve"]
    assert [r.getMessage() for r in logged] == ["internal error on POST /v1/check: RuntimeError: a bug"]
    assert not logged[0].exc_info


def test_no_endpoint_opens_a_file(monkeypatch):
    """Built at the start, then every endpoint answered with opening a file made an error."""
    import builtins
    import io

    from phraselint.cli.options import LinterOptions
    from phraselint.serve.app import Service, create_app
    from phraselint.serve.linters import Linters

    service = Service(Linters.build(LinterOptions()))
    app = create_app(service)
    opened: list[str] = []

    def refuse(file, *args, **kwargs):
        opened.append(str(file))
        raise PermissionError(f"an endpoint opened {file}")

    asks = [("GET", "/", None), ("GET", "/?lang=en&variant=hk", None), ("GET", "/static/page.js", None),
            ("GET", "/healthz", None), ("GET", "/openapi.json", None), ("GET", "/v1/rules", None)]
    for text in ("这个我不知道，你等一下", "這個我不知道，你冷靜一點", "𨋢壞咗，呢個我唔知", "甲：您好\n乙：你自己去问物业吧"):
        for variant in (None, "cn", "tw", "hk"):
            for roles in (None, {"staff": ["乙"]}):
                body = {"text": text, "variant": variant, "roles": roles}
                asks += [("POST", "/v1/check", body | {"polite": True, "kind": "dialogue"}), ("POST", "/v1/rewrite", body)]

    async def ask_all():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.request(method, path, json=body) for method, path, body in asks]

    with monkeypatch.context() as patched:
        for module in (builtins, io):
            patched.setattr(module, "open", refuse)
        patched.setattr(os, "open", refuse)
        answers = asyncio.run(ask_all())
    service.close()
    assert opened == [] and all(a.status_code == 200 for a in answers)


def test_the_description_takes_the_fields_the_service_reads(openapi):
    from phraselint.serve.requests import CHECK_FIELDS, REWRITE_FIELDS

    schemas = openapi["components"]["schemas"]
    assert list(schemas["CheckRequest"]["properties"]) == list(CHECK_FIELDS)
    assert list(schemas["RewriteRequest"]["properties"]) == list(REWRITE_FIELDS)


def test_without_the_serve_extra_it_says_what_to_install(tmp_path):
    hide = "import sys; sys.modules['uvicorn'] = None; from phraselint.cli.launch import main; main()"
    done = subprocess.run([sys.executable, "-c", hide, "serve", "--lang", "en", "--port", "0"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "phraselint: phraselint serve needs the serve extra (uvicorn is missing): pip install 'phraselint[serve]'\n"
