"""A gettext .po catalogue compiled to .mo, with the standard library only: what GNU msgfmt
does for the subset these catalogues use (msgid, msgid_plural, msgstr[n], comments, no
msgctxt). setup.py runs it when the package is built; the tests compare the result with the
.mo files the package holds.
"""

from __future__ import annotations

import ast
import struct


def parse_po(text: str) -> dict[str, str]:
    """msgid (singular NUL plural, for plural entries) -> msgstr (the forms NUL-separated);
    untranslated entries (empty msgstr) are left out, as msgfmt does. The header is msgid ''."""
    entries: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    current: str | None = None

    def flush() -> None:
        if "msgid" in fields:
            msgid = "".join(fields["msgid"])
            if "msgid_plural" in fields:
                msgid += "\0" + "".join(fields["msgid_plural"])
                forms = [key for key in fields if key.startswith("msgstr[")]
                forms.sort(key=lambda key: int(key[7:-1]))
                values = ["".join(fields[key]) for key in forms]
                if all(values):
                    entries[msgid] = "\0".join(values)
            else:
                value = "".join(fields.get("msgstr", []))
                if value:
                    entries[msgid] = value
        fields.clear()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and fields:
                flush()
                current = None
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"line {number}: a string continues no field")
            fields[current].append(ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in fields and current != "msgid":
            flush()
        if keyword not in ("msgid", "msgid_plural", "msgstr") and not keyword.startswith("msgstr["):
            raise ValueError(f"line {number}: unknown field {keyword!r}")
        current = keyword
        fields[current] = [ast.literal_eval(rest.strip())]
    flush()
    return entries


def write_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo format (little-endian, revision 0), keys sorted as msgfmt sorts them."""
    keys = sorted(entries)
    ids = [key.encode("utf-8") for key in keys]
    strs = [entries[key].encode("utf-8") for key in keys]
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + 8 * count
    data_start = strs_table + 8 * count
    offsets, data = [], bytearray()
    for blob in ids:
        offsets.append((len(blob), data_start + len(data)))
        data += blob + b"\0"
    str_offsets = []
    for blob in strs:
        str_offsets.append((len(blob), data_start + len(data)))
        data += blob + b"\0"
    out = bytearray(struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0))
    for length, offset in offsets + str_offsets:
        out += struct.pack("<2I", length, offset)
    return bytes(out + data)


def compile_po(text: str) -> bytes:
    return write_mo(parse_po(text))
