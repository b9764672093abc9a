"""Print: a map page is one A4 landscape sheet, the region fitted beside its legend; the
report's map and a host page's fragments are centred on their region.

PDFs are printed by Debian's chromium the two ways a user prints: the command line
(``chromium --headless --no-sandbox --print-to-pdf=out.pdf file://...``) and the browser's
print (Playwright's ``page.pdf()``, which fires the page's print events and lays it out for
paper as Ctrl+P does). Pages are counted with ``pdfinfo`` and rasterised with ``pdftoppm``
(poppler-utils). To find the region and the map in a raster, a test copy of the page draws
the region's districts in a marker colour and the map's background in another, and nothing
else inside the map (neighbours, labels, outlines, the scale bar: it may cover a corner of
the region); its layout is the page's own.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from browser import CHROMIUM, SCREENSHOT_SIZES, MapPage
from pdfs import DPI, assert_no_controls, keep_raster, need, page_count, page_size, pdf_text, raster

import geo
from geo.pages import report as report_module
from geo.render.fragment import LAYERS

pytestmark = pytest.mark.browser

#: A4 landscape in points, as pdfinfo gives it.
A4_LANDSCAPE = (841.92, 594.96)
#: The largest empty margin between the region and the map's edge, on the axis it fills.
MARGIN = 0.10
#: How far the region's centre may sit from the map's, as a share of the map's size.
OFF_CENTRE = 0.02

GREEN, MAGENTA, YELLOW, BLUE = (0, 255, 0), (255, 0, 255), (255, 255, 0), (0, 0, 255)


def _markers(scope: str, background: tuple, region: tuple) -> str:
    """CSS: inside ``scope``, the map's background and the region's districts in marker
    colours, everything else of the map hidden (in a fragment's host layer: the only way
    into a fragment, geo/render/fragment.py)."""
    bg, fill = (f"rgb{c}" for c in (background, region))
    return (f"@layer {', '.join(LAYERS)};\n@layer {LAYERS[0]} {{\n"
            f"{scope} .atlas-map {{ background: {bg} !important; }}\n"
            f"{scope} .atlas-map path.atlas-district {{ stroke: {fill} !important; "
            f"fill: {fill} !important; fill-opacity: 1 !important; "
            "stroke-opacity: 1 !important; }\n"
            f"{scope} .leaflet-overlay-pane path:not(.atlas-district), "
            f"{scope} .leaflet-atlasContext-pane, {scope} .leaflet-marker-pane, "
            f"{scope} .leaflet-tooltip-pane, {scope} .leaflet-popup-pane, "
            f"{scope} .leaflet-control-container "
            "{ display: none !important; }\n}\n")


def _marked_copy(page: Path, folder: Path, css: str) -> Path:
    """A copy of ``page`` in ``folder`` with the marker ``css`` at the end of its head."""
    html = page.read_text("utf-8")
    assert html.count("</head>") == 1
    out = folder / f"marked-{page.name}"
    out.write_text(html.replace("</head>", f"<style>{css}</style></head>"), "utf-8")
    return out


# --- printing and reading PDFs ---------------------------------------------------------------


def print_cli(page: Path, pdf: Path) -> Path:
    """``chromium --headless --no-sandbox --print-to-pdf``, as README shows it (with a
    profile of its own under the test's folder)."""
    profile = pdf.parent / f"{pdf.stem}-profile"
    done = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox",
                           f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                           page.resolve().as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-", done.stderr[-500:]
    return pdf


def print_browser(view: MapPage, pdf: Path, **options) -> Path:
    """The browser's print of an opened page (its print events, its @page size)."""
    view.page.pdf(path=str(pdf), prefer_css_page_size=True, **options)
    return pdf


def _pixels(image: np.ndarray, color: tuple, tolerance: int) -> np.ndarray:
    return (np.abs(image - np.array(color)) <= tolerance).all(axis=2)


def box(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the true pixels, right and bottom exclusive."""
    assert mask.any(), "no pixel of the marker colour: nothing drawn there"
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def map_and_region(image: np.ndarray, background: tuple, region: tuple):
    """The map's box and the region's box in a raster.

    The map's box is that of its background colour (a fitted map shows it along every
    edge: Leaflet's padding); the region is its colour inside that box, where nothing
    else is drawn (a wide tolerance keeps small islands, whose few pixels are blended
    with the background)."""
    frame = box(_pixels(image, background, 40))
    inside = np.zeros(image.shape[:2], bool)
    inside[frame[1]:frame[3], frame[0]:frame[2]] = True
    return frame, box(_pixels(image, region, 100) & inside)


def margins(frame, region) -> dict[str, float]:
    """The empty margins between the region's box and the map's, as shares of its size."""
    width, height = frame[2] - frame[0], frame[3] - frame[1]
    return {"left": (region[0] - frame[0]) / width, "right": (frame[2] - region[2]) / width,
            "top": (region[1] - frame[1]) / height, "bottom": (frame[3] - region[3]) / height}


def assert_centred(frame, region, what: str) -> None:
    """The region inside the map, centred, with at most MARGIN empty on either side of the
    axis it fills (the other axis is as the region's shape leaves it)."""
    m = margins(frame, region)
    assert min(m.values()) >= 0, f"{what}: region outside the map {m}"
    assert abs(m["left"] - m["right"]) <= OFF_CENTRE, f"{what}: not centred across {m}"
    assert abs(m["top"] - m["bottom"]) <= OFF_CENTRE, f"{what}: not centred down {m}"
    tight = min(max(m["left"], m["right"]), max(m["top"], m["bottom"]))
    assert tight <= MARGIN, f"{what}: the region does not fill the map {m}"


@pytest.fixture
def browser_page(new_page):
    """``browser_page(path, width=1400, height=900)``: a page opened offline at that size."""

    def opener(path: Path, width: int = 1400, height: int = 900) -> MapPage:
        return MapPage.open(new_page({"width": width, "height": height}), path)

    return opener


# --- the map page: one A4 landscape sheet ----------------------------------------------------

PLANS = ["wenzhou-2024", "zhejiang-2022", "tongxiang-2018"]


@pytest.mark.parametrize("plan_id", PLANS)
def test_map_page_prints_on_one_a4_landscape_sheet(plan_id, atlases, page_files, tmp_path,
                                                   screenshot_dir):
    """The command line's print (README's): one page, with the title, the legend of the
    layers drawn, the sources and the scale bar; none of the panel's controls."""
    atlas = atlases(plan_id)
    pdf = print_cli(page_files("plan-en", plan_id), tmp_path / f"{plan_id}.pdf")
    assert page_count(pdf) == 1
    assert page_size(pdf) == pytest.approx(A4_LANDSCAPE, abs=1)
    text = pdf_text(pdf)
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squeeze(atlas.plan.title.en) in text
    shown = [layer.label for layer in atlas.layers("en") if layer.show]
    assert shown and all(squeeze(label) in text for label in shown)
    assert all(squeeze(s.title.en) in text for s in atlas.plan.sources)
    assert re.search(r"\d+km", text)  # the scale bar, on the same page
    assert_no_controls(text)
    keep_raster(pdf, screenshot_dir, f"print-{plan_id}-cli")


@pytest.mark.parametrize(("kind", "name"), [("diff", "wenzhou-2022:wenzhou-2024"),
                                             ("national", "china-counties")])
def test_other_map_pages_print_on_one_sheet(kind, name, page_files, tmp_path, browser_page):
    """The diff map and the national map share the page shell: one A4 landscape sheet too
    (printed by the browser; the shell's command-line print is the plan map's, above)."""
    pdf = print_browser(browser_page(page_files(kind, name)), tmp_path / f"{kind}.pdf")
    assert page_count(pdf) == 1
    assert page_size(pdf) == pytest.approx(A4_LANDSCAPE, abs=1)
    assert re.search(r"\d+km", pdf_text(pdf))  # the map drawn, its scale bar on the sheet


@pytest.mark.parametrize("plan_id", ["wenzhou-2024", "zhejiang-2022"])
@pytest.mark.parametrize("way", ["cli", "browser", "phone"])
def test_printed_map_is_the_whole_region_fitted(plan_id, way, page_files, tmp_path,
                                                browser_page):
    """Printed either way (and from a phone's screen, where the panel is a bottom sheet),
    the map fills the sheet beside the legend, and the region is centred in it with at
    most 10 % of the map empty on either side."""
    page = _marked_copy(page_files("plan", plan_id), tmp_path, _markers("", GREEN, MAGENTA))
    pdf = tmp_path / f"{plan_id}.pdf"
    if way == "cli":
        print_cli(page, pdf)
    else:
        print_browser(browser_page(page, *((390, 844) if way == "phone" else (1400, 900))),
                      pdf)
    assert page_count(pdf) == 1
    image = raster(pdf)
    height, width = image.shape[:2]
    frame, region = map_and_region(image, GREEN, MAGENTA)
    assert frame[0] > 0.25 * width, f"no legend beside the map: {frame}"  # the legend first
    assert frame[2] - frame[0] >= 0.6 * width and frame[3] - frame[1] >= 0.9 * height
    assert_centred(frame, region, f"{plan_id} by {way}")


def test_zoomed_in_page_prints_the_whole_region_and_keeps_its_view(page_files, tmp_path,
                                                                    browser_page):
    """A reader who zoomed in prints the whole region; the screen keeps the reader's view."""
    page = _marked_copy(page_files("plan", "wenzhou-2024"), tmp_path,
                        _markers("", GREEN, MAGENTA))
    view = browser_page(page)
    view.page.evaluate(f"void {MapPage.MAP}.setZoom({MapPage.MAP}.getZoom() + 2, "
                       "{animate: false})")  # void: not the map back (seconds to serialise)
    before = view.page.evaluate(_SCREEN)
    pdf = print_browser(view, tmp_path / "zoomed.pdf")
    assert view.page.evaluate(_SCREEN) == before
    frame, region = map_and_region(raster(pdf), GREEN, MAGENTA)
    assert_centred(frame, region, "zoomed in, printed")
    view.assert_clean()


_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# The map's view and box on screen, and whether the sources list is open.
_SCREEN = f"""(() => {{
  const map = {MapPage.MAP}, c = map.getCenter(), r = map.getContainer().getBoundingClientRect();
  return [c.lat.toFixed(6), c.lng.toFixed(6), map.getZoom(), r.width, r.height,
          document.querySelector('details.atlas-sources').open];
}})()"""


def test_screen_is_unchanged_after_printing(page_files, tmp_path, browser_page, screenshots):
    """Printing refits the map for paper only: afterwards the page on screen is as before,
    at every screenshot size (its screenshots are taken after a print)."""
    view = browser_page(page_files("plan", "wenzhou-2024"))
    for width, height in SCREENSHOT_SIZES:
        view.page.set_viewport_size({"width": width, "height": height})
        view.page.evaluate(_TWO_FRAMES)
        before = view.page.evaluate(_SCREEN)
        print_browser(view, tmp_path / f"w-{width}.pdf")
        assert view.page.evaluate(_SCREEN) == before, (width, height)
        # Print styles on, then off again (media changes are told at the next frame).
        view.page.emulate_media(media="print")
        view.page.evaluate(_TWO_FRAMES)
        assert view.page.evaluate(_SCREEN) != before
        view.page.emulate_media(media="null")  # not "screen": page.pdf would print that
        view.page.evaluate(_TWO_FRAMES)
        assert view.page.evaluate(_SCREEN) == before, (width, height)
        pdf = tmp_path / f"w-{width}.pdf"
        assert page_count(pdf) == 1  # from any screen size, laid out for paper
        assert_no_controls(pdf_text(pdf), "both")
    screenshots(view.page, "print-screen-after-print")
    view.assert_clean()


def test_printed_answer_stays_on_the_sheet(atlas, page_files, tmp_path, browser_page,
                                           screenshot_dir):
    """A page asked a question prints its answer in the legend column, still one sheet."""
    view = browser_page(page_files("plan-en", "wenzhou-2024"))
    view.page.select_option(".atlas-picker", "ic")
    pdf = print_browser(view, tmp_path / "answer.pdf")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    for row in atlas.districts_hosting("ic").itertuples():  # every host named on paper
        assert re.sub(r"\s+", "", row.name_en) in text
    keep_raster(pdf, screenshot_dir, "print-wenzhou-2024-answer")
    view.assert_clean()


def test_open_card_prints_beside_the_map(atlas, page_files, tmp_path, browser_page,
                                         screenshot_dir):
    """A page opened on a district's card prints the card in the legend column, not over
    the map, which still shows the whole region; the card is on screen again afterwards."""
    place = atlas.place_id("乐清")
    row = atlas.districts.set_index("adcode").loc[place]
    view = browser_page(page_files("plan-en", "wenzhou-2024"))
    view.page.evaluate(f"location.hash = 'district={place}'")
    view.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=3000)
    pdf = print_browser(view, tmp_path / "card.pdf")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert f"{row['name_en']}{place}" in text  # the card's heading, from the legend column
    assert view.page.locator(".atlas-print-card").count() == 0
    assert view.page.locator(".leaflet-popup-content").is_visible()
    keep_raster(pdf, screenshot_dir, "print-wenzhou-2024-card")
    marked = _marked_copy(page_files("plan", "wenzhou-2024"), tmp_path,
                          _markers("", GREEN, MAGENTA))
    view = browser_page(marked)
    view.page.evaluate(f"location.hash = 'district={place}'")
    view.page.locator(".leaflet-popup-content").wait_for(state="attached", timeout=3000)
    frame, region = map_and_region(raster(print_browser(view, tmp_path / "m.pdf")),
                                   GREEN, MAGENTA)
    assert_centred(frame, region, "with a card open")
    view.assert_clean()


def test_hostile_plan_text_prints_as_text(hostile_plan, tmp_path, browser_page, payloads):
    """Plan text made of script payloads, printed with a card and an answer open: nothing
    runs, and the legend column shows the payloads as written."""
    atlas = geo.load(hostile_plan)
    view = browser_page(atlas.to_html(tmp_path / "hostile.html", lang="en"))
    busy = atlas.districts[atlas.districts["elements"].map(len) > 0]
    place = busy["adcode"].iloc[0]  # its card names elements: payloads
    view.page.evaluate(f"location.hash = 'district={place}&industry=ic'")
    view.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=3000)
    view.page.emulate_media(media="print")
    view.page.evaluate(_TWO_FRAMES)
    card = view.page.locator(".atlas-print-card")
    assert card.count() == 1 and payloads[0] in card.inner_text()
    pdf = print_browser(view, tmp_path / "hostile.pdf")
    assert page_count(pdf) == 1
    assert view.page.evaluate("typeof window.__pwned") == "undefined"
    assert re.sub(r"\s+", "", payloads[1]) in pdf_text(pdf)
    view.assert_clean()


# --- the report's map --------------------------------------------------------------------------


def test_report_map_is_centred_on_its_region(atlas, tmp_path):
    """The report's PDF (``report --pdf``'s printer): page 1's map is the whole region,
    centred with at most 10 % of the frame empty on either side. (The unmarked report's
    page 1 is kept among the screenshots by test_report, which prints it.)"""
    page = _marked_copy(atlas.report(tmp_path / "report.html"), tmp_path,
                        _markers("", GREEN, MAGENTA))
    pdf = report_module.print_pdf(page, tmp_path / "report.pdf")
    frame, region = map_and_region(raster(pdf), GREEN, MAGENTA)
    assert_centred(frame, region, "report")


# --- a host page's fragments ---------------------------------------------------------------------

HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title>
<style>body {{ font-family: serif; max-width: 1100px; margin: 20px auto; }}</style></head>
<body><h1>Two plans</h1><p id="before">A paragraph of the host before the maps.</p>
{maps}
<p id="after">The host's last paragraph.</p></body></html>
"""


def test_fragments_print_inside_their_boxes(atlas, atlases, tmp_path, browser_page,
                                            screenshot_dir):
    """Printed from a host page, each fragment keeps its box on paper, its map is the whole
    region, centred; the host's own text is all there."""
    tongxiang = atlases("tongxiang-2018")
    maps = [atlas.to_html(fragment=True, key="a", height="420px"),
            tongxiang.to_html(fragment=True, lang="en", key="b", height="380px")]
    ids = [re.search(r'id="([^"]+)"', m)[1] for m in maps]
    page = tmp_path / "host.html"
    page.write_text(HOST.format(maps="\n<p>Between the maps.</p>\n".join(maps)), "utf-8")
    marked = _marked_copy(page, tmp_path, _markers(f"#{ids[0]}", GREEN, MAGENTA)
                          + _markers(f"#{ids[1]}", YELLOW, BLUE))
    pdf = print_browser(browser_page(marked, 1400, 900), tmp_path / "host.pdf", format="A4")
    assert page_count(pdf) <= 2
    text = pdf_text(pdf)
    assert "TwoplansAparagraph" in text and "Thehost'slastparagraph." in text
    found = {}
    for number in range(1, page_count(pdf) + 1):
        image = raster(pdf, number)
        for name, colors in (("a", (GREEN, MAGENTA)), ("b", (YELLOW, BLUE))):
            if _pixels(image, colors[0], 40).any():
                found[name] = (number, *map_and_region(image, *colors))
    assert set(found) == {"a", "b"}  # each map printed, on one page
    for name, height in (("a", 420), ("b", 380)):
        _, frame, region = found[name]
        assert frame[3] - frame[1] == pytest.approx(height * DPI / 96, abs=3)  # not cut
        assert_centred(frame, region, f"fragment {name}")
    keep_raster(print_browser(browser_page(page, 1400, 900), tmp_path / "real-host.pdf",
                              format="A4"), screenshot_dir, "print-host-fragments")


# --- each label's text once in the PDF --------------------------------------------------------

#: The standalone page's sheet (features.py's shell): 8 mm margin, then the 82 mm legend
#: column, of A4's 297 mm; words right of it are on the map.
MAP_LEFT = (8 + 82) / 297
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")


def pdf_words(pdf: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every word of the PDF's text layer (``pdftotext -bbox``) with its box in points."""
    from html import unescape

    need("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [(unescape(m[5]), tuple(float(v) for v in m.group(1, 2, 3, 4)))
            for m in _WORD.finditer(out)]


@pytest.mark.parametrize("kind", ["plan", "plan-en"])
def test_each_label_is_in_the_printed_text_once(kind, page_files, browser_page, tmp_path,
                                               screenshot_dir):
    """A printed label's words are in the PDF's text layer exactly once on the map (its halo
    once made Chromium write each of them twice: copy-paste and search found two), and
    the printed map still shows them (looked at in ``print-labels-*.png``)."""
    from geo.render.codec import embedded_data

    page = page_files(kind, "wenzhou-2024")
    data = embedded_data(page.read_text("utf-8"))
    labels = [f["properties"]["short"] for f in data["districts"]["features"]
              if "label" in f["properties"]]
    pdf = print_browser(browser_page(page), tmp_path / f"{kind}.pdf")
    assert page_count(pdf) == 1
    on_map = [word for word, (x0, *_) in pdf_words(pdf) if x0 > MAP_LEFT * A4_LANDSCAPE[0]]
    words = [w for label in labels for w in label.split()]
    assert len(labels) == 12 and len(words) == (24 if kind == "plan" else 12)
    counts = {w: on_map.count(w) for w in words}
    assert counts == dict.fromkeys(words, 1), counts
    keep_raster(pdf, screenshot_dir, f"print-labels-{kind}")
