"""Money exposure end to end: real contracts of the project's creator set (PDF) and short contracts written
here, screened by the real pipeline; the exposure in JSON (schema-valid), Markdown, HTML; blanks and unknown
bases say "check", never a number; the severity rule uses the money and says so."""
from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import jsonschema
import pytest

from contract_guard.config import MoneyRules
from contract_guard.judge.money_rule import apply_money_rules
from contract_guard.readers import text_document
from contract_guard.report.render_html import render_html
from contract_guard.report.render_markdown import render_markdown

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "eval" / "creator-fresh"
SHARED_SCHEMA = ROOT.parent / "shared" / "report.schema.json"


def _everything(report):
    return report.findings + report.notes


def _exposures(report):
    return [f.exposure for f in _everything(report) if f.exposure is not None]


@pytest.fixture(scope="module")
def fz05(screener):
    return screener.screen(FRESH / "FZ-05.pdf")


def test_investment_pdf_leads_with_headline_against_certain_pay(fz05, report_validator):
    payload = json.loads(fz05.to_json())
    report_validator.validate(payload)
    if SHARED_SCHEMA.is_file():
        jsonschema.Draft202012Validator(json.loads(SHARED_SCHEMA.read_text(encoding="utf-8"))).validate(payload)
    money = fz05.summary.money
    assert money is not None and money.currency == "CNY"
    assert money.headline.amount == 10_000_000 and money.headline.what == "investment"
    assert money.certain.amount == 1_000_000  # the second tranche is at the investor's discretion
    assert "¥10,000,000" in money.sentence and "¥1,000,000" in money.sentence
    assert money.headline.page == 1


def test_exposures_quote_the_document(fz05, screener):
    doc_text = screener.screen(FRESH / "FZ-05.txt").document  # same contract as text: the quotes are its words
    text = (FRESH / "FZ-05.txt").read_text(encoding="utf-8")
    assert doc_text.characters > 0
    exposures = _exposures(fz05)
    assert exposures, "the 对赌 contract states money in its risky clauses"
    for e in exposures:
        assert re.sub(r"\s", "", e.quote) in re.sub(r"\s", "", text)
        assert e.sentence


def test_markdown_and_html_show_the_money(fz05):
    md, page = render_markdown(fz05), render_html(fz05)
    assert fz05.summary.money.sentence in md
    assert html.escape(fz05.summary.money.sentence, quote=False) in page or fz05.summary.money.sentence in html.unescape(page)
    first = _exposures(fz05)[0]
    assert first.sentence in md or first.sentence.replace("*", "\\*") in md
    assert html.escape(first.sentence) in page or first.sentence in html.unescape(page)
    assert md.index(fz05.summary.money.sentence) < md.index("##", md.index("## ") + 3)  # in the summary, first


def test_penalty_against_pay_in_a_chinese_mcn_contract(screener):
    report = screener.screen(FRESH / "FZ-01.pdf")
    money = report.summary.money
    assert money.largest_exposure.amount == 5_000_000 and money.largest_exposure.what == "penalty"
    assert "¥5,000,000" in money.sentence


ZH_BLANK = """经纪合同

甲方：某某文化传媒有限公司
乙方：林小雨

第一条 报酬
甲方每月向乙方支付基本报酬人民币伍仟元。

第二条 违约责任
乙方违反本合同约定擅自解约的，应向甲方支付违约金人民币＿＿＿＿元。
"""

ZH_UNKNOWN_BASE = """经纪合同

甲方：某某文化传媒有限公司
乙方：林小雨

第一条 违约责任
乙方违反本合同任何约定的，应向甲方支付违约金，违约金为乙方签约以来全部收入的五倍。
"""

EN_BUYBACK = """SHARE SUBSCRIPTION AGREEMENT

This Agreement is made between Northstar Capital LP (the "Investor"), Lantern Studio Ltd (the "Company") and Mia Chen (the "Founder").

1. Investment. The Investor shall invest US$10,000,000 (the "Investment Amount") in the Company at closing.

2. Repurchase. If the Company fails to complete a qualified IPO within three (3) years after closing, the Investor may require the Company and the Founder to repurchase all of its shares at the Investment Amount plus 8% simple interest per annum, and the Founder shall be jointly and severally liable for the repurchase price.
"""


def _screen_text(screener, text: str, name: str):
    return screener.screen_document(text_document(text, name))


def test_blank_penalty_says_fill_in_not_a_number(screener):
    report = _screen_text(screener, ZH_BLANK, "blank.txt")
    blanks = [e for e in _exposures(report) if e.status == "blank"]
    assert blanks, [e for e in _exposures(report)]
    e = blanks[0]
    assert e.amount is None and "留空" in e.sentence and not re.search(r"\d", e.sentence.replace("＿", ""))


def test_unknown_base_says_check(screener):
    report = _screen_text(screener, ZH_UNKNOWN_BASE, "unknown.txt")
    checks = [e for e in _exposures(report) if e.status == "check"]
    assert checks, _exposures(report)
    assert checks[0].base == "revenue" and checks[0].amount is None
    assert "核实" in checks[0].sentence and "¥" not in checks[0].sentence
    assert report.summary.money.exposure_to_check and report.summary.money.largest_exposure is None


def test_buyback_with_interest_and_personal_guarantee_in_english(screener):
    report = _screen_text(screener, EN_BUYBACK, "ssa.txt")
    money = report.summary.money
    assert money.headline.amount == 10_000_000 and money.headline.currency == "USD"
    assert money.largest_exposure.amount == pytest.approx(12_400_000)
    buybacks = [e for e in _exposures(report) if e.what == "buyback"]
    assert buybacks, [f.category for f in _everything(report)]
    assert buybacks[0].sentence == "Buy-back: $10,000,000 plus 8% a year; after 3 years $12,400,000, and you guarantee it personally."


def test_money_rules_raise_and_lower_with_the_reason(screener):
    report = _screen_text(screener, ZH_BLANK.replace("＿＿＿＿", "伍拾万"), "penalty.txt")
    penalties = [f for f in _everything(report) if f.exposure and f.exposure.what == "penalty"]
    assert penalties
    f = penalties[0]
    assert f.exposure.amount == 500_000 and f.exposure.times_certain_pay == 100  # ¥500,000 against ¥5,000
    assert "100 倍" in f.exposure.sentence
    medium = f.model_copy(deep=True, update={"severity": "medium", "category": "excessive-damages"})
    medium.exposure.severity_rule = None
    apply_money_rules([medium], MoneyRules(raise_multiple=3.0, lower_ratio=0.3))
    assert medium.severity == "high" and "100× the creator's certain pay" in medium.exposure.severity_rule
    same = f.model_copy(deep=True, update={"severity": "medium", "category": "excessive-damages"})
    same.exposure.severity_rule = None
    apply_money_rules([same], MoneyRules(raise_multiple=1000.0, lower_ratio=0.3))  # thresholds are configurable
    assert same.severity == "medium" and same.exposure.severity_rule is None
    capped = f.model_copy(deep=True, update={"severity": "high", "category": "excessive-damages"})
    capped.exposure = capped.exposure.model_copy(update={"capped": True, "times_certain_pay": 0.2, "severity_rule": None})
    apply_money_rules([capped], MoneyRules())
    assert capped.severity == "medium" and capped.exposure.severity_rule.startswith("lowered to medium")


def test_thresholds_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONTRACT_GUARD_MONEY_RAISE_MULTIPLE", "5")
    monkeypatch.setenv("CONTRACT_GUARD_MONEY_LOWER_RATIO", "0.1")
    assert dataclasses.astuple(MoneyRules()) == (5.0, 0.1)


def test_app_page_shows_the_money_of_a_creator_set_pdf(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CONTRACT_GUARD_DATA", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    at.radio(key="ui_lang").set_value("zh").run()
    at.file_uploader[0].upload("FZ-01.pdf", (FRESH / "FZ-01.pdf").read_bytes(), "application/pdf").run()
    assert not at.exception and not at.error
    assert any("你最多可能要付：¥5,000,000（违约金）" in i.value for i in at.info)
    bodies = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert "涉及金额" in bodies and "¥5,000,000" in bodies


def test_docx_carries_the_money(fz05):
    import io

    from docx import Document as Docx

    from contract_guard.report.render_docx import render_docx

    doc = Docx(io.BytesIO(render_docx(fz05)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert fz05.summary.money.sentence in text
    assert any(e.sentence in cells for e in _exposures(fz05) if e in [f.exposure for f in fz05.findings])
