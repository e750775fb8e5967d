"""The ``rag`` command in real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

LEFT_PYONGYANG = {"000_98d33dd27db1be93", "003_0899eaed18e29f52"}


def rag(*args, data_dir, check=False):
    env = {**os.environ, "RAG_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "rag", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=check)


def test_help_lists_every_command(tmp_path):
    out = rag("--help", data_dir=tmp_path).stdout
    for cmd in ("ingest", "query", "stats", "docs", "delete", "ui", "eval"):
        assert cmd in out
    assert "--json" in rag("query", "--help", data_dir=tmp_path).stdout


def test_query_json_on_an_ingested_store(seeded_store_dir):
    res = rag("query", "When did Kim leave Pyongyang?", "--json", "--top-k", "5",
              data_dir=seeded_store_dir, check=True)
    answer = json.loads(res.stdout)
    assert not answer["abstained"] and {c["doc_id"] for c in answer["citations"]} & LEFT_PYONGYANG
    stats = rag("stats", data_dir=seeded_store_dir, check=True).stdout
    assert "documents: 5" in stats
    # A follow-up, with the conversation's earlier question.
    res = rag("query", "and where will they meet?", "--after", "When will Kim meet Putin?", "--json",
              data_dir=seeded_store_dir, check=True)
    assert "Vladivostok" in json.loads(res.stdout)["short_answer"]


def test_failures_are_one_line_with_nonzero_exit(tmp_path, seeded_store_dir):
    res = rag("query", "  ", data_dir=seeded_store_dir)
    assert res.returncode == 1 and res.stderr.strip().count("\n") == 0
    assert res.stderr.startswith("rag: error:") and "empty" in res.stderr
    res = rag("ingest", str(tmp_path / "nope"), data_dir=tmp_path / "d")
    assert res.returncode != 0 and "no such file" in res.stderr and "Traceback" not in res.stderr
    res = rag("delete", "no-such-doc", data_dir=seeded_store_dir)
    assert res.returncode == 1 and "no-such-doc" in res.stderr


def test_ingest_then_delete(tmp_path):
    doc = tmp_path / "note.md"
    doc.write_text("# Bridge opening\n\nThe Tay bridge opened to traffic on 4 May 2021.\n", encoding="utf-8")
    res = rag("ingest", "--no-progress", str(doc), data_dir=tmp_path / "d", check=True)
    assert "1 added" in res.stdout
    assert "Bridge opening" in rag("docs", data_dir=tmp_path / "d", check=True).stdout
    assert "deleted note" in rag("delete", "note", data_dir=tmp_path / "d", check=True).stdout
    assert "no documents" in rag("docs", data_dir=tmp_path / "d", check=True).stdout
