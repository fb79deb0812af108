"""Exemplar sentences for the similar-wording layer: read, validated, normalised and weighted.

A rule's exemplars are sentences that carry its intent in wording no phrase lists (推诿:
你去问别人吧). They come from two places:

- the `similar:` field of a rule in a format-2 pack (rule_fields.py reads it);
- `rules/similar/exemplars.yaml`, a data file keyed by rule id, for the built-in rules:

      source: "…"
      exemplars:
        inquiry.not-my-business:   # a rule id
          - 你去问别的部门吧        # one clause each, 2 to 40 characters

Why a separate file for the built-in rules rather than `similar:` in the packs: the packs are
edited by several people at once (rules are being re-organised around intents), and a list of
sentences beside every rule would make every such edit a merge conflict; a file keyed by rule
id merges trivially and can be reviewed on its own. The price is that an exemplar sits away
from its rule, so the file is checked against the rules at load: an id that names no loaded
rule of a loaded pack, or no built-in pack at all, is an error with file and line (PackError,
exit 2), as is any malformed entry. Ids of built-in packs that were not loaded (`--packs
inquiry`) are skipped, not errors.

Weights are worked out here, when packs are compiled (a cache miss), so a check never reads a
dictionary: each exemplar bigram weighs what it tells about the text, by how rare it is in
everyday Chinese (jieba's dictionary frequencies: the rarer of the bigram as a word and its
two characters' mean), so that 我们 or 这个 count for little and 推给 or 物业 for much.
"""

from __future__ import annotations

import functools
import math
from typing import Iterable, NamedTuple

from ..errors import PackError, Problem
from ..i18n.choice import N_
from ..i18n.message import Message, say
from ..lazy import pathlib
from ..text.segmenter import _jieba_dictionary
from .field_checker import FieldChecker
from .lexicon_loader import _character_counts, phrase_forms
from .pack_paths import builtin_dir, builtin_pack_names
from .yaml_source import LocatedDict, YamlProblem, load_located, read_source

FILE_KEYS = {"description", "source", "exemplars"}
MIN_CHARS, MAX_CHARS = 2, 40  # an exemplar is one clause: a longer one resembles no clause closely
MAX_PER_RULE = 20
CLAUSE_STOPS = ",;:。.!?\n…，；：！？"  # what ends a clause (engine/similar.py cuts the text there)
SMOOTHING = 1000  # added to every dictionary count: unseen and rare bigrams weigh alike
BASELINE = 3.5  # subtracted from every log inverse frequency: the commonest bigrams (不是, 这个) weigh next to nothing
LOWEST_WEIGHT = 0.5


class Exemplar(NamedTuple):
    rule_index: int
    text: str  # as written (shown in the finding's message)
    forms: tuple[str, ...]  # normalised as the input is (folded, read through the lexicons)


class Exemplars(NamedTuple):
    """What compiled packs carry for the similar-wording layer (engine/similar.py)."""

    entries: tuple[Exemplar, ...] = ()
    weights: tuple[tuple[str, float], ...] = ()  # every exemplar bigram and its weight
    files: tuple[str, ...] = ()  # data files read (the compiled-pack cache compares their content)


def exemplars_file() -> pathlib.Path:
    return builtin_dir() / "similar" / "exemplars.yaml"


def exemplar_problem(text: str) -> Message | None:
    """Why `text` cannot be an exemplar, or None."""
    body = text.strip().rstrip("。.!?！？")
    if any(stop in body for stop in CLAUSE_STOPS):
        return say("must be one clause (no , ; : 。 ! ? inside: clauses are scored one by one)")
    if not MIN_CHARS <= len(body) <= MAX_CHARS:
        return say("must be {low} to {high} characters", low=MIN_CHARS, high=MAX_CHARS)
    return None


def read_exemplars(check: FieldChecker, mapping: LocatedDict, key: str) -> tuple[str, ...]:
    """An exemplar list under `key` of `mapping`, each checked; problems go to `check`."""
    items = check.text_list(mapping, key)
    if len(items) > MAX_PER_RULE:
        check.add(mapping.line_of(key), say("at most {limit} exemplars per rule", limit=MAX_PER_RULE), key)
    seen: set[str] = set()
    found = []
    for text, line in items:
        problem = exemplar_problem(text)
        if problem:
            check.add(line, say("{exemplar} {problem}", exemplar=repr(text.strip()), problem=problem), key)
        elif text.strip() in seen:
            check.add(line, say("{exemplar} is listed twice", exemplar=repr(text.strip())), key)
        else:
            seen.add(text.strip())
            found.append(text.strip().rstrip("。.!?！？"))
    return tuple(found)


def load_exemplar_file(path: pathlib.Path, rule_ids: dict[str, int], packs: set[str], known_packs: set[str]) -> dict[int, tuple[str, ...]]:
    """Rule index -> exemplars from one data file. `rule_ids`: the loaded rules' indexes;
    `packs`: the loaded packs' names; `known_packs`: packs an id may name without being loaded."""
    file = str(path)
    try:
        data = load_located(read_source(file))
    except OSError as exc:
        raise PackError([Problem(file, None, say("cannot read exemplars: {reason}", reason=exc.strerror or str(exc)))]) from None
    except UnicodeDecodeError as exc:
        raise PackError([Problem(file, None, say("exemplars file is not UTF-8 ({reason} at byte {byte})", reason=exc.reason, byte=exc.start))]) from None
    except YamlProblem as exc:
        raise PackError([Problem(file, exc.line, exc.message)]) from None
    check = FieldChecker(file)
    if not isinstance(data, LocatedDict):
        raise PackError([Problem(file, 1, say("an exemplars file is a YAML mapping with 'exemplars' (rule id -> sentences)"))])
    check.unknown(data, FILE_KEYS, N_("an exemplars file"))
    table = data.get("exemplars")
    found: dict[int, tuple[str, ...]] = {}
    if not isinstance(table, LocatedDict):
        check.add(data.line_of("exemplars"), say("must be a mapping of rule id to a list of sentences"), "exemplars")
        raise PackError(check.problems)
    for rule_id in table:
        check.rule = str(rule_id)
        texts = read_exemplars(check, table, rule_id)
        pack = str(rule_id).split(".", 1)[0]
        if rule_id in rule_ids:
            found[rule_ids[rule_id]] = texts
        elif pack in packs or pack not in known_packs:
            check.add(table.line_of(rule_id), say("names no loaded rule (rule ids are pack.name, as `phraselint rules` lists them)"), "exemplars")
    if check.problems:
        raise PackError(check.problems)
    return found


@functools.lru_cache(maxsize=8)
def _bigram_counts(bigrams: frozenset[str]) -> tuple[dict[str, int], int]:
    """How often each of `bigrams` occurs inside a word of jieba's dictionary (frequency-weighted),
    and the dictionary's total frequency."""
    counts = dict.fromkeys(bigrams, 0)
    total = 0
    with open(_jieba_dictionary(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ", 2)
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            word, weight = parts[0], int(parts[1])
            total += weight
            for i in range(len(word) - 1):
                if word[i:i + 2] in counts:
                    counts[word[i:i + 2]] += weight
    return counts, max(total, 1)


def bigrams_of(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def weigh(bigrams: Iterable[str]) -> tuple[tuple[str, float], ...]:
    """Each bigram's weight: log inverse frequency less BASELINE, the lower of the bigram's (as
    part of a word) and its characters' mean (a bigram across words, 我也, is as common as its
    characters, though no dictionary word holds it)."""
    wanted = frozenset(bigrams)
    counts, total = _bigram_counts(wanted)
    characters = _character_counts()
    weights = []
    for bigram in sorted(wanted):
        by_chars = sum(math.log(total / (characters.get(c, 0) + SMOOTHING)) for c in bigram) / 2
        by_word = math.log(total / (counts[bigram] + SMOOTHING)) if counts[bigram] else by_chars
        weights.append((bigram, round(max(LOWEST_WEIGHT, min(by_chars, by_word) - BASELINE), 3)))
    return tuple(weights)


def compile_exemplars(rules: tuple, path: pathlib.Path | None = None) -> Exemplars:
    """Every active exemplar of `rules` (their `similar:` field and the data file), normalised and
    weighted. `path`: the data file (default: the built-in one; absent is none)."""
    path = exemplars_file() if path is None else path
    by_rule: dict[int, list[str]] = {i: list(rule.similar) for i, rule in enumerate(rules) if rule.similar}
    files: tuple[str, ...] = ()
    if path.is_file():
        ids = {rule.id: i for i, rule in enumerate(rules) if rule.type == "phrase"}
        packs = {rule.pack for rule in rules}
        for index, texts in load_exemplar_file(path, ids, packs, set(builtin_pack_names())).items():
            by_rule.setdefault(index, []).extend(t for t in texts if t not in by_rule.get(index, ()))
        files = (str(path),)
    entries = tuple(Exemplar(index, text, tuple(sorted(phrase_forms(text))))
                    for index, texts in sorted(by_rule.items()) for text in texts)
    if not entries:
        return Exemplars(files=files)
    return Exemplars(entries, weigh(b for e in entries for form in e.forms for b in bigrams_of(form)), files)
