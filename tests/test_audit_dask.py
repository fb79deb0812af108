"""The Dask path on a real distributed.LocalCluster gives exactly the command's findings."""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd
import pyarrow.parquet as pq
from click.testing import CliRunner
from distributed import Client, LocalCluster

from phraselint import Linter
from phraselint.audit.calls import FINDING_COLUMNS
from phraselint.audit.dask import check_dask, check_partition
from phraselint.cli.app import cli

from .test_audit import ROWS, write_table

KEY = ["call_id", "turn", "offset", "rule"]


def _rows() -> list[dict]:
    # 30 calls, their rows interleaved so that a plain split of the frame would cut calls in two
    calls = [[dict(r, call_id=f"{r['call_id']}-{n}") for r in ROWS if r["call_id"] == c] for n in range(15) for c in ("c1", "c2")]
    return [call[i] for i in range(3) for call in calls]


def _sorted(frame: pd.DataFrame) -> list[tuple]:
    frame = frame.astype(object).where(frame.notna(), None)
    return sorted(tuple(row) for row in frame[list(FINDING_COLUMNS)].itertuples(index=False, name=None))


def test_dask_on_a_local_cluster_gives_the_serial_findings(tmp_path):
    table = write_table(tmp_path / "calls.parquet", _rows())
    assert CliRunner().invoke(cli, ["audit", "--quiet", str(table), "-o", str(tmp_path / "f.parquet")]).exit_code == 1
    serial = pq.read_table(tmp_path / "f.parquet").to_pandas()
    frame = pd.DataFrame(_rows())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        found = check_dask(dd.from_pandas(frame, npartitions=4), linter=Linter()).compute()
    assert len(serial) > 30
    assert _sorted(found) == _sorted(serial)


def test_the_partition_function_alone_is_the_command_on_whole_calls():
    frame = pd.DataFrame(ROWS)
    found = check_partition(frame)
    assert list(found.columns) == list(FINDING_COLUMNS)
    assert set(found["rule"]) >= {"inquiry.dont-know", "telephone.closing"}
    assert not (found["role"] == "业主").any()
