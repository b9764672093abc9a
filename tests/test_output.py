"""Outputs are atomic: an interrupted or concurrent build never leaves a partial file."""

import os
import signal
import subprocess
import sys
import time

import pytest

from geo.errors import OutputError
from geo.output import write_text


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


def test_killed_build_leaves_old_or_new_file(tmp_path):
    path = tmp_path / "wenzhou-2024.html"
    path.write_text("<html>old</html>")
    for delay in (0.5, 1.0, 1.5, 2.0):
        process = build(tmp_path)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = path.read_text("utf-8")
        assert text == "<html>old</html>" or complete(path)


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
