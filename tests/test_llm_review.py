"""The optional LLM review, end to end through the real openai SDK and langchain-openai, against a
real HTTP server on 127.0.0.1 that speaks the chat-completions protocol (tests/llm_server.py)."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from contract_guard.llm.settings import LLMSettings, llm_settings
from llm_server import start  # tests/ is on sys.path (conftest.py)

PROJECT = Path(__file__).resolve().parents[1]

# the test contracts carry every kind of personal data the review must never send
EN_PARTIES = ["Brightwave Media Capital Ltd.", "Jamie Lin", "Alex Lin"]
EN_PRIVATE = ["jamie.lin@example.com", "+1 415 555 0134", "4532 0151 1283 0366", "1200 Market Street"]
EN_TEXT = """CREATOR INVESTMENT AND COOPERATION AGREEMENT

This Agreement is made on 1 March 2026 between:
(1) Brightwave Media Capital Ltd. (the "Investor"); and
(2) Jamie Lin, an online video creator (the "Creator"), e-mail jamie.lin@example.com, phone +1 415 555 0134; and
(3) Alex Lin, founder of the Creator's studio (the "Founder").
Address: 1200 Market Street, Suite 5, San Francisco, CA 94102

1. Grant of Rights
1.1 The Creator hereby irrevocably assigns to the Investor all right, title and interest, including all copyright, in every work the Creator has created before the date of this Agreement, for no additional consideration.
1.2 All works created by the Creator during the Term and for five (5) years after the Term, including future works, shall vest in and belong to the Investor.
1.3 The Creator grants the Investor the exclusive, perpetual, worldwide right to use the Creator's name, likeness, voice and biography in any media. Jamie Lin may be reached at jamie.lin@example.com for approvals.

2. Investment and Revenue
2.1 The Investor shall pay an investment of USD 200,000 to the Creator's account 4532 0151 1283 0366.
2.2 The Investor shall receive seventy percent (70%) of all revenue from the Creator's channels during the Term.

3. Performance Targets and Buyback
3.1 If the Creator fails to reach 1,000,000 followers within 24 months, the Investor may require the Creator and Alex Lin to repurchase the Investor's interest at the investment amount plus fifteen percent (15%) annual interest.
3.2 The Founder personally guarantees all obligations of the Creator and is jointly and severally liable with the Creator for every payment due.

4. Liquidated Damages
4.1 If the Creator breaches any provision of this Agreement, the Creator shall pay liquidated damages of USD 5,000,000.

5. Termination
5.1 The Investor may terminate this Agreement at any time on seven days' notice. The Creator may not terminate this Agreement for any reason.

Signed by the Investor: ____________    Signed by the Creator: Jamie Lin
"""
ZH_PARTIES = ["星耀文化传媒有限公司", "林小雨", "林大山"]
ZH_PRIVATE = ["110101199003071234", "13812345678", "linxiaoyu@example.com", "6222021234567890123", "世纪大道100号"]
ZH_TEXT = """内容创作者投资合作协议

甲方（投资方）：星耀文化传媒有限公司
地址：上海市浦东新区世纪大道100号8层
乙方（创作者）：林小雨
身份证号码：110101199003071234
手机：13812345678  邮箱：linxiaoyu@example.com
丙方（创始人、担保人）：林大山

第一条 著作权转让
乙方林小雨同意将其在本协议签订前创作的全部作品的著作权（包括但不限于复制权、信息网络传播权、改编权）无偿、永久、不可撤销地转让给甲方。
第二条 未来作品
合作期间及合作期满后三年内乙方创作的全部作品，其著作权自创作完成之日起归甲方所有。
第三条 肖像权与姓名权
乙方授权甲方在全球范围内永久、独家、无偿使用乙方的肖像、姓名、声音及个人形象。
第四条 投资款与收益分配
甲方向乙方账号6222021234567890123支付投资款人民币壹佰万元。合作期间乙方全部收入的百分之七十归甲方所有。
第五条 业绩对赌与回购
如乙方在二十四个月内粉丝数未达到一百万，甲方有权要求乙方及林大山按投资款加年化百分之十五的利息回购甲方的全部权益。
第六条 连带责任
丙方对乙方在本协议项下的全部义务承担连带保证责任。
第七条 违约金
乙方违反本协议任何条款的，应向甲方支付违约金人民币伍佰万元。如有疑问请致电13812345678。

甲方（盖章）：__________  乙方（签字）：林小雨
"""


@pytest.fixture
def llm_server():
    server = start()
    yield server
    server.shutdown()
    server.server_close()


def _llm(server, tmp_path: Path, **kw) -> LLMSettings:
    values = dict(model="test-model", base_url=server.url, api_key="test-key", cache_dir=tmp_path / "llm-cache",
                  backoff=0.01, retries=1, timeout=5.0, prices={"test-model": (0.27, 1.10)})
    values.update(kw)
    return LLMSettings(**values)


def _sev(report) -> list[tuple[int, str, str]]:
    return sorted((f.clause.start, f.category, f.severity) for f in report.findings + report.notes)


def _valid(report, report_validator) -> None:
    assert not list(report_validator.iter_errors(json.loads(report.to_json())))


# --------------------------------------------------------------------------- verdicts
@pytest.mark.parametrize("method", ["function_calling", "json_schema"])
def test_verdicts_are_applied(screener, llm_server, tmp_path, report_validator, method):
    offline = screener.screen(EN_TEXT.encode(), "deal.txt")
    by_concept = {f.category: f for f in offline.findings}
    assert {"excessive-damages", "personal-guarantee", "one-sided-termination"} <= set(by_concept)
    llm_server.verdicts = {"excessive-damages": ("not_risky", "low"),  # rejected
                           "personal-guarantee": ("risky", "medium"),  # downgraded
                           "one-sided-termination": ("unsure", "high"),
                           "buyback-obligation": ("risky", "critical")}  # confirmed
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path, method=method))

    assert llm_server.bodies and all(b["model"] == "test-model" for b in llm_server.bodies)
    assert ("tools" in llm_server.bodies[0]) == (method == "function_calling")
    assert ("response_format" in llm_server.bodies[0]) == (method == "json_schema")
    u = report.tool.llm
    assert report.tool.mode == "llm" and u.status == "complete" and u.reviewed == u.clauses == len(llm_server.bodies)
    assert u.requests == len(llm_server.bodies) and u.tokens_in > 0 and u.tokens_out > 0
    assert u.estimated_cost == pytest.approx(round((u.tokens_in * 0.27 + u.tokens_out * 1.10) / 1e6, 6))
    assert any(s.startswith("llm: http://127.0.0.1") for s in report.tool.remote_services)

    damages = [f for f in report.findings + report.notes if f.category == "excessive-damages"]
    assert damages and all(f.severity in ("low", "medium") for f in damages)  # rejected (a critical stays in view)
    guarantee = [f for f in report.findings if f.category == "personal-guarantee"]
    # downgraded by the LLM; a combination rule (a contract-level trap) may raise it again afterwards
    assert guarantee and all(f.severity == "medium" or f.escalated_by for f in guarantee)
    assert all(any(e.matcher == "llm" and "→ medium" in e.detail for e in f.evidence) for f in guarantee)
    assert all(any(e.matcher == "llm" and "risky" in e.detail for e in f.evidence) and "llm" in f.method
               for f in guarantee)
    term = [f for f in report.findings if f.category == "one-sided-termination"]
    assert [f.severity for f in term] == [f.severity for f in offline.findings if f.category == "one-sided-termination"]
    confirmed = [f for f in report.findings if f.category == "buyback-obligation"]
    assert confirmed and confirmed[0].severity == by_concept["buyback-obligation"].severity
    assert confirmed[0].counter_clause.startswith("Counter-clause for")
    # the explanation came back with a placeholder and reads with the real name again
    assert "Alex Lin keeps the rights" in confirmed[0].why and "[PARTY_" not in confirmed[0].why
    assert u.verdicts.get("rejected") and u.verdicts.get("downgraded") and u.verdicts.get("confirmed")
    for f in report.findings + report.notes:  # every quote in the report is the document's own text
        assert f.clause.text == EN_TEXT[f.clause.start:f.clause.end]
    from contract_guard.report.render import render

    for fmt in ("md", "html"):
        text = render(report, fmt)
        assert "AI review: " in text and "LLM review by test-model" in text
    _valid(report, report_validator)


def test_a_near_miss_or_neighbour_can_be_raised(screener, llm_server, tmp_path):
    offline = screener.screen(EN_TEXT.encode(), "deal.txt")
    llm_server.flag_next = "excessive-term"
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path))
    added = [f for f in report.findings + report.notes if f.method == ["llm"]]
    sent_next = [m["next_clause"] for m in llm_server.user_messages() if m["next_clause"].strip()]
    assert sent_next and added
    assert report.tool.llm.verdicts.get("added") == len(added)
    for f in added:
        assert f.clause.text == EN_TEXT[f.clause.start:f.clause.end]
        assert (f.clause.start, f.category) not in {(g.clause.start, g.category) for g in offline.findings}


def test_a_fabricated_quote_is_dropped_and_logged(screener, llm_server, tmp_path, caplog, report_validator):
    offline = screener.screen(EN_TEXT.encode(), "deal.txt")
    llm_server.mode = "fabricate"
    llm_server.verdicts = {c: ("not_risky", "low") for c in {f.category for f in offline.findings}}
    with caplog.at_level(logging.WARNING, logger="contract_guard.llm"):
        report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path))
    assert _sev(report) == _sev(offline)  # nothing the model said without a true quote changed anything
    u = report.tool.llm
    assert u.dropped_quotes == sum(len(m["candidates"]) for m in llm_server.user_messages()) > 0
    assert not any(e.matcher == "llm" for f in report.findings for e in f.evidence)
    assert sum("quote is not in clause" in r.getMessage() for r in caplog.records) == u.dropped_quotes
    assert not any("9,999,999" in r.getMessage() for r in caplog.records)  # the log names no text
    assert any("dropped" in n for n in report.document.notices)
    _valid(report, report_validator)


# --------------------------------------------------------------------------- privacy
@pytest.mark.parametrize("text,private", [(EN_TEXT, EN_PARTIES + EN_PRIVATE), (ZH_TEXT, ZH_PARTIES + ZH_PRIVATE)],
                         ids=["en", "zh"])
def test_redaction_on_what_the_server_received(screener, llm_server, tmp_path, text, private):
    report = screener.screen(text.encode(), "deal.txt", llm=_llm(llm_server, tmp_path))
    assert report.tool.llm.status == "complete" and llm_server.bodies
    received = llm_server.sent_text()
    for value in private:
        assert value not in received, value
        assert value.replace(" ", "") not in received.replace(" ", ""), value
    assert "[PARTY_" in received
    messages = llm_server.user_messages()
    assert sum(len(m["clause"]) + len(m["next_clause"]) for m in messages) < len(text)  # never the whole contract
    # restored in the report: the model's explanation named [PARTY_n], the report names the party
    whys = " ".join(f.why for f in report.findings + report.notes)
    assert "[PARTY_" not in whys and any(p in whys for p in private[:3])
    assert ("AI 复核：" if text is ZH_TEXT else "AI review: ") in whys  # in the document's language


# --------------------------------------------------------------------------- cost
def test_the_second_run_sends_nothing(screener, llm_server, tmp_path, report_validator):
    llm_server.verdicts = {"personal-guarantee": ("risky", "medium")}
    s = _llm(llm_server, tmp_path)
    first = screener.screen(EN_TEXT.encode(), "deal.txt", llm=s)
    n = len(llm_server.bodies)
    assert n == first.tool.llm.requests > 0
    second = screener.screen(EN_TEXT.encode(), "deal.txt", llm=s)
    assert len(llm_server.bodies) == n  # nothing sent
    u = second.tool.llm
    assert u.requests == 0 and u.from_cache == u.clauses == u.reviewed and u.tokens_in == 0 and u.status == "complete"
    assert second.tool.remote_services == [] and second.tool.mode == "llm"
    assert _sev(second) == _sev(first)
    # the cache holds no contract text
    cached = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "llm-cache").rglob("*.json"))
    assert cached and "irrevocably assigns" not in cached and "Jamie" not in cached
    # a revised contract: only the changed clause is asked again
    revised = EN_TEXT.replace("USD 5,000,000", "USD 6,000,000")
    third = screener.screen(revised.encode(), "deal-v2.txt", llm=s)
    assert len(llm_server.bodies) == n + 1 and third.tool.llm.from_cache == third.tool.llm.clauses - 1
    assert "6,000,000" in llm_server.user_messages()[-1]["clause"]
    _valid(second, report_validator)


def test_the_token_budget_is_kept(screener, llm_server, tmp_path):
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path, token_budget=2500))
    u = report.tool.llm
    assert 0 < u.requests < u.clauses and u.status == "partial"
    assert u.tokens_in + u.tokens_out <= 2500
    assert any("budget" in w for w in u.warnings) and any("incomplete" in n for n in report.document.notices)
    nothing = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path / "b", token_budget=10))
    assert nothing.tool.llm.status == "failed" and nothing.tool.mode == "offline" and nothing.tool.llm.requests == 0
    assert nothing.tool.remote_services == []  # nothing left the machine


def test_a_rate_limit_is_retried(screener, llm_server, tmp_path):
    llm_server.mode = "rate_limit_once"
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=_llm(llm_server, tmp_path, concurrency=1))
    u = report.tool.llm
    assert u.status == "complete" and u.requests == u.clauses + 1


# --------------------------------------------------------------------------- failure is never loss
@pytest.mark.parametrize("mode", ["error500", "slow", "junk", "down"])
def test_failures_fall_back_to_the_offline_report(screener, llm_server, tmp_path, mode, report_validator):
    offline = screener.screen(ZH_TEXT.encode(), "deal.txt")
    llm_server.mode = mode
    llm_server.delay = 3.0
    s = _llm(llm_server, tmp_path, timeout=0.5)
    if mode == "down":
        llm_server.shutdown()
        llm_server.server_close()
    report = screener.screen(ZH_TEXT.encode(), "deal.txt", llm=s)
    assert _sev(report) == _sev(offline)
    assert [f.model_dump() for f in report.findings] == [f.model_dump() for f in offline.findings]
    assert report.summary == offline.summary
    u = report.tool.llm
    assert u.status == "failed" and report.tool.mode == "offline" and u.reviewed == 0
    notice = next(n for n in report.document.notices if n.startswith("LLM 复核失败"))  # in the report's language
    assert {"error500": "HTTP 500", "slow": "超时", "junk": "JSON", "down": "连接失败"}[mode] in notice
    expected = {"error500": "HTTP 500", "slow": "timeout", "junk": "JSON", "down": "connection"}[mode]
    assert any(expected in w for w in u.warnings), u.warnings
    if mode in ("error500", "slow"):
        assert u.requests == 2 * u.clauses  # one retry each
    assert report.tool.remote_services and "failed" in report.tool.remote_services[0]  # text was sent
    _valid(report, report_validator)


# --------------------------------------------------------------------------- settings and the CLI
def test_settings_from_the_environment():
    s = llm_settings({"CONTRACT_GUARD_LLM_MODEL": "deepseek-chat", "OPENAI_BASE_URL": "https://api.deepseek.com",
                      "OPENAI_API_KEY": "sk-x", "CONTRACT_GUARD_LLM_PRICES": '{"qwen-plus": [0.8, 2]}',
                      "CONTRACT_GUARD_LLM_BUDGET": "9000"})
    assert s.check() is s and s.host == "api.deepseek.com" and s.token_budget == 9000
    assert s.price() == (0.27, 1.10) and s.prices["qwen-plus"] == (0.8, 2.0)
    from contract_guard.llm.settings import LLMNotConfigured

    with pytest.raises(LLMNotConfigured) as exc:
        llm_settings({}).check()
    assert "CONTRACT_GUARD_LLM_MODEL" in exc.value.message("en") and "模型" in exc.value.message("zh")


def _cli(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    import os

    full = {k: v for k, v in os.environ.items() if not k.startswith(("CONTRACT_GUARD_LLM", "OPENAI_"))}
    full.update(env, PYTHONPATH=str(PROJECT), CONTRACT_GUARD_DATA=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "contract_guard.cli", *args], capture_output=True, text=True,
                          env=full, timeout=600, cwd=tmp_path)


@pytest.mark.slow
def test_cli_llm_flag(llm_server, tmp_path):
    contract = tmp_path / "deal.txt"
    contract.write_text(EN_TEXT, encoding="utf-8")
    unset = _cli(["scan", "--llm", str(contract)], {}, tmp_path)
    assert unset.returncode == 2 and "CONTRACT_GUARD_LLM_MODEL" in unset.stderr and "Traceback" not in unset.stderr
    env = {"CONTRACT_GUARD_LLM_MODEL": "test-model", "CONTRACT_GUARD_LLM_BASE_URL": llm_server.url,
           "CONTRACT_GUARD_LLM_API_KEY": "test-key", "CONTRACT_GUARD_LLM_CACHE": str(tmp_path / "cache")}
    done = _cli(["scan", "--llm", "--format", "json", "--out", str(tmp_path / "out"), str(contract)], env, tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out" / "deal.json").read_text(encoding="utf-8"))
    assert report["tool"]["mode"] == "llm" and report["tool"]["llm"]["status"] == "complete"
    assert len(llm_server.bodies) == report["tool"]["llm"]["requests"] > 0
    offline = _cli(["scan", "--format", "json", str(contract)], env, tmp_path)  # without --llm: nothing sent
    assert offline.returncode == 0 and json.loads(offline.stdout)["tool"]["mode"] == "offline"
    assert len(llm_server.bodies) == report["tool"]["llm"]["requests"]


def test_the_share_of_the_contract_sent_is_capped(screener, llm_server, tmp_path):
    s = _llm(llm_server, tmp_path, max_share=0.15, min_chars=0)
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=s)
    u = report.tool.llm
    sent = sum(len(m["clause"]) + len(m["next_clause"]) for m in llm_server.user_messages())
    assert 0 < sent <= 0.15 * len(EN_TEXT) and u.characters_sent == sent and u.left_out > 0
    assert any("0.15" in n or "15%" in n for n in report.document.notices)
    plan = screener.review_plan(EN_TEXT.encode(), "deal.txt", llm=s)  # what the app shows before sending
    assert plan.characters == sent and sorted(t for _, t in plan.clauses) == sorted(m["clause"] for m in llm_server.user_messages())


def test_a_slow_endpoint_is_given_up_at_the_contract_deadline(screener, llm_server, tmp_path):
    llm_server.mode, llm_server.delay = "slow", 3.0
    s = _llm(llm_server, tmp_path, timeout=0.4, retries=5, backoff=0.01, concurrency=1, deadline=1.0)
    report = screener.screen(EN_TEXT.encode(), "deal.txt", llm=s)
    u = report.tool.llm
    assert u.status == "failed" and report.tool.mode == "offline"
    assert 1 <= u.requests <= 4 < u.clauses * 6  # no request started after the deadline
    assert any("time limit" in w for w in u.warnings)


def test_redaction_finds_parties_without_swallowing_words():
    from contract_guard.llm.redact import Redactor

    text = ("LICENSE AGREEMENT\n\nThis License Agreement (this \"Agreement\") is made in May 2026 between Orbit Pictures "
            "Inc. (\"Orbit\"), 20 King Street, Toronto, and Mia Chen (the \"Licensor\").\n"
            "1. Orbit may use the Work. The Corporation shall pay the Licensor. Notice Address: TBD\n\n"
            "IN WITNESS WHEREOF\nORBIT PICTURES INC.\nBy: /s/ Paul Novak\nName: Paul Novak\nTitle: CEO\n")
    r = Redactor.for_document(text)
    assert set(r.values.values()) >= {"Orbit Pictures Inc.", "Orbit", "Mia Chen", "Paul Novak"}
    red = r.redact(text)
    for kept in ("May 2026", "The Corporation shall pay", "License Agreement", "Notice Address: TBD", "Title: CEO"):
        assert kept in red, kept
    assert "Orbit" not in red and "Mia Chen" not in red and "King Street" not in red
    assert r.restore(red) == text
