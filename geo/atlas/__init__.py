"""The Atlas: a Plan joined to its region's boundaries (:mod:`.join`), with its queries
and hosting view (:mod:`.atlas`); :mod:`.catalog` turns plan ids and paths into Plans and
Atlases (only the facade and the CLI call it).
"""

__all__ = ["Atlas"]


def __getattr__(name):
    # The Atlas needs pandas: imported when first asked for, so `import geo` stays light.
    if name == "Atlas":
        from .atlas import Atlas

        return Atlas
    raise AttributeError(f"module 'geo.atlas' has no attribute {name!r}")
