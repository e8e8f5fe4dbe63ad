#!/usr/bin/env python3
"""What the LLM review sends per contract, against sending the whole contract, and what it costs.

    .venv/bin/python benchmarks/llm_payload.py [FOLDER] [--limit N] [--fake-server]

FOLDER defaults to ../shared/data/cuad-dev/pdf (80 contracts). The default is a dry run: each
contract is screened offline and the review is planned — the exact redacted messages that would be
sent are recorded, nothing is sent. With --fake-server the messages really go, through the openai
SDK and langchain-openai, to the local chat-completions server of the tests (tests/llm_server.py,
on 127.0.0.1), and the characters it received are counted.

Target (issue 8): the contract text sent is at most 15% of the contract's characters.

Tokens are estimated without a tokenizer (tiktoken would download its encodings): one per CJK
character, one per four other characters — the same estimate the review's token budget uses.
Output tokens are assumed: OUT_PER_JUDGEMENT per candidate (two sentences of explanation and a
counter-clause), capped by the request's max_tokens.

Price: DeepSeek deepseek-chat, USD 0.27 per million input tokens (cache miss) and USD 1.10 per
million output tokens, from api-docs.deepseek.com "Models & Pricing" (USD table), page modified
2025-02-09; converted at 7.1 CNY per USD for the fen figure. Re-check both before relying on them.
"""
from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contract_guard.config import get_settings  # noqa: E402
from contract_guard.errors import ContractGuardError  # noqa: E402
from contract_guard.llm.prompt import SYSTEM, estimate_tokens  # noqa: E402
from contract_guard.llm.settings import LLMSettings  # noqa: E402
from contract_guard.pipeline import Screener  # noqa: E402
from common import CUAD_DEV_PDF, contract_files  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

PRICE_IN, PRICE_OUT, CURRENCY, PRICE_DATE = 0.27, 1.10, "USD", "2025-02-09"  # deepseek-chat, per million tokens
CNY_PER_USD = 7.1
OUT_PER_JUDGEMENT = 180
TARGET = 0.15


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=CUAD_DEV_PDF)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--fake-server", action="store_true", help="send through the SDK to a local test server")
    ap.add_argument("--min-chars", type=int, default=LLMSettings().min_chars,
                    help="the floor a short contract may send (0: never more than 15%% of any contract)")
    args = ap.parse_args()
    files = contract_files(args.folder, args.limit)
    if not files:
        return 1
    screener = Screener(dataclasses.replace(get_settings(), vector_evidence=False))
    llm = LLMSettings(model="deepseek-chat", base_url="http://127.0.0.1:9/v1", prices={"deepseek-chat": (PRICE_IN, PRICE_OUT)},
                      currency=CURRENCY, use_cache=False, min_chars=args.min_chars)
    server = None
    if args.fake_server:
        sys.path.insert(0, str(ROOT / "tests"))
        from llm_server import start

        server = start()
        llm = dataclasses.replace(llm, base_url=server.url, api_key="bench", token_budget=10**9)
    rows = []
    for f in files:
        try:
            doc = screener.read(f)
            plan = screener.review_plan(f, llm=llm)
        except ContractGuardError as exc:
            print(f"failed: {f.name}: {exc.message('en')}", file=sys.stderr)
            continue
        chars = len(doc.text)
        sent_text = plan.characters
        msg_chars = sum(len(SYSTEM) + len(m) for m in plan.messages)
        tok_in = sum(estimate_tokens(SYSTEM + m) for m in plan.messages)
        tok_out = sum(min(llm.max_output_tokens, OUT_PER_JUDGEMENT * len(it.asks)) for it in plan.items)
        whole_in = estimate_tokens(SYSTEM + doc.text)
        received = None
        if server is not None:
            before = len(server.bodies)
            report = screener.screen(f, llm=llm)
            got = server.user_messages()[before:]
            received = sum(len(m["clause"]) + len(m["next_clause"]) for m in got)
            assert report.tool.llm is not None and report.tool.llm.requests == len(got)
        rows.append(dict(name=f.name, chars=chars, sent=sent_text, msg=msg_chars, requests=len(plan.messages),
                         tok_in=tok_in, tok_out=tok_out, whole_in=whole_in, received=received,
                         over_budget=tok_in + tok_out > LLMSettings().token_budget))
    if server is not None:
        server.shutdown()
    if not rows:
        return 1

    def cost(tin: float, tout: float) -> float:
        return (tin * PRICE_IN + tout * PRICE_OUT) / 1e6

    share = [r["sent"] / r["chars"] for r in rows if r["chars"]]
    msg_share = [r["msg"] / r["chars"] for r in rows if r["chars"]]
    costs = [cost(r["tok_in"], r["tok_out"]) for r in rows]
    whole = [cost(r["whole_in"], 1500) for r in rows]  # the whole contract in one request, ~1,500 tokens of answer
    n = len(rows)
    print(f"contracts planned        {n} from {args.folder}{' (sent to a local fake server)' if server else ' (dry run: nothing sent)'}")
    print(f"contract characters      mean {statistics.mean(r['chars'] for r in rows):,.0f}  median {statistics.median(r['chars'] for r in rows):,.0f}")
    print(f"requests per contract    mean {statistics.mean(r['requests'] for r in rows):.1f}  max {max(r['requests'] for r in rows)}")
    print(f"contract text sent       mean {statistics.mean(r['sent'] for r in rows):,.0f} chars = "
          f"{100 * statistics.mean(share):.1f}% of the contract (median {100 * statistics.median(share):.1f}%, "
          f"max {100 * max(share):.1f}%); {sum(s <= TARGET for s in share)}/{n} at or under {TARGET:.0%}")
    over = [r for r in rows if r["sent"] > TARGET * r["chars"]]
    floor = args.min_chars
    if over:
        print(f"  over {TARGET:.0%}              {len(over)} contracts, the longest {max(r['chars'] for r in over):,} characters: "
              f"short contracts may send up to the {floor:,}-character floor (min_chars)")
    print(f"  all characters sent    (with prompt and pattern descriptions) mean {statistics.mean(r['msg'] for r in rows):,.0f} = "
          f"{100 * statistics.mean(msg_share):.1f}% of the contract (median {100 * statistics.median(msg_share):.1f}%)")
    print(f"tokens in per contract   mean {statistics.mean(r['tok_in'] for r in rows):,.0f} (estimated)  vs whole contract "
          f"{statistics.mean(r['whole_in'] for r in rows):,.0f}")
    print(f"tokens out per contract  mean {statistics.mean(r['tok_out'] for r in rows):,.0f} (assumed {OUT_PER_JUDGEMENT} per candidate)")
    print(f"over the default budget  {sum(r['over_budget'] for r in rows)}/{n} contracts ({LLMSettings().token_budget:,} tokens)")
    print(f"cost per contract        mean {CURRENCY} {statistics.mean(costs):.5f} (~{100 * CNY_PER_USD * statistics.mean(costs):.2f} fen), "
          f"max {CURRENCY} {max(costs):.5f}; whole contract {CURRENCY} {statistics.mean(whole):.5f}")
    print(f"price                    deepseek-chat {CURRENCY} {PRICE_IN}/M in, {PRICE_OUT}/M out (as published {PRICE_DATE}); "
          f"{CNY_PER_USD} CNY/USD")
    if server is not None:
        ok = all(r["received"] == r["sent"] for r in rows)
        print(f"server received          {sum(r['received'] for r in rows):,} contract characters in all "
              f"({'equal to the plan' if ok else 'DIFFERENT from the plan'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
