"""The fast boundary check equals jieba: same words, and the same verdict for every candidate
as a segmentation of the whole text by jieba itself (dictionary only, no HMM)."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from phraselint.engine.candidates import find_candidates
from phraselint.report.evaluate import load_corpus
from phraselint.text.normalise import normalise
from phraselint.text.segmenter import Segmenter

CORPORA = sorted((Path(__file__).resolve().parent.parent / "corpora").glob("*.jsonl"))


@pytest.fixture(scope="module")
def reference():
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def texts():
    return [normalise(item.text).text for item in load_corpus(CORPORA)]


def test_the_same_words_as_jieba_on_every_corpus_text(reference, texts):
    segmenter = Segmenter()
    differing = [t for t in texts if segmenter.cut(t) != reference.lcut(t, HMM=False)]
    assert not differing, differing[:3]


def test_the_same_boundary_verdicts_as_whole_text_jieba_for_every_candidate(reference, texts, linter):
    fast = Segmenter()
    checked = 0
    for text in texts:
        ends = {0}
        position = 0
        for word in reference.lcut(text, HMM=False):
            position += len(word)
            ends.add(position)
        for candidate in find_candidates(linter.compiled, text):
            expected = candidate.start in ends and candidate.end in ends
            assert fast.on_boundaries(text, candidate.start, candidate.end) == expected, (text, candidate)
            checked += 1
    assert checked > 1000


def test_english_and_digits_segment_like_jieba(reference):
    text = "请在3-1502室门口等一下，wifi密码是abc123。Room 5 OK?\r\n你好"
    assert Segmenter().cut(text) == reference.lcut(text, HMM=False)


def test_compiled_packs_are_cached_and_a_changed_pack_is_rebuilt(tmp_path, monkeypatch):
    from phraselint import Linter

    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "p.yaml"
    from .conftest import MINIMAL_RULE, pack_text

    pack.write_text(pack_text(), encoding="utf-8")
    assert [f.rule for f in Linter([str(pack)]).check("你走开")] == ["demo.rude"]
    entries = list((tmp_path / "cache").glob("packs-*.json"))
    assert len(entries) == 1
    changed = MINIMAL_RULE.replace("phrases: [你走开]", "phrases: [你滚开]").replace("bad: [你走开吧]", "bad: [你滚开吧]")
    pack.write_text(pack_text(changed), encoding="utf-8")
    assert [f.rule for f in Linter([str(pack)]).check("你滚开")] == ["demo.rude"]  # stale entry rebuilt
    entries[0].write_bytes(b"not JSON")
    assert [f.rule for f in Linter([str(pack)]).check("你滚开")] == ["demo.rude"]  # corrupt entry rebuilt


def test_building_an_entry_removes_what_other_cache_formats_left(tmp_path, monkeypatch):
    """An upgrade must not leave a 9 MB word index per old format behind; nothing else is touched."""
    from phraselint import Linter
    from phraselint.cache_folder import FORMAT

    from .conftest import pack_text

    cache = tmp_path / "cache"
    cache.mkdir()
    old = str(int(FORMAT) - 1)
    stale = [f"jieba-words-{old}-5071852-1.sqlite", f"opencc-tables-{old}-1-2.pickle", f"packs-{old}-abc.pickle",
             "packs-1c214e3676cc157d59.pickle", f"packs-{old}-abc.json.stamp", f"packs-{FORMAT}-abc.pickle"]
    kept = [f"jieba-words-{FORMAT}-5071852-1.sqlite", "notes.txt", ".tmp-abc", "packsack-1-x.pickle"]
    for name in stale + kept:
        (cache / name).write_bytes(b"x")
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(cache))
    pack = tmp_path / "p.yaml"
    pack.write_text(pack_text(), encoding="utf-8")
    Linter([str(pack)])  # a new compiled-pack entry
    names = {p.name for p in cache.iterdir()}
    assert not names & set(stale)
    assert set(kept) <= names


def test_a_corrupt_word_index_is_rebuilt_silently(tmp_path, monkeypatch, reference):
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path))
    Segmenter().cut("我等一下午了")
    [index] = tmp_path.glob("jieba-words-*.sqlite")
    index.write_bytes(b"garbage")
    assert Segmenter().cut("我等一下午了") == reference.lcut("我等一下午了", HMM=False)


def test_without_a_cache_folder_everything_still_works(monkeypatch, reference):
    monkeypatch.setenv("PHRASELINT_NO_CACHE", "1")
    from phraselint import Linter

    assert [f.rule for f in Linter().check("你等一下") if f.level >= 2] == ["telephone.hold-on"]
    assert Segmenter().cut("我等一下午了") == reference.lcut("我等一下午了", HMM=False)


@pytest.mark.parametrize("xdg", [None, "/tmp/somewhere", "relative/ignored"])
def test_the_default_cache_folder_is_platformdirs_one(monkeypatch, xdg):
    import platformdirs

    from phraselint.cache_folder import default_cache_dir

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert Path(default_cache_dir()) == Path(platformdirs.user_cache_dir("phraselint", appauthor=False))


def _cut_in_a_fresh_process(folder: str) -> list[str]:
    import os

    os.environ["PHRASELINT_CACHE_DIR"] = folder
    return Segmenter().cut("我等一下午了，你等一下")


def test_processes_building_the_word_index_at_once_all_get_a_whole_one(tmp_path, reference):
    # --jobs on a fresh machine: every worker finds no index and builds one at the same time
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_cut_in_a_fresh_process, [str(tmp_path)] * 4)
    assert all(words == reference.lcut("我等一下午了，你等一下", HMM=False) for words in results)
    assert len(list(tmp_path.glob("jieba-words-*.sqlite"))) == 1
    assert not list(tmp_path.glob("*.building"))


def test_an_index_without_its_total_is_rebuilt(tmp_path, monkeypatch, reference):
    import sqlite3

    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path))
    Segmenter().cut("你好")
    [index] = tmp_path.glob("jieba-words-*.sqlite")
    db = sqlite3.connect(index)
    db.execute("DELETE FROM meta")
    db.commit()
    db.close()
    assert Segmenter().cut("我等一下午了") == reference.lcut("我等一下午了", HMM=False)


def test_the_explanation_tokens_shows_agrees_with_the_linter_on_every_corpus_item(linter):
    """`phraselint tokens` shows the checking scan's own verdicts (explain traces scan): every
    candidate is explained, a rejected one with its reason; the explained hits of the active
    rules are the linter's hits, and every finding of a phrase rule is one of them; and a verdict
    on word boundaries is the one `on_boundaries` gives (pinned to whole-text jieba above).
    Each side has its own segmenter: neither answers from the other's memo."""
    from phraselint.engine.combinations import combine
    from phraselint.engine.transcripts import detect_layout
    from phraselint.engine.verify import HIT, INSIDE_WORD, REJECTIONS, explain

    explaining, one_by_one = Segmenter(), Segmenter()
    compiled = linter.compiled
    hits = rejected = 0
    for item in load_corpus(CORPORA):
        norm = linter.normalised(item.text)  # as `tokens` reads it: folded, then through the lexicons
        text = norm.text
        verdicts = explain(compiled, text, explaining)
        assert [v.candidate for v in verdicts] == list(find_candidates(compiled, text)), text
        for candidate, hit, reason in verdicts:
            rule_index = compiled.patterns[candidate.pattern_index].rule_index
            if hit is None:
                assert reason in REJECTIONS, (text, candidate, reason)
                rejected += 1
                if reason == INSIDE_WORD and not compiled.patterns[candidate.pattern_index].pattern.gaps:
                    # (a gapped phrase's span runs past its first part: its tail may be what lies inside a word)
                    assert not one_by_one.on_boundaries(text, candidate.start, candidate.end), (text, candidate)
            else:
                assert reason == HIT and hit.rule_index == rule_index and hit.start == candidate.start, (text, candidate)
                if compiled.rules[rule_index].boundary == "word":
                    assert one_by_one.on_boundaries(text, hit.start, hit.end), (text, hit)
        explained = sorted(v.hit for v in verdicts if v.hit is not None and v.hit.rule_index in linter._active)
        assert explained == sorted(linter.find_hits(text)), text
        if linter._combinations is not None:  # a combination's finding spans the wordings it combined
            layout = detect_layout(text, linter.roles, kind=None, dialogue=None)
            explained = combine(list(explained), text, linter._combinations, layout)
        spans = {(compiled.rules[h.rule_index].id, *norm.to_original(h.start, h.end)) for h in explained}
        # a combination's finding runs from the first of its wordings' hits to the last one's end
        starts = {(rule.split("#")[0], start) for rule, start, _ in spans if "#" in rule}
        ends = {(rule.split("#")[0], end) for rule, _, end in spans if "#" in rule}
        for finding in linter.check(item.text):
            if linter.rule(finding.rule).type != "require":
                combined = (finding.rule, finding.offset) in starts and (finding.rule, finding.end_offset) in ends
                assert (finding.rule, finding.offset, finding.end_offset) in spans or combined, (item.text, finding)
        hits += len(explained)
    assert hits > 500 and rejected > 300
