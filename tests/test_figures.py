"""Static figures: baselines, CJK glyphs, stable bytes, scale bar, CLI.

Regenerate the baseline images after an intended change of the figures with
``ATLAS_UPDATE_BASELINES=1 .venv/bin/pytest tests/test_figures.py`` (the
updated tests are reported as skipped) and look at them before committing.
"""

import os
import warnings
from pathlib import Path

import matplotlib.text
import pytest
from matplotlib import font_manager
from matplotlib.testing.compare import compare_images
from pyproj import Geod, Transformer

import geo
from geo import cli, figures
from geo.figures import kit
from geo.vocabulary import Lang

BASELINE = Path(__file__).resolve().parent / "baseline"
TOLERANCE = 2.0  # RMS of 0-255 pixel values
BASELINE_DPI = 40

# A CJK character drawn with a font that lacks it is a test failure, not a warning.
pytestmark = pytest.mark.filterwarnings("error:Glyph:UserWarning")


@pytest.fixture(scope="module")
def layout(atlas):
    return figures.layout_figure(atlas, Lang("both"))


def texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def check_baseline(fig, name: str, tmp_path: Path) -> None:
    """Compare ``fig`` with tests/baseline/<name>.png; ATLAS_UPDATE_BASELINES=1 rewrites it."""
    expected = BASELINE / f"{name}.png"
    actual = tmp_path / f"{name}.png"
    actual.write_bytes(figures.figure_bytes(fig, "png", dpi=BASELINE_DPI))
    if os.environ.get("ATLAS_UPDATE_BASELINES") == "1":
        BASELINE.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
        pytest.skip(f"baseline {expected.name} rewritten: look at it before committing")
    assert expected.exists(), (f"no baseline {expected}; create it with "
                               "ATLAS_UPDATE_BASELINES=1")
    failure = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert failure is None, failure


def test_layout_matches_baseline(layout, tmp_path):
    check_baseline(layout, "wenzhou-2024-layout", tmp_path)


def test_industries_match_baseline(atlas, tmp_path):
    fig = figures.industry_figure(atlas, Lang("en"), ["IC", "smart-home"])
    check_baseline(fig, "wenzhou-2024-industries-en", tmp_path)


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_no_missing_glyphs(atlas, lang):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        for fig in (figures.layout_figure(atlas, Lang(lang)),
                    figures.industry_figure(atlas, Lang(lang), ["ic", "smart-home"])):
            figures.figure_bytes(fig, "png", dpi=30)


def test_missing_glyphs_would_be_caught():
    """The glyph check above is real: a font without CJK glyphs warns (here: fails)."""
    fig = kit.new_figure(1, 1)
    fig.text(0.5, 0.5, "温州", family="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_text_uses_the_cjk_font(layout):
    title = layout.get_suptitle()
    assert "温州" in title and "Wenzhou" in title
    text = next(t for t in layout.findobj(matplotlib.text.Text) if t.get_text() == title)
    assert Path(font_manager.findfont(text.get_fontproperties())) == figures.FONT_FILE


def test_missing_font_is_one_line(atlas, monkeypatch):
    kit._font_family.cache_clear()
    monkeypatch.setattr(kit, "FONT_FILE", Path("/nonexistent/wqy-microhei.ttc"))
    try:
        with pytest.raises(geo.AtlasError, match=r"make fonts") as info:
            figures.layout_figure(atlas)
        assert "\n" not in str(info.value)
    finally:
        kit._font_family.cache_clear()


def test_layout_has_legend_title_sources_and_unlocated(layout):
    assert "乐清市\nYueqing" in texts(layout)  # districts labelled in both languages
    words = " ".join(texts(layout).split())  # legend and notes are wrapped
    assert "一廊 / One Corridor" in words and "南核 / Southern core" in words
    assert "多点 / Multiple Spots (未定位 / not located)" in words  # listed, not drawn
    assert "Wenzhou Marine Economic Development Zone" in words
    assert "wenzhou.gov (ZhongXin), 2024-06-20" in words
    assert "北 / N" in words and "km" in words


def test_unlocated_industry_panel_says_so(atlas):
    fig = figures.industry_figure(atlas, Lang("en"), ["smart-home"])
    assert len(fig.axes) == 1
    assert "not located" in texts(fig) and "Multiple Spots" in texts(fig)


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_same_input_same_bytes(atlas, fmt):
    first = figures.figure_bytes(figures.layout_figure(atlas, Lang("zh")), fmt)
    second = figures.figure_bytes(figures.layout_figure(atlas, Lang("zh")), fmt)
    assert first == second


def test_scale_bar_length_is_ground_distance():
    crs = figures.local_crs((119.6, 27.0, 121.3, 28.6))  # Wenzhou
    metres, length = figures.scale_bar_length(crs, -60_000, -70_000, 45_000)
    assert metres == 20_000  # the largest round distance within 45 km
    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lons, lats = to_lonlat.transform([-60_000, -60_000 + length], [-70_000, -70_000])
    ground = Geod(ellps="WGS84").inv(lons[0], lats[0], lons[1], lats[1])[2]
    assert ground == pytest.approx(20_000, rel=1e-4)
    assert figures.distance_label(20_000) == "20 km" and figures.distance_label(500) == "500 m"


def test_scale_bar_drawn_matches_its_label(atlas, layout):
    ax = layout.axes[0]
    label = next(t.get_text() for t in ax.texts if t.get_text().endswith(" km"))
    xs, ys = ax.lines[0].get_data()
    crs = kit.frame(atlas).crs
    lons, lats = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(xs, ys)
    ground = Geod(ellps="WGS84").inv(lons[0], lats[0], lons[1], lats[1])[2]
    assert ground == pytest.approx(float(label.split()[0]) * 1000, rel=1e-3)


def test_atlas_figure_and_save(atlas, tmp_path):
    fig = atlas.figure("industries", lang="en", industry="IC")
    assert [ax.get_title() for ax in fig.axes] == ["Integrated circuits"]
    path = figures.save_figure(fig, tmp_path / "ic.svg")
    assert path.read_bytes().startswith(b"<?xml")
    with pytest.raises(geo.OutputError, match="unknown figure format 'gif'"):
        figures.save_figure(fig, tmp_path / "ic.gif")
    with pytest.raises(geo.AtlasError, match="unknown figure kind"):
        atlas.figure("pie")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ic.svg"]


def test_cli_writes_figures(tmp_path, capsys):
    assert cli.main(["figure", "wenzhou-2024", "-o", str(tmp_path), "--industry", "IC",
                     "--lang", "en"]) == 0
    written = [tmp_path / "wenzhou-2024-layout.en.png", tmp_path / "wenzhou-2024-ic.en.png"]
    assert capsys.readouterr().out.split() == [str(p) for p in written]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)
    assert sorted(tmp_path.iterdir()) == sorted(written)


@pytest.mark.parametrize("args", [["--format", "gif"], ["--lang", "fr"],
                                  ["--industry", "chipz"]])
def test_cli_bad_input_writes_nothing(tmp_path, capsys, args):
    out = tmp_path / "out"
    assert cli.main(["figure", "wenzhou-2024", "-o", str(out), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert not out.exists()
