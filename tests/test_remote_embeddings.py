"""The opt-in OpenAI-compatible embedding backend, against a real local HTTP server that
speaks the OpenAI /v1/embeddings protocol (deterministic vectors from hashed words)."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

DIM = 64


def _vector(text: str) -> list[float]:
    v = np.zeros(DIM)
    for w in re.findall(r"\w+", text.lower()):
        v[int(hashlib.md5(w.encode()).hexdigest(), 16) % DIM] += 1.0
    return (v / (np.linalg.norm(v) or 1.0)).tolist()


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, self.headers.get("Authorization"), body))
        if self.path != "/v1/embeddings":
            self.send_error(404)
            return
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        out = {"object": "list", "model": body["model"],
               "data": [{"object": "embedding", "index": i, "embedding": _vector(t)} for i, t in enumerate(texts)],
               "usage": {"prompt_tokens": 1, "total_tokens": 1}}
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def embedding_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_openai_compatible_embeddings(embedding_server, settings, tmp_path, monkeypatch, en_pdf, report_validator):
    from contract_guard.pipeline import Screener

    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    port = embedding_server.server_address[1]
    s = dataclasses.replace(settings, data_dir=tmp_path / "data", embedding_backend="openai",
                            embedding_model="test-embed", openai_base_url=f"http://127.0.0.1:{port}/v1",
                            openai_api_key="test-key")
    report = Screener(s).screen(en_pdf)
    paths = {p for p, _, _ in embedding_server.requests}
    assert paths == {"/v1/embeddings"}
    assert all(auth == "Bearer test-key" for _, auth, _ in embedding_server.requests)
    sent = [t for _, _, body in embedding_server.requests for t in body["input"]]
    assert any("irrevocably assigns" in t for t in sent)  # the contract's own clauses went to the server
    assert report.tool.mode == "llm" and report.tool.remote_services
    assert any("vector" in f.method for f in report.findings)
    assert not list(report_validator.iter_errors(json.loads(report.to_json())))
