"""The paste box: replies read line by line, findings shown, a polite version offered."""

from __future__ import annotations

import io
import os
import signal
import sys

import pexpect
import pytest

from phraselint.cli import paste as box
from phraselint.cli.paste import polite_version, run_paste
from phraselint.i18n.catalogue import catalogue

MAINLAND = catalogue("zh_Hans_CN")  # the box's words for a simplified reply, as shown
CLEAN, GOODBYE = MAINLAND.tr(box.CLEAN), MAINLAND.tr(box.GOODBYE)

HOLD_ON = "你等一下，我查查。"
DONT_KNOW = "这个我不知道。"
CLEAN_REPLY = "您好，请稍等，我帮您查询。"


def paste(linter, text: str, *, color: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_paste(linter, io.StringIO(text), out, color=color)
    return code, out.getvalue()


def polite_block(output: str) -> str:
    """The lines after the first '礼貌的说法：' heading, up to the blank line that ends them."""
    after = output.split("礼貌的说法：\n", 1)[1]
    return after.split("\n\n", 1)[0]


def test_two_replies_then_q(linter):
    code, output = paste(linter, f"{HOLD_ON}\n你的快递到了。\n\n{CLEAN_REPLY}\n\nq\n")
    assert code == 0
    assert "回复> " in output and "... " in output  # first-line and continuation prompts
    assert "telephone.hold-on" in output and "courtesy.address-as-nin" in output
    assert "回复:1:1:" in output and "回复:2:1:" in output  # findings located in the reply
    assert "→ 请稍等" in output and "→ 麻烦您等等" in output  # suggestions
    # the polite version keeps the reply's line break
    assert polite_block(output) == "请稍等，我查查。\n您的快递到了。"
    assert output.count(CLEAN) == 1
    assert output.rstrip().endswith(GOODBYE)
    assert "\x1b[" not in output


def test_suggestion_without_drop_in_fix_goes_into_polite_version(linter):
    code, output = paste(linter, f"{DONT_KNOW}\n\n")
    assert code == 0
    assert "inquiry.dont-know" in output
    # a sentence rewrite replaces the clause that holds the hit (not only the span: the
    # garbled 这个我不好意思，… once pinned here), without a doubled 。
    assert polite_block(output) == "不好意思，这方面我不太清楚，我帮您查询后回复您。"
    assert "建议说法" in output  # the person is told to adapt it
    assert output.rstrip().endswith(GOODBYE)


def test_polite_version_of_the_issue_reply(linter):
    text = "这个我不知道，你去问别人吧"
    polite, suggested = polite_version(linter, text, linter.check(text))
    # one answer, one next step: the second clause's promise would contradict the first
    assert polite == "不好意思，这方面我不太清楚，我帮您查询后回复您。"
    assert suggested


def test_polite_version_combines_fixes_and_suggestions(linter):
    text = "你等一下。\n这个我不知道"
    findings = linter.check(text)
    polite, suggested = polite_version(linter, text, findings)
    assert polite == "请稍等。\n不好意思，这方面我不太清楚，我帮您查询后回复您。"
    assert suggested
    coloured, _ = polite_version(linter, text, findings, color=True)
    assert "\x1b[32m" in coloured and "请稍等" in coloured


@pytest.mark.parametrize("ending", ["", "\n", f"{HOLD_ON}", f"{HOLD_ON}\n"])
def test_end_of_input_ends_cleanly(linter, ending):
    code, output = paste(linter, ending)
    assert code == 0
    assert output.rstrip().endswith(GOODBYE)
    if ending.strip():  # a reply cut short by end of input is still checked
        assert "请稍等，我查查。" in output


@pytest.mark.parametrize("word", ["q", "quit", "exit", "Q", "ｑ"])
def test_quit_words(linter, word):
    code, output = paste(linter, f"{word}\n{HOLD_ON}\n\n")
    assert code == 0
    assert "telephone.hold-on" not in output
    assert output.rstrip().endswith(GOODBYE)


def test_q_inside_a_reply_is_text(linter):
    code, output = paste(linter, f"{HOLD_ON}\nq\n\n")
    assert code == 0
    assert "请稍等，我查查。\nq" in output


def test_keyboard_interrupt_ends_cleanly(linter):
    class Interrupting(io.StringIO):
        def readline(self, *args):
            raise KeyboardInterrupt

    out = io.StringIO()
    assert run_paste(linter, Interrupting(), out, color=False) == 0
    assert out.getvalue().rstrip().endswith(GOODBYE)


def test_colour_marks_spans_and_replacements(linter):
    code, output = paste(linter, f"{HOLD_ON}\n\n", color=True)
    assert code == 0
    assert "\x1b[" in output
    assert "\x1b[32m\x1b[1m请稍等\x1b[0m，我查查。" in output  # the replacement in green


# Through a real pseudo-terminal: the command as staff run it.

def _as_a_foreground_job() -> None:
    """Run in the child before it starts: Ctrl-C interrupts it, as it does a command typed at a
    shell. A test run started in the background by a script (`pytest &`, a runner that starts
    several suites at once) ignores SIGINT, a child inherits that, and Python then leaves it
    ignored: ^C did nothing and the test waited out its timeout."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(*args: str) -> pexpect.spawn:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm"
    return pexpect.spawn(sys.executable, ["-m", "phraselint", *args], env=env, encoding="utf-8", timeout=30,
                         preexec_fn=_as_a_foreground_job)


def _converse(child: pexpect.spawn) -> None:
    child.expect("Ctrl-C")  # the banner
    child.expect("回复> ")
    child.sendline(HOLD_ON)
    child.sendline("")
    child.expect("telephone.hold-on")
    child.expect("礼貌的说法")
    child.expect("请稍等")
    child.expect("回复> ")
    seen = child.before
    child.sendline(CLEAN_REPLY)
    child.sendline("")
    child.expect("没有发现不礼貌的说法")
    child.expect("回复> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "\x1b[" in seen  # coloured on a terminal
    assert "Traceback" not in seen + child.before


def test_terminal_paste_command():
    _converse(_spawn("paste"))


def test_terminal_no_arguments_opens_the_paste_box():
    _converse(_spawn())


def _interrupt_at_the_prompt(child: pexpect.spawn) -> None:
    child.expect("回复> ")  # printed once the box reads: everything before it is set up
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus in (0, 130), output
    assert "Traceback" not in output
    assert GOODBYE in output


def test_terminal_ctrl_c_exits_cleanly():
    _interrupt_at_the_prompt(_spawn("paste"))


def test_terminal_ctrl_c_exits_cleanly_when_the_tests_were_started_in_the_background():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # what `python -m pytest &` in a script inherits
    try:
        child = _spawn("paste")
    finally:
        signal.signal(signal.SIGINT, previous)
    _interrupt_at_the_prompt(child)
