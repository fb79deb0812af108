"""Built packs as plain data (lists, strings, numbers, booleans and null) and back: the form
they are cached in.

A cache entry is read on every start, and the cache folder is not the only place one can come
from (a CI cache restored from another branch, a shared folder): so it holds data only, never
a format whose reading can run code, as a pickle's can. JSON is that form; Python's decoder
is in C, and the objects are rebuilt here by their own classes.

Start-up is what this costs, so the form is shaped for decoding (measured against the pickle
it replaces, in instructions under valgrind as well as in time):
- a record is a list of its fields in the NamedTuple's order (a frozenset: a sorted list),
  made into the tuple in C by `_make`, which also rejects a list of the wrong length; only
  the fields that hold records or tuples are converted, each by its name (a field added to a
  record is carried as it is; tests/test_cache_entries.py checks every type comes back);
- the Aho-Corasick automaton is stored as its keys and values and built again (its own
  serialisation is a pickle, or a binary layout read by C code never meant for hostile
  input). A JSON number costs about 700 instructions to decode, and a JSON string about
  1,400 when it is short (7,000 keys cost 10 million), so the keys with one target (nearly
  all) are grouped by it: (pattern, context before, context after) once per group in one flat
  list of numbers, all the keys (sorted) in one string, split in C, and one character a key
  naming its group; their targets (the key's length is the second number) are made only when
  a key matches. The few keys with more targets have their own lists;
- a compiled pattern holds its phrase's source, not the parsed variants of every part
  (which were 40% of the entry): checking needs its anchors and tail only.
"""

from __future__ import annotations

from typing import Any, Callable


from ..model import BadExample, Combination, Exemption, Level, Pack, RequiredPart, Rewrite, Rule
from ..text.lexicon import CompiledLexicon, LexiconEntry
from .exemplars import Exemplar, Exemplars
from .automaton import PhraseAutomaton, code_of, number_of
from .compile import ELEMENT, BuiltPacks, CompiledExemption, CompiledPattern, CompiledRequirement, CompiledRules

SHAPE = 9  # bump with any change below (and cache_folder.FORMAT, so old entries are deleted)


def _plain(value: Any) -> Any:
    """Tuples (records included) and lists as lists, sets as sorted lists, the rest as it is."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (bool, str, float)) or value is None:
        return value
    if isinstance(value, int):
        return int(value)  # a Level as its number
    raise TypeError(f"{type(value).__name__} has no plain form")


def _frozen(value: Any) -> Any:
    """Lists back to tuples, however deeply nested (for the small fields whose shape varies)."""
    return tuple(map(_frozen, value)) if type(value) is list else value


def _converters(record: type, by_name: dict[str, Callable[[Any], Any]]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    fields = record._fields  # type: ignore[attr-defined]
    unknown = set(by_name) - set(fields)
    assert not unknown, f"{record.__name__} has no field {unknown}"
    return tuple((fields.index(name), convert) for name, convert in by_name.items())


def _made(record: type, converters: tuple[tuple[int, Callable[[Any], Any]], ...]) -> Callable[[list], Any]:
    make = record._make  # type: ignore[attr-defined]

    def made(fields: list) -> Any:
        for index, convert in converters:
            fields[index] = convert(fields[index])
        return make(fields)

    return made


def _records(make: Callable[[list], Any]) -> Callable[[list], tuple]:
    return lambda values: tuple(map(make, values))


_rewrite = _made(Rewrite, _converters(Rewrite, {"slots": _frozen}))
_exemption = _made(Exemption, _converters(Exemption, {"followed_by": tuple, "preceded_by": tuple, "inside": tuple}))
_required_part = _made(RequiredPart, _converters(RequiredPart, {"phrases": tuple}))
_combination = _made(Combination, _converters(Combination, {"all": tuple, "any": tuple, "none": tuple}))
_lexicon_entry = _made(LexiconEntry, _converters(LexiconEntry, {
    "not_after": tuple, "not_before": tuple, "not_inside": tuple, "also": tuple,
}))
_exemplar = _made(Exemplar, _converters(Exemplar, {"forms": tuple}))
_exemplars = _made(Exemplars, _converters(Exemplars, {
    "entries": _records(_exemplar), "weights": _frozen, "files": tuple,
}))
_lexicon = _made(CompiledLexicon, _converters(CompiledLexicon, {
    "entries": _records(_lexicon_entry), "files": tuple, "markers": _frozen,
}))
_rule = _made(Rule, _converters(Rule, {
    "level": Level, "phrases": tuple, "rewrites": _records(_rewrite), "exceptions": _records(_exemption),
    "bad_examples": _records(BadExample._make), "good_examples": tuple, "kinds": tuple, "trigger": tuple,
    "parts": _records(_required_part), "written": tuple, "similar": tuple,
    "combine": lambda fields: None if fields is None else _combination(fields),
}))
_compiled_pattern = _made(CompiledPattern, _converters(CompiledPattern, {"tail": _frozen, "after": tuple}))
_compiled_exemption = _made(CompiledExemption, _converters(CompiledExemption, {
    "followed_by": tuple, "preceded_by": tuple, "inside": tuple,
}))
_requirement = _made(CompiledRequirement, _converters(CompiledRequirement, {
    "kinds": frozenset, "trigger": _frozen, "parts": _frozen,
}))


def _separator(keys: list[str]) -> str:
    """A character no key holds, one JSON writes as it is (not as an escape)."""
    held = set("".join(keys))
    return next(c for c in map(chr, range(0xE000, 0x110000)) if c not in held) if "|" in held else "|"


def _automaton(automaton: PhraseAutomaton) -> list[Any]:
    """[separator, the sorted keys joined by it, one code a key (automaton.code_of), the groups'
    (pattern, before, after) in one flat list, the targets of the keys that have their own]."""
    items = sorted(automaton.items())
    groups: dict[tuple[int, int, int], int] = {}
    own: list[tuple[str, Any]] = []
    for key, targets in items:
        if len(targets) == 1 and len(targets[0]) == 4 and targets[0][1] == len(key):
            pattern_index, _, before, after = targets[0]
            groups.setdefault((pattern_index, before, after), len(groups))
    explicit: list[Any] = []
    codes = []
    for key, targets in items:
        if len(targets) == 1 and len(targets[0]) == 4 and targets[0][1] == len(key):
            pattern_index, _, before, after = targets[0]
            codes.append(code_of(groups[(pattern_index, before, after)]))
        else:
            codes.append(code_of(len(groups) + len(explicit)))
            explicit.append(_plain(targets))
    keys = [key for key, _ in items]
    separator = _separator(keys)
    return [separator, separator.join(keys), "".join(codes), [n for group in groups for n in group], explicit]


def _automaton_of(fields: list) -> PhraseAutomaton:
    """One split for the keys (a JSON string each cost about 1,400 instructions to decode), and
    no key's targets made here, only when it first matches (automaton.py)."""
    separator, joined, codes, numbers, explicit = fields
    keys = tuple(joined.split(separator)) if codes else ()
    groups = tuple(zip(numbers[0::3], numbers[1::3], numbers[2::3]))
    if len(keys) != len(codes) or len(numbers) % 3 or list(keys) != sorted(keys) or (
            codes and number_of(max(codes)) >= len(groups) + len(explicit)):
        raise ValueError("the automaton's keys, codes and targets disagree")
    return PhraseAutomaton(keys, tuple(tuple(map(tuple, targets)) for targets in explicit), codes, groups)


def to_plain(built: BuiltPacks) -> dict[str, Any]:
    """Everything a Linter is made from, except the segmenter (never cached). A pack's rules are
    the compiled rules in order (a keyword combination's wordings follow them all), so a pack
    keeps only how many are its own."""
    compiled = built.compiled
    rules_field = Pack._fields.index("rules")
    packs = []
    for pack in built.packs:
        fields = _plain(pack[:rules_field] + pack[rules_field + 1:])
        fields.insert(rules_field, len(pack.rules))
        packs.append(fields)
    return {
        "shape": SHAPE,
        "packs": packs,
        "rules": _plain(compiled.rules),
        "patterns": _plain(compiled.patterns),
        "exemptions": _plain(compiled.exemptions),
        "requirements": _plain(compiled.requirements),
        "automaton": _automaton(compiled.automaton),
        "lexicon": _plain(compiled.lexicon),
        "similar": _plain(compiled.similar),
        "written": [[*_plain(key), value] for key, value in built.written.items()],
    }


def from_plain(data: dict[str, Any]) -> BuiltPacks:
    """The objects to_plain was given, rebuilt; any exception means the entry is not one of ours."""
    if data["shape"] != SHAPE:
        raise ValueError("another shape")
    rules = tuple(map(_rule, data["rules"]))
    rules_field = Pack._fields.index("rules")
    packs = []
    start = 0
    for fields in data["packs"]:
        count = fields[rules_field]
        fields[rules_field] = rules[start:start + count]
        for name in ("extends", "uses"):
            fields[Pack._fields.index(name)] = tuple(fields[Pack._fields.index(name)])
        packs.append(Pack._make(fields))
        start += count
    exemptions = tuple(tuple(map(_compiled_exemption, per_rule)) for per_rule in data["exemptions"])
    if any(rule.type != ELEMENT for rule in rules[start:]) or len(exemptions) != len(rules):
        raise ValueError("packs, rules and exemptions disagree")
    compiled = CompiledRules(
        rules, tuple(map(_compiled_pattern, data["patterns"])), exemptions,
        tuple(map(_requirement, data["requirements"])), _automaton_of(data["automaton"]), _lexicon(data["lexicon"]),
        _exemplars(data["similar"]),
    )
    written = {(text, script, variant): value for text, script, variant, value in data["written"]}
    return BuiltPacks(packs, compiled, written)
