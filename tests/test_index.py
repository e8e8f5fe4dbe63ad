"""The exemplar index in real Chroma: built once, reopened from disk with our registered
embedding function, rebuilt when the library changes, and served by a real Chroma server."""
from __future__ import annotations

import dataclasses
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from contract_guard.library import load_library
from contract_guard.retrieval.vector import VectorRetriever, chroma_client

LIB_DIR = Path(__file__).resolve().parents[1] / "clause_library"


def test_index_persists_and_reopens_without_rebuild(settings, tmp_path):
    s = dataclasses.replace(settings, data_dir=tmp_path / "data")
    lib = load_library(LIB_DIR)
    first = VectorRetriever(lib, s)
    assert first.rebuilt
    del first
    # a new client on the same folder: the collection is reused, and queries by text work,
    # which needs our embedding function to be found again (not Chroma's downloading default)
    second = VectorRetriever(lib, s, client=chroma_client(s))
    assert not second.rebuilt
    col = second.collection
    res = col.query(query_texts=["乙方将全部著作权转让给甲方"], n_results=3)
    assert res["metadatas"][0]
    assert col.configuration_json["embedding_function"]["name"] == "contract-guard"


def test_index_rebuilds_when_the_library_changes(settings, tmp_path):
    s = dataclasses.replace(settings, data_dir=tmp_path / "data")
    lib_copy = tmp_path / "lib"
    shutil.copytree(LIB_DIR, lib_copy)
    lib = load_library(lib_copy)
    assert VectorRetriever(lib, s).rebuilt
    assert not VectorRetriever(lib, s).rebuilt
    pattern_file = sorted((lib_copy / "patterns").glob("*.yaml"))[0]
    text = pattern_file.read_text(encoding="utf-8")
    pattern_file.write_text(text.replace("exemplars:\n  en:\n", "exemplars:\n  en:\n    - A brand-new exemplar sentence about rights.\n", 1),
                            encoding="utf-8")
    changed = load_library(lib_copy)
    assert changed.version != lib.version
    again = VectorRetriever(changed, s)
    assert again.rebuilt
    assert again.collection.count() == sum(len(p.exemplars.en) + len(p.exemplars.zh) for p in changed.patterns)


def test_vector_search_finds_the_pattern_across_languages(settings, tmp_path):
    s = dataclasses.replace(settings, data_dir=tmp_path / "data")
    retriever = VectorRetriever(load_library(LIB_DIR), s)
    hits = retriever.search(retriever.embed(["乙方同意将其全部作品的著作权永久转让给甲方",
                                             "The Creator hereby assigns all copyright in the works to the Company."]))
    for h in hits:
        assert h and h[0].score > 0.3
        assert any(x.pattern_id.startswith("ip-") for x in h[:3])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed in this environment")
    port = _free_port()
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the Chroma server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_chroma_server_when_chroma_host_is_set(settings, chroma_server, en_pdf):
    from contract_guard.pipeline import Screener

    s = dataclasses.replace(settings, chroma_host="127.0.0.1", chroma_port=chroma_server)
    screener = Screener(s)
    assert "fastapi" in screener.engine.vector.client.get_settings().chroma_api_impl  # talks HTTP, not embedded
    assert screener.engine.vector.rebuilt
    report = screener.screen(en_pdf)
    assert any("vector" in f.method for f in report.findings)
    # a second process-level screener on the same server reuses the collection
    assert not Screener(s).engine.vector.rebuilt
