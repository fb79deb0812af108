"""The one build step pyproject.toml cannot declare: compiling the interface catalogues.

phraselint/i18n/locales/*/LC_MESSAGES/phraselint.po are the catalogues' source; the package
loads them compiled (.mo) with the standard library's gettext. build_py compiles them into
the build (a wheel, `pip install .`), or next to their source for an editable install (as
setuptools asks of a build step in editable mode), with phraselint/i18n/msgfmt.py, loaded by
path: building needs nothing but the standard library and setuptools.
"""

import importlib.util
import pathlib

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent
CATALOGUES = HERE / "phraselint" / "i18n" / "locales"


def _compile_po():
    spec = importlib.util.spec_from_file_location("_phraselint_msgfmt", HERE / "phraselint" / "i18n" / "msgfmt.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compile_po


class BuildWithCatalogues(build_py):
    """build_py, then every .po compiled to the .mo beside it in the build (or the source tree)."""

    def run(self):
        super().run()
        compile_po = _compile_po()
        target = HERE if getattr(self, "editable_mode", False) else pathlib.Path(self.build_lib)
        for source in sorted(CATALOGUES.glob("*/LC_MESSAGES/*.po")):
            compiled = target / source.relative_to(HERE).with_suffix(".mo")
            compiled.parent.mkdir(parents=True, exist_ok=True)
            compiled.write_bytes(compile_po(source.read_text("utf-8")))


setup(cmdclass={"build_py": BuildWithCatalogues})
