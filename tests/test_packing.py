"""Packed page scripts (geo/render/packing.py): one gzip+base64 block and a plain loader."""

import base64
import gzip
import re

import pytest

from geo.render.packing import pack, packed_script, unpack, unpacked

PROGRAMS = ["", "var a = 1;", "温州 </script><!-- \u2028 `${x}` {{ y }}", "x" * 100_000]


@pytest.mark.parametrize("program", PROGRAMS)
def test_unpack_is_the_inverse_of_pack(program):
    packed = pack(program)
    assert re.fullmatch(r"[A-Za-z0-9+/=]*", packed)
    assert unpack(packed) == program
    assert pack(program) == packed  # no time stamp: the same text gives the same bytes


def test_packed_block_is_inert_and_the_fail_text_escaped():
    html = packed_script("alert(1)", 'needs "new" <browser>')
    assert html.count("<script") == 2 and "alert(1)" not in html
    assert 'data-atlas-fail="needs &#34;new&#34; &lt;browser&gt;"' in html
    assert unpacked(html) == "<script>\nalert(1)\n</script>"


def test_a_page_is_smaller_than_its_program(atlas):
    page = atlas.to_html()
    program = unpacked(page)
    assert len(page.encode()) < 0.6 * len(program.encode())
    block = re.search(r"data-atlas-packed[^>]*>([^<]*)<", page).group(1)
    assert gzip.decompress(base64.b64decode(block)).decode() in program


def test_fragment_and_page_start_in_the_browser(open_page, atlas, tmp_path):
    page_path = atlas.to_html(tmp_path / "page.html")
    fragment = atlas.to_html(fragment=True, key="one")
    host = tmp_path / "host.html"
    host.write_text("<!DOCTYPE html><html lang='en'><head><title>host</title></head><body>"
                    + fragment + fragment + "</body></html>", "utf-8")
    for path, maps in ((page_path, 1), (host, 2)):
        view = open_page(path)  # waits for every .atlas-app to be data-atlas-ready
        assert view.page.locator(".atlas-app[data-atlas-ready]").count() == maps
        assert view.page.locator("script[data-atlas-packed]").count() == maps
        assert view.drawn() >= maps * len(atlas.districts)
        view.assert_clean()


def test_a_browser_that_cannot_unpack_says_so_in_the_map(new_page, atlas, tmp_path):
    path = atlas.to_html(tmp_path / "page.html", lang="en")
    page = new_page()
    page.add_init_script("delete window.DecompressionStream;")
    page.goto(path.as_uri(), wait_until="load")
    note = page.locator(".atlas-map .atlas-fail")
    note.wait_for(state="attached", timeout=5000)
    assert note.inner_text().startswith("This map needs a newer browser")
    assert page.locator(".atlas-app[data-atlas-ready]").count() == 0
    assert page.locator(".atlas-panel h1").is_visible()  # the panel is plain HTML: still there
