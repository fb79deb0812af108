"""The paste page (GET /): staff type or paste a reply, see the discourteous wording highlighted
as they type, each finding's message and suggestions beside it, and the polite version of the
whole reply to copy.

Its words are LABELS, msgids of the message catalogues (i18n/), here and nowhere else. The
page carries them for every locale, so that, as in the paste box, each reply's report is in
the catalogue of that reply's reader (the answer's `variant`); before any reply, the reader
given (?variant=, --variant), else the browser's first Chinese language, else mainland; and
English throughout with ?lang=en or --lang en. The style and script are the package's own
files (static/), read once when the application is made; the page loads nothing from
anywhere else (its Content-Security-Policy says so to the browser too) and uses the system's
fonts.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..cli.paste import CLEAN
from ..cli.strings import NEEDS_ADAPTING, NOTHING_TO_REPLACE, POLITE_HEADING
from ..i18n.catalogue import catalogue
from ..i18n.choice import ENGLISH, LOCALES, N_, Interface
from ..report.html_page import CSS as REPORT_CSS
from ..report.html_page import LABELS as REPORT_LABELS
from ..version import __version__

if TYPE_CHECKING:
    from .app import Service

LABELS = {
    "title": N_("phraselint reply check"),
    "intro": N_("Type or paste the reply you are about to send: wording to improve is highlighted as you type, "
                "with what to say instead and a polite version of the whole reply to copy."),
    "text_label": N_("Your reply"),
    "placeholder": N_("Type or paste a reply here…"),
    "checking": N_("Checking…"),
    "empty": N_("Nothing to check yet."),
    "clean": CLEAN,
    "findings_heading": N_("Wording to improve"),
    "say_instead": N_("Say instead:"),
    "polite_heading": POLITE_HEADING,
    "needs_adapting": NEEDS_ADAPTING,
    "nothing_to_replace": NOTHING_TO_REPLACE,
    "copy": N_("Copy"),
    "copied": N_("Copied."),
    "copy_failed": N_("Could not copy: select the text and copy it by hand."),
    "unreachable": N_("The reply could not be checked: {reason}"),
    "too_long": N_("The reply is too long to check here (at most {limit} bytes)."),
    "turn": REPORT_LABELS["turn"],
    "needs_script": N_("This page needs its own script to check as you type (it uses no network)."),
    "footer": N_("phraselint {version}: the reply is checked by this service and sent nowhere else."),
    "error": N_("error"), "warning": N_("warning"), "suggestion": N_("suggestion"),
}

# What the browser may load for the page: its own script, style and answers, nothing else.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
HTML_LANG = {"zh_Hans_CN": "zh-Hans-CN", "zh_Hant_TW": "zh-Hant-TW", "zh_Hant_HK": "zh-Hant-HK", ENGLISH: "en"}


def labels(locale: str) -> dict[str, str]:
    """The page's words in one locale's catalogue."""
    t = catalogue(locale)
    return {key: t.tr(msgid) for key, msgid in LABELS.items()}


def browser_variant(accept_language: str | None) -> str | None:
    """The reader the browser's first Chinese language names (zh-TW, zh-Hant: tw; zh-HK, zh-MO: hk;
    other zh: cn), or None when it names none."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower().replace("_", "-")
        if tag == "zh" or tag.startswith("zh-"):
            subtags = tag.split("-")[1:]
            if {"hk", "mo"} & set(subtags):
                return "hk"
            if "tw" in subtags or subtags == ["hant"]:
                return "tw"
            return "cn"
    return None


class Page:
    """The page and its two files, made once; the HTML once per locale."""

    def __init__(self, service: Service):
        self.service = service
        static = resources.files(__package__).joinpath("static")
        self.script = static.joinpath("page.js").read_bytes()
        self.style = REPORT_CSS.encode("utf-8") + static.joinpath("page.css").read_bytes()
        self.labels = {locale: labels(locale) for locale in (*LOCALES.values(), ENGLISH)}
        self._pages: dict[tuple[str, str, str | None], bytes] = {}

    def routes(self, guard: Callable) -> list[Route]:
        return [Route("/", guard(self.page), methods=["GET"]),
                Route("/static/page.js", guard(self.js), methods=["GET"]),
                Route("/static/page.css", guard(self.css), methods=["GET"])]

    async def js(self, request: Request) -> Response:
        return Response(self.script, media_type="text/javascript; charset=utf-8", headers=SECURITY_HEADERS)

    async def css(self, request: Request) -> Response:
        return Response(self.style, media_type="text/css; charset=utf-8", headers=SECURITY_HEADERS)

    async def page(self, request: Request) -> Response:
        linters = self.service.linters
        lang = (request.query_params.get("lang") or linters.lang or "zh").lower()
        asked = (request.query_params.get("variant") or "").lower()
        fixed = {"t": "tw"}.get(asked, asked) if asked in (*LOCALES, "t") else linters.base.variant
        first = fixed or browser_variant(request.headers.get("accept-language"))
        ui = Interface(lang if lang in ("zh", ENGLISH) else None, fixed)
        key = (ui.lang, ui.locale(first), fixed)
        body = self._pages.get(key)
        if body is None:
            body = self._pages[key] = self._html(ui.lang, ui.locale(first), fixed).encode("utf-8")
        return HTMLResponse(body, headers=SECURITY_HEADERS)

    def _html(self, lang: str, locale: str, fixed: str | None) -> str:
        words = self.labels[locale]
        say = {key: html.escape(value) for key, value in words.items()}
        config: dict[str, Any] = {
            "lang": lang, "locale": locale, "variant": fixed, "locales": LOCALES, "labels": self.labels,
            "max_body": self.service.max_body, "version": __version__,
        }
        data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")  # nothing in it can end the element
        footer = html.escape(words["footer"].format(version=__version__))
        return f"""<!doctype html>
<html lang="{HTML_LANG[locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title data-label="title">{say["title"]}</title>
<link rel="stylesheet" href="/static/page.css">
</head>
<body data-state="idle">
<main class="paste">
<h1 data-label="title">{say["title"]}</h1>
<p class="intro" data-label="intro">{say["intro"]}</p>
<noscript><p class="needs-script">{say["needs_script"]}</p></noscript>
<div class="columns">
<section class="write">
<label for="pl-text" data-label="text_label">{say["text_label"]}</label>
<div class="editor">
<div id="pl-marks" class="marks" aria-hidden="true"></div>
<textarea id="pl-text" rows="6" spellcheck="false" autofocus placeholder="{say["placeholder"]}"></textarea>
</div>
<p id="pl-status" class="status" role="status" aria-live="polite" data-label="empty">{say["empty"]}</p>
<section id="pl-polite-box" class="polite" hidden>
<div class="polite-head">
<h2 data-label="polite_heading">{say["polite_heading"]}</h2>
<button id="pl-copy" type="button" data-label="copy">{say["copy"]}</button>
<span id="pl-copy-status" class="copy-status" role="status" aria-live="polite"></span>
</div>
<p id="pl-polite-note" class="note" hidden></p>
<div id="pl-polite" class="polite-text"></div>
</section>
</section>
<section class="found">
<h2 data-label="findings_heading">{say["findings_heading"]}</h2>
<ol id="pl-findings" class="findings"></ol>
</section>
</div>
<footer>{footer}</footer>
</main>
<script type="application/json" id="pl-config">{data}</script>
<script src="/static/page.js"></script>
</body>
</html>
"""
