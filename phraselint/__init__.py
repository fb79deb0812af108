"""phraselint: a courtesy-phrase checker for Chinese customer-service text.

Library API (the command line is a thin shell over it):

    import phraselint
    phraselint.check("这个我不知道")          # -> list[Finding], built-in packs
    linter = phraselint.Linter(["inquiry"])   # compiled once, reuse for many texts
"""

from .errors import ConfigError, InputError, PackError, PhraselintError
from .linter import Linter, TextReport, check
from .model import Finding, Level, Pack, Rule
from .pack_loader import load_packs

__all__ = [
    "ConfigError", "Finding", "InputError", "Level", "Linter", "Pack", "PackError",
    "PhraselintError", "Rule", "TextReport", "check", "load_packs",
]
__version__ = "0.1.0"
