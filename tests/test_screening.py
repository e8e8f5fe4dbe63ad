"""The screening pipeline end to end through real parts: real files, real Chroma on disk,
the real embedding model, the real rules — and no network at all."""
from __future__ import annotations

import dataclasses
import json
import socket

import pytest

from contract_guard.pipeline import Screener


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test (loopback included)."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert not attempts


def test_default_scan_makes_no_network_connection(no_network, settings, tmp_path, en_pdf, zh_pdf):
    # a brand-new data directory: model load, index build and both scans happen with sockets blocked
    fresh = dataclasses.replace(settings, data_dir=tmp_path / "data")
    screener = Screener(fresh)
    assert screener.engine.vector.rebuilt
    en = screener.screen(en_pdf)
    zh = screener.screen(zh_pdf)
    assert en.tool.mode == "offline" and zh.tool.mode == "offline"
    assert en.findings and zh.findings


@pytest.mark.parametrize("fixture_name", ["en_pdf", "zh_pdf"])
def test_motivating_case_is_critical(request, screener, fixture_name):
    report = screener.screen(request.getfixturevalue(fixture_name))
    found = {f.category for f in report.findings}
    for concept in ("ip-assignment", "ip-future-works", "persona-rights", "excessive-damages",
                    "buyback-obligation", "personal-guarantee"):
        assert concept in found, f"{concept} not found in {fixture_name}: {sorted(found)}"
    assert report.summary.risk_level == "critical"
    assert report.summary.risk_score >= 70
    assert report.document.deal_type == "investment"


@pytest.mark.parametrize("fixture_name", ["en_pdf", "zh_pdf", "docx_file"])
def test_every_finding_quotes_the_document_with_its_page(request, screener, fixture_name):
    from contract_guard.readers import read_document

    path = request.getfixturevalue(fixture_name)
    doc = read_document(path.read_bytes(), path.name)
    report = screener.screen_document(doc)
    assert report.findings
    for f in report.findings:
        assert doc.text[f.clause.start:f.clause.end] == f.clause.text
        assert f.clause.page == doc.page_of(f.clause.start)
        assert f.method and f.evidence and f.evidence[0].matcher in ("rule", "model")  # it explains itself


def test_chinese_report_is_written_in_chinese(screener, zh_pdf, en_pdf):
    zh = screener.screen(zh_pdf)
    assert zh.document.language == "zh"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.why) for f in zh.findings)
    en = screener.screen(en_pdf)
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in f.why) for f in en.findings)


def test_pages_are_right_in_a_two_page_pdf(screener, en_pdf):
    report = screener.screen(en_pdf)
    pages = {f.category: f.clause.page for f in report.findings}
    assert pages["ip-assignment"] == 1
    assert pages["excessive-damages"] == 2


def test_one_clause_is_not_reported_twice_for_one_concept(screener, en_pdf, zh_pdf):
    for path in (en_pdf, zh_pdf):
        report = screener.screen(path)
        keys = [(f.clause.start, f.category) for f in report.findings]
        assert len(keys) == len(set(keys))


def test_negated_and_mutual_clauses(screener):
    from contract_guard.pipeline import text_document

    benign = ("1. The Company may not assign, transfer or license any copyright of the Creator without the "
              "Creator's prior written consent.\n2. 未经乙方书面同意，甲方不得将乙方作品的著作权转让给任何第三方。\n")
    report = screener.screen_document(text_document(benign))
    assert "ip-assignment" not in {f.category for f in report.findings}


@pytest.mark.parametrize("fixture_name", ["en_pdf", "zh_pdf", "docx_file", "paged_txt", "gb18030_txt"])
def test_reports_of_every_input_type_validate_against_the_schema(request, screener, report_validator, fixture_name):
    report = screener.screen(request.getfixturevalue(fixture_name))
    data = json.loads(report.to_json())
    errors = sorted(report_validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, errors[0].message
    taxonomy = screener.library.taxonomy.concepts
    assert all(f["category"] in taxonomy for f in data["findings"])


def test_markdown_input_validates(screener, report_validator, tmp_path):
    md = tmp_path / "deal.md"
    md.write_text("# Licence\n\n1. The Artist grants the Studio a perpetual, irrevocable, exclusive worldwide licence "
                  "to all the Artist's illustrations.\n", encoding="utf-8")
    data = json.loads(screener.screen(md).to_json())
    assert not list(report_validator.iter_errors(data))
    assert data["findings"]


def test_missing_protections_depend_on_deal_type(screener):
    from contract_guard.pipeline import text_document

    commission = text_document(
        "DESIGN COMMISSION AGREEMENT\n1. The Designer shall deliver a logo (the Deliverables) to the Client.\n"
        "2. The Client may use the Deliverables for its business.\n")
    report = screener.screen_document(commission)
    assert report.document.deal_type == "commission"
    ids = {m.check_id for m in report.missing_protections}
    assert {"no-payment-schedule", "no-term-limit"} <= ids
    paid = text_document(
        "DESIGN COMMISSION AGREEMENT\n1. The Designer shall deliver a logo (the Deliverables) to the Client.\n"
        "2. The Client shall pay the Designer a fee of USD 3,000, 50% on signing and 50% within 15 days of delivery.\n"
        "3. This Agreement ends on 31 December 2026.\n")
    ids_paid = {m.check_id for m in screener.screen_document(paid).missing_protections}
    assert "no-payment-schedule" not in ids_paid and "no-term-limit" not in ids_paid


def test_creator_as_party_a_is_read_the_right_way_round(screener):
    from contract_guard.pipeline import text_document

    head = ("作品授权许可协议\n\n许可方（甲方）：王小明\n身份证号码：1101011990××××××××\n\n"
            "被许可方（乙方）：北京某某文化传媒有限公司\n统一社会信用代码：91110000××××\n\n")
    fair = head + "第一条 许可作品的著作权归甲方所有，本协议仅为非独家使用许可。\n"
    report = screener.screen_document(text_document(fair))
    assert report.document.creator_party == "party_a"
    assert "ip-assignment" not in {f.category for f in report.findings}
    unfair = head + "第一条 甲方同意将许可作品的全部著作权永久转让给乙方。\n"
    assert "ip-assignment" in {f.category for f in screener.screen_document(text_document(unfair)).findings}


def test_combinations_raise_severity_and_explain_why(screener):
    from contract_guard.pipeline import text_document

    text = ("MCN 经纪合作协议\n\n第一条 乙方授权甲方在全球范围内永久使用乙方的姓名、肖像、声音及形象用于任何商业用途。\n"
            "第二条 乙方在合作期间注册及运营的全部平台账号及其粉丝、数据均归甲方所有。\n")
    report = screener.screen_document(text_document(text))
    by_concept = {f.category: f for f in report.findings}
    assert {"persona-rights", "account-ownership"} <= set(by_concept)
    account = by_concept["account-ownership"]
    assert account.severity == "critical" and "identity-capture" in account.escalated_by
    assert any("粉丝" in note or "账号" in note for note in report.summary.combinations)
    assert report.summary.risk_level == "critical"


def test_mutual_termination_is_a_note_and_one_sided_is_not(screener):
    from contract_guard.pipeline import text_document

    mutual = screener.screen_document(text_document(
        "1. Either party may terminate this Agreement for convenience on thirty (30) days' written notice.\n"))
    one_sided = screener.screen_document(text_document(
        "1. The Company may terminate this Agreement at any time for any reason on seven days' notice.\n"))
    # a mutual right is a note (low); in a creator's contract it is listed apart from the risks
    assert {f.category: f.severity for f in mutual.findings + mutual.notes}.get("one-sided-termination") == "low"
    if mutual.document.creator_side is None or mutual.document.creator_side >= 0.5:
        assert "one-sided-termination" not in {f.category for f in mutual.findings}
    assert {f.category: f.severity for f in one_sided.findings}.get("one-sided-termination") in ("high", "critical")


def test_three_party_deal_with_the_founder_as_party_c(screener):
    from contract_guard.pipeline import text_document

    head = ("增资协议\n\n甲方（投资方）：某某创业投资有限公司\n\n乙方（目标公司）：某某影视文化有限公司\n\n"
            "丙方（创始人）：张三\n身份证号码：1101011990××××××××\n\n")
    text = head + "第一条 丙方在本协议签署后创作的全部短剧作品，著作权自创作完成之时起归乙方所有。\n"
    report = screener.screen_document(text_document(text))
    assert report.document.creator_party == "party_c"
    assert "ip-future-works" in {f.category for f in report.findings}


def test_full_retrieval_proposes_candidates_for_every_clause(screener):
    """Offline, only rule-decided clauses are embedded; a reviewer needs candidates for all of them."""
    from contract_guard.clauses import segment
    from contract_guard.pipeline import text_document

    doc = text_document("1. The Creator hereby assigns all copyright in the Videos to the Company.\n"
                        "2. The parties will meet once a quarter to discuss the channel's plans.\n")
    clauses = segment(doc)
    offline = screener.engine.analyse(clauses, deal_type=None, lang="en")
    full = screener.engine.analyse(clauses, deal_type=None, lang="en", full_retrieval=True)
    has_vector = lambda a, i: any("vector" in c.scores for c in a.candidates[i])  # noqa: E731
    assert has_vector(offline, 0) and not has_vector(offline, 1)
    assert has_vector(full, 0) and has_vector(full, 1)
