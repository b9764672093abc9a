"""Pages: the printable plan report (:mod:`.report`) and the index page (:mod:`.index`).

Both render autoescaped Jinja templates kept in ``templates/``; the report
embeds the map as a scoped fragment (:mod:`geo.render.fragment`) and figures
as ``data:`` URIs.
"""
