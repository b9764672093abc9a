"""Rendering: atlas layers to an offline Leaflet map (folium only for ``folium.Map`` results).

- :mod:`.assets`: Leaflet's JavaScript and CSS, inlined from installed packages;
- :mod:`.escape`: escaping text for each place it lands (HTML, script data);
- :mod:`.content`: tooltip, popup, legend and panel HTML from escaped templates;
- :mod:`.features`: the page's elements (district data, view layers, the page shell);
- :mod:`.page`: assembling the map page (``build_page``; ``build_map`` as a folium.Map).
"""
