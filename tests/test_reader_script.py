"""The reader's script and region: chosen from the text (script, regional wording) or given with
--variant, and every word of the output written in it (rules' texts with OpenCC's regional
converters, interface strings from the catalogues)."""

from __future__ import annotations

import base64
import gzip
import io
import json
import re

import pytest
from click.testing import CliRunner

from phraselint import Linter
from phraselint.cli.app import cli
from phraselint.cli.paste import run_paste
from phraselint.i18n.catalogue import catalogue
from phraselint.i18n.choice import Interface
from phraselint.report.html import labels
from phraselint.report.html_page import SCRIPT
from phraselint.text.opencc_tables import char_tables
from phraselint.text.script import ScriptWriter, reader_variant

TAIWAN = "這個我不知道，你等一下，我去查查看"
HONG_KONG = "呢個我唔知，你等一下，我幫你睇睇"
DIALOGUE = "客服：這個我不知道\n業主：好吧\n客服：你等一下\n"


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def simplified_only(text: str) -> set[str]:
    table = set(char_tables().simplified_only)
    return {c for c in text if c in table}


def test_regional_converters_write_what_each_region_reads():
    writer = ScriptWriter()
    words = "为这里核对"
    assert writer.write(words, "traditional", "tw") == "為這裡核對"
    # Hong Kong writes 裏 (香港小學學習字詞表), but neither region writes 爲 or 覈
    assert writer.write(words, "traditional", "hk") == "為這裏核對"
    for region in ("tw", "hk"):
        assert not set("爲覈") & set(writer.write(words, "traditional", region))
    assert writer.write("软件", "traditional", "tw") == "軟體"  # Taiwan's phrases, not only its characters


@pytest.mark.parametrize("script, counts, votes, variant", [
    ("simplified", (0, 3), (0, 0), "cn"),
    ("simplified", (0, 3), (2, 0), "cn"),  # simplified script is the mainland's, whatever its words
    ("traditional", (3, 0), (0, 0), "tw"),
    ("traditional", (3, 0), (2, 1), "hk"),
    ("simplified", (0, 0), (0, 0), "cn"),  # no script-specific character, no regional word
    ("simplified", (0, 0), (1, 0), "hk"),
    ("simplified", (0, 0), (0, 1), "tw"),
    ("mixed", (5, 5), (0, 0), "cn"),
])
def test_whose_text_it_is(script, counts, votes, variant):
    assert reader_variant(script, counts, votes) == variant


def test_the_linter_tells_the_reader_from_the_text(linter):
    assert linter.check_text("这个我不知道").variant == "cn"
    assert linter.check_text(TAIWAN).variant == "tw"
    assert linter.check_text(HONG_KONG).variant == "hk"
    assert linter.check_text("你等一下").variant == "cn"


def test_a_traditional_text_gets_regional_forms_not_opencc_standard(linter):
    [finding] = [f for f in linter.check("這裏我不知道") if f.rule == "inquiry.dont-know"]
    assert all(not set("爲覈") & set(s) for s in finding.suggestions)
    assert not simplified_only(finding.message)


def test_the_variant_given_is_honoured_for_text_without_script_specific_characters():
    result = run(["check", "--variant", "tw", "-"], input="你等一下")
    assert any(line.strip() in ("→ 請稍候", "→ 請稍等") for line in result.output.splitlines())
    assert not simplified_only(result.output)
    hk = Linter(variant="hk").check("你等一下")
    assert hk[0].suggestions[0] in ("請稍候", "請稍等") and not simplified_only(hk[0].message)
    assert Linter(variant="t").variant == "tw"  # the old name of the variant


@pytest.mark.parametrize("text", [TAIWAN, HONG_KONG, DIALOGUE], ids=["taiwan", "hong-kong", "dialogue"])
@pytest.mark.parametrize("output_format", ["text", "html", "github", "sarif", "csv"])
def test_every_word_of_the_output_is_in_the_readers_script(text, output_format):
    result = run(["check", "--format", output_format, "-"], input=text)
    assert result.exit_code == 1
    if output_format == "sarif":
        doc = json.loads(result.output)
        assert doc["runs"][0]["results"]
    shown = result.output
    if output_format == "html":  # the findings travel compressed: what the page's script shows of them
        shown += json.dumps(page_data(shown), ensure_ascii=False)
        assert "按" in shown and "篩選" in ui_words(shown)["reset"]
    if output_format == "csv":
        assert len(shown.splitlines()) > 1
    assert not simplified_only(shown), shown


def page_data(page: str) -> list[dict]:
    found = re.search(r'<script id="pl-data" type="application/octet-stream">([A-Za-z0-9+/=]*)</script>', page)
    assert found and found.group(1), "the page carries its findings"
    return [json.loads(line) for line in gzip.decompress(base64.b64decode(found.group(1))).decode("utf-8").splitlines()]


def ui_words(page: str) -> dict[str, str]:
    """The words the page's script shows (filters, sorting, counts, badges), as the page carries them."""
    found = re.search(r'<script id="pl-ui" type="application/json">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def test_the_page_script_holds_no_word_of_its_own():
    """Every word the script shows comes from the page's translated labels: none is written in it."""
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", SCRIPT)


@pytest.mark.parametrize("text, locale", [(TAIWAN, "zh_Hant_TW"), (HONG_KONG, "zh_Hant_HK"), ("这个我不知道", "zh_Hans_CN")])
def test_the_page_speaks_its_readers_words(text, locale):
    page = run(["check", "--format", "html", "-"], input=text).output
    assert ui_words(page) == labels(catalogue(locale))
    assert f'lang="{locale.replace("_", "-")}"' in page
    english = run(["check", "--format", "html", "--lang", "en", "-"], input=text).output
    assert ui_words(english)["reset"] == "clear filters" and 'lang="en"' in english
    outside_findings = re.sub(r"<script.*?</script>", "", english, flags=re.S)
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", outside_findings), outside_findings


def test_the_fix_summary_is_in_the_readers_script(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下，這個我不知道。", encoding="utf-8")
    result = run(["fix", str(path)])
    assert "已修復 1 處，剩餘 1 處" in result.stderr
    assert not simplified_only(result.output + result.stderr)


@pytest.mark.parametrize("text", [TAIWAN, HONG_KONG], ids=["taiwan", "hong-kong"])
def test_the_paste_box_answers_in_the_replys_script(linter, text):
    out = io.StringIO()
    run_paste(linter, io.StringIO(f"{text}\n\nq\n"), out, color=False)
    banner, _, answer = out.getvalue().partition("\n\n")  # the banner is shown before any reply is read
    assert "回覆:1:" in answer and "錯誤" in answer and "發現" in answer
    assert not simplified_only(answer), answer
    assert answer.rstrip().endswith("再見！")


def test_the_paste_box_in_english(linter):
    out = io.StringIO()
    run_paste(linter, io.StringIO("你等一下\n\nq\n"), out, color=False, ui=Interface("en"))
    shown = out.getvalue()
    assert "Type q or press Ctrl-C to quit." in shown and "Polite version:" in shown and "reply:1:1: warning" in shown


def test_the_polite_version_is_written_for_the_reader():
    assert run(["rewrite", "--variant", "tw", "-"], input="你等一下").output.strip() in ("請稍候", "請稍等")
    for text in (TAIWAN, HONG_KONG):
        result = run(["rewrite", "-"], input=text)
        assert result.output.strip() != text and not simplified_only(result.output + result.stderr), result.output


def test_a_hong_kong_reply_reads_hong_kong_interface_words():
    result = run(["check", "--format", "html", "-"], input=HONG_KONG)
    assert "檢查報告" in result.output and 'lang="zh-Hant-HK"' in result.output
    assert "錯誤" in result.output


def test_explain_is_written_for_the_reader():
    result = run(["explain", "--variant", "hk", "telephone.hold-on"])
    assert result.exit_code == 0
    assert "原因：" in result.output
    assert not simplified_only(result.output)
    mainland = run(["explain", "telephone.hold-on"]).output
    assert "原因：" in mainland and "建议改说：" in mainland
