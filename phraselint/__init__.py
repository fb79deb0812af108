"""phraselint: a courtesy-phrase checker for Chinese customer-service text.

Library API (the command line is a thin shell over it):

    import phraselint
    phraselint.check("这个我不知道")          # -> list[Finding], built-in packs
    linter = phraselint.Linter(["inquiry"])   # compiled once, reuse for many texts
    done = phraselint.check_changed(linter, text)          # .report: a TextReport
    done = phraselint.check_changed(linter, edited, done)  # checked again around the edit only
    phraselint.check_batch(turns, roles=roles, calls=call_ids)  # a table's turns, each call as a transcript
"""

from .errors import ConfigError, InputError, PackError, PhraselintError
from .engine.linter import Linter, TextReport, check, rewrite
from .engine.incremental import Incremental, check_changed  # an edited text checked again around the edit
from .model import Finding, Level, Pack, Rule
from .version import __version__
from .run.session import check_file  # a file by its format and encoding; large plain text in bounded memory
from .audit.batch import check_batch  # many short texts, or the turns of calls checked as transcripts



def load_packs(specs=None, *, search_paths=()):
    """Load and validate rule packs (names or paths; None: every built-in pack); PackError lists
    each problem. The loader is imported here, on first use: see phraselint/lazy.py."""
    from .packs.loader import load_packs as load

    return load(specs, search_paths=search_paths)


__all__ = [
    "ConfigError", "Finding", "Incremental", "InputError", "Level", "Linter", "Pack", "PackError",
    "PhraselintError", "Rule", "TextReport", "__version__", "check", "check_batch", "check_changed", "check_file", "load_packs", "rewrite",
]
