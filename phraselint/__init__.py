"""phraselint: a courtesy-phrase checker for Chinese customer-service text.

Library API (the command line is a thin shell over it):

    import phraselint
    phraselint.check("这个我不知道")          # -> list[Finding], built-in packs
    linter = phraselint.Linter(["inquiry"])   # compiled once, reuse for many texts
"""

from .errors import ConfigError, InputError, PackError, PhraselintError
from .engine.linter import Linter, TextReport, check
from .model import Finding, Level, Pack, Rule


def load_packs(specs=None, *, search_paths=()):
    """Load and validate rule packs (names or paths; None: every built-in pack); PackError lists each problem."""
    from .packs.loader import load_packs as _load_packs

    return _load_packs(specs, search_paths=search_paths)


def check_file(path, linter=None, **options):
    """Check a file by its format and encoding; large plain-text files in bounded memory."""
    from .run.session import check_file as _check_file

    return _check_file(path, linter, **options)

__all__ = [
    "ConfigError", "Finding", "InputError", "Level", "Linter", "Pack", "PackError",
    "PhraselintError", "Rule", "TextReport", "check", "check_file", "load_packs",
]
__version__ = "0.1.0"
