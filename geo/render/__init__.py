"""Rendering: atlas layers to an offline folium/Leaflet map.

- :mod:`.assets`: Leaflet's JavaScript and CSS, inlined from installed packages;
- :mod:`.escape`: escaping text for each place it lands (HTML, script data);
- :mod:`.content`: tooltip, popup, legend and panel HTML from escaped templates;
- :mod:`.features`: the folium elements (district data, view layers, controls);
- :mod:`.page`: assembling the map.
"""
