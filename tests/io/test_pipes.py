"""Pipes and FIFOs are read once, from the first byte: the format sniff is replayed, so no
record is lost, and a named FIFO with one writer does not hang.

Writers are threads that write slowly (a few bytes, a pause, the rest), so a sniff that
reads "what is there" instead of "enough to decide" would also be caught.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from cleaner.io.readers import iter_items
from cleaner.io.sources import expand_inputs
from tests.paths import ROOT

RECORDS = 300
FIRST_WRITE = 1  # bytes a slow pipe hands out first: less than a gzip magic or a JSON record
PAUSE_SECONDS = 0.2
RUN_TIMEOUT = 20  # a hang fails the test instead of stalling the suite

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes and FIFOs")


def dump(count: int = RECORDS) -> bytes:
    lines = (
        json.dumps({"id": i, "text": f"Record {i}. The council approved the budget."}) for i in range(count)
    )
    return ("\n".join(lines) + "\n").encode()


def slow_write(handle: int, data: bytes) -> None:
    """Write a few bytes, pause, then the rest, then close: a pipe as a slow producer fills it."""
    try:
        os.write(handle, data[:FIRST_WRITE])
        time.sleep(PAUSE_SECONDS)
        view = memoryview(data)[FIRST_WRITE:]
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


@contextmanager
def fifo_writer(path: Path, data: bytes) -> Iterator[threading.Thread]:
    """A named FIFO with one writer thread (opening it blocks until the reader opens it)."""
    os.mkfifo(path)

    def feed() -> None:
        slow_write(os.open(path, os.O_WRONLY), data)

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    yield thread
    thread.join(RUN_TIMEOUT)


def run_clean(args: list[str], pass_fds: tuple[int, ...] = ()) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "cleaner", "clean", *args, "--no-heuristics"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, pass_fds=pass_fds
    )


def written_ids(path: Path) -> list[int]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_pipe_fd_path_keeps_every_record(tmp_path: Path, compress: bool) -> None:
    """``cleaner clean <(cat p.jsonl)``: the shell passes /dev/fd/N, a pipe with no name to go by."""
    data = gzip.compress(dump()) if compress else dump()
    read_end, write_end = os.pipe()
    out = tmp_path / "x.jsonl"
    process = run_clean([f"/dev/fd/{read_end}", "-o", str(out)], pass_fds=(read_end,))
    os.close(read_end)
    slow_write(write_end, data)
    _, stderr = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, stderr.decode()
    assert written_ids(out) == list(range(RECORDS))
    assert f"{RECORDS} records in".encode() in stderr


@pytest.mark.parametrize("name", ["p.jsonl", "feed", "feed.gz"])
def test_named_fifo_with_one_writer(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    data = gzip.compress(dump()) if name.endswith(".gz") else dump()
    out = tmp_path / "x.jsonl"
    with fifo_writer(fifo, data):
        process = run_clean([str(fifo), "-o", str(out)])
        try:
            _, stderr = process.communicate(timeout=RUN_TIMEOUT)
        finally:
            process.kill()
    assert process.returncode == 0, stderr.decode()
    assert written_ids(out) == list(range(RECORDS))


def test_fifo_read_in_process_loses_no_byte(tmp_path: Path) -> None:
    """The sources layer itself: the sniffed head is handed out again, then the rest."""
    fifo = tmp_path / "feed"
    data = dump()
    found: dict[str, object] = {}

    def read() -> None:  # in a thread: a hang fails the test instead of stalling the suite
        [source] = expand_inputs((str(fifo),), "auto")
        found["fmt"] = source.fmt
        found["data"] = b"".join(item.data for item in iter_items(source))

    with fifo_writer(fifo, data):
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(RUN_TIMEOUT)
    assert not reader.is_alive(), "reading the FIFO hangs"
    assert found == {"fmt": "jsonl", "data": data}


class Trickle(io.RawIOBase):
    """A pipe that hands out at most a few bytes a read, as a slow producer's pipe does."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), FIRST_WRITE, len(self._data))
        buffer[:count] = self._data[:count]
        self._data = self._data[count:]
        return count


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_slow_stdin_is_sniffed_from_a_full_head(compress: bool) -> None:
    """stdin whose reads return fewer bytes than the gzip magic is still decompressed and sniffed."""
    data = dump()
    stream = io.BufferedReader(Trickle(gzip.compress(data) if compress else data))
    [source] = expand_inputs(("-",), "auto", stdin=stream)  # type: ignore[arg-type]
    assert source.fmt == "jsonl"
    assert b"".join(item.data for item in iter_items(source)) == data


def test_fifo_inside_a_folder_is_reported_not_waited_for(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(dump(2))
    os.mkfifo(folder / "b.jsonl")  # nobody writes: opening it would wait forever
    out = tmp_path / "x.jsonl"
    process = run_clean([str(folder), "-o", str(out)])
    try:
        _, stderr = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 1, stderr.decode()
    assert written_ids(out) == [0, 1]
    assert b"not a regular file" in stderr


def test_pipe_input_cannot_be_resumed(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(write_end)
    out = tmp_path / "x.jsonl"
    process = run_clean([f"/dev/fd/{read_end}", "-o", str(out), "--resume"], pass_fds=(read_end,))
    os.close(read_end)
    _, stderr = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 2
    assert b"--resume" in stderr and b"pipe" in stderr
