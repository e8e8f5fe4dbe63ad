"""Clause segmentation for English and Chinese numbering styles."""
from __future__ import annotations

import pytest

from contract_guard.clauses import segment, sentence_spans
from contract_guard.pipeline import text_document


def numbers(text: str) -> list[str | None]:
    return [c.number for c in segment(text_document(text))]


@pytest.mark.parametrize("text, expected", [
    ("Section 5. Fees are due monthly.\nSection 6. Either party may end this.\n", ["Section 5.", "Section 6."]),
    ("5.1 The fee is due.\n5.2 The fee is not refundable.\n", ["5.1", "5.2"]),
    ("(a) first duty;\n(b) second duty.\n", ["(a)", "(b)"]),
    ("ARTICLE IV\nThe Artist shall deliver the work.\nARTICLE V\nThe Company shall pay.\n", ["ARTICLE IV", "ARTICLE V"]),
    ("第五条 乙方应按时交付作品。\n第六条 甲方应支付报酬。\n", ["第五条", "第六条"]),
    ("第5条 乙方应按时交付作品。\n第6条 甲方应支付报酬。\n", ["第5条", "第6条"]),
    ("一、合作内容为短视频制作。\n二、合作期限为一年。\n", ["一、", "二、"]),
    ("（一）乙方负责拍摄。\n（二）甲方负责推广。\n", ["（一）", "（二）"]),
    ("1.1 The Licensee shall pay.\n1.2 The Licensor shall deliver.\n", ["1.1", "1.2"]),
])
def test_numbering_styles(text, expected):
    assert numbers(text) == expected


def test_heading_is_kept_with_its_clause():
    text = "TERMINATION\n\n7.1 The Company may terminate at any time.\n\n第八条 违约责任\n乙方违约的，应支付违约金。\n"
    clauses = segment(text_document(text))
    assert clauses[0].heading == "TERMINATION" and clauses[0].text.startswith("7.1")
    assert clauses[1].heading == "第八条 违约责任"


def test_long_unnumbered_text_is_split_into_sentences():
    zh = "乙方应当按时交付作品。" * 150  # 1,650 characters, no numbering
    clauses = segment(text_document(zh), max_chars=300)
    assert len(clauses) > 5
    assert all(len(c.text) <= 300 for c in clauses)
    assert all(c.text.endswith("。") for c in clauses)
    en = "The Creator shall deliver the video on time. " * 60
    assert len(segment(text_document(en), max_chars=300)) > 5


def test_offsets_point_into_the_text():
    text = "PREAMBLE\n\n1. Grant. The Creator grants rights.\n2. Fee. The Company pays Inc. fees; late fees apply.\n"
    doc = text_document(text)
    for c in segment(doc):
        assert doc.text[c.start:c.end] == c.text


def test_sentence_spans_keep_abbreviations_and_split_chinese():
    text = "Payment is due to Acme Inc. on signing. The fee is USD 5.5 million. 乙方应交付。甲方应付款！"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["Payment is due to Acme Inc. on signing.", "The fee is USD 5.5 million.", "乙方应交付。", "甲方应付款！"]


def test_a_sentence_running_over_a_page_break_stays_one_clause():
    text = ("7.2 Reseller shall not import, promote or sell the Products\n\n6\n\n"
            "outside the Territory without consent.\n\n7.3 Reseller shall keep records.\n")
    clauses = segment(text_document(text))
    assert [c.number for c in clauses] == ["7.2", "7.3"]
    assert "outside the Territory" in clauses[0].text
    from contract_guard.matching.decide import decision_units
    assert decision_units(clauses[0].text) == [
        "7.2 Reseller shall not import, promote or sell the Products outside the Territory without consent."]


def test_abbreviations_do_not_end_a_decision_unit():
    from contract_guard.matching.decide import decision_units

    assert decision_units("Payment in U.S. Dollars shall be made. The Company shall pay.") == [
        "Payment in U.S. Dollars shall be made.", "The Company shall pay."]
