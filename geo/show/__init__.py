"""What maps and figures share: layer specs (:mod:`.layer_specs`), display geometry
(:mod:`.geometry`), neighbouring units (:mod:`.neighbours`), indicator series
(:mod:`.indicator_series`) and basemap definitions (:mod:`.basemaps`).
"""
