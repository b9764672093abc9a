"""A reader who asks for reduced motion (prefers-reduced-motion) gets a map that jumps:
zoom, pan and the card's auto-pan land at once and cards do not fade; a default browser
keeps Leaflet's animations."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# In one task: pan, zoom in, open Taishun's card at its label point; what moved at once
# and how long the card's fade lasts (an animated pan has moved a pixel or so at once).
_AT_ONCE = """(place) => {
  const page = window.industryAtlasPages[0], m = page.map;
  const centre = m.getCenter();
  m.panBy([150, 0]);
  const panned = m.project(m.getCenter()).x - m.project(centre).x > 140;  // of 150 px
  const zoom = m.getZoom();
  m.zoomIn();
  const zoomed = m.getZoom() !== zoom;
  let card = null;
  m.eachLayer(l => { if (!card && l.feature && l.feature.properties.adcode === place
                         && l.getPopup && l.getPopup()) card = l; });
  card.openPopup();
  const popup = m._popup.getElement();
  return {zoomed, panned, fade: getComputedStyle(popup).transitionDuration};
}"""


@pytest.mark.parametrize("motion", [False, True], ids=["reduced", "default"])
def test_reduced_motion_makes_the_map_jump(motion, page_files, contract_pages):
    view = contract_pages(1366, 768, motion=motion).load(page_files("plan", "wenzhou-2024"))
    moved = view.page.evaluate(_AT_ONCE, "330329")
    if motion:
        assert moved == {"zoomed": False, "panned": False, "fade": "0.2s"}, moved
    else:
        assert moved == {"zoomed": True, "panned": True, "fade": "0s"}, moved
