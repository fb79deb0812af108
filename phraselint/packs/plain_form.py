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
- the Aho-Corasick automaton is stored as its keys and values and built again (pyahocorasick's
  own serialisation is a pickle, or a binary layout read by C code never meant for hostile
  input). A JSON number costs about 700 instructions to decode and a string next to nothing,
  so the keys with one target (nearly all) are grouped by it: (pattern, context before,
  context after) once, then the keys, whose length is the target's second number; each group
  is kept as a run of keys, whose targets are made only when one matches. The few keys with
  more targets are plain lists.
"""

from __future__ import annotations

from typing import Any, Callable


from ..model import BadExample, Combination, Exemption, Level, Pack, RequiredPart, Rewrite, Rule
from ..text.lexicon import CompiledLexicon, LexiconEntry
from .exemplars import Exemplar, Exemplars
from .automaton import PhraseAutomaton
from .compile import ELEMENT, BuiltPacks, CompiledExemption, CompiledPattern, CompiledRequirement, CompiledRules
from .syntax import Pattern

SHAPE = 5  # bump with any change below (and cache_folder.FORMAT, so old entries are deleted)


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
    "level": Level, "phrases": tuple, "rewrites": _records(Rewrite._make), "exceptions": _records(_exemption),
    "bad_examples": _records(BadExample._make), "good_examples": tuple, "kinds": tuple, "trigger": tuple,
    "parts": _records(_required_part), "written": tuple, "similar": tuple,
    "combine": lambda fields: None if fields is None else _combination(fields),
}))
_pattern = _made(Pattern, _converters(Pattern, {
    "segments": lambda segments: tuple(map(frozenset, segments)), "gaps": tuple,
    "before": frozenset, "after": frozenset,
}))
_compiled_pattern = _made(CompiledPattern, _converters(CompiledPattern, {"pattern": _pattern, "tail": _frozen, "after": tuple}))
_compiled_exemption = _made(CompiledExemption, _converters(CompiledExemption, {
    "followed_by": tuple, "preceded_by": tuple, "inside": tuple,
}))
_requirement = _made(CompiledRequirement, _converters(CompiledRequirement, {
    "kinds": frozenset, "trigger": _frozen, "parts": _frozen,
}))


def _automaton(automaton: PhraseAutomaton) -> list[Any]:
    """[[[pattern, before, after], [key, ...]], ...] of the keys with one target, and
    [[key, targets], ...] of the others."""
    groups: dict[tuple[int, int, int], list[str]] = {}
    others: list[list[Any]] = []
    for key, targets in zip(automaton.keys, automaton.targets):
        if len(targets) == 1 and len(targets[0]) == 4 and targets[0][1] == len(key):
            pattern_index, _, before, after = targets[0]
            groups.setdefault((pattern_index, before, after), []).append(key)
        else:
            others.append([key, _plain(targets)])
    return [[[list(target), keys] for target, keys in groups.items()], others]


def _automaton_of(fields: list) -> PhraseAutomaton:
    """The keys in the order stored (the groups' runs, then the others): no key's targets are
    made here, only when it first matches (automaton.py)."""
    groups, others = fields
    keys = [key for _, group in groups for key in group]
    keys += [key for key, _ in others]
    return PhraseAutomaton(
        tuple(keys), tuple(tuple(map(tuple, targets)) for _, targets in others),
        tuple((pattern_index, before, after, len(group)) for (pattern_index, before, after), group in groups),
    )


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
