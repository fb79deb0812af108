"""The language server's diagnostics as JSON-ready dicts: exactly what lsprotocol's converter
would write for the same diagnostic (field names, order, omitted fields), and reused from the
last check only while they still hold."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types as lsp
from lsprotocol.converters import get_converter

from phraselint.lsp.diagnostics import problem, publication
from phraselint.lsp.documents import check_document
from phraselint.lsp.positions import Positions
from phraselint.lsp.projects import Projects

TEXT = "您好，这个我不知道，你等一下。\n电梯𨋢坏了，你去问保安部吧。\n请问您有什么需要帮助的吗？\n你等一下"


def test_payloads_are_what_the_converter_writes(tmp_path):
    converter = get_converter()
    checked = check_document(Projects(str(tmp_path)), (tmp_path / "a.txt").as_uri(), TEXT, 1, "plaintext", "utf-16", None)
    assert len(checked.diagnostics) >= 3
    for data in checked.diagnostics + [problem("phraselint: broken", "phraselint.config")]:
        again = converter.unstructure(converter.structure(data, lsp.Diagnostic))
        assert json.dumps(again) == json.dumps(data)
    assert any("codeDescription" in data for data in checked.diagnostics)
    assert {data["severity"] for data in checked.diagnostics} <= {1, 2, 3}


def test_unchanged_findings_reuse_their_diagnostics(tmp_path):
    projects, uri = Projects(str(tmp_path)), (tmp_path / "a.txt").as_uri()
    first = check_document(projects, uri, TEXT, 1, "plaintext", "utf-16", None)
    edited = TEXT.replace("电梯𨋢坏了", "电梯坏了")  # line 2 loses an astral character: its columns move
    second = check_document(projects, uri, edited, 2, "plaintext", "utf-16", None, first)
    assert len(second.diagnostics) == len(first.diagnostics)
    line_of = lambda data: data["range"]["start"]["line"]
    for old, new in zip(first.diagnostics, second.diagnostics):
        assert (new is old) == (line_of(new) != 1 or new == old), (old, new)
    assert any(line_of(new) != 1 and new is old for old, new in zip(first.diagnostics, second.diagnostics))
    moved = [new for old, new in zip(first.diagnostics, second.diagnostics) if line_of(new) == 1 and new != old]
    assert moved and all(new["range"]["end"]["character"] < old["range"]["end"]["character"]
                         for old, new in zip(first.diagnostics, second.diagnostics) if line_of(new) == 1 and new != old)
    other = check_document(projects, uri, edited, 3, "plaintext", "utf-16", "en", second)  # another interface language
    assert all(new is not old for old, new in zip(second.diagnostics, other.diagnostics))


def test_an_edit_is_checked_around_the_change_and_gives_a_fresh_checks_diagnostics(tmp_path):
    """A document checked after an edit (engine/incremental.py) publishes exactly what a
    check of the edited text from nothing publishes, in a plain file and a Markdown one
    (whose reader masks code and markup before the engine sees the text)."""
    projects = Projects(str(tmp_path))
    for name, language in (("long.txt", "plaintext"), ("long.md", "markdown")):
        lines = TEXT.split("\n") * 100 + ["```", "你等一下", "```", "<!-- phraselint-disable-next-line -->", "你等一下"]
        uri = (tmp_path / name).as_uri()
        previous = check_document(projects, uri, "\n".join(lines), 1, language, "utf-16", None)
        for version, (at, line) in enumerate([(150, "你等一下，这个我不知道"), (151, ""), (2, "𨋢𨋢你等一下"), (-2, "你等一下吧")], 2):
            edited = list(lines)
            edited[at] = line
            checked = check_document(projects, uri, "\n".join(edited), version, language, "utf-16", None, previous)
            fresh = check_document(projects, uri, "\n".join(edited), version, language, "utf-16", None)
            assert checked.engine is not None and checked.engine.rechecked not in (None, (0, 0))
            assert checked.findings == fresh.findings and checked.diagnostics == fresh.diagnostics
            previous, lines = checked, edited


@given(st.text(st.sampled_from("ab这𨋢𠝹\r\n"), max_size=60), st.data())
def test_utf16_columns_count_two_units_for_each_character_outside_the_bmp(text, data):
    positions = Positions(text, "utf-16")
    offset = data.draw(st.integers(0, len(text)))
    line, character = positions.position(offset)
    start = positions.starts[line]
    offset = min(offset, positions.ends[line])
    assert character == len(text[start:offset].encode("utf-16-le")) // 2
    assert positions.offset(line, character) == offset


def test_the_published_body_is_what_json_dumps_writes(tmp_path):
    checked = check_document(Projects(str(tmp_path)), (tmp_path / "a.txt").as_uri(), TEXT, 1, "plaintext", "utf-16", None)
    uri = (tmp_path / "某 \"引号\" 𨋢.txt").as_uri() + "?x=\\"
    for version, diagnostics, texts in ((7, checked.diagnostics, checked.made.texts), (None, [], [])):
        params = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        expected = json.dumps({"params": params, "method": lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, "jsonrpc": "2.0"})
        assert publication(uri, texts, version) == expected
