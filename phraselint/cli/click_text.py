"""click's part of the interface — help pages, usage lines, usage errors, the version line —
in the run's language, as everything else phraselint prints, without changing click itself
or installing a catalogue process-wide.

click writes its strings in English through the standard library's global gettext domain;
phraselint's catalogues are objects handed around (i18n/). So the application's commands
use a Context whose help formatter translates what it writes (headings, the usage prefix,
each option's help and its "[default: …]", each command's help), and `show_error` writes a
click exception as click would, with its message read back through SHAPES: the forms click's
messages take, each a msgid with the values click put in it.

The command line's own strings (options.py's help, the commands' docstrings, the exit codes)
are msgids too, written once in English; tests/test_i18n.py holds every catalogue to them.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
from typing import Any

import click

from ..i18n.catalogue import Catalogue
from ..i18n.choice import N_, Interface
from ..i18n.message import Message, shown
from ..report.window import display_width
from ..version import __version__

# What click itself writes on a help page or with an error, in the forms phraselint's
# commands can meet; {name!r} is a value click wrote quoted.
SHAPES = (
    N_("No such option {name!r}."), N_("No such command {name!r}."), N_("Did you mean {possibility}?"),
    N_("(Did you mean one of: {possibilities}?)"), N_("Option {name!r} requires an argument."),
    N_("Option {name!r} does not take a value."), N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"), N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"), N_("{value} is not in the range {range}."), N_("{value!r} is not a valid integer."),
    N_("{value!r} is not one of {choices}."), N_("{value!r} is not {choice}."),
    N_("{name} {filename!r} is a directory."), N_("Missing argument {param_hint}."), N_("Missing option {param_hint}."),
    N_("Missing command."), N_("default: {default}"), N_("required"),
)
HELP_TEXTS = (
    N_("Usage:"), N_("{heading}:"), N_("Options"), N_("Commands"), N_("Arguments"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("File"), N_("Path"), N_("Directory"),
)
# the placeholders of usage lines and option columns (click's metavars: a type's name, an argument's)
METAVARS = (
    N_("OPTIONS"), N_("COMMAND"), N_("ARGS"), N_("PATHS"), N_("RULE_ID"), N_("TEXT"), N_("FILE"), N_("INTEGER RANGE"),
    N_("CORPORA"), N_("PACKS_TO_TEST"), N_("FLOAT RANGE"),
)
_METAVAR = re.compile(r"\b(?:INTEGER RANGE|FLOAT RANGE|[A-Z][A-Z_]+)\b")
ERROR_TEXTS = (N_("Try '{command} {option}' for help."), N_("Error: {message}"), N_("{prog}, version {version}"))


def catalogue_of(ctx: click.Context | None) -> Catalogue:
    """The catalogue of the run a context belongs to: the Interface main() passed as the root
    context's obj (read from the arguments before click parses them), else the default."""
    ui = ctx.find_root().obj if ctx is not None else None
    return (ui if isinstance(ui, Interface) else Interface()).of()


class Formatter(click.HelpFormatter):
    """click's help formatter, translating what it is given to write."""

    def __init__(self, catalogue: Catalogue, **settings: Any) -> None:
        super().__init__(**settings)
        self.t = catalogue

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = self.t.tr("Usage:")
            prefix += "" if prefix.endswith("：") else " "
        super().write_usage(prog, metavars(args, self.t), prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.t.tr('{heading}:', heading=self.t.tr(heading))}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 11)
        paragraphs = self.t.tr(text).split("\n\n")
        self.write("\n\n".join("\n".join(indent + line for line in wrapped(p, width)) for p in paragraphs) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's two columns, laid out by terminal columns (a CJK character takes two), as
        click's own counts characters and would misalign and overrun translated help."""
        rows = [(metavars(first, self.t), help_cell(second, self.t)) for first, second in rows]
        first_width = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_width - self.current_indent, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_width - col_spacing:
                self.write(" " * (first_width - display_width(first)))
            else:
                self.write("\n" + " " * (first_width + self.current_indent))
            lines = wrapped(second, text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_width + self.current_indent) + line + "\n")


def wrapped(text: str, width: int) -> list[str]:
    """`text` (one paragraph; its line breaks are kept where a line ends in a CJK mark) in lines
    of at most `width` terminal columns, broken between CJK characters or at spaces, never
    inside a Latin word or number that fits on a line."""
    text = re.sub(r"\s*\n\s*", lambda m: "" if _cjk(text[m.start() - 1:m.start()]) else " ", text.strip())
    lines: list[str] = []
    line, used, last_space = "", 0, -1
    for char in text:
        if char == " " and not line:
            continue
        line += char
        used += display_width(char)
        if char == " ":
            last_space = len(line) - 1
        if used > width and char not in _NO_LINE_START:
            if not _cjk(char) and last_space > 0 and not _cjk(line[last_space + 1:last_space + 2]):
                lines.append(line[:last_space].rstrip())
                line = line[last_space + 1:]
            elif _cjk(char):
                lines.append(line[:-1].rstrip())
                line = char
            else:  # a Latin word: go back to where it starts, if a CJK character is before it
                start = len(line) - 1
                while start > 0 and not _cjk(line[start - 1]) and line[start - 1] != " ":
                    start -= 1
                lines.append(line[:start].rstrip() if start > 0 else line)
                line = line[start:] if start > 0 else ""
            used, last_space = display_width(line), line.rfind(" ")
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


_NO_LINE_START = frozenset("，。、；：！？）」』”’》】,.;:!?)]")  # a line never begins with a closing mark


def _cjk(char: str) -> bool:
    return bool(char) and display_width(char) == 2


def metavars(text: str, t: Catalogue) -> str:
    """A usage line's or option column's placeholders (TEXT, [OPTIONS]) in the catalogue's language."""
    return _METAVAR.sub(lambda match: t.tr(match.group()), text)


_EXTRA = re.compile(r"(.*?)(?:(?:^|  )\[(.*)\])?", re.S)  # an option's help and click's "  [default: x; required]"


def help_cell(text: str, t: Catalogue) -> str:
    """An option's (or command's) help as click lays it out, translated part by part."""
    match = _EXTRA.fullmatch(text)
    if match is None or not text:
        return text
    help_text, extra = match.groups()
    help_text = t.tr(help_text) if help_text else help_text
    if extra is None:
        return help_text
    extra = f"[{'; '.join(translated(part, t) for part in extra.split('; '))}]"
    return f"{help_text}  {extra}" if help_text else extra


class TranslatedContext(click.Context):
    """A context whose help and usage are written in the run's language."""

    def make_formatter(self) -> click.HelpFormatter:
        return Formatter(catalogue_of(self), width=self.terminal_width, max_width=self.max_content_width)


class TranslatedCommand(click.Command):
    context_class = TranslatedContext


class TranslatedGroup(click.Group):
    """The command group: its commands' one-line summaries are cut from their translated help."""

    context_class = TranslatedContext
    command_class = TranslatedCommand

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        t = catalogue_of(ctx)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, first_sentence(t.tr(inspect.cleandoc(command.help or "")))))
        if rows:
            with formatter.section(t.tr("Commands")):
                formatter.write_dl(rows)


def first_sentence(text: str, limit: int = 60) -> str:
    """A help text's first sentence (Chinese or English), cut to `limit` characters."""
    text = re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s*\n\s*", "", text.split("\n\n")[0])
    text = " ".join(text.split())
    ends = [end + (1 if mark == "。" else 0) for mark in ("。", ". ") if (end := text.find(mark)) >= 0]
    text = text[:min(ends)] if ends else text
    return text if len(text) <= limit else text[:limit - 1] + "…"


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version, in the run's language."""
    if value and not ctx.resilient_parsing:
        click.echo(catalogue_of(ctx).tr("{prog}, version {version}", prog="phraselint", version=__version__))
        ctx.exit()


def show_error(exc: click.ClickException, t: Catalogue) -> None:
    """A click exception on standard error as click.ClickException.show writes it, translated."""
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        hint = ""
        if exc.ctx.command.get_help_option(exc.ctx) is not None:
            names = exc.ctx.command.get_help_option_names(exc.ctx)
            hint = t.tr("Try '{command} {option}' for help.", command=exc.ctx.command_path, option=max(names, key=len)) + "\n"
        click.echo(f"{exc.ctx.get_usage()}\n{hint}", err=True)
    message = exc.message if isinstance(exc.message, Message) and type(exc) in (click.UsageError, click.ClickException) \
        else exc.format_message()
    click.echo(t.tr("Error: {message}", message=translated(message, t)), err=True)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]:
    """Each shape as a pattern its values are read back with, and the names written quoted."""
    built = []
    for shape in SHAPES:
        parts = re.split(r"\{(\w+)(!r)?\}", shape)
        regex, quoted = [], set()
        for index in range(0, len(parts), 3):
            regex.append(re.escape(parts[index]))
            if index + 1 < len(parts):
                name, conversion = parts[index + 1], parts[index + 2]
                regex.append(f"(?P<{name}>.+?)")
                if conversion:
                    quoted.add(name)
        built.append((shape, re.compile("".join(regex), re.S), frozenset(quoted)))
    return tuple(built)


def translated(text: str, t: Catalogue) -> str:
    """A message click wrote, in the catalogue's language: a Message as its own, a shape of
    SHAPES with its values (a nested message translated too), a message followed by another
    (No such option … Did you mean …?) each on its own; anything else as it is."""
    if isinstance(text, Message) or not isinstance(text, str):
        return shown(text, t)
    for shape, pattern, quoted in _patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            return t.tr(shape, **{name: _unquoted(value) if name in quoted else metavars(translated(value, t), t)
                                  for name, value in match.groupdict().items()})
    for cut in (m.end() for m in re.finditer(r"[.?] ", text)):  # two messages in one
        first, second = text[:cut - 1], text[cut:]
        if (done := translated(first, t)) != first:
            return done + (" " if t.locale == "en" else "") + translated(second, t)
    return t.tr(text)


def _unquoted(value: str) -> str:
    try:
        unquoted = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value
    return unquoted if isinstance(unquoted, str) else value
