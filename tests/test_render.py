"""Report renderers (Markdown, HTML, JSON) in Chinese and English, on hand-built realistic reports."""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from contract_guard.models import (
    ClauseRef,
    DocumentInfo,
    Evidence,
    Finding,
    MissingProtection,
    Report,
    Summary,
    ToolInfo,
)
from contract_guard.report.i18n import MESSAGES, t
from contract_guard.report.render import EXTENSIONS, render
from contract_guard.report.render_html import render_html
from contract_guard.report.render_markdown import escape_md, md_blockquote, render_markdown

SCRIPT = '<script>alert("pwned")</script>'


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def zh_report() -> Report:
    findings = [
        Finding(
            pattern_id="ip-assignment-outright-zh",
            category="ip-assignment",
            title="著作权永久转让",
            severity="critical",
            confidence=0.94,
            clause=ClauseRef(
                text="乙方在本合同期内及期满后创作的全部作品的著作权（包括但不限于复制权、改编权、信息网络传播权）均永久归甲方所有。",
                page=3, start=1820, end=1880, heading="第五条 知识产权",
            ),
            why="你将永久失去自己作品的所有权，包括合同结束后创作的作品，且无法再授权他人使用。",
            suggestion="改为非独占授权，限定期限、地域和用途；合同结束后创作的作品不受本合同约束。",
            counter_clause="乙方授予甲方在合同期内、中国大陆范围内、为本项目目的使用作品的非独占许可，著作权仍归乙方所有。",
            references=["《中华人民共和国著作权法》第十条、第二十七条"],
            cuad=["IP Ownership Assignment"],
            method=["rule", "vector"],
            evidence=[
                Evidence(matcher="rule", score=1.0, detail="转让 + 著作权 + 永久；无回转条款"),
                Evidence(matcher="vector", score=0.83, detail="与范例句相似", exemplar="乙方作品著作权永久归甲方所有"),
            ],
        ),
        Finding(
            pattern_id="persona-rights-zh",
            category="persona-rights",
            title="肖像权和声音的无限期授权",
            severity="high",
            confidence=0.81,
            clause=ClauseRef(
                text="甲方有权无偿、无限期使用乙方的姓名、肖像、声音及个人形象用于任何商业用途。",
                page=4, start=2300, end=2345, heading="第六条 形象使用",
            ),
            why="对方可以永远免费用你的脸和声音做任何商业推广，甚至制作AI数字分身。",
            suggestion="限定使用范围为本项目宣传，期限与合同期一致，并约定报酬；禁止用于AI训练或数字分身。",
            method=["lexical"],
            evidence=[Evidence(matcher="lexical", score=0.72, detail="肖像 声音 无限期 任何商业用途")],
            escalated_by=["ip-plus-persona"],
        ),
        Finding(
            pattern_id="payment-conditional-zh",
            category="payment-conditional",
            title="以甲方满意为付款条件",
            severity="medium",
            confidence=0.66,
            clause=ClauseRef(text="作品经甲方验收满意后支付尾款，修改次数不限。", page=5, start=3010, end=3032,
                             heading=None),
            why="“满意”由对方单方决定，可能导致无限修改却拿不到尾款。",
            suggestion="写明客观验收标准、最多两轮修改以及逾期未验收视为通过。",
            method=["rule"],
        ),
        Finding(
            pattern_id="notice-period-short-zh",
            category="notice-period",
            title="通知期过短",
            severity="low",
            confidence=0.55,
            clause=ClauseRef(text="任何一方可提前三日书面通知解除本合同。", page=None, start=4000, end=4019),
            why="三天的通知期让你几乎没有时间安排后续工作。",
            suggestion="将通知期延长至三十日。",
            method=["vector"],
        ),
    ]
    return Report(
        tool=ToolInfo(version="0.1.0", library_version="lib-3f2a"),
        document=DocumentInfo(
            filename="委托创作合同.pdf", sha256=_sha("zh"), pages=8, language="zh", characters=5210,
            deal_type="commission", deal_type_evidence=["委托创作", "稿酬"],
            notices=["仅处理了前 300 页（页数上限）。"],
        ),
        summary=Summary(risk_level="critical", risk_score=88, counts={"critical": 1, "high": 1, "medium": 1, "low": 1},
                        headline="发现 1 项严重风险：著作权永久转让。", combinations=["ip-plus-persona"]),
        findings=findings,
        missing_protections=[
            MissingProtection(check_id="termination-right", title="缺少创作者解约权", severity="high",
                              why="合同只允许甲方解约，你无法在对方违约时退出。",
                              suggestion="增加：甲方逾期付款超过三十日的，乙方有权书面通知解除合同。"),
            MissingProtection(check_id="credit", title="缺少署名条款", severity="medium",
                              why="没有约定署名，你的作品可能不标注你的名字。",
                              suggestion="增加：甲方使用作品时应以合理方式为乙方署名。"),
        ],
    )


def en_report() -> Report:
    findings = [
        Finding(
            pattern_id="ip-future-works-en",
            category="ip-future-works",
            title="Assignment of all future works",
            severity="critical",
            confidence=0.97,
            clause=ClauseRef(
                text="The Creator hereby assigns to the Company all copyright in all works created during the term "
                     "and thereafter.",
                page=2, start=812, end=905, heading="7. Intellectual Property",
            ),
            why="You would give away ownership of everything you make, even after the contract ends.",
            suggestion="Limit the grant to the deliverables named in Schedule A, as a licence, not an assignment.",
            counter_clause="The Creator grants the Company a non-exclusive licence to use the Deliverables listed in "
                           "Schedule A for the Term. The Creator retains all copyright.",
            references=["17 U.S.C. § 203 (termination of transfers)"],
            cuad=["IP Ownership Assignment"],
            method=["rule", "vector", "lexical"],
            evidence=[
                Evidence(matcher="rule", score=1.0, detail="assigns + copyright + thereafter (future works)"),
                Evidence(matcher="vector", score=0.88, detail="close to exemplar", exemplar="assigns all future works"),
                Evidence(matcher="lexical", score=0.61, detail="assign copyright works thereafter"),
            ],
        ),
        Finding(
            pattern_id="malicious-markup",
            category="moral-rights-waiver",
            title="Waiver of moral rights",
            severity="high",
            confidence=0.8,
            clause=ClauseRef(
                text=f"The Artist waives all moral rights {SCRIPT} and [click here](http://evil.example) *now* & "
                     "agrees to 100% of <b>nothing</b>.",
                page=5, start=2000, end=2100, heading="9. Moral Rights <img src=x onerror=alert(1)>",
            ),
            why="You could not insist on being credited or stop distortions of your work.",
            suggestion="Keep the right to be credited; allow only edits you approve.",
            method=["rule"],
        ),
        Finding(
            pattern_id="revenue-share-skew-en",
            category="revenue-share-skew",
            title="Agency takes 60% of all income",
            severity="medium",
            confidence=0.7,
            clause=ClauseRef(text="Agency shall receive sixty percent (60%) of all Gross Revenue.", page=3,
                             start=1500, end=1560),
            why="Sixty percent of everything you earn is well above the usual 10-30%.",
            suggestion="Ask for 20% on deals the agency brings in, none on your own deals.",
            method=["lexical"],
        ),
    ]
    return Report(
        tool=ToolInfo(version="0.1.0", library_version="lib-3f2a"),
        document=DocumentInfo(filename="creator_agreement.docx", sha256=_sha("en"), pages=6, language="en",
                              characters=9034, deal_type="agency", deal_type_evidence=["Agency", "commission"]),
        summary=Summary(risk_level="critical", risk_score=91, counts={"critical": 1, "high": 1, "medium": 1, "low": 0}),
        findings=findings,
        missing_protections=[
            MissingProtection(check_id="payment-deadline", title="No payment deadline", severity="medium",
                              why="Nothing says when you get paid.",
                              suggestion="Add: the Company pays each invoice within 30 days."),
        ],
    )


@pytest.fixture(params=["zh", "en"])
def report(request) -> Report:
    return zh_report() if request.param == "zh" else en_report()


# --------------------------------------------------------------------------- i18n
def test_every_message_has_both_languages():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key


def test_t_formats_and_falls_back_to_english():
    assert t("severity.critical", "zh") == "严重"
    assert t("severity.low", "zh-CN") == "低"
    assert t("severity.high", "fr") == "High"
    assert t("doc.pages", "en", pages=3) == "3 pages"
    assert t("deal.agency", "zh") == "经纪·MCN"
    assert t("deal.ip", "zh") == "知识产权授权或转让"
    assert t("deal.commission", "zh") == "委托创作"
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_disclaimer_says_not_legal_advice():
    assert "not legal advice" in t("disclaimer", "en") and "lawyer" in t("disclaimer", "en")
    assert "不构成法律意见" in t("disclaimer", "zh") and "律师" in t("disclaimer", "zh")


# --------------------------------------------------------------------------- markdown
def test_markdown_chinese_report_is_in_chinese():
    md = render_markdown(zh_report())
    for heading in ("# 合同风险筛查报告", "## 总体结论", "## 文件信息", "## 风险条款", "## 缺少的保护条款"):
        assert heading in md
    for name in ("严重", "高", "中", "低"):
        assert f"### {name}（1 项）" in md
    assert "严重风险" in md and "风险评分 88/100" in md
    assert "请不要按现有文本签署" in md and "“严重”表示" in md  # what the risk level means
    assert "委托创作" in md and "中文" in md and "仅处理了前 300 页" in md
    assert "不构成法律意见" in md
    assert "Critical" not in md and "Why it matters" not in md


def test_markdown_english_report_is_in_english():
    md = render_markdown(en_report())
    for heading in ("# Contract risk screening report", "## Summary", "## Document", "## Risky clauses",
                    "## Missing protections"):
        assert heading in md
    assert "### Critical (1)" in md and "### High (1)" in md and "### Medium (1)" in md
    assert "Critical risk" in md and "Risk score 91/100" in md
    assert "Agency / MCN" in md and "English" in md
    assert "not legal advice" in md
    assert "严重" not in md and "风险条款" not in md


def test_markdown_quotes_each_clause_verbatim_with_its_page(report):
    md = render_markdown(report)
    lang = report.language
    for f in report.findings:
        assert md_blockquote(f.clause.text) in md
        assert escape_md(f.title) in md
        assert escape_md(f.why) in md and escape_md(f.suggestion) in md
        page = t("finding.page", lang, page=f.clause.page) if f.clause.page else t("finding.page_unknown", lang)
        assert f"#### " in md and page in md
        # the title line carries the page
        assert re.search(rf"^#### \d+\. {re.escape(escape_md(f.title))}.*{re.escape(page)}", md, re.M), f.title
        if f.counter_clause:
            assert md_blockquote(f.counter_clause) in md
        for ref in f.references:
            assert escape_md(ref) in md
    for m in report.missing_protections:
        assert escape_md(m.title) in md and escape_md(m.suggestion) in md


def test_markdown_plain_clauses_appear_unchanged():
    zh, en = render_markdown(zh_report()), render_markdown(en_report())
    assert "> " + zh_report().findings[0].clause.text in zh
    assert "> The Creator hereby assigns to the Company all copyright in all works created during the term and " \
           "thereafter." in en
    assert "第五条 知识产权" in zh and "第 3 页" in zh and "页码未知" in zh
    assert "Under: 7. Intellectual Property" in en and "page 2" in en


def test_markdown_how_it_was_found():
    md = render_markdown(en_report())
    assert "*How it was found: rule + semantic similarity + keyword match; confidence 97%" in md
    zh = render_markdown(zh_report())
    assert "识别方式：规则 + 语义相似度；置信度 94%" in zh
    assert "风险等级因以下组合而提高" in zh


def test_markdown_findings_sorted_most_severe_first(report):
    md = render_markdown(report)
    positions = [md.index(md_blockquote(f.clause.text)) for f in report.findings]  # built in severity order
    assert positions == sorted(positions)


def test_markdown_escapes_contract_markup():
    md = render_markdown(en_report())
    assert SCRIPT not in md
    assert "\\<script\\>" in md
    assert "[click here](http" not in md and "\\[click here\\](http://evil.example)" in md
    assert "\\*now\\*" in md
    body = re.sub(r"^>", "", md, flags=re.M)  # blockquote markers aside, no unescaped angle bracket
    assert not re.search(r"(?<!\\)[<>]", body)


@pytest.mark.parametrize(
    "text",
    ["1. The Company", "- item", "# heading", "a|b", "x_y_z", "$5 and $6", "&amp;", "`code`", "![i](u)", "~~s~~", "a\\b"],
)
def test_escape_md_neutralises_markdown(text):
    out = escape_md(text, line_start=True)
    # unescaping the backslash escapes gives back the text
    assert re.sub(r"\\(.)", r"\1", out) == text
    for ch in "#|_$`[]~*<>":
        assert not re.search(rf"(?<!\\){re.escape(ch)}", out), (text, out)


def test_blockquote_keeps_paragraphs_and_quotes_every_line():
    quoted = md_blockquote("First line\n\n\n- second\n   3. third")
    assert quoted == "> First line\n>\n> \\- second\n> 3\\. third"


# --------------------------------------------------------------------------- html
class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    p = _Collector()
    p.feed(html)
    p.close()
    return p


def test_html_lang_and_chinese_text():
    html = render_html(zh_report())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    for s in ("合同风险筛查报告", "总体结论", "风险条款", "缺少的保护条款", "严重风险", "不构成法律意见", "第 3 页"):
        assert s in html
    assert 'class="badge sev-critical">严重</span>' in html
    assert 'class="badge sev-low">低</span>' in html


def test_html_lang_and_english_text():
    html = render_html(en_report())
    assert '<html lang="en">' in html
    for s in ("Contract risk screening report", "Risky clauses", "Missing protections", "Critical risk",
              "not legal advice", "page 2"):
        assert s in html
    assert 'class="badge sev-high">High</span>' in html
    assert "严重" not in html


def test_html_every_finding_and_clause_verbatim(report):
    html = render_html(report)
    text = "".join(_parse(html).text)
    for f in report.findings:
        assert f.clause.text in text  # after unescaping, exactly the contract's words
        assert f.title in text and f.why in text and f.suggestion in text
        if f.counter_clause:
            assert f.counter_clause in text
    for m in report.missing_protections:
        assert m.title in text
    assert html.count('<article class="finding') == len(report.findings)


def test_html_escapes_malicious_clause_text():
    html = render_html(en_report())
    parsed = _parse(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in html
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert SCRIPT in "".join(parsed.text)  # shown to the reader as text


def test_html_is_self_contained_and_printable(report):
    html = render_html(report)
    parsed = _parse(html)
    assert "<style>" in html and "@media print" in html
    assert not {"script", "link", "iframe", "object", "embed"} & set(parsed.tags)
    assert "http://" not in html.replace("http://evil.example", "") and "https://" not in html
    assert not {name for name, _ in parsed.attrs} & {"src", "href", "action", "srcset"}


# --------------------------------------------------------------------------- render()
def test_render_dispatches_every_format(report):
    assert EXTENSIONS == {"json": "json", "md": "md", "html": "html", "docx": "docx"}
    data = json.loads(render(report, "json"))
    assert data == json.loads(report.to_json())
    assert Report.model_validate(data) == report
    assert render(report, "md") == render_markdown(report)
    assert render(report, "html") == render_html(report)
    with pytest.raises(ValueError):
        render(report, "pdf")  # type: ignore[arg-type]


def test_render_empty_report():
    r = en_report().model_copy(update={
        "findings": [], "missing_protections": [],
        "summary": Summary(risk_level="none", risk_score=0, counts={"critical": 0, "high": 0, "medium": 0, "low": 0}),
    })
    md, html = render_markdown(r), render_html(r)
    assert "No risky clauses were found." in md and "No risky clauses were found." in html
    assert "None of the protections checked for is missing." in md
    assert "No risks found" in md and "does not prove the contract is safe" in md


def test_markdown_renders_safely_with_a_commonmark_parser(report):
    """Through a real CommonMark parser (raw HTML allowed), contract text stays text: no links, images, scripts."""
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(
        render_markdown(report))
    parsed = _parse(html)
    assert not {"script", "img", "a", "b", "iframe"} & set(parsed.tags)
    assert parsed.tags.count("blockquote") == len(report.findings) + sum(1 for f in report.findings if f.counter_clause)
    text = "".join(parsed.text)
    for f in report.findings:
        assert " ".join(f.clause.text.split()) in text
        if f.clause.heading:
            assert f.clause.heading in text
    assert report.document.filename in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ocr_pages_and_low_confidence_are_shown_in_every_format(lang):
    from contract_guard.models import OcrPage

    report = zh_report()
    report.document.language = lang
    report.document.ocr = True
    report.document.ocr_pages = [OcrPage(page=1, confidence=0.97, lines=30), OcrPage(page=2, confidence=0.96, lines=28),
                                 OcrPage(page=3, confidence=0.71, lines=25, low_confidence_lines=9)]
    expected = {"en": ("Read by OCR: p. 1–3 (confidence 97%, 96%, 71%)", "Low OCR confidence on p. 3"),
                "zh": ("经 OCR 识别的页：第 1–3 页（置信度 97%、96%、71%）", "第 3 页 OCR 置信度较低")}[lang]
    md, html = render(report, "md"), render(report, "html")
    for text in expected:
        assert text in md and text in html
    data = json.loads(render(report, "json"))
    assert data["document"]["ocr_pages"][2] == {"page": 3, "confidence": 0.71, "lines": 25,
                                                "low_confidence_lines": 9, "rotated": 0.0}
