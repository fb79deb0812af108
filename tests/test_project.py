"""The project's own promises: the README Quick start and CI run the same command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert test_command in readme


def test_quick_start_example_folder_exists():
    assert any((ROOT / "corpora" / "examples").glob("*.txt"))


def test_quick_start_command_on_a_fresh_machine(tmp_path):
    """The README's first command, with parallel workers and no cache yet: every worker builds
    the caches at once (a race there once broke exactly this)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PHRASELINT_CACHE_DIR": str(tmp_path / "fresh-cache"), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "phraselint", "check", "-j", "2", str(ROOT / "corpora" / "examples")],
                            capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1].startswith("共 7 个文件，其中 ")  # the summary line, in the run's reader's script
