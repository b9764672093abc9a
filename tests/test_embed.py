"""Embedding: HTML fragments that share a page, and the language switch of the map.

The browser tests paste several fragments into one host page and open it
offline in headless Chromium: every map draws, each keeps its own layers,
and the host page keeps its own style.
"""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest

import geo
from geo.cli import main
from geo.render.codec import embedded_data
from geo.render.fragment import prefix, scope_css
from geo.render.packing import unpacked

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def tongxiang(atlases):
    return atlases("tongxiang-2018")


# --- the fragment as text ------------------------------------------------------------

def test_fragment_is_one_div_with_no_page_tags(tongxiang):
    html = tongxiang.to_html(fragment=True)
    assert html.startswith('<div class="industry-atlas" id="industry-atlas-tongxiang_2018_')
    assert html.rstrip().endswith("</div>")
    for tag in ("<html", "<head", "<body", "<!DOCTYPE", "<meta"):
        assert tag.lower() not in html.lower()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)  # nothing fetched


def test_fragment_is_deterministic_and_named_by_plan_and_key(tongxiang):
    packed = tongxiang.to_html(fragment=True, key="a")
    assert packed == tongxiang.to_html(fragment=True, key="a")
    first = unpacked(packed)
    other = tongxiang.to_html(fragment=True, key="b")
    assert other != first
    names = prefix("tongxiang-2018", "a")
    assert names == prefix("tongxiang-2018", "a") != prefix("tongxiang-2018", "b")
    assert re.fullmatch(r"[A-Za-z0-9_]+", names)
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert ids and all(names.rstrip("_") in i for i in ids)
    declared = re.findall(r"^\s*(?:var|let|const) (\w+)", first, re.M)
    script = first[first.index("(function () {\nvar here"):]
    top = [n for n in re.findall(r"^(?:var|let) (\w+) = ", script, re.M)
           if n not in ("here", "container", "industryAtlas")]
    assert declared and top and all(names in n for n in top)


def test_fragment_css_is_scoped_to_its_container(tongxiang):
    html = tongxiang.to_html(fragment=True)
    container = re.match(r'<div class="industry-atlas" id="([^"]+)"', html).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    heads = [h.strip() for h in re.findall(r"(?:^|\})\s*([^{}]+)\{", style)]
    assert len(heads) > 50
    for head in heads:
        if head.startswith("@"):
            continue
        assert all(s.strip().startswith(f"#{container}") for s in head.split(",")), head


def test_scope_css_handles_at_rules_and_page_selectors():
    css = "/* c */ html, body { margin: 0 } @media print { .a, .b > i { color: red } } .c{x:y}"
    out = scope_css(css, "#s")
    assert "#s, #s {" in out and "#s .a, #s .b > i" in out and "#s .c {x:y}" in out
    assert "/*" not in out and out.count("{") == out.count("}")


def test_fragment_written_to_a_path(tongxiang, tmp_path):
    path = tongxiang.to_html(tmp_path / "t.html", fragment=True, lang="en")
    assert path.read_text("utf-8") == tongxiang.to_html(fragment=True, lang="en")


def test_fragment_bad_height_is_one_line(tongxiang):
    with pytest.raises(geo.AtlasError):
        tongxiang.to_html(fragment=True, height="1px;}</style><script>")


def test_embed_command(tmp_path, capsys, tongxiang):
    assert main(["embed", "tongxiang-2018", "-o", str(tmp_path), "--lang", "en"]) == 0
    path = tmp_path / "tongxiang-2018-embed.en.html"
    assert capsys.readouterr().out.strip() == str(path)
    assert path.read_text("utf-8") == tongxiang.to_html(fragment=True, lang="en")
    assert main(["embed", "tongxiang-2018", "-o", str(tmp_path / "x"), "--basemap", "nope"]) == 2
    assert not (tmp_path / "x").exists()


# --- lang ------------------------------------------------------------------------------

def _labels_and_tips(html: str) -> tuple[list[str], list[str]]:
    """The panel's layer toggles and the district/zone names (tooltips and labels) of a map
    page or fragment."""
    toggles = re.findall(r'<label class="atlas-toggle">(.*?)</label>', html, re.S)
    labels = [unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in toggles]
    data = embedded_data(html)
    features = data["districts"]["features"] + data["zones"]["features"]
    names = [f["properties"]["name"] for f in features]
    return labels, names + [f["properties"]["short"] for f in features
                            if "short" in f["properties"]]


@pytest.mark.parametrize("fragment", [False, True])
def test_lang_en_has_no_chinese_in_labels_or_tooltips(atlas, fragment):
    labels, tips = _labels_and_tips(atlas.to_html(lang="en", fragment=fragment))
    assert len(labels) == len(atlas.layers())
    assert len(tips) >= len(atlas.districts)
    for text in labels + tips:
        assert not CJK.search(text), text
    assert "Integrated circuits" in " ".join(labels)
    assert any("Yueqing" in t for t in tips)


def test_lang_zh_is_chinese(atlas):
    labels, tips = _labels_and_tips(atlas.to_html(lang="zh"))
    assert all(CJK.search(text) for text in labels + tips)
    assert "集成电路" in " ".join(labels) and "Integrated circuits" not in " ".join(labels)
    assert any("乐清市" in t for t in tips) and not any("Yueqing" in t for t in tips)


def test_lang_both_has_both(atlas):
    labels, tips = _labels_and_tips(atlas.to_html())
    assert any("集成电路 / Integrated circuits" in label for label in labels)
    assert any("乐清市" in t and "Yueqing" in t for t in tips)


def test_cli_build_lang(tmp_path, atlas):
    assert main(["build", "wenzhou-2024", "-o", str(tmp_path), "--lang", "en"]) == 0
    html = (tmp_path / "wenzhou-2024.en.html").read_text("utf-8")
    assert html == atlas.to_html(lang="en")


# --- several maps on one page, in the browser ----------------------------------------------

HOST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>host</title>
<style>body {{ font-family: serif; }}</style></head>
<body>
<h1>A report</h1>
<p class="leaflet-container atlas-panel" id="host-text">Host text with atlas class names.</p>
{maps}
<p>The end.</p>
</body></html>
"""

_COUNTS = """() => [...document.querySelectorAll('.industry-atlas')].map(c =>
    c.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length)"""


def _expected(atlas) -> int:
    shown = [s for s in atlas.layers() if s.show]
    return len(atlas.districts) + sum(len(s.adcodes) + len(s.zones) for s in shown)


@pytest.mark.browser
def test_maps_share_a_page(tmp_path, open_page, atlas, tongxiang):
    """Two copies of one plan and another plan: all draw, layers stay apart, host unstyled."""
    maps = [atlas.to_html(fragment=True, key="first", height="500px"),
            atlas.to_html(fragment=True, key="second", height="500px"),
            tongxiang.to_html(fragment=True, lang="en", height="400px")]
    page_path = tmp_path / "host.html"
    page_path.write_text(HOST.format(maps="\n<p>between</p>\n".join(maps)), "utf-8")
    hosting = len(atlas.districts_hosting("ic"))
    label = atlas.plan.industry("ic").name.pick("both")

    view = open_page(page_path)
    page = view.page
    expected = [_expected(atlas), _expected(atlas), _expected(tongxiang)]
    assert page.evaluate(_COUNTS) == expected
    assert page.evaluate("""() => [...document.querySelectorAll('.industry-atlas')]
        .every(c => c.industryAtlasMap instanceof L.Map)""")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.industry-atlas')]
        .map(c => c.getBoundingClientRect().height)""")
    assert sizes == [500, 500, 400]

    # Toggling Integrated circuits in the first map leaves the second as it was.
    first = page.locator(".industry-atlas").nth(0)
    box = (first.locator(".atlas-panel label.atlas-toggle")
           .filter(has_text=label).locator("input"))
    box.dispatch_event("click")
    assert box.is_checked()
    assert page.evaluate(_COUNTS) == [expected[0] + hosting, expected[1], expected[2]]
    second = page.locator(".industry-atlas").nth(1)
    assert not (second.locator(".atlas-panel label.atlas-toggle")
                .filter(has_text=label).locator("input").is_checked())

    # The host's own element with atlas class names keeps the host's style.
    host = page.evaluate("""() => { const s = getComputedStyle(
        document.getElementById('host-text'));
        return [s.backgroundColor, s.overflow, s.position, s.fontFamily]; }""")
    assert host == ["rgba(0, 0, 0, 0)", "visible", "static", "serif"]
    view.assert_clean()


@pytest.mark.browser
def test_same_fragment_pasted_twice_draws_twice(tmp_path, open_page, tongxiang):
    """Even the very same fragment twice (same ids) gives two working maps."""
    fragment = tongxiang.to_html(fragment=True)
    page_path = tmp_path / "twice.html"
    page_path.write_text(HOST.format(maps=fragment + fragment), "utf-8")
    view = open_page(page_path)
    assert view.page.evaluate(_COUNTS) == [_expected(tongxiang)] * 2
    view.assert_clean()


@pytest.mark.browser
def test_fragment_uses_the_pages_leaflet(tmp_path, open_page, tongxiang):
    """A page that already has Leaflet keeps its L; the fragment draws with it."""
    from geo.render import assets

    head = f"<script>{assets.leaflet_js()}</script><script>window.L.__host = 1;</script>"
    html = HOST.format(maps=tongxiang.to_html(fragment=True)).replace("</head>", head + "</head>")
    page_path = tmp_path / "leaflet.html"
    page_path.write_text(html, "utf-8")
    view = open_page(page_path)
    assert view.page.evaluate("window.L.__host") == 1
    assert view.page.evaluate(_COUNTS) == [_expected(tongxiang)]
    view.assert_clean()


_STATES = """() => window.industryAtlasPages.map(p => [p.state.district || "",
    p.state.industry || ""])"""


def _reopen(view, page_path, fragment: str) -> None:
    view.page.goto("about:blank")
    view.page.goto(page_path.resolve().as_uri() + fragment, wait_until="load")
    view.wait_ready()


def _host_page(path, maps):
    """Write a host page at ``path`` holding ``maps`` under headings with the host's own
    anchors (``#map-a``, ``#map-b``, ...); return the path."""
    body = "\n".join(f'<h2 id="map-{k}">Map {k}</h2>\n{m}'
                     for k, m in zip("abc", maps, strict=True))
    path.write_text(HOST.format(maps=body), "utf-8")
    return path


@pytest.mark.browser
def test_fragments_own_their_state(tmp_path, open_page, atlas, tongxiang, screenshots):
    """Issue 17: a host hash opens only the fragment it names; host anchors stay the host's."""
    maps = [atlas.to_html(fragment=True, key="a", height="500px"),
            atlas.to_html(fragment=True, key="b", height="500px"),
            tongxiang.to_html(fragment=True, lang="en", key="c", height="400px")]
    page_path = _host_page(tmp_path / "three.html", maps)
    view = open_page(page_path)
    page = view.page

    # An unkeyed value is the standalone page's contract: no fragment takes it.
    _reopen(view, page_path, "#district=330382&layers=corridor")
    assert page.evaluate(_STATES) == [["", ""]] * 3
    # A keyed value reaches the one fragment it names.
    _reopen(view, page_path, "#b:district=330382")
    assert page.evaluate(_STATES) == [["", ""], ["330382", ""], ["", ""]]
    assert page.locator(".industry-atlas").nth(1).get_attribute(
        "data-atlas-district") == "330382"
    screenshots(page, "embed-three-fragments")

    # Using a map never overwrites the host's anchor.
    _reopen(view, page_path, "#map-b")
    label = atlas.plan.industry("ic").name.pick("both")
    box = (page.locator(".industry-atlas").nth(0).locator(".atlas-panel label.atlas-toggle")
           .filter(has_text=label).locator("input"))
    box.dispatch_event("click")
    assert box.is_checked()
    assert page.evaluate("location.hash") == "#map-b"
    layers = page.locator(".industry-atlas").nth(0).get_attribute("data-atlas-layers")
    assert "ic" in layers.split(",")
    view.assert_clean()


_VIEWS = """() => [...document.querySelectorAll('.industry-atlas')].map(c =>
    ['district', 'industry', 'layers'].map(k => c.getAttribute('data-atlas-' + k) || ''))"""


@pytest.mark.browser
def test_host_layers_and_questions_reach_only_the_fragment_named(tmp_path, open_page, atlas,
                                                                 atlases, screenshots):
    """Issue 17's report: the two plans of one city on one page (2024 twice, 2022 once).
    An unkeyed ``#district=330382&layers=corridor`` opens no card and switches no layer in
    any of them; keyed values each reach their own fragment only, so three fragments of two
    plans answer three different questions at once."""
    old = atlases("wenzhou-2022")
    maps = [atlas.to_html(fragment=True, lang="en", key="a", height="420px"),
            old.to_html(fragment=True, lang="en", key="b", height="420px"),
            atlas.to_html(fragment=True, lang="en", key="c", height="420px")]
    page_path = _host_page(tmp_path / "two-plans.html", maps)
    view = open_page(page_path)
    page = view.page
    _reopen(view, page_path, "")
    opening = page.evaluate(_VIEWS)
    assert all(layers for _, _, layers in opening) and "corridor" in opening[0][2]

    _reopen(view, page_path, "#district=330382&layers=corridor&industry=ic")
    assert page.evaluate(_VIEWS) == opening  # not one of them took the host's values
    assert page.evaluate(_STATES) == [["", ""]] * 3

    _reopen(view, page_path, "#a:industry=ic&b:layers=corridor&c:district=330382")
    views = page.evaluate(_VIEWS)
    assert views[0] == ["", "ic", opening[0][2]]
    assert views[1] == ["", "", "corridor"]
    assert views[2] == ["330382", "", opening[2][2]]
    assert page.evaluate(_STATES) == [["", "ic"], ["", ""], ["330382", ""]]
    assert page.locator(".industry-atlas").nth(0).locator(
        ".atlas-answer[data-atlas-answer='industry=ic']").count() == 1
    assert page.locator(".industry-atlas").nth(2).locator(".atlas-answer:visible").count() == 0
    screenshots(page, "embed-two-plans-own-questions")
    view.assert_clean()


HOSTILE = """<style>
label { display: block; padding: 12px; font-size: 22px; }
input { width: 100%; height: 40px; margin: 10px; }
select, button { width: 100%; font-size: 30px; padding: 20px; }
div { padding: 20px; border: 3px solid red; line-height: 3; }
p, li { margin: 2em; font-size: 24px; }
ul { list-style: square; padding-left: 80px; }
h1, h2, h3 { font-size: 48px; margin: 1em 0; text-transform: uppercase; }
a { color: red; text-decoration: underline; }
body label { display: block !important; }
input { width: 100% !important; }
* { box-sizing: content-box !important; font-size: 20px !important; }
html body div.industry-atlas li, body fieldset legend { margin: 30px !important;
  display: flex !important; }
div { padding: 40px; }
svg { width: 100%; }
img { max-width: 100%; }
ul { list-style: square; }
</style>"""

_PANEL_BOXES = """() => [...document.querySelectorAll('.industry-atlas')].map(c => {
    const panel = c.querySelector('.atlas-panel'), o = panel.getBoundingClientRect();
    return [...panel.querySelectorAll('label, input, select, h2, h3, p, li, .atlas-search')]
        .slice(0, 60).map(e => { const r = e.getBoundingClientRect();
            return [e.tagName, Math.round(r.left - o.left), Math.round(r.top - o.top),
                    Math.round(r.width), Math.round(r.height)]; }); })"""


@pytest.mark.browser
def test_host_css_cannot_reach_the_panel(tmp_path, open_page, atlas, tongxiang, screenshots):
    """Issue 17: three fragments of two plans laid out the same under a hostile stylesheet."""
    maps = "\n".join([atlas.to_html(fragment=True, key="a", height="500px"),
                      atlas.to_html(fragment=True, key="b", height="500px"),
                      tongxiang.to_html(fragment=True, lang="en", key="c", height="400px")])
    plain, hostile = tmp_path / "plain.html", tmp_path / "hostile.html"
    plain.write_text(HOST.format(maps=maps), "utf-8")
    hostile.write_text(HOST.format(maps=maps).replace("</head>", HOSTILE + "</head>"), "utf-8")
    view = open_page(plain)
    expected = view.page.evaluate(_PANEL_BOXES)
    assert all(len(boxes) >= 10 for boxes in expected), expected
    drawn = view.page.evaluate(_OVERLAY_SIZES)
    assert len(drawn) == 3 and all(w > 200 and h > 200 for w, h in drawn), drawn
    view = open_page(hostile)
    assert view.page.evaluate("getComputedStyle(document.querySelector('h1')).textTransform") \
        == "uppercase"  # the host's own heading does take its style
    assert view.page.evaluate(_PANEL_BOXES) == expected
    # the districts are drawn: a host's svg{width:100%} once collapsed Leaflet's overlay
    assert view.page.evaluate(_OVERLAY_SIZES) == drawn
    screenshots(view.page, "embed-hostile-css")
    view.assert_clean()


#: Width and height of each map's overlay SVG, where Leaflet draws the districts.
_OVERLAY_SIZES = """[...document.querySelectorAll('.leaflet-overlay-pane svg')].map(svg => {
    const r = svg.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; })"""


#: What a host's stylesheet most often changes (blog and documentation themes).
_PROPERTIES = ["display", "width", "font-size", "box-sizing", "padding-left", "margin-top",
               "list-style-type", "line-height", "position"]
_STYLES = """([scope, properties]) => [...document.querySelectorAll(scope)].map(panel =>
    [...panel.querySelectorAll('label, input, select, li, ul, fieldset, legend, summary, p, '
                               + 'h1, h2, h3, button, cite, .atlas-swatch')].map(e => {
        const s = getComputedStyle(e);
        return [e.tagName, e.className, ...properties.map(p => s.getPropertyValue(p))]; }))"""


def _panel_styles(page, scope: str, media: str) -> list:
    page.emulate_media(media=media)
    try:  # the pages answer the media change (print opens the sources) in a later task
        if media == "print":
            page.wait_for_function("""(scope) => [...document.querySelectorAll(
                scope + ' details.atlas-sources')].every(d => d.open)""", arg=scope)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        return page.evaluate(_STYLES, [scope, _PROPERTIES])
    finally:  # "null", not "screen": a later page.pdf would print the screen's styles
        page.emulate_media(media="null")


@pytest.mark.browser
def test_hostile_important_css_leaves_panels_as_standalone(tmp_path, open_page, atlas,
                                                           tongxiang, screenshots):
    """Issue 17: under a host's !important and high-specificity rules, every panel's labels,
    inputs and list items compute as on the plan's own page, on screen and in print; the
    hostile page prints each map whole (pdfinfo) and looks right (pdftoppm)."""
    from pdfs import assert_no_controls, page_count, pdf_text, raster

    maps = "\n".join([atlas.to_html(fragment=True, key="a", height="500px"),
                      atlas.to_html(fragment=True, key="b", height="500px"),
                      tongxiang.to_html(fragment=True, lang="en", key="c", height="400px")])
    hostile = tmp_path / "hostile.html"
    hostile.write_text(HOST.format(maps=maps).replace("</head>", HOSTILE + "</head>"), "utf-8")
    alone = [atlas.to_html(tmp_path / "wenzhou.html"),
             tongxiang.to_html(tmp_path / "tongxiang.html", lang="en")]
    expected = {}
    for path in alone:
        page = open_page(path, {"width": 1400, "height": 900}).page
        expected[path.stem] = {m: _panel_styles(page, ".atlas-panel", m)[0]
                               for m in ("screen", "print")}
    view = open_page(hostile, {"width": 1400, "height": 900})
    page = view.page
    assert page.evaluate("getComputedStyle(document.querySelector('#host-text')).fontSize") \
        == "20px"  # the host's own text does take the hostile style
    for media in ("screen", "print"):
        got = _panel_styles(page, ".industry-atlas .atlas-panel", media)
        for panel, plan in zip(got, ["wenzhou", "wenzhou", "tongxiang"], strict=True):
            want = expected[plan][media]
            assert len(panel) == len(want) >= 20
            # a fragment's panel title is h2, not h1 (the host has its own h1): tags aside
            panel, want = ([e[1:] for e in x] for x in (panel, want))
            if media == "print":  # the sheet is the host's: widths are the fragment's own
                panel, want = ([e[:2] + e[3:] for e in x] for x in (panel, want))
            bad = [(g, w) for g, w in zip(panel, want, strict=True) if g != w]
            assert not bad, f"{media}: {len(bad)} elements differ, first {bad[:3]}"
    screenshots(page, "embed-hostile-important")
    pdf = tmp_path / "hostile.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    pages = page_count(pdf)
    assert 1 <= pages <= 3  # each map whole on one page (break-inside: avoid)
    text = pdf_text(pdf)
    assert text.count("WenzhouDigitalIndustryDevelopmentPlan(2024)") == 2 and "Theend." in text
    assert_no_controls(text, "both")  # printed for paper, not with the screen's styles
    assert_no_controls(text, "en")
    for number in range(1, pages + 1):
        raster(pdf, number).shape  # noqa: B018  rasterised next to the PDF
        shutil.copy(pdf.with_name(f"hostile-p{number}.png"),
                    tmp_path / f"printed-hostile-p{number}.png")
    view.assert_clean()


# Each map's Leaflet controls (zoom buttons, scale bar, attribution) and what they hold:
# tag, class, box relative to the map, and the computed styles a host sheet most changes.
_CONTROL_PROPERTIES = ["font-size", "font-family", "line-height", "box-sizing", "padding-top",
                       "padding-left", "margin-top", "margin-left", "border-left-width",
                       "display", "text-transform", "color", "text-decoration-line"]
_CONTROLS = """(properties) => [...document.querySelectorAll('.industry-atlas')].map(c => {
    const map = c.querySelector('.atlas-map'), o = map.getBoundingClientRect();
    return [...map.querySelectorAll('.leaflet-control, .leaflet-control *')].map(e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return [e.tagName, String(e.className), Math.round(r.left - o.left),
                Math.round(r.top - o.top), Math.round(r.width), Math.round(r.height),
                ...properties.map(p => s.getPropertyValue(p))]; }); })"""
# An attribution control, as a tiled basemap's map has (the test pages draw no tiles).
_ATTRIBUTION = """() => document.querySelectorAll('.industry-atlas').forEach(c =>
    L.control.attribution({prefix: '<a href="https://leafletjs.com">Leaflet</a>'})
        .addAttribution('© test tiles').addTo(c.industryAtlasMap))"""


@pytest.mark.browser
def test_host_css_cannot_reach_leaflets_controls(tmp_path, open_page, atlas, tongxiang,
                                                 screenshots):
    """Issue 17: under the hostile sheet (its ``* {font-size: 20px !important}`` and the
    rest), each map's zoom buttons, scale bar and attribution compute, and are laid out, as
    on the plain host page (the scale bar once read "30 km" in the host's 20 px type)."""
    maps = "\n".join([atlas.to_html(fragment=True, key="a", height="500px"),
                      tongxiang.to_html(fragment=True, lang="en", key="c", height="400px")])
    plain, hostile = tmp_path / "plain.html", tmp_path / "hostile.html"
    plain.write_text(HOST.format(maps=maps), "utf-8")
    hostile.write_text(HOST.format(maps=maps).replace("</head>", HOSTILE + "</head>"), "utf-8")
    controls = {}
    for path in (plain, hostile):
        view = open_page(path, {"width": 1400, "height": 900})
        view.page.evaluate(_ATTRIBUTION)
        controls[path.stem] = view.page.evaluate(_CONTROLS, _CONTROL_PROPERTIES)
        view.assert_clean()
    want = controls["plain"]
    kinds = {c for m in want for e in m for c in e[1].split()}
    assert {"leaflet-control-zoom-in", "leaflet-control-scale-line",
            "leaflet-control-attribution"} <= kinds, kinds
    assert [len(m) for m in controls["hostile"]] == [len(m) for m in want]
    bad = [(g, w) for got, exp in zip(controls["hostile"], want, strict=True)
           for g, w in zip(got, exp, strict=True) if g != w]
    assert not bad, f"{len(bad)} control elements differ, first {bad[:3]}"
    screenshots(view.page, "embed-hostile-controls")
