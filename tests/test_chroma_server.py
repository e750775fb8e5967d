"""The same pipeline against a real ``chroma run`` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag import Pipeline, RagSettings
from tests.conftest import SEEDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma run exited early")
            time.sleep(0.3)
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_query_through_the_chroma_server(chroma_server, tmp_path):
    s = RagSettings(data_dir=tmp_path / "d", store_backend="server", chroma_port=chroma_server,
                    corpus_dir=SEEDS, show_progress=False)
    p = Pipeline(s)
    assert p.ingest(SEEDS).chunks_written > 0
    assert p.stats()["store"] == f"http://127.0.0.1:{chroma_server}"
    a = p.query("When did Kim leave Pyongyang?")
    assert "10 September 2023" in a.short_answer
    assert Pipeline(s).ingest(SEEDS).chunks_written == 0  # idempotent across clients
