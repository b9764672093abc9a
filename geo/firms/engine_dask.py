"""The Dask engine: (Geo)Parquet pieces streamed through the resolver, in threads or on a cluster.

Each task reads one piece (whole row groups of one file, about ``piece_rows``
rows), converts its datum, parses its addresses, locates its points and returns
a partial of counts and rejected rows (:meth:`geo.firms.resolve.Resolver.process_piece`);
only these small partials travel back, so memory stays bounded by the pieces in
flight (``workers`` of them), whatever the input size. On one machine the tasks
run in Dask's threaded scheduler (pyarrow, numpy and shapely release the GIL):
no cluster to start, no resolver to pickle, no process to outlive the command;
a table of too few pieces to give each thread :data:`PIECES_PER_THREAD` of them
is resolved in the calling thread, piece after piece, as by the pandas engine.
Given a scheduler's address, the resolver (prepared polygons and grid) is sent
to each worker of that cluster once.

Needs the ``dask`` extra: ``pip install 'industry-atlas[dask]'``.
"""

from __future__ import annotations

import contextlib

from ..errors import AtlasError, InputError
from .read import PIECE_ROWS, FirmSource, Piece
from .resolve import Resolver, combine, empty_partial

#: On one machine, a thread is started only for at least this many pieces. Below, its
#: costs outweigh what it saves: at 2 M rows (two pieces) two threads cost 0.4-0.6 s more
#: CPU than one piece after the other (two threads taking turns at the GIL on a shared
#: machine; importing Dask is 0.07 s of it) and 0.1 GiB more memory (a second piece in
#: flight), for a resolve of about 0.5 s CPU in all.
PIECES_PER_THREAD = 2


def run(resolver: Resolver, source: FirmSource, scheduler: str | None = None,
        workers: int = 2, piece_rows: int | None = None) -> dict:
    """Resolve a firm table piece by piece with Dask; add the partials up.

    Parameters
    ----------
    resolver : Resolver
    source : FirmSource
        A (Geo)Parquet file or folder.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``): the resolver is sent
        to each worker once, each task reads its piece there. Default: Dask's
        threaded scheduler in this process (no process to start, nothing to send,
        nothing left running after it returns), with at most ``workers`` threads
        and at least :data:`PIECES_PER_THREAD` pieces per thread; a table of fewer
        pieces is resolved piece after piece in the calling thread, with no graph
        and without importing Dask.
    workers : int
    piece_rows : int, optional
        Rows per task (default :data:`geo.firms.read.PIECE_ROWS`).

    Returns
    -------
    dict
        As :func:`geo.firms.resolve.combine`.
    """
    pieces = source.pieces(piece_rows or PIECE_ROWS)
    if not scheduler:
        threads = min(workers, len(pieces) // PIECES_PER_THREAD)
        if threads < 2:
            return combine([process_piece(p, source, resolver) for p in pieces])
        import dask
        import dask.threaded

        task = dask.delayed(process_piece, pure=False)
        # the scheduler itself, not its name: a name makes dask import distributed (1 s)
        return combine(dask.compute(*[task(p, source, resolver) for p in pieces],
                                    scheduler=dask.threaded.get, num_workers=threads))
    with _client(scheduler) as client:
        shared = client.scatter(resolver, broadcast=True, hash=False)
        futures = client.map(process_piece, pieces, source=source, resolver=shared,
                             pure=False)
        partials = client.gather(futures)
        del futures, shared
    return combine(partials)


def run_frame(resolver: Resolver, frame, columns=None, scheduler: str | None = None,
              workers: int = 2) -> dict:
    """Resolve a Dask DataFrame (or dask-geopandas GeoDataFrame) partition by partition.

    One pass counts the partitions' rows (for the rows' positions), a second
    resolves each partition; only partials come back.

    Parameters
    ----------
    resolver : Resolver
    frame : dask.dataframe.DataFrame or dask_geopandas.GeoDataFrame
        Columns mapped as for a file (``columns``); a point geometry stands in
        for ``lon``/``lat``.
    columns, scheduler, workers
        As for :func:`geo.firms.reality` and :func:`run`.

    Returns
    -------
    dict
        As :func:`geo.firms.resolve.combine`.
    """
    import numpy as np

    with _client(scheduler) if scheduler else _threads(workers):
        lengths = frame.map_partitions(len).compute()
        if int(np.sum(lengths)) == 0:
            raise InputError("the Dask frame: no rows; expected at least one firm")
        offsets = np.concatenate([[0], np.cumsum(np.asarray(lengths))[:-1]]).tolist()
        partials = frame.map_partitions(process_partition, resolver, columns, offsets,
                                        meta=empty_partial(), enforce_metadata=False)
        partial = partials.compute()
    return combine([partial])


def process_partition(part, resolver: Resolver, columns, offsets, partition_info=None):
    """One partition of a Dask frame, resolved (runs on a worker)."""
    from .read import from_frame

    if len(part) == 0:
        return empty_partial()
    frame = from_frame(part, columns, "a partition of the Dask frame")
    frame["row"] += offsets[partition_info["number"]] if partition_info else 0
    return resolver.process(frame)


def process_piece(piece: Piece, source: FirmSource, resolver: Resolver):
    """One task: read a piece and resolve it (runs on a worker)."""
    return resolver.process_piece(source, piece)


@contextlib.contextmanager
def _threads(workers: int):
    """Dask's threaded scheduler for what is computed inside."""
    import dask
    import dask.threaded

    with dask.config.set(scheduler=dask.threaded.get, num_workers=workers):
        yield


@contextlib.contextmanager
def _client(scheduler: str):
    """A client of a running Dask scheduler, the default one inside."""
    try:
        from distributed import Client
    except ImportError:
        raise AtlasError("the dask engine needs the dask extra: pip install "
                         "'industry-atlas[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise AtlasError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                         f"expected a running scheduler address such as "
                         f"tcp://host:8786") from None
    with client:
        yield client
