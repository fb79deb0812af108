"""Parallel workers start fresh (spawn: Linux, macOS and Windows alike) and build their own
linter from a spec; what they give back is what one process gives, in the same order."""

from __future__ import annotations

import gc
import io
import multiprocessing
import pickle
import random

import pytest

from phraselint import Linter
from phraselint.config import Config
from phraselint.model import Level
from phraselint.packs.selection import Selection
from phraselint.run import parallel
from phraselint.run.parallel import RenderSpec, check_all
from phraselint.run.session import CheckSession

LINES = ["您好，请问有什么可以帮您？", "这个我不知道，你去问别人吧。", "你等一下，我查查。", "我等一下午了。",
         "這個我不知道。", "切勿说“不知道”。", "本小区明天上午停水，请提前储水。", "不知道您是否方便？"]


def _files(tmp_path, count: int) -> list[str]:
    rng = random.Random(count)
    paths = []
    for i in range(count):
        path = tmp_path / f"f{i:03}.txt"
        path.write_text("\n".join(rng.choice(LINES) for _ in range(5 + i % 7)) + "\n", encoding="utf-8")
        paths.append(str(path))
    paths.insert(3, str(tmp_path / "missing.txt"))  # an input that cannot be read comes back as one
    return paths


def _session() -> CheckSession:
    """A session whose linter differs from the default one in every part its spec carries."""
    selection = Selection(disable=("telephone",), enable=("telephone.hold-on",),
                          levels={"refusal": Level.SUGGESTION})
    linter = Linter(["refusal", "courtesy", "telephone"], selection=selection, variant="hk")
    return CheckSession(linter, Config(), Level.SUGGESTION, kind="reply")


def _comparable(outcomes):
    return [(path, o.result._replace(rendered=None, text="", lines=None) if o.result else None, o.patch, o.notes,
             str(o.error)) for path, o in outcomes]


METHODS = [("spawn", "json"), ("spawn", "text"), ("spawn", "github")]
if "forkserver" in multiprocessing.get_all_start_methods():
    METHODS.append(("forkserver", "json"))


@pytest.mark.parametrize("start_method, output_format", METHODS)
def test_spawned_workers_give_what_one_process_gives(tmp_path, monkeypatch, start_method, output_format):
    from phraselint.report import renderer

    files = _files(tmp_path, 40)
    session = _session()
    alone = list(check_all(session, files, 1))
    # here only: this process takes no chunk, so the workers (fresh interpreters, unpatched) check every file
    monkeypatch.setattr(parallel._Shared, "take", lambda self: None)
    together = list(check_all(session, files, 3, render=RenderSpec(output_format, False, False), start_method=start_method))
    assert [path for path, _ in together] == files
    assert _comparable(together) == _comparable(alone)
    assert alone[3][1].error is not None
    # the workers wrote their files' part of the report as this process would have
    render = renderer(output_format, io.StringIO(), False)
    assert all(o.result.rendered == render(a.result) for (_, o), (_, a) in zip(together, alone) if o.result is not None)
    assert sum(bool(o.result.rendered) for _, o in together if o.result is not None) > 20


def test_a_session_travels_as_a_small_spec_and_builds_the_same_linter():
    session = _session()
    spec = session.spec()
    data = pickle.dumps(spec)
    assert len(data) < 4096  # the packs travel by name, not compiled
    built = pickle.loads(data).build()
    assert built.linter is not session.linter and built.linter.segmenter is not session.linter.segmenter
    assert [r.id for r in built.linter.rules] == [r.id for r in session.linter.rules]
    assert built.linter._active == session.linter._active and built.linter._levels == session.linter._levels
    assert (built.kind, built.level, built.report_mentions) == (session.kind, session.level, session.report_mentions)
    text = "這個我不知道，你等一下。\n"
    assert built.linter.check(text) == session.linter.check(text)


def test_checking_leaves_the_collector_as_it_was():
    """A library does not switch process-wide state (the cyclic collector) for its caller."""
    linter = Linter()
    text = "这个我不知道，您等一下。\n" * 8000  # large enough for the vectorised passes
    enabled_during = []
    check_text = linter._check

    def spying(*args):
        enabled_during.append(gc.isenabled())
        return check_text(*args)

    linter._check = spying
    assert linter.check(text)
    assert enabled_during == [True] and gc.isenabled()
    gc.disable()
    try:
        linter.check(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_workers_are_started_once_for_a_run_and_the_parent_checks_too(tmp_path, monkeypatch):
    files = _files(tmp_path, 30)
    pools = []
    real = multiprocessing.get_context

    def counting(method=None):
        context = real(method)
        assert method in ("spawn", "forkserver")
        original = context.Pool

        def pool(processes, *args, **kwargs):
            pools.append(processes)
            return original(processes, *args, **kwargs)

        monkeypatch.setattr(context, "Pool", pool)
        return context

    monkeypatch.setattr(multiprocessing, "get_context", counting)
    taken = []
    take = parallel._Shared.take
    monkeypatch.setattr(parallel._Shared, "take", lambda self: taken.append(take(self)) or taken[-1])
    outcomes = list(check_all(_session(), files, 2))
    assert [path for path, _ in outcomes] == files
    assert pools == [1]  # --jobs 2: this process and one worker
    assert 0 in taken  # this process started on the first chunk while the worker was starting
