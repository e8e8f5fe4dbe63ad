"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol (POST
/v1/chat/completions), for the LLM review tests. It reviews like a (very simple) model would:
it reads the JSON message the reviewer sent, answers every candidate with the verdict the test
asked for, quoting the clause it was sent, and reports token usage. Other behaviours on demand:
fabricated quotes, HTTP 500, 429 once, a slow answer, junk instead of JSON."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LLMServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies: list[dict] = []  # every request body received, in order
        self.mode = "judge"  # judge | fabricate | error500 | slow | junk | rate_limit_once
        self.verdicts: dict[str, tuple[str, str]] = {}  # concept -> (verdict, severity); default risky/high
        self.flag_next: str | None = None  # a concept to flag in next_clause when it is not empty
        self.explain = "Placeholder check: {first} keeps the rights."
        self.delay = 0.0
        self._lock = threading.Lock()
        self._limited = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def sent_text(self) -> str:
        return "\n".join(json.dumps(b, ensure_ascii=False) for b in self.bodies)

    def user_messages(self) -> list[dict]:
        return [json.loads(b["messages"][-1]["content"]) for b in self.bodies]

    def answer(self, body: dict) -> dict:
        msg = json.loads(body["messages"][-1]["content"])
        clause, nxt = msg["clause"], msg["next_clause"]
        first = next((w for w in clause.split() if w.startswith("[PARTY_")), "[PARTY_1]")
        out = []
        for c in msg["candidates"]:
            verdict, severity = self.verdicts.get(c["concept"], ("risky", "high"))
            quote = _head(clause) if self.mode != "fabricate" else "The Creator shall receive a bonus of USD 9,999,999."
            out.append({"pattern": c["pattern"], "verdict": verdict, "concept": c["concept"], "severity": severity,
                        "quote": quote, "explanation": self.explain.format(first=first),
                        "counter_clause": f"Counter-clause for {c['pattern']}."})
        if self.flag_next and nxt.strip():
            out.append({"pattern": "new", "verdict": "risky", "concept": self.flag_next, "severity": "medium",
                        "quote": nxt.strip()[:30], "explanation": "The next clause also hurts.", "counter_clause": ""})
        return {"judgements": out}


def _head(clause: str, n: int = 40) -> str:
    """The clause's first n characters, as a model would copy them: never half a placeholder."""
    quote = clause[:n]
    if quote.rfind("[") > quote.rfind("]") and "]" in clause[n:]:
        quote = clause[:clause.index("]", n) + 1]
    return quote


class _Handler(BaseHTTPRequestHandler):
    server: LLMServer

    def _send(self, code: int, payload: bytes, ctype: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        srv = self.server
        with srv._lock:
            srv.bodies.append(body)
        if self.path != "/v1/chat/completions":
            self._send(404, b'{"error": {"message": "not found"}}')
            return
        if srv.mode == "error500":
            self._send(500, b'{"error": {"message": "internal error", "type": "server_error"}}')
            return
        if srv.mode == "rate_limit_once":
            with srv._lock:
                first, srv._limited = not srv._limited, True
            if first:
                self._send(429, b'{"error": {"message": "rate limited", "type": "rate_limit"}}')
                return
        if srv.mode == "slow":
            time.sleep(srv.delay)
        answer = json.dumps(srv.answer(body), ensure_ascii=False)
        message: dict = {"role": "assistant", "content": None}
        finish = "stop"
        if srv.mode == "junk":
            message["content"] = "Sure! Here is my review: the clause looks {bad"
        elif body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message["tool_calls"] = [{"id": "call_1", "type": "function",
                                      "function": {"name": name, "arguments": answer}}]
            finish = "tool_calls"
        else:  # response_format: json_schema or json_object
            message["content"] = answer
        prompt_tokens = len(json.dumps(body["messages"], ensure_ascii=False)) // 3
        completion_tokens = len(answer) // 3
        out = {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
               "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
               "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                         "total_tokens": prompt_tokens + completion_tokens}}
        try:
            self._send(200, json.dumps(out, ensure_ascii=False).encode("utf-8"))
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args):  # keep test output quiet
        pass


def start() -> LLMServer:
    server = LLMServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
