"""Many short texts at once: `check_batch`, the library call behind `phraselint audit`, its
`--jobs` workers and the Dask partition function.

A table holds one row per turn. Without roles, each text is checked alone, exactly as
`Linter.check_text` checks it. With roles, consecutive texts of one call are checked together
*as a transcript*, through the same library path as a transcript file (engine/transcripts.py):
each turn becomes one line `label：text`, so required wording (greeting, apology after a hold,
closing) and call-position rules see the whole call in turn order, and only staff turns are
judged. The role values are decided as transcript labels are (Roles.speaker on the normalised
value, then `inferred_speakers` for values no list knows); the line is then written with a
plain staff or customer label, so that a role value the label pattern would not read (one with
spaces, digits or a colon) still counts. Line breaks inside a turn become spaces (the same
length: offsets are kept) so that no line of a turn's text is read as a turn of its own.

Findings come back per text, with offsets (code points), lines and columns into that text,
`turn` the text's 1-based position in its call and `role` its role value.
"""

from __future__ import annotations

import bisect
from typing import Sequence

from ..engine.linter import Linter, _default_linter
from ..engine.transcripts import Roles, Speaker, inferred_speakers
from ..model import Finding, Level
from ..text.normalise import normalise_phrase

STAFF_LABEL, CUSTOMER_LABEL = "客服", "客户"  # built-in labels (rules/transcripts/roles.yaml) the call's lines carry


def decide_speakers(values: Sequence[str | None], roles: Roles,
                    known: dict[str, tuple[str, Speaker]] | None = None) -> dict[str | None, Speaker | None]:
    """Each distinct role value's speaker, as a transcript's labels are decided: the longest known
    label it starts with, else the other party of the known ones when it recurs or is the only
    other label (transcripts.inferred_speakers). None: undecided (no list knows it and it was not
    inferred, or it is empty); such a turn is not judged. `known`: value -> (normalised label, its
    listed speaker), kept by a caller deciding many calls (a table's few role values recur)."""
    known = {} if known is None else known
    decided: dict[str | None, Speaker | None] = {}
    labels: dict[str, str] = {}  # an undecided value's normalised label
    counts: dict[str, int] = {}  # how often each undecided label opens a turn
    sides: set[str] = set()
    known_labels: set[str] = set()
    for value in values:
        if value in decided:
            if value in labels:
                counts[labels[value]] += 1
            continue
        listed = known.get(value) if value else ("", "unknown")
        if listed is None:
            label = normalise_phrase(value.strip())  # type: ignore[union-attr]
            listed = known[value] = (label, roles.speaker(label) if label else "unknown")  # type: ignore[index]
        label, speaker = listed
        if speaker != "unknown":
            decided[value] = speaker
            sides.add(speaker)
            known_labels.add(label)
            continue
        decided[value] = None
        if label and roles.may_be_a_role(label):
            labels[value] = label  # type: ignore[index]
            counts[label] = counts.get(label, 0) + 1
    if counts and sides:
        inferred = dict(inferred_speakers(counts, sides, len(known_labels)))
        for value, label in labels.items():
            if label in inferred:
                decided[value] = inferred[label]
    return decided


def call_kind(values: Sequence[str | None], roles: Roles) -> str:
    """phone when a role value is a phone label (坐席, 话务员, operator …), else dialogue, as
    transcripts.detect_layout infers a transcript's kind from its labels."""
    for value in set(values):
        if value and roles.is_phone(normalise_phrase(value.strip())):
            return "phone"
    return "dialogue"


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    breaks = text.count("\n", 0, offset)
    return 1 + breaks, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _in_turn(finding: Finding, text: str, start: int, turn: int, role: str | None) -> Finding:
    """`finding` (offsets into the call's transcript) with offsets into its own turn's text."""
    offset, end = in_turn_span(finding, text, start)
    if "\n" in text:
        (line, column), (end_line, end_column) = _position(text, offset), _position(text, end)
    else:
        line, column, end_line, end_column = 1, offset + 1, 1, end + 1
    return finding._replace(match=text[offset:end], offset=offset, end_offset=end, line=line, column=column,
                            end_line=end_line, end_column=end_column, turn=turn, role=role)


def call_hits(linter: Linter, texts: Sequence[str], roles: Sequence[str | None], *, level: Level = Level.SUGGESTION,
              kind: str | None = None, speakers: dict[str | None, Speaker | None] | None = None
              ) -> tuple[dict[str | None, Speaker | None], list[tuple[int, int, Finding]]]:
    """The turns of one call, in turn order, checked as one transcript: the speakers decided, and
    each finding as (turn index, where that turn's text starts in the transcript, the finding with
    transcript offsets). check_call turns these into findings per turn; the audit reads the few
    fields it writes straight from them."""
    if speakers is None:
        speakers = decide_speakers(roles, linter.roles)
    lines: list[str] = []
    starts: list[int] = []
    included: list[int] = []
    position = 0
    for index, (text, role) in enumerate(zip(texts, roles)):
        speaker = speakers.get(role)
        if speaker is None:
            continue
        label = STAFF_LABEL if speaker == "staff" else CUSTOMER_LABEL
        body = text.replace("\n", " ").replace("\r", " ") if "\n" in text or "\r" in text else text
        lines.append(f"{label}：{body}")
        starts.append(position + len(label) + 1)
        included.append(index)
        position += len(label) + 1 + len(body) + 1
    if not lines:
        return speakers, []
    report = linter.check_text("\n".join(lines), level=level, kind=kind or call_kind(roles, linter.roles), dialogue=True)
    hits = []
    for finding in report.findings:
        k = max(bisect.bisect_right(starts, finding.offset) - 1, 0)
        hits.append((included[k], starts[k], finding))
    return speakers, hits


def in_turn_span(finding: Finding, text: str, start: int) -> tuple[int, int]:
    """`finding`'s offsets (into the call's transcript) as offsets into its own turn's text."""
    offset = min(max(finding.offset - start, 0), len(text))
    return offset, min(max(finding.end_offset - start, offset), len(text))


def check_call(linter: Linter, texts: Sequence[str], roles: Sequence[str | None], *, level: Level = Level.SUGGESTION,
               kind: str | None = None, speakers: dict[str | None, Speaker | None] | None = None) -> list[list[Finding] | None]:
    """The turns of one call, in turn order, checked as one transcript: findings per turn (None for a
    turn whose role is undecided, which is not judged). `kind`: phone or dialogue (default: from the
    role values, call_kind). `speakers`: decide_speakers' answer, when the caller has it."""
    speakers, hits = call_hits(linter, texts, roles, level=level, kind=kind, speakers=speakers)
    result: list[list[Finding] | None] = [None if speakers.get(role) is None else [] for role in roles]
    for index, start, finding in hits:
        result[index].append(_in_turn(finding, texts[index], start, index + 1, roles[index]))  # type: ignore[union-attr]
    return result


def check_batch(texts: Sequence[str], roles: Sequence[str | None] | None = None, *, calls: Sequence[object] | None = None,
                linter: Linter | None = None, level: Level | str = Level.SUGGESTION,
                kind: str | None = None) -> list[list[Finding] | None]:
    """Check many texts; one list of findings per text, in the order given.

    Without `roles`, each text alone, as `linter.check_text(text, level=level, kind=kind)` does.
    With `roles` (one role value per text: 客服, 业主, agent, customer …), the texts are turns in
    turn order: each run of consecutive texts with the same `calls` value (all of them when
    `calls` is None) is one call, checked as a transcript (see the module's docstring). A turn
    whose role value is known to no list and not inferred from the others gets None: it was not
    judged. `linter`: default, the built-in packs' (built once)."""
    linter = linter or _default_linter()
    if isinstance(level, str):
        level = Level.parse(level)
    if roles is None:
        return [linter.check_text(text, level=level, kind=kind).findings for text in texts]
    if len(roles) != len(texts) or (calls is not None and len(calls) != len(texts)):
        raise ValueError("check_batch: texts, roles and calls must be of the same length")
    result: list[list[Finding] | None] = []
    start = 0
    while start < len(texts):
        end = start + 1
        if calls is None:
            end = len(texts)
        else:
            while end < len(texts) and calls[end] == calls[start]:
                end += 1
        found = check_call(linter, texts[start:end], roles[start:end], level=level, kind=kind)
        for turn in found:  # turn numbers within the call
            result.append(turn)
        start = end
    return result
