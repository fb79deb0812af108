"""Reading the regional lexicons (rules/lexicons/*.yaml) with located errors, and checking them whole.

A lexicon is data: adding an entry is adding a line to a file. Each file is one variety:

    variety: yue
    description: …
    markers: [唔, 冇, 嘅, 等陣, …]                 # characters or words only this variety writes
    sources: {wordshk: "粵典 words.hk …"}         # what an entry's `source` may name
    entries:
      - {form: 唔知, mandarin: 不知道, source: wordshk}
      - {form: 係, mandarin: 是, source: wordshk, not_inside: [关係, 联係]}
      - {form: 講, mandarin: 说, source: wordshk, also: [wu]}   # Wu writes 讲 for 说 too

An entry is in the file of one variety; `also` names other varieties that write the same form
with the same reading, so that a weak entry is read beside their markers as well (侬讲啥).

Forms and guards are folded to simplified as the text is, so they may be written in either
script. An entry whose form holds one of its file's markers is read wherever it stands; one
that holds none (係, 即係) only in a line holding a marker of the same variety. Every
problem names file, line and field, and all of them are reported at once
(PackError, exit 2). Checked across files: a form is in one entry only, and no entry's guard
is itself rewritten by the lexicon (a guard that the lexicon rewrites cannot protect anything).
"""

from __future__ import annotations

import functools

from ..errors import PackError, Problem
from ..i18n.choice import N_
from ..i18n.message import say
from ..lazy import pathlib
from ..text.lexicon import MAX_FORM, CompiledLexicon, LexiconEntry, automaton_of, entry_bits, matches, rewrite_phrase, rewrite_text
from ..text.normalise import normalise_phrase
from ..text.segmenter import _jieba_dictionary
from .field_checker import FieldChecker
from .pack_paths import builtin_dir
from .yaml_source import LocatedDict, LocatedList, YamlProblem, load_located, read_source

FILE_KEYS = {"variety", "description", "markers", "sources", "entries"}
COMMON_CUE = 40_000  # a two-character marker word whose rarest character is commoner than this would make most lines
# candidates and would stand in Mandarin too (听日, 而家); a word of three or more (无法度) is searched whole
MAX_VARIETIES = 7  # a line's varieties are bits of one byte, beside the cue bit (text/lexicon.py)
ENTRY_KEYS = {"form", "mandarin", "source", "not_after", "not_before", "not_inside", "also", "note"}
GUARDS = ("not_after", "not_before", "not_inside")


@functools.cache
def _character_counts() -> dict[str, int]:
    """How often each character occurs in jieba's dictionary (word frequencies summed): which
    character of a marker word is rarest, and so the cheapest to look up first."""
    counts: dict[str, int] = {}
    with open(_jieba_dictionary(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[1].isdigit():
                weight = int(parts[1])
                for char in parts[0]:
                    counts[char] = counts.get(char, 0) + weight
    return counts


def with_cue(word: str) -> tuple[str, int]:
    """A marker and the index of its rarest character, its cue (text/lexicon.py looks the cue up
    with the other markers' characters, then checks the line for the word)."""
    if len(word) == 1:
        return word, 0
    counts = _character_counts()
    return word, min(range(len(word)), key=lambda i: counts.get(word[i], 0))


def lexicon_files() -> list[str]:
    return sorted(str(p) for p in (builtin_dir() / "lexicons").glob("*.yaml"))


def _entry(check: FieldChecker, raw, line: int, variety: str, sources: dict, markers: tuple[str, ...]) -> LexiconEntry | None:
    if not isinstance(raw, LocatedDict):
        check.add(line, say("an entry is a mapping with form, mandarin and source"), "entries")
        return None
    check.unknown(raw, ENTRY_KEYS, N_("a lexicon entry"))
    form = check.text(raw, "form", one_line=True)
    mandarin = raw.get("mandarin")
    if "mandarin" not in raw:
        check.add(raw.line, say("is required (write '' to drop the form)"), "mandarin")
    elif not isinstance(mandarin, str) or "\n" in mandarin:
        check.add(raw.line_of("mandarin"), say("must be one line of text ('' drops the form)"), "mandarin")
        mandarin = None
    source = check.text(raw, "source", one_line=True)
    if source is not None and source not in sources:
        check.add(raw.line_of("source"), say("names no source of this file (known: {known})", known=", ".join(sorted(sources)) or say("none")),
                  "source")
    guards = {key: [(normalise_phrase(w), l) for w, l in check.text_list(raw, key, required=False)] for key in GUARDS}
    if form is None or mandarin is None:
        return None
    folded = normalise_phrase(form)
    reading = normalise_phrase(mandarin.strip())
    if len(folded) > MAX_FORM:
        check.add(raw.line_of("form"), say("is longer than {limit} characters", limit=MAX_FORM), "form")
    if folded == reading:
        check.add(raw.line_of("mandarin"), say("reads '{form}' as itself: the entry would change nothing", form=form), "mandarin")
    for key, words in guards.items():
        for word, word_line in words:
            if len(word) > MAX_FORM:
                check.add(word_line, say("guard '{word}' is longer than {limit} characters", word=word, limit=MAX_FORM), key)
            if key == "not_inside" and (folded not in word or word == folded):
                check.add(word_line, say("guard '{word}' must be a longer word holding the form '{form}'", word=word, form=form), key)
    also = []
    for other, other_line in check.text_list(raw, "also", required=False):
        if other == variety or other in also:
            check.add(other_line, say("names '{variety}' twice or the file's own variety", variety=other), "also")
        else:
            also.append(other)
    weak = not any(marker in folded for marker in markers)
    return LexiconEntry(folded, reading, variety, *(tuple(w for w, _ in guards[key]) for key in GUARDS), weak=weak,
                        also=tuple(also))


def read_lexicon(file: str) -> tuple[list[tuple[LexiconEntry, int]], tuple[str, ...], list[Problem]]:
    """One file's entries with their lines, its markers (folded), and what is wrong with it."""
    try:
        data = load_located(read_source(file))
    except OSError as exc:
        return [], (), [Problem(file, None, say("cannot read lexicon: {reason}", reason=exc.strerror or str(exc)))]
    except UnicodeDecodeError as exc:
        return [], (), [Problem(file, None, say("lexicon is not UTF-8 ({reason} at byte {byte})", reason=exc.reason, byte=exc.start))]
    except YamlProblem as exc:
        return [], (), [Problem(file, exc.line, exc.message)]
    check = FieldChecker(file)
    if not isinstance(data, LocatedDict):
        return [], (), [Problem(file, 1, say("a lexicon is a YAML mapping with variety, description, markers, sources and entries"))]
    check.unknown(data, FILE_KEYS, N_("a lexicon"))
    variety = check.text(data, "variety", one_line=True) or pathlib.Path(file).stem
    check.text(data, "description")
    markers = []
    for marker, marker_line in check.text_list(data, "markers"):
        word = normalise_phrase(marker.strip())
        if len(word) == 2 and min(_character_counts().get(c, 0) for c in word) > COMMON_CUE:
            check.add(marker_line, say("marker '{marker}' is two common characters: every line would be looked at (list a "
                                       "rarer word, or let its entry be read beside another marker)", marker=marker), "markers")
        elif word not in markers:
            markers.append(word)
    markers = tuple(markers)
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources or not all(isinstance(v, str) and v.strip() for v in sources.values()):
        check.add(data.line_of("sources"), say("must map each source's short name to what it is"), "sources")
        sources = {}
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, LocatedList):
        check.add(data.line_of("entries"), say("must be a list of entries"), "entries")
        raw_entries = LocatedList()
        raw_entries.item_lines = []
    found = []
    for raw, line in zip(raw_entries, raw_entries.item_lines):
        entry = _entry(check, raw, line, variety, sources, markers)
        if entry is not None:
            found.append((entry, line))
    return found, markers, check.problems


def _guard_texts(entry: LexiconEntry):
    """Each guard with a text it protects, and where the protected form starts in it."""
    for word in entry.not_after:
        yield "not_after", word, word + entry.form, len(word)
    for word in entry.not_before:
        yield "not_before", word, entry.form + word, 0
    for word in entry.not_inside:
        yield "not_inside", word, word, word.find(entry.form)


def load_lexicon(files: list[str]) -> CompiledLexicon:
    """The lexicons in `files`, checked whole; PackError lists every problem."""
    problems: list[Problem] = []
    located: list[tuple[LexiconEntry, str, int]] = []
    first: dict[str, tuple[str, int]] = {}
    markers: list[tuple[str, tuple[str, ...]]] = []
    for file in files:
        entries, marks, found = read_lexicon(file)
        problems += found
        if entries and marks:
            markers.append((entries[0][0].variety, marks))
        for entry, line in entries:
            if entry.form in first:
                where = "%s:%d" % first[entry.form]
                problems.append(Problem(file, line, say("form '{form}' is already an entry at {where}", form=entry.form, where=where), None, "form"))
                continue
            first[entry.form] = (file, line)
            located.append((entry, file, line))
    joined: dict[str, tuple[str, ...]] = {}
    for variety, marks in markers:  # two files of one variety share its markers
        joined[variety] = joined.get(variety, ()) + marks
    lexicon = CompiledLexicon(tuple(e for e, _, _ in located), tuple(files),
                              tuple((v, tuple(map(with_cue, marks))) for v, marks in joined.items()))
    known = set(lexicon.varieties())
    for entry, file, line in located:
        for other in entry.also:
            if other not in known:
                problems.append(Problem(file, line, say("names no variety of the lexicons (known: {known})", known=", ".join(sorted(known))),
                                        None, "also"))
    if len(lexicon.varieties()) > MAX_VARIETIES:
        problems.append(Problem(files[-1], None, say("more than {limit} varieties: join some into one file's variety", limit=MAX_VARIETIES)))
    automaton, bits = automaton_of(lexicon), entry_bits(lexicon)
    for index, (entry, file, line) in enumerate(located):
        for key, word, text, at in _guard_texts(entry):
            form_end = at + len(entry.form)
            for start, end, other in matches(lexicon, automaton, text, None, bits):
                # the guard fails if the entry still applies there, or if another form swallows
                # the guard's own characters (the lexicon then reads the guard's word as regional)
                if (other == index and start == at) or (start < form_end and at < end and (start < at or end > form_end)):
                    by = located[other]
                    problems.append(Problem(file, line, say("guard '{word}' of '{form}' is itself rewritten ('{other}' → "
                                                            "'{mandarin}', {where}): it cannot hold", word=word, form=entry.form,
                                                            other=by[0].form, mandarin=by[0].mandarin, where=f"{by[1]}:{by[2]}"),
                                            None, key))
    if problems:
        raise PackError(problems)
    return lexicon


@functools.cache
def builtin_lexicon() -> CompiledLexicon:
    """The lexicons shipped in rules/lexicons/ (read on a cache miss only: compiled packs carry it)."""
    return load_lexicon(lexicon_files())


@functools.cache
def _builtin_reading():
    """The built-in lexicon's automaton and entry bits, made once: worked out per phrase they
    were most of a cold start's compile (seventy thousand literals, each walking every entry)."""
    lexicon = builtin_lexicon()
    return automaton_of(lexicon), entry_bits(lexicon)


@functools.lru_cache(maxsize=1 << 16)  # class expansions repeat literals: a cold compile reads each once
def phrase_forms(text: str) -> frozenset[str]:
    """A rule's literal as the automaton holds it: folded like the input, then read through the
    lexicon like the input, so a rule written with a regional form matches where the text is.
    Two readings when they differ: with strong entries only (as a line without markers is
    read) and with every entry (as a marked line is read)."""
    folded = normalise_phrase(text)
    lexicon = builtin_lexicon()
    automaton, bits = _builtin_reading()
    return frozenset((rewrite_phrase(lexicon, automaton, folded, bits), rewrite_text(lexicon, automaton, folded, None, bits)[0]))
