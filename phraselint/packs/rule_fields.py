"""The fields of one rule, validated: phrases, rewrites, exceptions, examples, requirements.

Each reader takes the rule's YAML mapping and the file's FieldChecker, records what is wrong
and returns what could be read, so one pass reports every problem of a pack.
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n.choice import N_
from ..i18n.message import say
from ..model import KINDS, BadExample, Combination, Exemption, Level, RequiredPart, Rewrite, Rule
from .exemplars import read_exemplars
from .field_checker import FieldChecker
from .settling import fix_holding_its_phrase
from .syntax import PatternError, expand_literals, parse_pattern
from .yaml_source import LocatedDict

RULE_KEYS = {
    "id", "level", "category", "message", "phrases", "rewrites", "rewrites_reason",
    "source", "boundary", "exceptions", "examples", "description", "quotes", "intent", "combine",
    "similar",
}
RULE_REQUIRED = {"id", "level", "category", "message", "phrases", "rewrites", "source", "examples"}
REQUIRE_KEYS = {
    "id", "type", "level", "category", "message", "rewrites", "rewrites_reason", "source",
    "examples", "description", "scope", "kinds", "trigger", "parts", "exceptions", "intent",
}
REQUIRE_REQUIRED = {"id", "level", "category", "message", "rewrites", "source", "examples", "scope", "kinds", "parts"}
SCOPES = {"first-staff-turn", "last-staff-turn", "staff-turn", "next-staff-turn"}
TRIGGERED_SCOPES = {"staff-turn", "next-staff-turn"}
COMBINE_KEYS = {"within", "all", "any", "none", "position"}
WINDOWS = ("clause", "sentence", "line", "turn")
POSITIONS = ("any", "first-staff-turn", "last-staff-turn")
MAX_DISTANCE = 200  # characters: a combination is judged within one passage, not across a document
REWRITE_KEYS = {"text", "fix", "needs_alternative", "note", "scope"}
REWRITE_SCOPES = ("span", "clause", "sentence")
_SLOT = re.compile(r"\{([^{}|]+)(?:\|([^{}]*))?\}")  # {class} or {class|fallback} in a rewrite (format 2)
EXCEPTION_KEYS = {"followed_by", "preceded_by", "inside", "reason"}
# Automaton keys one pack file may add (each phrase is bounded by syntax.MAX_VARIANTS; this
# bounds their sum): the built-in packs add about 500 each, and a pack from a repository nobody
# vetted must not build an automaton of gigabytes.
MAX_PACK_KEYS = 20_000
EXAMPLE_KEYS = {"bad", "good"}
BAD_EXAMPLE_KEYS = {"text", "fix"}
INTENT = re.compile(r"^[a-z][a-z-]*[a-z]$")  # evading, shifting, giving-up ... (the label vocabulary of the corpora)
RULE_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")


def _read_rewrites(check: FieldChecker, rule: LocatedDict) -> tuple[Rewrite, ...]:
    if "rewrites" not in rule:
        return ()
    value = rule["rewrites"]
    if not isinstance(value, list):
        check.add(rule.line_of("rewrites"), say("must be a list"), "rewrites")
        return ()
    rewrites = []
    for index, item in enumerate(value):
        line = value.item_lines[index]
        if isinstance(item, str) and item.strip():
            rewrites.append(Rewrite(item.strip()))
        elif isinstance(item, LocatedDict):
            check.unknown(item, REWRITE_KEYS, N_("a rewrite"))
            text = check.text(item, "text")
            note = check.text(item, "note", required=False)
            scope = item.get("scope")
            if scope is not None and scope not in REWRITE_SCOPES:
                check.add(item.line_of("scope"), say("must be one of {values}", values=", ".join(REWRITE_SCOPES)), "rewrites.scope")
                scope = None
            if text:
                text, slots = _read_slots(check, text, line)
                rewrites.append(Rewrite(text, check.boolean(item, "fix"), check.boolean(item, "needs_alternative"), note,
                                        scope, slots))
        else:
            check.add(line, say("rewrite {number} must be text or a mapping with 'text'", number=index + 1), "rewrites")
    if not rewrites and not rule.get("rewrites_reason"):
        check.add(rule.line_of("rewrites"), say("is empty: give polite alternatives or a rewrites_reason"), "rewrites")
    if sum(r.fix for r in rewrites) > 1:
        check.add(rule.line_of("rewrites"), say("only one rewrite can be the drop-in fix"), "rewrites")
    return tuple(rewrites)


def _check_fix_settles(check: FieldChecker, rule: LocatedDict, phrases: tuple[str, ...], rewrites: tuple[Rewrite, ...]) -> None:
    """A drop-in fix that holds the rule's own phrase is rewritten again at every run (settling.py)."""
    fix = next((r.text for r in rewrites if r.fix), None)
    held = fix_holding_its_phrase(phrases, fix) if fix and phrases else None
    if held is None:
        return
    line = next((item.line_of("text") for item in rule["rewrites"] if isinstance(item, LocatedDict) and item.get("fix") is True),
                rule.line_of("rewrites"))
    phrase, part = held
    written = _written(check, rule, "phrases")  # as the pack writes it, where word classes expanded it
    if len(written) == len(phrases):
        phrase = written[phrases.index(phrase)]
    if part != phrase:
        message = say("the drop-in fix {fix} holds the rule's own phrase {phrase} (as {part}), so fixing again would "
                      "change the text again; write a fix without it, or drop 'fix: true'", fix=repr(fix), phrase=repr(phrase),
                      part=repr(part))
    else:
        message = say("the drop-in fix {fix} holds the rule's own phrase {phrase}, so fixing again would change the "
                      "text again; write a fix without it, or drop 'fix: true'", fix=repr(fix), phrase=repr(phrase))
    check.add(line, message, "rewrites")


def _read_slots(check: FieldChecker, text: str, line: int) -> tuple[str, tuple]:
    """A format-2 rewrite's {class} and {class|fallback} slots: the text as shown (each slot
    as its fallback, or the class's first wording) and, for each slot, (class, the wording
    shown, whether that is a fallback, the class's literal wordings). The rewrite stage fills
    a slot with the wording of its class that the hit's sentence holds (phraselint/rewrite/)."""
    if check.classes is None or "{" not in text:
        return text, ()  # format 1: braces are literal text
    slots = []

    def shown(match: re.Match[str]) -> str:
        name, fallback = match.group(1).strip(), match.group(2)
        word_class = check.classes.classes.get(name)
        if word_class is None:
            known = ", ".join(sorted(check.classes.classes)) or say("none")
            check.add(line, say("unknown word class {name} in rewrite {rewrite} (known: {known})", name=f"{{{name}}}",
                                rewrite=repr(text), known=known), "rewrites")
            return match.group(0)
        members: list[str] = []
        for member in word_class.members:
            try:
                pattern = parse_pattern(check.classes.expand(member))
            except PatternError as exc:
                check.add(line, exc.args[0], "rewrites")
                return match.group(0)
            members.extend(sorted(set().union(*pattern.segments) - set(members)))
        word = fallback.strip() if fallback is not None else members[0]
        slots.append((name, word, fallback is not None, tuple(members)))
        return word

    return _SLOT.sub(shown, text), tuple(slots)


def _read_exceptions(check: FieldChecker, rule: LocatedDict) -> tuple[Exemption, ...]:
    value = rule.get("exceptions", [])
    if not isinstance(value, list):
        check.add(rule.line_of("exceptions"), say("must be a list of mappings"), "exceptions")
        return ()
    exemptions = []
    for index, item in enumerate(value):
        if not isinstance(item, LocatedDict):
            check.add(value.item_lines[index], say("each exception is a mapping (followed_by, preceded_by, inside, reason)"), "exceptions")
            continue
        check.unknown(item, EXCEPTION_KEYS, N_("an exception"))
        parts: dict[str, tuple[str, ...]] = {}
        for key in ("followed_by", "preceded_by", "inside"):
            literals: set[str] = set()
            for source, line in check.text_list(item, key, required=False):
                try:
                    literals |= expand_literals(check.expand(source))
                except PatternError as exc:
                    check.add(line, exc.args[0], f"exceptions.{key}")
            parts[key] = tuple(sorted(literals))
        if not any(parts.values()):
            check.add(item.line, say("needs at least one of followed_by, preceded_by, inside"), "exceptions")
        exemptions.append(Exemption(reason=check.text(item, "reason", required=False), **parts))
    return tuple(exemptions)


def _read_examples(check: FieldChecker, rule: LocatedDict) -> tuple[tuple[BadExample, ...], tuple[str, ...]]:
    if "examples" not in rule:  # reported as required; `examples:` with nothing after it is null, and wrong
        return (), ()
    value = rule["examples"]
    if not isinstance(value, LocatedDict):
        check.add(rule.line_of("examples"), say("must be a mapping with 'bad' and 'good'"), "examples")
        return (), ()
    check.unknown(value, EXAMPLE_KEYS, N_("examples"))
    bad: list[BadExample] = []
    raw_bad = value.get("bad")
    if not isinstance(raw_bad, list) or not raw_bad:
        check.add(value.line_of("bad"), say("needs at least one bad example"), "examples.bad")
    else:
        for index, item in enumerate(raw_bad):
            if isinstance(item, str) and item.strip():
                bad.append(BadExample(item))
            elif isinstance(item, LocatedDict):
                check.unknown(item, BAD_EXAMPLE_KEYS, N_("a bad example"))
                text = check.text(item, "text")
                fix = check.text(item, "fix", required=False)
                if text:
                    bad.append(BadExample(text, fix))
            else:
                check.add(raw_bad.item_lines[index], say("a bad example is text or a mapping with 'text' and 'fix'"), "examples.bad")
    good = [text for text, _ in check.text_list(value, "good")]
    return tuple(bad), tuple(good)


def _read_patterns(check: FieldChecker, mapping: LocatedDict, key: str, *, plain: bool, required: bool = True) -> tuple[str, ...]:
    """Phrases of `key`, each validated, word classes expanded; `plain` forbids anchors and contexts
    (require rules search, not match)."""
    items = check.text_list(mapping, key, required=required)
    seen: set[str] = set()
    expanded = []
    for source, line in items:
        try:
            phrase = check.expand(source)
            pattern = parse_pattern(phrase)
            if plain and (pattern.at_clause_start or pattern.at_clause_end or pattern.before or pattern.after):
                check.add(line, say("anchors and contexts are not allowed in {field} ({phrase})", field=key, phrase=repr(source)), key)
            expanded.append(phrase)
            if not plain:
                before = check.automaton_keys
                check.automaton_keys += pattern.automaton_keys()
                if before <= MAX_PACK_KEYS < check.automaton_keys:
                    check.add(line, say("the pack's phrases expand to more than {limit} variants (this phrase crosses "
                                        "the limit); split the pack", limit=f"{MAX_PACK_KEYS:,}"), key)
        except PatternError as exc:
            check.add(line, exc.args[0], key)
        if source in seen:
            check.add(line, say("phrase {phrase} is listed twice", phrase=repr(source)), key)
        seen.add(source)
    return tuple(expanded)


def _written(check: FieldChecker, mapping: LocatedDict, key: str) -> tuple[str, ...]:
    """Phrases as the pack writes them, where word classes make them differ from what is matched."""
    items = mapping.get(key)
    if check.classes is None or not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return ()
    return tuple(i.strip() for i in items) if any("{" in i for i in items) else ()


def _read_combination(check: FieldChecker, raw: LocatedDict) -> Combination | None:
    """The `combine` mapping of a format-2 phrase rule."""
    value = raw["combine"]
    if check.classes is None:
        check.add(raw.line_of("combine"), say("keyword combinations need 'format: 2' at the top of the pack"), "combine")
        return None
    if not isinstance(value, LocatedDict):
        check.add(raw.line_of("combine"), say("must be a mapping with within, all, any, none"), "combine")
        return None
    check.unknown(value, COMBINE_KEYS, N_("combine"))
    within = value.get("within", "clause")
    distance = 0
    if isinstance(within, int) and not isinstance(within, bool):
        if not 1 <= within <= MAX_DISTANCE:
            check.add(value.line_of("within"), say("a distance is 1 to {limit} characters", limit=MAX_DISTANCE), "combine.within")
        within, distance = "chars", within
    elif within not in WINDOWS:
        check.add(value.line_of("within"), say("must be {values} or a number of characters", values=", ".join(WINDOWS)), "combine.within")
        within = "clause"
    position = value.get("position", "any")
    if position not in POSITIONS:
        check.add(value.line_of("position"), say("must be one of {values}", values=", ".join(POSITIONS)), "combine.position")
        position = "any"
    groups = {key: _read_patterns(check, value, key, plain=True, required=False) for key in ("all", "any", "none")}
    if not groups["all"] and not groups["any"]:
        check.add(value.line, say("needs 'all' or 'any' (phrases that must occur)"), "combine")
        return None
    return Combination(within, distance, groups["all"], groups["any"], groups["none"], position)


def _read_requirement(check: FieldChecker, raw: LocatedDict) -> dict:
    """The fields only a `type: require` rule has."""
    scope = raw.get("scope")
    if "scope" in raw and not (isinstance(scope, str) and scope in SCOPES):  # a list or mapping is no scope either
        check.add(raw.line_of("scope"), say("must be one of {values}", values=", ".join(sorted(SCOPES))), "scope")
        scope = None
    kinds = tuple(k for k, _ in check.text_list(raw, "kinds", required=False))
    for kind in kinds:
        if kind not in KINDS:
            check.add(raw.line_of("kinds"), say("unknown kind {kind} (known: {known})", kind=repr(kind), known=", ".join(KINDS)), "kinds")
    trigger = _read_patterns(check, raw, "trigger", plain=True, required=scope in TRIGGERED_SCOPES)
    if trigger and scope not in TRIGGERED_SCOPES:
        check.add(raw.line_of("trigger"), say("only scopes {scopes} take a trigger", scopes=", ".join(sorted(TRIGGERED_SCOPES))), "trigger")
    parts = []
    raw_parts = raw.get("parts", [])
    if not isinstance(raw_parts, list) or ("parts" in raw and not raw_parts):
        check.add(raw.line_of("parts"), say("must be a non-empty list of {name, phrases}"), "parts")
        raw_parts = []
    for index, item in enumerate(raw_parts):
        if not isinstance(item, LocatedDict):
            check.add(raw_parts.item_lines[index], say("each part is a mapping with name and phrases"), "parts")
            continue
        check.unknown(item, {"name", "phrases"}, N_("a part"))
        name = check.text(item, "name", one_line=True)
        phrases = _read_patterns(check, item, "phrases", plain=True)
        if name and phrases:
            parts.append(RequiredPart(name, phrases))
    return {"type": "require", "scope": scope, "kinds": kinds, "trigger": trigger, "parts": tuple(parts)}


def read_rule(check: FieldChecker, raw: Any, line: int, pack: str, file: str) -> Rule | None:
    if not isinstance(raw, LocatedDict):
        check.add(line, say("each rule is a mapping"))
        return None
    rule_id = raw.get("id")
    check.rule = rule_id if isinstance(rule_id, str) else None
    rule_type = raw.get("type", "phrase")
    if rule_type not in ("phrase", "require"):
        check.add(raw.line_of("type"), say("must be 'phrase' (wording to avoid) or 'require' (wording that must be present)"), "type")
        return None
    is_require = rule_type == "require"
    check.unknown(raw, REQUIRE_KEYS if is_require else RULE_KEYS | {"type"}, N_("a require rule") if is_require else N_("a rule"))
    for key in sorted((REQUIRE_REQUIRED if is_require else RULE_REQUIRED) - raw.keys()):
        if (key != "rewrites" or "rewrites_reason" not in raw) and (key != "phrases" or "combine" not in raw):
            check.add(raw.line, say("is required"), key)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        check.add(raw.line_of("id"), say("must be dotted lower-case words, e.g. inquiry.dont-know"), "id")
    level = Level.WARNING
    if "level" in raw:
        try:
            level = Level.parse(str(raw["level"]))
        except ValueError as exc:
            check.add(raw.line_of("level"), exc.args[0], "level")
    boundary = raw.get("boundary", "word")
    if boundary not in ("word", "none"):
        check.add(raw.line_of("boundary"), say("must be 'word' or 'none'"), "boundary")
    quotes = raw.get("quotes", "mention")
    if quotes not in ("mention", "ignore"):
        check.add(raw.line_of("quotes"), say("must be 'mention' or 'ignore'"), "quotes")
    requirement = _read_requirement(check, raw) if is_require else {}
    phrases = () if is_require else _read_patterns(check, raw, "phrases", plain=False, required=False)
    combine = _read_combination(check, raw) if "combine" in raw and not is_require else None
    similar: tuple[str, ...] = ()
    if "similar" in raw:
        if check.classes is None:
            check.add(raw.line_of("similar"), say("exemplar sentences need 'format: 2' at the top of the pack"), "similar")
        else:
            similar = read_exemplars(check, raw, "similar")
    message = check.text(raw, "message", required=False, one_line=True)
    category = check.text(raw, "category", required=False, one_line=True)
    source = check.text(raw, "source", required=False)
    intent = check.text(raw, "intent", required=False, one_line=True)
    if intent and not INTENT.match(intent):
        check.add(raw.line_of("intent"), say("{intent} is not an intent name (lower-case words joined by '-', as in giving-up)",
                                            intent=repr(intent)), "intent")
    rewrites = _read_rewrites(check, raw)
    _check_fix_settles(check, raw, phrases, rewrites)
    exceptions = _read_exceptions(check, raw)
    bad, good = _read_examples(check, raw)
    reason = check.text(raw, "rewrites_reason", required=False)
    description = check.text(raw, "description", required=False)
    if not (check.rule and message and category and source and (phrases or combine or requirement.get("parts"))):
        return None
    return Rule(
        id=check.rule, level=level, category=category, message=message,
        phrases=phrases, written=_written(check, raw, "phrases"), rewrites=rewrites, source=source,
        pack=pack, file=file, line=raw.line, boundary=boundary, exceptions=exceptions,
        bad_examples=bad, good_examples=good, rewrites_reason=reason, description=description,
        quotes=quotes, intent=intent, combine=combine, similar=similar, **requirement,
    )

