"""Outputs are atomic: an interrupted or concurrent build never leaves a partial file."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.errors import OutputError
from geo.output import KINDS, atomic_path, make_folder, output_name, output_path, write_text


def build(out_dir):
    return subprocess.Popen([sys.executable, "-m", "geo.cli", "build", "wenzhou-2024", "-o",
                             str(out_dir)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def complete(path) -> bool:
    return path.read_text("utf-8").rstrip().endswith("</html>")


def test_write_replaces_whole_file(tmp_path):
    path = tmp_path / "a.html"
    write_text(path, "old")
    write_text(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_unwritable_target_raises_output_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_text(tmp_path / "file" / "a.html", "x")


@pytest.mark.parametrize("stem, kind, fmt, part, name", [
    ("wenzhou-2024", "map", None, None, "wenzhou-2024.html"),
    ("wenzhou-2024", "embed", None, None, "wenzhou-2024-embed.html"),
    ("wenzhou-2024", "report", None, None, "wenzhou-2024-report.html"),
    ("wenzhou-2024", "report", "pdf", None, "wenzhou-2024-report.pdf"),
    ("wenzhou-2024", "figure", "png", "layout", "wenzhou-2024-layout.png"),
    ("wenzhou-2024", "figure", "svg", "industries", "wenzhou-2024-industries.svg"),
    ("wenzhou-2024", "figure", "pdf", "ic", "wenzhou-2024-ic.pdf"),
    ("wenzhou-2024", "export", "geojson", None, "wenzhou-2024.geojson"),
    ("wenzhou-2024", "export", "parquet", None, "wenzhou-2024.parquet"),
    (("wenzhou-2022", "wenzhou-2024"), "diff-map", None, None, "wenzhou-2022-vs-wenzhou-2024.html"),
    (("wenzhou-2022", "wenzhou-2024"), "diff-figure", "png", None,
     "wenzhou-2022-vs-wenzhou-2024-diff.png"),
    ("china-cities", "national", None, None, "china-cities.html"),
    (None, "index", None, None, "index.html"),
    ("plan.v2", "report", None, None, "plan.v2-report.html"),  # a dot in an id stays
])
def test_output_name_of_every_kind(stem, kind, fmt, part, name):
    assert output_name(stem, kind, fmt, part=part) == name
    assert output_path("out", stem, kind, fmt, part=part) == Path("out") / name


@pytest.mark.parametrize("stem, kind, fmt, part, variants, name", [
    ("wenzhou-2024", "map", None, None, {"lang": "both", "basemap": "none"},
     "wenzhou-2024.html"),                                                  # the defaults
    ("wenzhou-2024", "map", None, None, {"lang": "en"}, "wenzhou-2024.en.html"),
    ("wenzhou-2024", "map", None, None, {"basemap": "amap"}, "wenzhou-2024.amap.html"),
    ("wenzhou-2024", "map", None, None, {"basemap": "amap", "lang": "zh"},
     "wenzhou-2024.zh.amap.html"),                                          # fixed order
    ("wenzhou-2024", "embed", None, None, {"key": "appendix"},
     "wenzhou-2024-embed.appendix.html"),
    ("wenzhou-2024", "embed", None, None, {"key": "appendix", "lang": "en", "basemap": "cartodb"},
     "wenzhou-2024-embed.en.cartodb.appendix.html"),
    ("wenzhou-2024", "report", "pdf", None, {"lang": "zh"}, "wenzhou-2024-report.zh.pdf"),
    ("wenzhou-2024", "figure", "svg", "layout", {"lang": "en"}, "wenzhou-2024-layout.en.svg"),
    (("wenzhou-2022", "wenzhou-2024"), "diff-figure", "png", None, {"lang": "en"},
     "wenzhou-2022-vs-wenzhou-2024-diff.en.png"),
    ("china-cities", "national", None, None, {"lang": "zh"}, "china-cities.zh.html"),
    (None, "index", None, None, {"lang": "en"}, "index.en.html"),
    ("wenzhou-2024", "embed", None, None, {"key": "附录"}, "wenzhou-2024-embed.附录.html"),
])
def test_variants_add_parts_before_the_extension(stem, kind, fmt, part, variants, name):
    assert output_name(stem, kind, fmt, part=part, **variants) == name
    assert output_path("out", stem, kind, fmt, part=part, **variants) == Path("out") / name


@pytest.mark.parametrize("key", ["a/b", "a.b", "", "a b", "..", 3])
def test_a_variant_must_be_a_plain_name(key):
    with pytest.raises(ValueError, match="cannot be part of a file name"):
        output_name("p", "embed", key=key)


def test_every_kind_is_named_in_the_table():
    doc = output_name.__doc__
    assert all(f"``{kind}``" in doc for kind in KINDS)


@pytest.mark.parametrize("stem, kind, fmt, part", [
    ("p", "poster", None, None),         # unknown kind
    ("p", "map", "pdf", None),           # maps are always .html
    ("p", "figure", None, "layout"),     # a figure needs a format
    ("p", "export", None, None),         # so does an export
    ("p", "figure", "png", None),        # and a part
    ("p", "figure", "png", ""),
    ("p", "map", None, "layout"),        # only figures have parts
    ("p", "index", None, None),          # the index has no stem
    ("p", "diff-map", None, None),       # a diff is of a pair
    (("a",), "diff-figure", "png", None),
    (None, "map", None, None),
    ("", "embed", None, None),
])
def test_output_name_rejects_what_does_not_fit(stem, kind, fmt, part):
    with pytest.raises(ValueError):
        output_name(stem, kind, fmt, part=part)


def test_atomic_path_renames_on_success(tmp_path):
    path = tmp_path / "sub" / "a.pdf"
    with atomic_path(path) as tmp:
        assert tmp.parent == path.parent and tmp.exists() and not path.exists()
        tmp.write_bytes(b"%PDF-new")
    assert path.read_bytes() == b"%PDF-new"
    assert os.stat(path).st_mode & 0o777 == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["a.pdf"]


def test_atomic_path_failure_leaves_nothing(tmp_path):
    path = tmp_path / "a.pdf"
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_bytes(b"%PDF-half")
        raise RuntimeError("printing failed")
    assert list(tmp_path.iterdir()) == []
    path.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), atomic_path(path) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert path.read_bytes() == b"old" and list(tmp_path.iterdir()) == [path]


def test_atomic_path_os_errors_become_output_errors(tmp_path):
    path = tmp_path / "a.pdf"
    with pytest.raises(OutputError, match=r"cannot write .*a\.pdf: No such file"), \
            atomic_path(path) as tmp:
        tmp.unlink()  # nothing to rename
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write"), atomic_path(tmp_path / "file" / "b"):
        pass


def test_make_folder(tmp_path):
    assert make_folder(tmp_path / "a" / "b" / "c.html") == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match=r"cannot write .*c\.html"):
        make_folder(tmp_path / "file" / "c.html")


def test_killed_build_leaves_old_or_new_file(tmp_path):
    """Killed at points spread over a build (some 0.6 s on an idle machine: imports,
    loading, writing), a build leaves the old file or the whole new one."""
    path = tmp_path / "wenzhou-2024.html"
    path.write_text("<html>old</html>")
    killed = 0
    for delay in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8):
        process = build(tmp_path)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
        text = path.read_text("utf-8")
        assert text == "<html>old</html>" or complete(path)
    assert killed >= 3, "the builds ended before they were killed: nothing was checked"


def test_concurrent_builds_do_not_corrupt_each_other(tmp_path):
    processes = [build(tmp_path) for _ in range(2)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    path = tmp_path / "wenzhou-2024.html"
    assert complete(path)
    assert [p.name for p in tmp_path.iterdir()] == ["wenzhou-2024.html"]
    assert os.stat(path).st_mode & 0o644 == 0o644


def test_build_makes_no_network_access(tmp_path, monkeypatch):
    import socket

    import geo

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = geo.load("wenzhou-2024").to_html(tmp_path / "map.html")
    assert complete(path) and attempts == []
