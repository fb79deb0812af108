"""`check`'s arguments and options, declared once, and read from argv without click.

Each entry of CHECK_OPTIONS is the whole declaration of one option: its parameter name,
flags, what it takes, default, help and the configuration key it overrides or adds to.
The click application builds its options from these entries (click_options.py) and
`parse_check_args` reads the same entries here, so that an ordinary `phraselint check`
starts without click's import cost — most of a pasted reply's wait. Adding an option is
adding an entry; the records (CheckOptions, LinterOptions) and both parsers follow.

`parse_check_args` answers None for anything it does not handle itself — help, a bad value,
an unknown option — so that click reports it (tests/test_launch.py holds the two to each other).
"""

from __future__ import annotations

import os
import sys
from operator import itemgetter
from typing import Any

from ..inputs.readers import FORMATS as READER_FORMATS
from ..model import KINDS
from ..report import FORMATS

LEVEL_NAMES = ("error", "warning", "suggestion")
VARIANT_NAMES = ("cn", "tw", "hk", "t")  # t: the old name of tw (text/script.ALIASES)
LANG_NAMES = ("zh", "en")

# What an option takes, and so how both parsers read it and the type of its record field.
PATHS = "paths"  # the positional arguments: files, folders or '-'
VALUE = "value"  # any one value
FILE = "file"  # the name of a file that must not be a folder
CHOICE = "choice"  # one of `choices` (compared case-insensitively with `ignore_case`)
MANY = "many"  # a value, repeatable: the parameter is the tuple of them
INT = "int"  # a whole number within `bounds`
FLAG = "flag"  # present or not
SWITCH = "switch"  # `flags` turn it on, `off` turns it off; None when neither is given

# The record field's type for each (as a string, as annotations are under `from __future__ import annotations`).
_FIELD_TYPES = {
    PATHS: "tuple[str, ...]", VALUE: "str | None", FILE: "str | None", CHOICE: "str | None",
    MANY: "tuple[str, ...]", INT: "int | None", FLAG: "bool", SWITCH: "bool | None",
}


class Option:
    """One parameter of a command, as both the click application and the fast parser read it.

    A plain class, not a NamedTuple: it is built on every start, and a class statement costs less."""

    __slots__ = ("name", "flags", "takes", "help", "default", "choices", "ignore_case", "bounds", "off", "config")

    def __init__(self, name: str, flags: tuple[str, ...], takes: str, help: str = "", *, default: Any = None,
                 choices: tuple[str, ...] = (), ignore_case: bool = False, bounds: tuple[int, int] = (0, 0),
                 off: str = "", config: str | None = None):
        self.name = name  # the parameter and record field
        self.flags = flags  # () for PATHS
        self.takes = takes  # PATHS, VALUE, FILE, CHOICE, MANY, INT, FLAG or SWITCH
        self.help = help
        self.default = default
        self.choices = choices  # CHOICE: the accepted values
        self.ignore_case = ignore_case  # CHOICE: compared in lower case (the choices are)
        self.bounds = bounds  # INT: lowest and highest accepted
        self.off = off  # SWITCH: the flag that turns it off
        self.config = config  # the configuration file's key this option overrides or adds to

    def __repr__(self) -> str:
        return f"Option({self.name!r}, {self.flags!r}, {self.takes!r})"

    @property
    def field_type(self) -> str:
        return "str" if self.takes == CHOICE and self.default is not None else _FIELD_TYPES[self.takes]


class Record(tuple):
    """An immutable record of option values, one typed field per option of its table, made
    with keywords only (a missing field takes the option's default).

    What collections.namedtuple would give, without the tenth of a millisecond it takes to
    build a class on every start."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}

    def __new__(cls, **values: Any) -> Any:
        unknown = values.keys() - cls._defaults.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        values = cls._defaults | values
        return tuple.__new__(cls, [values[name] for name in cls._fields])

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self))

    def _replace(self, **changes: Any) -> Any:
        return type(self)(**(self._asdict() | changes))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self))})"


def _record(typename: str, options: tuple[Option, ...], doc: str) -> Any:
    """The Record class of `options`: its fields, their types and defaults, in the table's order."""
    namespace: dict[str, Any] = {
        "__slots__": (), "__doc__": doc, "__module__": __name__,
        "__annotations__": {o.name: o.field_type for o in options},
        "_fields": tuple(o.name for o in options), "_defaults": {o.name: o.default for o in options},
    }
    for index, option in enumerate(options):
        namespace[option.name] = property(itemgetter(index), doc=option.help or None)
    return type(typename, (Record,), namespace)


# Every command that loads packs takes these.
LINTER_OPTIONS: tuple[Option, ...] = (
    Option("config_path", ("--config",), FILE, "Configuration file (default: .phraselint.yaml or pyproject.toml found upwards)."),
    Option("packs", ("--packs",), MANY, "Rule packs by name or path, comma-separated or repeated (default: all built-in packs).",
           default=(), config="packs"),
    Option("enable", ("--enable",), MANY, "Turn on a rule id, category or pack (wins over --disable and the configuration).",
           default=(), config="enable"),
    Option("disable", ("--disable",), MANY, "Turn off a rule id, category or pack.", default=(), config="disable"),
    Option("variant", ("--variant",), CHOICE, "The reader: mainland simplified (cn), Taiwan (tw) or Hong Kong (hk) "
           "traditional, for rules' texts and the interface (default: each text's own script and regional wording).",
           choices=VARIANT_NAMES, config="variant"),
    Option("lang", ("--lang",), CHOICE, "Interface language: Chinese in the reader's script (zh, the default) or English (en).",
           choices=LANG_NAMES, ignore_case=True, config="lang"),
    Option("staff_roles", ("--staff-role",), MANY, "Another role label whose turns are staff wording (repeatable).",
           default=(), config="roles.staff"),
    Option("customer_roles", ("--customer-role",), MANY, "Another role label whose turns are never checked (repeatable).",
           default=(), config="roles.customer"),
    Option("similar", ("--similar",), FLAG,
           "Also suggest clauses worded like a rule's exemplar sentences that no phrase matched (a heuristic; "
           "with eval: score that layer alone).", default=False, config="similar"),
)

# `phraselint check`, in the order its help lists them.
CHECK_OPTIONS: tuple[Option, ...] = (
    Option("paths", (), PATHS, default=()),
    Option("output_format", ("--format",), CHOICE, "Output format.", default="text", choices=FORMATS),
    Option("level", ("--level",), CHOICE, "Lowest level shown (default: suggestion).",
           choices=LEVEL_NAMES, ignore_case=True, config="level"),
    Option("fail_level", ("--fail-level",), CHOICE, "Lowest level that makes the exit code 1 (default: warning).",
           choices=LEVEL_NAMES, ignore_case=True, config="fail_level"),
    Option("include", ("--include",), MANY,
           "File-name glob checked inside folders (repeatable; default: *.txt *.md *.html and template files).",
           default=(), config="include"),
    Option("exclude", ("--exclude",), MANY, "Path glob to skip (repeatable).", default=(), config="exclude"),
    Option("kind", ("--kind",), CHOICE,
           "What the text is; selects checks (required wording runs on phone and dialogue, training quotes are mentions). "
           "Default: detected.", choices=KINDS, config="kind"),
    Option("dialogue", ("--dialogue",), SWITCH,
           "Force or turn off transcript detection (lines 'role: text'; only staff turns are checked).", off="--no-dialogue"),
    Option("report_mentions", ("--report-mentions",), FLAG, "Show quoted mentions (切勿说“不知道”) as suggestion-level notes.",
           default=False, config="report_mentions"),
    Option("input_format", ("--input-format",), CHOICE,
           "Reader: by file extension (auto), or text, json (chat logs), markdown, html, docx.",
           default="auto", choices=READER_FORMATS),
    Option("encoding", ("--encoding",), VALUE,
           "Decode inputs with this encoding instead of detecting it (UTF-8/16 with BOM, UTF-8, GB18030/GBK, Big5)."),
    Option("role_field", ("--role-field",), VALUE,
           "Chat logs: the field holding the speaker (default: role, speaker, from, sender, author)."),
    Option("text_field", ("--text-field",), VALUE,
           "Chat logs: the field holding the words (default: text, content, message, utterance, body)."),
    Option("fix", ("--fix",), FLAG,
           "Apply drop-in rewrites (rules whose rewrite is marked fix: true) in place; with '-', print the fixed text.",
           default=False),
    Option("diff", ("--diff",), FLAG, "Print the fixes as a unified diff instead of writing them.", default=False),
    Option("polite", ("--polite",), FLAG,
           "JSON output: add each file's polite version, as `phraselint rewrite` prints it (the field `polite`).",
           default=False, config="polite"),
    Option("stats", ("--stats",), FLAG, "Add a summary of findings by category and rule.", default=False),
    Option("report_unused_disables", ("--report-unused-disables",), FLAG,
           "Report phraselint-disable comments that suppressed nothing.", default=False),
    Option("jobs", ("-j", "--jobs"), INT,
           "Files checked in parallel (default: the number of cores, once the inputs reach 512 KB). "
           "Output order does not depend on it.", bounds=(1, 256)),
    *LINTER_OPTIONS,
)

# `phraselint fix`: `check --fix` (every option of check but --fix and --diff, which it implies
# or contradicts), or with -i one finding at a time.
FIX_OPTIONS: tuple[Option, ...] = (
    CHECK_OPTIONS[0],
    Option("interactive", ("-i", "--interactive"), FLAG, "Walk through each finding and choose a suggestion (or type your own).",
           default=False),
    *(o for o in CHECK_OPTIONS[1:] if o.name not in ("fix", "diff")),
)

# `phraselint rewrite FILE|-`: the polite version of each input, read as `check` reads it, printed (cli/rewrite.py).
REWRITE_OPTIONS: tuple[Option, ...] = (
    CHECK_OPTIONS[0],
    *(o for o in CHECK_OPTIONS if o.name in ("include", "exclude", "kind", "dialogue", "input_format", "encoding",
                                             "role_field", "text_field")),
    *LINTER_OPTIONS,
)

LinterOptions = _record("LinterOptions", LINTER_OPTIONS, "The options every command that loads packs takes.")
CheckOptions = _record("CheckOptions", CHECK_OPTIONS, "Everything `phraselint check` was told, one field per CHECK_OPTIONS entry.")
FixOptions = _record("FixOptions", FIX_OPTIONS, "Everything `phraselint fix` was told, one field per FIX_OPTIONS entry.")
RewriteOptions = _record("RewriteOptions", REWRITE_OPTIONS, "Everything `phraselint rewrite` was told.")

_BY_FLAG: dict[str, tuple[Option, Any]] = {}  # flag -> (option, the value a FLAG or SWITCH flag sets)
for _option in CHECK_OPTIONS:
    for _flag in _option.flags:
        _BY_FLAG[_flag] = (_option, True)
    if _option.off:
        _BY_FLAG[_option.off] = (_option, False)
del _option, _flag


def parse_check_args(argv: list[str], stdin_is_tty: bool | None = None) -> Any:
    """`check`'s CheckOptions from argv (argv[0] must be 'check'), or None to leave the arguments to click."""
    if not argv or argv[0] != "check":
        return None
    values = CheckOptions()._asdict()
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            paths.extend(args[i:])
            break
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        flag, has_value, value = arg.partition("=")
        if flag not in _BY_FLAG:
            return None
        option, setting = _BY_FLAG[flag]
        takes = option.takes
        if takes == FLAG or takes == SWITCH:
            if has_value:
                return None
            values[option.name] = setting
            continue
        if not has_value:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if takes == CHOICE:
            if option.ignore_case:
                value = value.lower()
            if value not in option.choices:
                return None
        elif takes == INT:
            low, high = option.bounds
            if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
                return None
            value = int(value)
        elif takes == MANY:
            value = (*values[option.name], value)
        elif takes == FILE and os.path.isdir(value):
            return None  # click names the problem
        values[option.name] = value
    if not paths:
        # no standard input at all (<&-) is not a terminal: checking "-" then says it is closed
        if (sys.stdin is not None and sys.stdin.isatty()) if stdin_is_tty is None else stdin_is_tty:
            return None  # click says how to call it
        paths = ["-"]
    values["paths"] = tuple(paths)
    return CheckOptions(**values)
