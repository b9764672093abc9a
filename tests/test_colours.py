"""Colour that carries meaning (issue 17): one colour per element and industry id in every
output, element colours apart and none grey, answers in the industry's own colour (a
hatching that leaves the layout under it visible) and apart from every element colour of
the same map, and labels legible on every fill.

Colours are read from the outputs themselves (the page's layer specs and data block, its
CSS, the figures' artists), never from a list in this file. Colour maths by coloraide:
CIEDE2000 (``delta_e(method="2000")``) on CIELAB D65, chroma C*ab of CIELAB D65 (LCh),
WCAG 2.x contrast, and fills composited in sRGB as the browser does (source-over).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import pytest
from coloraide import Color

import geo
from geo import figures
from geo.render import codec, reality
from geo.render.packing import unpacked
from geo.show import colours
from geo.show.diff_layers import change_styles, comparison
from geo.vocabulary import Lang

CSS = Path(geo.__file__).parent / "render" / "atlas.css"
VIEW = re.compile(r"industryAtlas\.(view|diffView|realityView)\(\w+,\s*(\{.*?\})\);\n", re.S)
PAIRS = [("wenzhou-2022", "wenzhou-2024"), ("wenzhou-2024", "wenzhou-2022")]
#: The national plan's two figures take ~25 s: its figure colours are left to the four
#: regional plans (figures and pages take them from the same layer specs).
NATIONAL = "china-clusters-2022"

#: Element colours must stay this far apart (CIEDE2000) as map fills and as swatches ...
MAP_DELTA_E, SWATCH_DELTA_E = 15.0, 20.0
#: ... and be this chromatic (C*ab), so that none reads as grey ("off", "disabled").
MAP_CHROMA, SWATCH_CHROMA = 15.0, 30.0
#: WCAG 2.x AA for text.
CONTRAST = 4.5


# --- reading the outputs ------------------------------------------------------------------


def css_rule(selector: str) -> dict[str, str]:
    """The declarations of the rule whose selector is exactly ``selector`` in atlas.css."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text("utf-8"), flags=re.S)
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        if sel.strip() == selector:
            pairs = (d.split(":", 1) for d in body.split(";") if ":" in d)
            return {k.strip(): v.strip() for k, v in pairs}
    raise AssertionError(f"no rule {selector!r} in {CSS}")


def page_views(html: str) -> dict[str, dict]:
    """The layer specs a built page draws, by id."""
    return {s["id"]: s for _, s in ((k, json.loads(v)) for k, v in VIEW.findall(unpacked(html)))}


@pytest.fixture(scope="module")
def plan_pages(atlases) -> dict[str, str]:
    return {p: str(atlases(p).to_html(lang="en")) for p in geo.plans()}


@pytest.fixture(scope="module")
def diff_pages(atlases) -> dict[tuple[str, str], str]:
    return {(a, b): geo.diff_map(atlases(a), atlases(b), lang="en").get_root().render()
            for a, b in PAIRS}


def hexes(rgba_rows) -> set[str]:
    return {Color("srgb", list(r[:3])).to_string(hex=True) for r in rgba_rows}


def figure_colours(atlas) -> dict[str, set[str]]:
    """Layer id -> the colours its layer is drawn in, in the layout figure (legend key and
    fills) and the industry figure (panel fills)."""
    specs = atlas.layers("en")
    out: dict[str, set[str]] = {}
    layout = figures.layout_figure(atlas, Lang("en"))
    handles = layout.axes[1].get_legend().legend_handles[1:]  # after the districts' key
    for spec, handle in zip([s for s in specs if s.kind == "layout"], handles, strict=True):
        out.setdefault(spec.id, set()).update(hexes([handle.get_edgecolor()]))
    panels = figures.industry_figure(atlas, Lang("en"))
    industries = [s for s in specs if s.kind == "industry"]
    for spec, ax in zip(industries, panels.axes, strict=False):
        drawn = [c for c in ax.collections[1:] if len(c.get_facecolor())]  # after the base
        if spec.adcodes:
            out.setdefault(spec.id, set()).update(hexes(drawn[0].get_facecolor()))
    return out


# --- one colour per id --------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", geo.plans())
def test_every_shipped_id_has_its_table_colour(plan_id):
    """No shipped element or industry falls back to the hash rule: the table names each."""
    plan = geo.load_plan(plan_id)
    table = colours.table()
    for element in plan.layout:
        assert element.id in table.elements, f"{plan_id}: {element.id} not in the table"
        assert table.elements[element.id] in table.palettes["element"]
    for industry in plan.industries:
        assert industry.id in table.industries, f"{plan_id}: {industry.id} not in the table"
        assert table.industries[industry.id] in table.palettes["industry"]


def test_tool_would_write_the_shipped_table():
    """tools/colour_table.py adds nothing and changes nothing: the table is complete."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "colour_table.py"
    spec = importlib.util.spec_from_file_location("colour_table", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = json.loads(tool.TARGET.read_text("utf-8"))
    assert tool.updated(json.loads(tool.TARGET.read_text("utf-8"))) == shipped


def test_ids_outside_the_table_get_free_palette_colours(plan_variant):
    """A user's plan: its new ids take palette colours no other element of it has, and the
    same in its map, its figure and its layers."""
    path = plan_variant(("- id: north-core", "- id: my-north"), ("to: north-core", "to: my-north"),
                        ("- id: south-core", "- id: my-core"), ("to: south-core", "to: my-core"))
    atlas = geo.load(path)
    given = colours.of_plan(atlas.plan)
    table = colours.table()
    assert {"my-core", "my-north"} <= set(given.elements) and "my-core" not in table.elements
    assert given.element("corridor") == table.elements["corridor"]
    assert len(set(given.elements.values())) == len(atlas.plan.layout)
    assert set(given.elements.values()) <= set(table.palettes["element"])
    assert confusable(dict(given.elements)) == []
    views = page_views(str(atlas.to_html(lang="en")))
    assert views["layout:my-core"]["color"] == given.element("my-core")
    assert {s.id: s.color for s in atlas.layers()}["layout:my-north"] == given.element("my-north")


def test_each_id_has_one_colour_in_every_output(atlases, plan_pages, diff_pages):
    """Plan map (layer, swatch, answer), layout and industry figures, diff map and diff
    figure: an id is drawn in one colour, and across the shipped plans that share it."""
    seen: dict[str, set[str]] = {}
    for plan_id, html in plan_pages.items():
        views = page_views(html)
        answers = codec.embedded_data(html)["answers"]
        for spec_id, spec in views.items():
            seen.setdefault(spec_id, set()).add(spec["color"])
            assert f'data-layer="{spec_id}"' in html
            if spec["adcodes"] or spec["zones"]:  # else an empty swatch (the test below)
                swatch = re.search(rf'data-layer="{re.escape(spec_id)}"[^>]*><span class='
                                   r'"atlas-swatch[^"]*"\s+style="background:(#[0-9a-f]{6})',
                                   html)
                seen[spec_id].add(swatch.group(1))
        for industry_id, answer in answers.items():
            seen[f"industry:{industry_id}"].add(answer["color"])
        if plan_id != NATIONAL:
            for spec_id, found in figure_colours(atlases(plan_id)).items():
                seen[spec_id].update(found)
    for (a, b), html in diff_pages.items():
        for spec_id, spec in page_views(html).items():
            assert spec_id in seen, spec_id
            seen[spec_id].add(spec["color"])
        fig = geo.diff_figure(atlases(a), atlases(b), lang="en")
        drawn = [s for s in comparison(atlases(a), atlases(b), "en").layers if s.entries]
        changes = {s.color.lower() for s in change_styles().values()}
        for spec, ax in zip(drawn, fig.axes, strict=True):
            edges = set().union(*(hexes(c.get_edgecolor()) for c in ax.collections[1:]))
            seen[spec.id].update(edges)
            hatches = set().union(*(hexes(c.get_hatchcolor()) for c in ax.collections[1:]))
            assert hatches <= changes, (spec.id, hatches)  # the change, not the layer
    mixed = {k: v for k, v in seen.items() if len(v) != 1}
    assert not mixed, mixed
    assert seen["layout:south-core"] == {colours.table().elements["south-core"]}


_TOGGLE = re.compile(r'<input type="checkbox"\s+data-layer="([^"]+)"[^>]*>(<span class="([^"]+)"'
                     r'(?:\s+style="([^"]*)")?></span>)(.*?)</label>', re.S)


@pytest.mark.parametrize("plan_id", geo.plans())
def test_a_layer_that_draws_nothing_has_an_empty_swatch(plan_id, plan_pages):
    """A layer with no place on its map keys no colour: its swatch is empty (no fill, a
    dashed edge) and its label says it is not located; every layer that draws has its
    colour's swatch. (The national plan: 22 industries, 4 drawn.)"""
    html, views = plan_pages[plan_id], page_views(plan_pages[plan_id])
    toggles = {m[1]: m for m in _TOGGLE.finditer(html)}
    assert set(toggles) == set(views)
    words = geo.vocabulary.words("map", "en")
    for spec_id, spec in views.items():
        _, _, span, classes, style, label = toggles[spec_id].group(0, 1, 2, 3, 4, 5)
        if spec["adcodes"] or spec["zones"]:
            assert classes.split()[0] == "atlas-swatch" and "atlas-swatch-empty" not in classes
            assert style.startswith(f"background:{spec['color']}")
            assert words["not_located"] not in label, spec_id
        else:
            assert classes == "atlas-swatch atlas-swatch-empty" and style is None, span
            assert f"({words['not_located']})" in label, spec_id
    rule = css_rule(".atlas-swatch-empty")
    assert rule["background"] == "#fff" and "dashed" in rule["border"]
    if plan_id == NATIONAL:
        empty = [k for k, v in views.items() if v["kind"] == "industry"
                 and not (v["adcodes"] or v["zones"])]
        assert len(empty) == 18


# --- element colours apart, none grey -----------------------------------------------------


def map_ground() -> Color:
    """The district fill as the page draws it: its colour at its opacity over the map."""
    fills = colours.FILL_OPACITY
    return over(Color(css_rule(".atlas-map")["background"]),
                [(colours.BASE_FILL, fills["districts"])])


def over(ground: Color, layers) -> Color:
    """``layers`` (colour, opacity), bottom first, composited over ``ground``."""
    out = ground
    for color, opacity in layers:
        out = Color.layer([Color(color).set("alpha", opacity), out])
    return out


def chroma(color: Color) -> float:
    return color.convert("lch-d65")["chroma"]


def confusable(plan_colours: dict[str, str]) -> list[str]:
    """What is wrong with a plan's element colours: pairs too close, colours too grey."""
    ground, opacity = map_ground(), colours.FILL_OPACITY["layout"]
    seen = {k: over(ground, [(c, opacity)]) for k, c in plan_colours.items()}
    problems = []
    for (i, x), (j, y) in itertools.combinations(seen.items(), 2):
        on_map = x.delta_e(y, method="2000", space="lab-d65")
        swatch = Color(plan_colours[i]).delta_e(Color(plan_colours[j]), method="2000",
                                                space="lab-d65")
        if on_map < MAP_DELTA_E or swatch < SWATCH_DELTA_E:
            problems.append(f"{i} / {j}: ΔE2000 {on_map:.1f} on the map, {swatch:.1f} swatch")
    for k, c in seen.items():
        if chroma(c) < MAP_CHROMA or chroma(Color(plan_colours[k])) < SWATCH_CHROMA:
            problems.append(f"{k}: grey (C* {chroma(c):.1f} on the map, "
                            f"{chroma(Color(plan_colours[k])):.1f} swatch)")
    return problems


@pytest.mark.parametrize("plan_id", geo.plans())
def test_no_two_elements_confusable_and_none_grey(plan_id, plan_pages):
    views = page_views(plan_pages[plan_id])
    elements = {k: v["color"] for k, v in views.items() if v["kind"] == "layout"}
    assert len(elements) == len(geo.load_plan(plan_id).layout)
    assert confusable(elements) == []


def test_near_lists_the_element_colours_too_close_for_one_plan():
    """The table's ``near`` pairs are exactly the element palette's confusable pairs (the
    rule that keeps a user's new ids apart relies on it)."""
    palette = dict(zip(colours.table().palettes["element"], range(99), strict=False))
    found = {frozenset(p.split(":")[0].split(" / ")) for p in confusable(
        {c: c for c in palette}) if " / " in p}
    assert found == set(colours.table().near)
    assert not [p for p in confusable({c: c for c in palette}) if "grey" in p]


def test_the_check_fails_the_old_northern_core_and_spots():
    """The colours of issue 17's report: dark slate core beside grey spots."""
    problems = confusable({"corridor": "#c0392b", "north-core": "#2c3e50",
                           "south-core": "#8e44ad", "spots": "#7f8c8d"})
    assert any(p.startswith("north-core / spots") for p in problems)
    assert any(p.startswith("north-core: grey") for p in problems)
    assert any(p.startswith("spots: grey") for p in problems)


# --- answers apart from the layout ---------------------------------------------------------


def answer_confusable(industry: str, element: str) -> list[str]:
    """What is wrong with an answer in ``industry``'s colour on a map with ``element``: its
    stripes too close to the element's swatch (the legend beside the answer's key) or to
    its fill as drawn (the stripes lie over that fill and must show on it)."""
    fill = over(map_ground(), [(element, colours.FILL_OPACITY["layout"])])
    swatch = Color(industry).delta_e(Color(element), method="2000", space="lab-d65")
    on_map = Color(industry).delta_e(fill, method="2000", space="lab-d65")
    if swatch < SWATCH_DELTA_E or on_map < MAP_DELTA_E:
        return [f"{industry} / {element}: ΔE2000 {swatch:.1f} swatch, {on_map:.1f} on its fill"]
    return []


@pytest.mark.parametrize("plan_id", geo.plans())
def test_no_answer_confusable_with_an_element_of_its_map(plan_id, plan_pages):
    """Every industry's answer (its colour as the page lights hosts in it) against every
    layout element the same page draws: apart as a swatch and as stripes on the fill."""
    html = plan_pages[plan_id]
    elements = {k: v["color"] for k, v in page_views(html).items() if v["kind"] == "layout"}
    answers = codec.embedded_data(html)["answers"]
    assert answers and elements
    bad = [f"{industry}: {problem}" for industry, a in answers.items()
           for element, colour in elements.items()
           for problem in answer_confusable(a["color"], colour)]
    assert bad == []


@pytest.mark.parametrize("plan_id", geo.plans())
def test_industries_of_a_map_each_have_their_own_colour(plan_id, plan_pages):
    """The industry layers a page draws differ in colour, as far as the palette allows: only
    a plan with more industries than palette colours apart from its elements (the national
    plan's 22) shares any, and then as few as it must."""
    views = page_views(plan_pages[plan_id])
    industries = [v["color"] for v in views.values() if v["kind"] == "industry"]
    elements = {v["color"] for v in views.values() if v["kind"] == "layout"}
    usable = [c for c in colours.table().palettes["industry"]
              if not any(answer_confusable(c, e) for e in elements)]
    assert len(industries) == len(geo.load_plan(plan_id).industries)
    shared = len(industries) - len(set(industries))
    assert shared == max(0, len(industries) - len(usable))
    if plan_id != NATIONAL:  # the palette has room for a region's plan
        assert shared == 0, industries


def industries_confusable(x: str, y: str) -> bool:
    """Two industry colours told apart neither as layers drawn on a map (each at the
    industry opacity over the district fill) nor as swatches."""
    ground, opacity = map_ground(), colours.FILL_OPACITY["industry"]
    on_map = over(ground, [(x, opacity)]).delta_e(over(ground, [(y, opacity)]),
                                                  method="2000", space="lab-d65")
    swatch = Color(x).delta_e(Color(y), method="2000", space="lab-d65")
    return x == y or on_map < MAP_DELTA_E or swatch < SWATCH_DELTA_E


def test_industries_near_lists_the_confusable_industry_colours():
    """The table's ``industries_near`` pairs are exactly the industry palette's pairs that
    two layers on one map could not be told apart by (what tools/colour_table.py avoids)."""
    t = colours.table()
    found = {frozenset(p) for p in itertools.combinations(t.palettes["industry"], 2)
             if industries_confusable(*p)}
    assert found == set(t.industries_near)
    assert frozenset(("#e6ab02", "#ffd92f")) in found  # two yellows once both on Wenzhou's map


def drawn_industries(html: str) -> dict[str, str]:
    """Industry layer id -> colour, of the industry layers a page draws something of."""
    return {k: v["color"] for k, v in page_views(html).items() if v["id"].startswith(
        "industry:") and (v.get("adcodes") or v.get("zones") or v.get("changes"))}


@pytest.mark.parametrize("plan_id", geo.plans())
def test_industries_drawn_on_a_plan_map_are_not_confusable(plan_id, plan_pages):
    """The industries a plan's map draws are pairwise apart (issue 17: Wenzhou 2024 drew 8
    with 10 confusable pairs, energy electronics and metaverse both yellow)."""
    drawn = drawn_industries(plan_pages[plan_id])
    bad = [(a, b) for (a, x), (b, y) in itertools.combinations(drawn.items(), 2)
           if industries_confusable(x, y)]
    assert bad == []
    if plan_id == "wenzhou-2024":
        assert len(drawn) == 8


def test_industries_drawn_on_a_diff_map_share_no_colour(diff_pages):
    """A Wenzhou diff map draws 11 industries: no two in one colour; the palette has at most
    9 colours pairwise apart beside Wenzhou's elements, so a few pairs are near (listed)."""
    for html in diff_pages.values():
        drawn = drawn_industries(html)
        assert len(drawn) == 11 and len(set(drawn.values())) == 11
        near = [(a, b) for (a, x), (b, y) in itertools.combinations(drawn.items(), 2)
                if industries_confusable(x, y)]
        assert 0 < len(near) <= 3, near


def test_near_elements_lists_the_confusable_answer_colours():
    """The table's ``near_elements`` pairs are exactly the (industry, element) palette
    colours an answer would be confused with (the rule that keeps new ids apart uses it)."""
    t = colours.table()
    found = {(i, e) for i in t.palettes["industry"] for e in t.palettes["element"]
             if answer_confusable(i, e)}
    assert found == set(t.near_elements)
    assert ("#66a61e", "#2e9e3e") in found  # issue 17's lime IC beside Multiple Spots' green


def test_a_new_industry_avoids_its_plans_element_colours(tmp_path):
    """A user's plan: an industry id outside the table gets a colour no element of the plan
    is near, though its id's slot (``sha1(id) mod n``) names one that is."""
    t = colours.table()
    palette = t.palettes["industry"]
    used = {t.elements[e.id] for e in geo.load_plan("wenzhou-2024").layout}
    near = {i for i, e in t.near_elements if e in used}

    def slot(name):
        return palette[int(hashlib.sha1(name.encode()).hexdigest(), 16) % len(palette)]

    new_id = next(f"my-industry-{n}" for n in range(999) if slot(f"my-industry-{n}") in near)
    text = (Path(geo.__file__).parents[1] / "layers" / "wenzhou-2024.yaml").read_text("utf-8")
    path = tmp_path / "wenzhou-2024.yaml"
    path.write_text(re.sub(r"\bflexible-electronics\b", new_id, text), "utf-8")
    given = colours.of_plan(geo.load(path).plan)
    assert new_id in given.industries and new_id not in t.industries
    assert given.industry(new_id) not in near
    assert given.element("spots") == t.elements["spots"]


# --- labels legible on every fill ---------------------------------------------------------


def label_style() -> dict:
    """The label's text colour and halo from atlas.css: the halo is a copy of the label's
    text (``::before``, ``content: attr(data-label)``) stroked and filled in one opaque
    colour, under the letters (``z-index: -1`` inside the label)."""
    rule, halo = css_rule(".atlas-label"), css_rule(".atlas-label::before")
    width, colour = halo["-webkit-text-stroke"].split()
    return {"color": rule["color"], "halo": colour, "halo_px": float(width.removesuffix("px")),
            "halo_under": halo["content"] == "attr(data-label)" and halo["z-index"] == "-1"
            and Color(halo["color"]) == Color(colour)}


def legible(text: str, ground: Color, style: dict | None) -> bool:
    """WCAG contrast of the text on its ground >= 4.5, or on an opaque halo drawn under the
    letters at least 1.5 px wide outside them (a 3 px stroke, half of it outside)."""
    if Color(text).contrast(ground) >= CONTRAST:
        return True
    return bool(style and style["halo_under"] and style["halo_px"] >= 3
                and Color(text).contrast(Color(style["halo"])) >= CONTRAST)


def plan_grounds(html: str):
    """(place, what, ground) of every labelled district on every fill a plan page gives it:
    the opening view, with each industry toggled on, with each answer lit (on its stripe;
    between stripes the ground is the opening view's)."""
    data, views = codec.embedded_data(html), page_views(html)
    fills, ground = data["fills"], map_ground()
    shown = [v for v in views.values() if v["show"]]
    answers = data["answers"]
    for f in data["districts"]["features"]:
        place = f["properties"]["adcode"]
        if "label" not in f["properties"]:
            continue
        base = [(v["color"], fills[v["kind"]]) for v in shown if place in v["adcodes"]]
        yield place, "opening view", over(ground, base)
        for v in views.values():
            if not v["show"] and place in v["adcodes"]:
                yield place, v["id"], over(ground, base + [(v["color"], fills[v["kind"]])])
        for industry, a in answers.items():
            if any(p["place"] == place for p in a["places"]):
                yield place, f"answer {industry}", over(ground, base + [(a["color"],
                                                                         fills["answer"])])


def diff_grounds(html: str):
    data, views = codec.embedded_data(html), page_views(html)
    ground, styles = map_ground(), data["styles"]
    for f in data["districts"]["features"]:
        place = f["properties"]["adcode"]
        if "label" not in f["properties"]:
            continue
        fill = [(styles[v["changes"][place]]["fillColor"], styles[v["changes"][place]]
                 ["fillOpacity"]) for v in views.values() if v["show"] and place in v["changes"]]
        yield place, "opening view", over(ground, fill)
        for v in views.values():
            if not v["show"] and place in v["changes"]:
                s = styles[v["changes"][place]]
                yield place, v["id"], over(ground, fill + [(s["fillColor"], s["fillOpacity"])])


def reality_grounds(html: str):
    data, views = codec.embedded_data(html), page_views(html)
    ground = map_ground()
    shown = [v for v in views.values() if v.get("show") and "adcodes" in v]
    for v in (v for v in views.values() if v["id"].startswith("reality:")):
        for f in data["districts"]["features"]:
            place = f["properties"]["adcode"]
            if "label" not in f["properties"]:
                continue
            base = [(s["color"], data["fills"][s["kind"]]) for s in shown
                    if place in s["adcodes"]]
            cell = v["cells"].get(place)
            fill = (v["colors"][cell[2]], v["opacity"]) if cell else (v["none"], 1.0)
            yield place, v["id"], over(ground, [*base, fill])


@pytest.fixture(scope="module")
def reality_html(atlases):
    from synthetic import firms

    atlas = atlases("wenzhou-2024")
    return str(atlas.to_html(reality=atlas.reality(firms("other")), lang="en"))


def test_every_label_is_legible_on_every_fill(plan_pages, diff_pages, reality_html):
    style = label_style()
    grounds = [(p, *g) for p, html in plan_pages.items() for g in plan_grounds(html)]
    grounds += [(f"{a}→{b}", *g) for (a, b), html in diff_pages.items()
                for g in diff_grounds(html)]
    grounds += [("reality", *g) for g in reality_grounds(reality_html)]
    assert {p for p, *_ in grounds} == {*plan_pages, "wenzhou-2022→wenzhou-2024",
                                         "wenzhou-2024→wenzhou-2022", "reality"}
    assert any(w.startswith("answer ") for _, _, w, _ in grounds)
    bad = [(page, place, what, round(Color(style["color"]).contrast(g), 2))
           for page, place, what, g in grounds if not legible(style["color"], g, style)]
    assert bad == []
    # The layout's translucent fills and the diff's changes are light enough on their own;
    # answers' stripes, industry layers and LQ classes in dark colours lean on the halo.
    haloed = [(page, what) for page, _, what, g in grounds
              if not legible(style["color"], g, None)]
    assert {page == "reality" or what.startswith(("answer ", "industry:"))
            for page, what in haloed} == {True}
    assert any(what.startswith("answer ") for _, what in haloed)
    assert ("reality", "reality:iot") in haloed
    assert Color(style["color"]).contrast(Color(reality.LQ_COLORS[-1])) < CONTRAST


#: WCAG 2.x 1.4.11: a focus indicator (a graphical object) against what is next to it.
NON_TEXT_CONTRAST = 3.0


def test_the_keyboard_focus_ring_stands_out_on_every_fill(plan_pages, diff_pages,
                                                         reality_html):
    """The ring a focused district gets (atlas.css): a line in the focus colour over a
    white halo. On every fill a label can lie on, the line or the halo contrasts at least
    3:1 with the fill, and the line with its halo; the halo wider than the line, so it
    shows on both sides of it."""
    line, halo = css_rule(".atlas-focus-ring"), css_rule(".atlas-focus-halo")
    width = {k: float(r["stroke-width"].removesuffix("px")) for k, r in (("line", line),
                                                                       ("halo", halo))}
    assert width["line"] >= 3 and width["halo"] >= width["line"] + 4, width
    assert line["stroke"] == css_rule(".atlas-app :focus-visible")["outline"].split()[-1]
    ring, under = Color(line["stroke"]), Color(halo["stroke"])
    assert ring.contrast(under) >= NON_TEXT_CONTRAST
    grounds = [g for html in plan_pages.values() for g in plan_grounds(html)]
    grounds += [g for html in diff_pages.values() for g in diff_grounds(html)]
    grounds += list(reality_grounds(reality_html))
    assert len(grounds) > 100
    bad = [(place, what, g.to_string(hex=True)) for place, what, g in grounds
           if max(ring.contrast(g), under.contrast(g)) < NON_TEXT_CONTRAST]
    assert bad == []
    # both halves do work: some fills need the line, the darkest need the halo
    assert any(under.contrast(g) < NON_TEXT_CONTRAST for *_, g in grounds)
    assert any(ring.contrast(g) < NON_TEXT_CONTRAST for *_, g in grounds)


# --- in Chromium: the computed style of the drawn page ------------------------------------

# Every visible label: its computed colour and halo, and every filled SVG path under its
# centre (context, districts, layers, answers; bottom first), with computed fill and
# opacity (a hatching's: its stripe's, ``hatch`` true), over the map's computed background.
_LABEL_GROUNDS = """() => {
  const app = document.querySelector('.atlas-map');
  const paths = [...document.querySelectorAll('.leaflet-map-pane svg path')].map((p, i) => {
    const pane = p.closest('.leaflet-pane:not(.leaflet-map-pane)');
    return {p, z: Number(getComputedStyle(pane).zIndex) || 0, i};
  }).sort((a, b) => a.z - b.z || a.i - b.i).map(o => o.p);
  return [...document.querySelectorAll('.atlas-label')].filter(s =>
      getComputedStyle(s.parentElement).visibility === 'visible').map(s => {
    const r = s.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const css = getComputedStyle(s), halo = getComputedStyle(s, '::before');
    const under = paths.filter(p => {
      const st = getComputedStyle(p);
      if (st.fill === 'none' || st.display === 'none') return false;
      const q = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
      return p.isPointInFill(q);
    }).map(p => {
      const st = getComputedStyle(p), answer = p.classList.contains('atlas-answer-shape');
      const ref = /url\\("?#([^")]+)"?\\)/.exec(st.fill);
      if (ref) {
        const pattern = p.ownerSVGElement.querySelector('pattern#' + ref[1]);
        const bar = pattern.querySelector('rect'), bs = getComputedStyle(bar);
        return {fill: bs.fill, opacity: Number(bs.fillOpacity) * Number(st.opacity), answer,
                hatch: true, stripe: Number(bar.getAttribute('width')),
                period: Number(pattern.getAttribute('width'))};
      }
      return {fill: st.fill, opacity: Number(st.fillOpacity) * Number(st.opacity), answer};
    });
    return {place: s.getAttribute('data-place'), text: s.textContent, color: css.color,
            halo: halo.webkitTextStrokeColor, haloPx: parseFloat(halo.webkitTextStrokeWidth),
            haloFill: halo.color, haloZ: halo.zIndex,
            haloText: halo.content === JSON.stringify(s.textContent),
            ground: getComputedStyle(app).backgroundColor, under};
  });
}"""


def check_labels_in_browser(view) -> list[dict]:
    """Every visible label's computed ground, on a hatching's stripe (``composite``) and
    between its stripes (``gap``); asserts each is legible (halo if needed)."""
    labels = view.page.evaluate(_LABEL_GROUNDS)
    assert labels, "no visible label"
    for label in labels:
        base = Color(label["ground"])
        label["composite"] = over(base, [(u["fill"], u["opacity"]) for u in label["under"]])
        label["gap"] = over(base, [(u["fill"], u["opacity"]) for u in label["under"]
                                   if not u.get("hatch")])
        style = {"halo": label["halo"], "halo_px": label["haloPx"],
                 "halo_under": label["haloText"] and label["haloZ"] == "-1"
                 and Color(label["haloFill"]) == Color(label["halo"])}
        for ground in (label["composite"], label["gap"]):
            assert legible(label["color"], ground, style), (label, ground.to_string(hex=True))
    return labels


def stripes_and_gaps(view, place: str, color: str) -> tuple[float, float]:
    """Shares of a 24x24 px patch of ``place``'s lit shape (away from its label) drawn in
    the answer's ``color`` and in the colour of what lies under the answer, read from a
    screenshot of the page as drawn."""
    import io

    from PIL import Image

    box = view.page.evaluate("""place => {
      const shape = [...document.querySelectorAll('path.atlas-answer-shape')].find(p => {
        const r = p.getBoundingClientRect();
        const l = document.querySelector('.atlas-label[data-place="' + place + '"]');
        const c = l.getBoundingClientRect();
        return r.left <= c.left && c.right <= r.right && r.top <= c.top && c.bottom <= r.bottom;
      });
      const label = document.querySelector('.atlas-label[data-place="' + place + '"]')
        .getBoundingClientRect();
      const inside = (x, y) => shape.isPointInFill(
        new DOMPoint(x, y).matrixTransform(shape.getScreenCTM().inverse()));
      for (let d = 30; d < 200; d += 6) {
        for (const [dx, dy] of [[0, 1], [0, -1], [1, 0], [-1, 0]]) {
          const x = label.left + label.width / 2 + dx * d;
          const y = label.top + label.height / 2 + dy * d;
          const corners = [[-14, -14], [14, -14], [-14, 14], [14, 14], [0, 0]];
          if (corners.every(([a, b]) => inside(x + a, y + b))) { return {x: x - 12, y: y - 12}; }
        }
      }
      return null;
    }""", place)
    assert box, f"no clear patch inside {place}'s lit shape"
    png = view.page.screenshot(clip={**box, "width": 24, "height": 24})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = [image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)]
    target = Color(color)
    striped = sum(Color("srgb", [v / 255 for v in px]).delta_e(target, method="2000") < 3
                  for px in pixels)
    return striped / len(pixels), 1 - striped / len(pixels)


@pytest.mark.browser
def test_answer_and_labels_in_chromium(open_map, atlases, tmp_path, screenshots):
    """#industry=ic: hosts lit by stripes of IC's swatch colour, opaque (Yueqing's core does
    not mix in), with the core and corridor showing between them; every label legible on
    what is drawn under it; screenshots."""
    atlas = atlases("wenzhou-2024")
    path = tmp_path / "wenzhou-2024.html"
    atlas.to_html(path, lang="en")
    view = open_map(path)
    check_labels_in_browser(view)  # the opening view
    view.page.evaluate("location.hash = 'industry=ic'")
    view.page.wait_for_selector(".atlas-answer[data-atlas-answer='industry=ic']")
    color = colours.of_plan(atlas.plan).industry("ic")
    swatch = view.page.locator(".atlas-panel input[data-layer='industry:ic'] + .atlas-swatch")
    assert Color(swatch.evaluate("s => getComputedStyle(s).backgroundColor")) == Color(color)
    key = view.page.locator(".atlas-answer-head .atlas-swatch")  # the answer's own key
    image = key.evaluate("s => getComputedStyle(s).backgroundImage")
    assert image.startswith("repeating-linear-gradient") and Color(
        re.search(r"rgb\([^)]*\)", image).group(0)) == Color(color)  # the map's stripes
    labels = {label["place"]: label for label in check_labels_in_browser(view)}
    hosts = set(atlas.districts_hosting("ic")["adcode"])
    yueqing = labels["330382"]
    answer = yueqing["under"][-1]
    assert "330382" in hosts and answer["answer"] and answer["hatch"]
    assert Color(answer["fill"]) == Color(color) and answer["opacity"] == 1
    assert yueqing["composite"].to_string(hex=True) == color  # nothing mixed into a stripe
    assert 0 < answer["stripe"] < answer["period"]  # ... and gaps between stripes
    under = {Color(u["fill"]).to_string(hex=True) for u in yueqing["under"][:-1]}
    assert colours.of_plan(atlas.plan).element("north-core") in under  # the core under it
    stripes, gaps = stripes_and_gaps(view, "330382", color)
    assert 0.3 < stripes < 0.7 and 0.3 < gaps < 0.7, (stripes, gaps)  # both seen as drawn
    for place in hosts & set(labels):
        assert labels[place]["under"][-1]["answer"], place
    screenshots(view.page, "colours-plan-industry-ic")
    view.assert_clean()


@pytest.mark.browser
def test_diff_and_reality_labels_in_chromium(open_map, atlases, tmp_path, screenshots,
                                             reality_html, diff_pages):
    """The diff map's and the reality map's labels, on the darkest LQ class too."""
    path = tmp_path / "diff.html"
    path.write_text(diff_pages[PAIRS[0]], "utf-8")
    view = open_map(path)
    check_labels_in_browser(view)
    screenshots(view.page, "colours-diff")
    view.assert_clean()

    path = tmp_path / "reality.html"
    path.write_text(reality_html, "utf-8")
    view = open_map(path)
    view.toggle(view.page.locator("input[data-layer='reality:iot']"), True)
    labels = {label["place"]: label for label in check_labels_in_browser(view)}
    pingyang = labels["330326"]  # the synthetic table's LQ 2.25: the darkest class
    assert Color(pingyang["under"][-1]["fill"]) == Color(reality.LQ_COLORS[-1])
    assert Color(pingyang["color"]).contrast(pingyang["composite"]) < CONTRAST  # the halo
    screenshots(view.page, "colours-reality-iot")
    view.assert_clean()


@pytest.mark.browser
def test_empty_swatches_in_chromium(open_map, page_files, screenshots):
    """The national plan's map: its 18 industries with no place keyed by empty swatches
    (white, dashed edge), the 4 that draw by their colours, each unlike the others."""
    view = open_map(page_files("plan", NATIONAL), {"width": 1366, "height": 768})
    swatches = view.page.evaluate("""() => [...document.querySelectorAll(
        '.atlas-panel input[data-layer^="industry:"] + .atlas-swatch')].map(s => {
        const c = getComputedStyle(s);
        return [s.classList.contains('atlas-swatch-empty'), c.backgroundColor,
                c.borderTopStyle]; })""")
    empty = [s for s in swatches if s[0]]
    assert len(swatches) == 22 and len(empty) == 18
    assert {(bg, edge) for _, bg, edge in empty} == {("rgb(255, 255, 255)", "dashed")}
    drawn = [bg for e, bg, _ in swatches if not e]
    assert len(set(drawn)) == 4 and "rgb(255, 255, 255)" not in drawn
    view.page.locator(".atlas-swatch-empty").first.scroll_into_view_if_needed()
    screenshots(view.page, "colours-national-empty-swatches")
    view.assert_clean()


def test_near_industries_of_a_map_differ_by_their_second_encoding(plan_pages, diff_pages):
    """Where colours ran out (a Wenzhou diff map's 3 near pairs), the two industries of each
    near pair differ by their pattern (dots), on the map (the layer spec) and in the legend
    (the swatch's class); an industry has one pattern in every output."""
    seen: dict[str, set[str]] = {}
    pages = [*plan_pages.values(), *diff_pages.values()]
    patterned = 0
    for html in pages:
        views = page_views(html)
        drawn = drawn_industries(html)
        for a, b in itertools.combinations(drawn, 2):
            if industries_confusable(drawn[a], drawn[b]):
                assert views[a]["pattern"] != views[b]["pattern"], (a, b)
        for k in drawn:
            seen.setdefault(k, set()).add(views[k]["pattern"])
            swatch = re.search(rf'data-layer="{re.escape(k)}"[^>]*><span class="([^"]+)"', html)
            want = "atlas-swatch" + (f" atlas-swatch-{views[k]['pattern']}"
                                     if views[k]["pattern"] else "")
            assert swatch.group(1) == want, (k, swatch.group(1))
            patterned += bool(views[k]["pattern"])
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}
    assert patterned >= 6  # 3 in each diff map (and the plan maps that draw them)


@pytest.mark.browser
def test_dotted_industries_in_chromium(open_map, diff_pages, tmp_path, screenshots):
    """A Wenzhou diff map with its dotted industry shown: its places filled by a pattern of
    their change colour with dark dots, its swatch dotted, its near twin plain."""
    path = tmp_path / "diff.html"
    path.write_text(diff_pages[PAIRS[0]], "utf-8")
    view = open_map(path, {"width": 1366, "height": 768})
    views = page_views(diff_pages[PAIRS[0]])
    dotted = [k for k, v in views.items() if v.get("pattern") == "dots"]
    assert dotted
    for k in dotted:
        view.toggle(view.page.locator(f"input[data-layer='{k}']"), True)
    got = view.page.evaluate("""(ids) => ids.map(id => {
        const box = document.querySelector(`input[data-layer="${id}"]`);
        const swatch = getComputedStyle(box.nextElementSibling);
        const fills = [...document.querySelectorAll('.leaflet-overlay-pane path')]
            .map(p => p.getAttribute('fill') || '').filter(f => f.startsWith('url(#atlas-dots-'));
        const pattern = fills.length && document.querySelector(fills[0].slice(4, -1));
        return {swatch: swatch.backgroundImage, fills: fills.length,
                dots: pattern ? pattern.querySelectorAll('circle').length : 0}; })""", dotted)
    for g in got:
        assert g["swatch"].startswith("radial-gradient") and g["fills"] > 0 and g["dots"] == 1, g
    screenshots(view.page, "colours-diff-dotted")
    view.assert_clean()
