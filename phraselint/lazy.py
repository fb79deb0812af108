"""The modules phraselint imports only when first used, and why: the one place that knows.

Staff check one reply at a time, so `phraselint check` of a reply must start in about a
tenth of a second; each module below costs more to import than such a check needs, and
most checks never touch it. Everywhere else imports at module level. A module that needs
one of these names it at its top like any other import (`from ..lazy import numpy as np`),
so its dependencies stay visible; the real import happens at the first attribute access.

| module | import time | needed only for |
|---|---|---|
| numpy | 270-290 ms | texts of 64K characters and more (vectorised normalisation and script counts) |
| yaml | 30-70 ms | reading packs and configurations (a warm cache reads no pack) |
| opencc | 10-12 ms | writing suggestions in traditional script when the packs are built |
| charset_normalizer | 35-70 ms | files that are not UTF-8 |
| docx | 150-210 ms | .docx files |
| platformdirs | 20-60 ms | finding the cache folder outside Linux |
| tomllib | 15-30 ms | a pyproject.toml that can hold phraselint's table |
| sqlite3 | 7-11 ms | word-boundary checks (a text with candidates) |
| multiprocessing | 22-33 ms | `--jobs` with workers |
| tempfile | 5-10 ms | writing a cache entry or a fix |
| pathlib | 5-10 ms | configuration files (os.path serves the check path) |
| json | 2-4 ms | reading a cache entry (every start that has a cache folder), JSON output |
| ahocorasick_rs | 0.5-1 ms | the phrase automaton's matcher, built after a few thousand characters (packs/automaton.py) |
| html, difflib | 2-4 ms each | escaping a fix in JSON or HTML, `--diff` |

One phraselint module is deferred the same way, in `phraselint/__init__.py`: the pack loader
(`load_packs`), which a warm start never needs (the compiled packs come from the cache) and
which costs about 10 ms with its field validation and pathlib.

(`python -X importtime -c 'import NAME'`, 2 cores, Python 3.11, a busy machine.)
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule(ModuleType):
    """Stands for a module until an attribute is read; then imports it and hands every read
    on to it (not a copy of its attributes, so a test that patches the module is seen)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_lazy_module"] = None

    def __getattr__(self, attribute: str):
        module = self.__dict__["_lazy_module"]
        if module is None:
            module = self.__dict__["_lazy_module"] = importlib.import_module(self.__name__)
        return getattr(module, attribute)


numpy = LazyModule("numpy")
yaml = LazyModule("yaml")
opencc = LazyModule("opencc")
charset_normalizer = LazyModule("charset_normalizer")
docx = LazyModule("docx")
platformdirs = LazyModule("platformdirs")
tomllib = LazyModule("tomllib")
sqlite3 = LazyModule("sqlite3")
multiprocessing = LazyModule("multiprocessing")
tempfile = LazyModule("tempfile")
pathlib = LazyModule("pathlib")
json = LazyModule("json")
ahocorasick_rs = LazyModule("ahocorasick_rs")
html = LazyModule("html")
difflib = LazyModule("difflib")
