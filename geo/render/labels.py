"""Where a district's label may stand: points well inside it, best first.

The page places each label at the first of its candidates that collides with
no label placed before it (smallest districts first), so that crowded city
centres still show every name at the start view. Candidates come from the
display geometry (simplified, in the page's datum), so a label point is always
inside the shape drawn.
"""

from __future__ import annotations

import numpy as np
import shapely

#: Candidates per district: the pole of inaccessibility, then well-inside grid points.
CANDIDATES = 7

#: A grid point is a candidate when its distance to the border is at least this
#: fraction of the largest inscribed circle's radius.
_INSIDE = 0.45


def _largest_part(geometry):
    parts = shapely.get_parts(geometry)
    return parts[int(np.argmax(shapely.area(parts)))]


def label_candidates(geometry, digits: int = 5) -> list[list[float]]:
    """Up to :data:`CANDIDATES` ``[lat, lon]`` points inside ``geometry``, best first.

    The first is the centre of the largest inscribed circle of its largest part
    (the pole of inaccessibility, as ``polylabel`` finds it); the others are points
    of a 9 x 9 grid over that part lying well inside it, farthest from the border
    first, spread apart.
    """
    part = _largest_part(geometry)
    radius_line = shapely.maximum_inscribed_circle(part, 0)
    pole = shapely.get_point(radius_line, 0)
    radius = shapely.length(radius_line)
    minx, miny, maxx, maxy = part.bounds
    xs, ys = np.meshgrid(np.linspace(minx, maxx, 11)[1:-1], np.linspace(miny, maxy, 11)[1:-1])
    grid = shapely.points(xs.ravel(), ys.ravel())
    boundary = part.boundary
    inside = grid[shapely.contains(part, grid)]
    depth = shapely.distance(inside, boundary)
    keep = inside[depth >= _INSIDE * radius]
    order = np.argsort(-shapely.distance(keep, boundary), kind="stable")
    chosen = [pole]
    for point in keep[order]:
        if len(chosen) >= CANDIDATES:
            break
        if min(shapely.distance(point, c) for c in chosen) >= radius * 0.6:
            chosen.append(point)
    return [[round(p.y, digits), round(p.x, digits)] for p in chosen]
