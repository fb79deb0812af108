"""A message that can be shown in any interface language: English text (what `str` gives, for
logs, exceptions and library callers) that remembers its catalogue msgid and values, so that
the command line shows it translated where it is printed.

    error = InputError(say("{path}: cannot read: {reason}", path=path, reason=say(exc.strerror)))
    str(error)                       # 'notes.txt: cannot read: No such file or directory'
    shown(error.args[0], catalogue)  # 'notes.txt：无法读取：没有这个文件或文件夹'

`say` marks its first argument for translation (tests/test_i18n.py collects it, as `.tr`); a
value that is itself a Message is translated too. A value from outside (a file name, a
reason the operating system gives) stays as it is unless a catalogue holds it.
"""

from __future__ import annotations

from typing import Any

from .choice import N_


class Message(str):
    """English text that knows its msgid (`template`) and `values`. A str, so that anything
    that formats, joins or compares it needs no change; it pickles with both (a worker's
    error reaches the parent translatable)."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, values: dict[str, Any]) -> Message:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self

    def __reduce__(self):
        return Message, (self.template, self.values)


def say(template: str, /, **values: Any) -> Message:
    """`template` filled with `values` (str.format), translatable where it is shown."""
    return Message(template, values)


def lines(messages: list) -> Message:
    """Several messages, a line each, each translatable where shown (the template holds no words)."""
    return Message("\n".join(f"{{line{i}}}" for i in range(len(messages))), {f"line{i}": m for i, m in enumerate(messages)})


def shown(text: Any, catalogue: Any) -> str:
    """`text` in the catalogue's language: a Message translated with its values (each shown
    the same way), any other text looked up as a msgid of its own (the reasons the operating
    system and the codecs give, REASONS), else as it is."""
    if isinstance(text, Message):
        return catalogue.tr(text.template, **{name: shown(value, catalogue) if isinstance(value, str) else value
                                              for name, value in text.values.items()})
    if isinstance(text, BaseException):
        return shown(text.args[0] if len(text.args) == 1 and isinstance(text.args[0], str) else str(text), catalogue)
    return catalogue.tr(str(text)) if isinstance(text, str) and text in REASONS else str(text)


# The reasons the operating system (os.strerror) and the codecs (UnicodeDecodeError.reason)
# give in English for a file that cannot be read or written: shown in the run's language
# when an error quotes one.
REASONS = frozenset((
    N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"), N_("Not a directory"),
    N_("File name too long"), N_("Too many levels of symbolic links"), N_("No space left on device"),
    N_("Read-only file system"), N_("Input/output error"), N_("Operation not permitted"),
    N_("invalid start byte"), N_("invalid continuation byte"), N_("unexpected end of data"),
    N_("illegal multibyte sequence"), N_("incomplete multibyte sequence"), N_("truncated data"),
    N_("illegal UTF-16 surrogate"), N_("illegal encoding"),
))
