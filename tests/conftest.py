"""Shared fixtures. Every data directory points at a temporary folder (autouse), so no
test ever touches a user's store; production code never checks whether it runs under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag import Pipeline, RagSettings

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "rag-data"))
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def seeded_store_dir(tmp_path_factory) -> Path:
    """A data dir holding the ingested seeds, built once per session (treat as read-only)."""
    data = tmp_path_factory.mktemp("seeded") / "data"
    Pipeline(RagSettings(data_dir=data, corpus_dir=SEEDS, show_progress=False)).ingest(SEEDS)
    return data


@pytest.fixture(scope="session")
def seeded(seeded_store_dir) -> Pipeline:
    """A pipeline over the ingested seeds, shared by read-only tests."""
    return Pipeline(RagSettings(data_dir=seeded_store_dir, corpus_dir=SEEDS, show_progress=False))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the seed folder (with its metadata.json)."""
    dst = tmp_path / "corpus"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture
def fresh(tmp_path) -> Pipeline:
    """A pipeline over an empty store in tmp_path."""
    return Pipeline(RagSettings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "none",
                                show_progress=False))
