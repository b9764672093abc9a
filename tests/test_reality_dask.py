"""The Dask engine gives the pandas engine's table on a partitioned file."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from geo.firms import reality

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """A running cluster, reached by its address as a user's would be."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_pandas_and_dask_give_identical_tables_on_a_partitioned_file(atlas, tmp_path,
                                                                     scheduler):
    rng = np.random.default_rng(12)
    n = 6000
    firms = pd.DataFrame({
        "name": [f"firm {i}" for i in range(n)],
        "industry": rng.choice(["IC", "软件", "AI", "IoT", "widgets"], n),
        "lon": rng.uniform(119.7, 121.2, n).astype(object),
        "lat": rng.uniform(27.1, 28.5, n).astype(object),
        "address": rng.choice(["温州市鹿城区五马街", "乐清市柳市镇", "无名路", ""], n),
        "adcode": "", "weight": rng.uniform(0, 100, n).round(2).astype(str)})
    firms.loc[rng.random(n) < 0.3, ["lon", "lat"]] = None        # addresses only
    firms.loc[rng.random(n) < 0.02, "lon"] = "n/a"
    firms.loc[rng.random(n) < 0.05, "adcode"] = "330383"
    folder = tmp_path / "firms"
    folder.mkdir()
    for part in range(3):                                   # 3 files, row groups of 500
        chunk = firms.iloc[part * 2000:(part + 1) * 2000].astype(str).replace("None", "")
        chunk.to_parquet(folder / f"part-{part}.parquet", row_group_size=500)
    plain = reality(atlas, folder, datum="bd09", trail=True)
    dask = reality(atlas, folder, datum="bd09", engine="dask", piece_rows=900,
                   scheduler=scheduler, trail=True)
    pd.testing.assert_frame_equal(plain.firms, dask.firms, check_exact=True)
    assert len(plain.firms) + len(plain.rejects) == n
    weights = ["weight", "lq_weight"]
    pd.testing.assert_frame_equal(plain.table.drop(columns=weights),
                                  dask.table.drop(columns=weights), check_exact=True)
    pd.testing.assert_frame_equal(plain.table[weights], dask.table[weights], rtol=1e-12)
    pd.testing.assert_frame_equal(plain.rejects, dask.rejects, check_exact=True)
    assert dataclasses.replace(plain.summary, engine="dask") == dask.summary
    assert dask.summary.reconciled and dask.summary.input == n
    assert set(dask.summary.methods) == {"coordinates", "address", "adcode"}


def test_cli_dask_engine_on_a_local_cluster_writes_the_pandas_files(tmp_path, capsys):
    from geo.cli import main

    firms = pd.DataFrame({"industry": ["IC", "AI", "IC", "steel"],
                          "lon": [120.65, 120.97, None, 120.70],
                          "lat": [28.00, 28.12, None, 27.99]})
    firms.to_parquet(tmp_path / "firms.parquet", row_group_size=2)
    outputs = {}
    for engine in ("pandas", "dask"):
        out = tmp_path / engine
        assert main(["reality", "wenzhou-2024", str(tmp_path / "firms.parquet"), "--datum",
                     "gcj02", "--engine", engine, "--workers", "1", "-o", str(out)]) == 0
        printed = capsys.readouterr().out
        assert "4 firms read = 3 matched + 1 rejected" in printed
        outputs[engine] = {p.name: p.read_bytes() for p in sorted(out.iterdir())
                           if not p.name.endswith("summary.json")}
    assert outputs["pandas"] == outputs["dask"]


def test_a_bad_scheduler_address_is_one_line_exit_2_nothing_written(tmp_path, capsys):
    from geo.cli import main

    pd.DataFrame({"industry": ["IC"], "adcode": ["330302"]}).to_parquet(tmp_path / "f.parquet")
    out = tmp_path / "out"
    assert main(["reality", "wenzhou-2024", str(tmp_path / "f.parquet"), "--engine", "dask",
                 "--scheduler", "no-port", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot reach the Dask scheduler at no-port" in err
    assert not out.exists()


@pytest.mark.parametrize("on_cluster", [True, False], ids=["cluster", "threads"])
def test_a_dask_geopandas_frame_gives_the_pandas_table(atlas, request, on_cluster):
    import dask_geopandas
    import geopandas as gpd

    rng = np.random.default_rng(3)
    n = 3000
    firms = gpd.GeoDataFrame(
        {"industry": rng.choice(["IC", "AI", "steel"], n), "weight": rng.uniform(0, 9, n)},
        geometry=gpd.points_from_xy(rng.uniform(119.7, 121.2, n), rng.uniform(27.1, 28.5, n)),
        crs="EPSG:4326")
    plain = reality(atlas, firms, datum="gcj02")
    scheduler = request.getfixturevalue("scheduler") if on_cluster else None
    dask = reality(atlas, dask_geopandas.from_geopandas(firms, npartitions=4), datum="gcj02",
                   scheduler=scheduler)
    pd.testing.assert_frame_equal(plain.table, dask.table, rtol=1e-12)
    pd.testing.assert_frame_equal(plain.rejects, dask.rejects, check_exact=True)
    assert dask.summary.engine == "dask" and dask.summary.input == n
    assert dask.summary.matched + dask.summary.rejected == n


def _firm_folder(tmp_path, n=3000):
    rng = np.random.default_rng(8)
    firms = pd.DataFrame({"name": [f"firm {i}" for i in range(n)],
                          "industry": rng.choice(["IC", "软件", "AI", "widgets"], n),
                          "lon": rng.uniform(119.7, 121.2, n), "lat": rng.uniform(27.1, 28.5, n),
                          "weight": rng.uniform(0, 9, n)})
    firms.loc[rng.random(n) < 0.05, "lon"] = np.nan
    folder = tmp_path / "firms"
    folder.mkdir()
    for part in range(2):
        firms.iloc[part * n // 2:(part + 1) * n // 2].to_parquet(
            folder / f"part-{part}.parquet", row_group_size=250)
    return folder


def test_local_threads_give_the_pandas_result_with_the_names_of_rejected_rows(atlas,
                                                                              tmp_path):
    folder = _firm_folder(tmp_path)
    plain = reality(atlas, folder, datum="gcj02")
    threads = reality(atlas, folder, datum="gcj02", engine="dask", piece_rows=600, workers=2)
    pd.testing.assert_frame_equal(plain.table, threads.table, rtol=1e-12)
    pd.testing.assert_frame_equal(plain.rejects, threads.rejects, check_exact=True)
    assert threads.rejects["name"].str.startswith("firm ").all() and len(threads.rejects) > 50
    assert dataclasses.replace(plain.summary, engine="dask") == threads.summary


def test_few_pieces_are_resolved_without_a_graph_and_more_in_threads(atlas, tmp_path,
                                                                    monkeypatch):
    """Two pieces for two threads: no graph, no thread (PIECES_PER_THREAD); twelve: a
    graph of twelve tasks on two threads. The same table either way."""
    import dask

    from geo.firms import engine_dask

    folder = _firm_folder(tmp_path)
    graphs = []
    compute = dask.compute

    def spy(*tasks, **options):
        graphs.append((len(tasks), options["num_workers"]))
        return compute(*tasks, **options)

    monkeypatch.setattr(dask, "compute", spy)
    plain = reality(atlas, folder, datum="gcj02")
    serial = reality(atlas, folder, datum="gcj02", engine="dask", workers=2)
    assert graphs == []
    threads = reality(atlas, folder, datum="gcj02", engine="dask", workers=2, piece_rows=250)
    assert graphs == [(12, 2)] and engine_dask.PIECES_PER_THREAD == 2
    for result in (serial, threads):
        pd.testing.assert_frame_equal(plain.table.drop(columns=["weight", "lq_weight"]),
                                      result.table.drop(columns=["weight", "lq_weight"]),
                                      check_exact=True)
        pd.testing.assert_frame_equal(plain.table[["weight", "lq_weight"]],
                                      result.table[["weight", "lq_weight"]], rtol=1e-12)
        pd.testing.assert_frame_equal(plain.rejects, result.rejects, check_exact=True)
        assert dataclasses.replace(plain.summary, engine="dask") == result.summary


#: The command, run by a Python that first makes pieces of 250 rows (twelve: two threads).
THREADED = ("import sys; from geo.firms import engine_dask; engine_dask.PIECE_ROWS = 250; "
            "from geo.cli import main; sys.exit(main(sys.argv[1:]))")


@pytest.mark.parametrize("threads", [False, True], ids=["one-thread", "threads"])
def test_the_dask_command_leaves_no_process_behind(tmp_path, threads):
    """Run in its own session: every process it started is gone when it exits."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    import psutil

    folder = _firm_folder(tmp_path)
    cli = ([sys.executable, "-c", THREADED] if threads
           else [str(Path(sys.executable).with_name("industry-atlas"))])
    proc = subprocess.Popen([*cli, "reality", "wenzhou-2024", str(folder), "--engine",
                             "dask", "--datum", "gcj02", "-o", str(tmp_path / "out")],
                            start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    seen = set()
    while proc.poll() is None:
        try:
            seen |= {(p.pid, p.create_time()) for p in psutil.Process(proc.pid).children(True)}
        except psutil.Error:
            pass
        time.sleep(0.02)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "3,000 firms read" in out

    def ours(p):
        try:
            return proc.pid in (os.getpgid(p.pid), os.getsid(p.pid))
        except OSError:
            return False

    left = [p.pid for p in psutil.process_iter() if ours(p)]
    alive = [pid for pid, started in seen
             if psutil.pid_exists(pid) and psutil.Process(pid).create_time() == started]
    assert left == [] and alive == []
