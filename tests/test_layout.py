"""The package's shape is part of its design: small modules, stage packages that import each
other without cycles, and deferred imports only where phraselint/lazy.py says why."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "phraselint"

# Imports inside functions, each kept for a reason its place states: a format's reader or
# reporter loads for the format met; the launcher falls back to click; a cache miss builds the
# packs (whose example check runs a Linter); the pack loader is deferred from the API; the
# serve extra (starlette, uvicorn) loads for `phraselint serve` only, and the lsp extra (pygls)
# for `phraselint lsp` only.
DEFERRED = {"report/__init__.py", "inputs/readers/__init__.py", "cli/launch.py", "packs/build_cache.py", "__init__.py",
            "cli/serve.py", "cli/lsp.py", "cli/audit.py"}


def _modules() -> dict[str, ast.Module]:
    return {path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
            for path in PACKAGE.rglob("*.py")}


def _name(relative: str) -> str:
    parts = ["phraselint", *relative.removesuffix(".py").split("/")]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, relative: str, node: ast.ImportFrom) -> str:
    package = _name(relative) if relative.endswith("__init__.py") else _name(relative).rsplit(".", 1)[0]
    base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
    return ".".join(base + ([node.module] if node.module else []))


def _top_level_imports(relative: str, tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.ImportFrom):
            target = _resolve(_name(relative), relative, node)
            if target.startswith("phraselint"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("phraselint"))
    return found


def test_no_module_is_longer_than_about_400_lines():
    long = {name: len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) for name in _modules()}
    assert {name: n for name, n in long.items() if n > 420} == {}


def test_module_level_imports_form_no_cycle():
    modules = _modules()
    names = {_name(relative): relative for relative in modules}
    graph = {name: {t for t in _top_level_imports(rel, modules[rel]) if t in names and t != name}
             for name, rel in names.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target, path + [target])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])


def test_imports_inside_functions_only_where_their_reason_is_written():
    deferring = set()
    for relative, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(isinstance(inner, (ast.Import, ast.ImportFrom)) for inner in ast.walk(node)):
                    deferring.add(relative)
    assert deferring <= DEFERRED, sorted(deferring - DEFERRED)


def test_every_subpackage_is_installed():
    """A package pyproject's list leaves out is missing from a regular (non-editable) install."""
    import tomllib

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {_name(path.relative_to(PACKAGE).as_posix()) for path in PACKAGE.rglob("__init__.py")}
    assert found - listed == set()
