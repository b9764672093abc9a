"""A page's scripts packed small: gzip, then base64, unpacked by the browser as it opens.

Leaflet, the atlas script and the map's data are most of a page's bytes and compress
about fourfold. A page carries them as one data block and a short plain loader
(``unpack.js``):

.. code-block:: html

    <script type="application/gzip;base64" data-atlas-packed>H4sIAAAAAAAC/...</script>
    <script>/* unpack.js */</script>

The loader decodes the block with the browser's ``DecompressionStream`` and runs the
program as a script placed right after itself, so ``document.currentScript`` inside the
program is that script (fragments find their container by it). Start-up is therefore
asynchronous: the map is drawn once the program has run, and the page marks its
``.atlas-app`` with ``data-atlas-ready`` then. A browser without ``DecompressionStream``
(before Chrome 80, Firefox 113, Safari 16.4) shows the block's ``data-atlas-fail`` text
in the map instead.

:func:`pack` and :func:`unpack` are inverses; :func:`unpacked` gives back a page with
every packed block as the plain script it stands for (for tests and tools that read a
page's scripts).
"""

from __future__ import annotations

import base64
import gzip
import re

from markupsafe import escape

from . import assets

#: The ``type`` of a packed block: not JavaScript, so the browser only stores it.
PACKED_TYPE = "application/gzip;base64"

_BLOCK = re.compile(
    rf'<script type="{re.escape(PACKED_TYPE)}" data-atlas-packed data-atlas-fail="[^"]*">'
    r"([A-Za-z0-9+/=]*)</script>\n<script>.*?</script>", re.S)


def pack(program: str) -> str:
    """``program`` gzip-compressed (no time stamp: same text, same bytes), as base64."""
    return base64.b64encode(gzip.compress(program.encode("utf-8"), 6, mtime=0)).decode("ascii")


def unpack(packed: str) -> str:
    """The program of a :func:`pack`-ed string."""
    return gzip.decompress(base64.b64decode(packed)).decode("utf-8")


def packed_script(program: str, fail: str) -> str:
    """The HTML that runs ``program``: its packed block and the loader.

    Parameters
    ----------
    program : str
        JavaScript, run once as a classic script after the loader.
    fail : str
        What the map says in a browser that cannot unpack it (escaped here).

    Returns
    -------
    str
    """
    return (f'<script type="{PACKED_TYPE}" data-atlas-packed data-atlas-fail="{escape(fail)}">'
            f"{pack(program)}</script>\n<script>{assets.package_text('unpack.js').strip()}"
            "</script>")


def unpacked(html: str) -> str:
    """``html`` with each packed block and its loader replaced by the plain script."""
    return _BLOCK.sub(lambda m: f"<script>\n{unpack(m.group(1))}\n</script>", html)
