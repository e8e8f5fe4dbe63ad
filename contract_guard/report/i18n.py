"""Every user-facing string of the reports and the app, in English and Chinese.

    from contract_guard.report.i18n import t
    t("severity.critical", "zh")                 # -> "严重"
    t("doc.pages", "en", pages=3)                # -> "3 pages"

`MESSAGES` maps a message id to {"en": ..., "zh": ...}. `t()` falls back to
English for any language other than "zh" (the report's `language` is "zh" or
"en"; the app's UI language is one of those two as well). A missing id raises
`KeyError` so that typos fail in the tests, not silently in front of a user.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from ..models import Finding

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ severities
    "severity.critical": {"en": "Critical", "zh": "严重"},
    "severity.high": {"en": "High", "zh": "高"},
    "severity.medium": {"en": "Medium", "zh": "中"},
    "severity.low": {"en": "Low", "zh": "低"},
    # ------------------------------------------------------------------ risk levels
    "risk.critical": {"en": "Critical risk", "zh": "严重风险"},
    "risk.high": {"en": "High risk", "zh": "高风险"},
    "risk.medium": {"en": "Medium risk", "zh": "中等风险"},
    "risk.low": {"en": "Low risk", "zh": "低风险"},
    "risk.none": {"en": "No risks found", "zh": "未发现风险"},
    # what each risk level means for a creator, in plain words
    "risk_explain.critical": {
        "en": "“Critical” means at least one term could take something you cannot get back: the ownership of your "
        "work, the use of your name, face or voice, or your personal money, often for good and with no further pay. "
        "Do not sign it as it stands.",
        "zh": "“严重”表示至少有一项条款可能让你失去无法挽回的东西：作品的所有权、姓名/肖像/声音的使用权，"
        "或个人财产，而且往往是永久的、不再另付报酬。请不要按现有文本签署。",
    },
    "risk_explain.high": {
        "en": "“High” means terms that clearly favour the other side and can cost you real money or freedom "
        "(income shares, exclusivity, lock-in, penalties). Renegotiate them before you sign.",
        "zh": "“高”表示条款明显偏向对方，可能让你损失可观的收入或自由（如收益分成、独家、长期绑定、违约金）。"
        "请在签署前重新协商。",
    },
    "risk_explain.medium": {
        "en": "“Medium” means terms that are unfavourable or vague but common. Ask for the changes suggested below "
        "if you can.",
        "zh": "“中”表示条款对你不利或约定不清，但较为常见。如有可能，请按下方建议要求修改。",
    },
    "risk_explain.low": {
        "en": "“Low” means small points to be aware of. On what this tool checks, the contract looks broadly fair.",
        "zh": "“低”表示只有需要留意的小问题。就本工具检查的要点而言，合同总体较为公平。",
    },
    "risk_explain.none": {
        "en": "None of the risky terms this tool looks for was found. That does not prove the contract is safe: "
        "it only screens for known patterns, so still read it carefully.",
        "zh": "未发现本工具所检查的风险条款。但这并不代表合同一定安全：本工具只筛查已知的风险类型，请仍然仔细阅读全文。",
    },
    "risk.score": {"en": "Risk score {score}/100 (higher means riskier)", "zh": "风险评分 {score}/100（分数越高风险越大）"},
    # ------------------------------------------------------------------ deal types
    "deal.investment": {"en": "Investment", "zh": "投资"},
    "deal.ip": {"en": "IP licence or assignment", "zh": "知识产权授权或转让"},
    "deal.agency": {"en": "Agency / MCN", "zh": "经纪·MCN"},
    "deal.commission": {"en": "Commissioned work", "zh": "委托创作"},
    "deal.general": {"en": "General / other", "zh": "其他"},
    # ------------------------------------------------------------------ document languages
    "lang.en": {"en": "English", "zh": "英文"},
    "lang.zh": {"en": "Chinese", "zh": "中文"},
    "lang.mixed": {"en": "Mixed Chinese and English", "zh": "中英混合"},
    "lang.unknown": {"en": "Unknown", "zh": "未知"},
    # ------------------------------------------------------------------ how a finding was found
    "method.rule": {"en": "rule", "zh": "规则"},
    "method.vector": {"en": "semantic similarity", "zh": "语义相似度"},
    "method.lexical": {"en": "keyword match", "zh": "关键词匹配"},
    "method.llm": {"en": "LLM review", "zh": "大模型复核"},
    # ------------------------------------------------------------------ report sections and labels
    "report.title": {"en": "Contract risk screening report", "zh": "合同风险筛查报告"},
    "section.summary": {"en": "Summary", "zh": "总体结论"},
    "section.document": {"en": "Document", "zh": "文件信息"},
    "section.findings": {"en": "Risky clauses", "zh": "风险条款"},
    "section.fix_first": {"en": "Renegotiate these first", "zh": "签字前优先谈判这几条"},
    "section.notes": {"en": "Notes (not risks)", "zh": "提示（非风险）"},
    "section.money": {"en": "The money", "zh": "金额一览"},
    "finding.exposure": {"en": "Money at stake", "zh": "涉及金额"},
    "finding.money_rule": {"en": "Severity set by the money", "zh": "金额对严重程度的影响"},
    "notes.intro": {"en": "Terms worth knowing that do not work against you here: mutual terms, duties on the other side, blanks to fill in.",
                    "zh": "值得了解、但在此并不对你不利的条款：双方对等的约定、对方承担的义务、待填写的空白。"},
    "fix.page": {"en": "page {page}", "zh": "第 {page} 页"},
    "section.missing": {"en": "Missing protections", "zh": "缺少的保护条款"},
    "section.disclaimer": {"en": "Important", "zh": "重要提示"},
    "section.severity_group": {"en": "{severity} ({count})", "zh": "{severity}（{count} 项）"},
    "doc.file": {"en": "File", "zh": "文件"},
    "doc.pages": {"en": "{pages} pages", "zh": "{pages} 页"},
    "doc.pages_label": {"en": "Pages", "zh": "页数"},
    "doc.characters": {"en": "Characters", "zh": "字符数"},
    "doc.language": {"en": "Language", "zh": "语言"},
    "doc.deal_type": {"en": "Deal type", "zh": "合同类型"},
    "doc.deal_type_evidence": {"en": "recognised by", "zh": "判断依据"},
    "doc.ocr": {
        "en": "The text was read by OCR from a scan: check quoted clauses against the original.",
        "zh": "文字由 OCR 从扫描件中识别：请将引用的条款与原件核对。",
    },
    "doc.notices": {"en": "Notices", "zh": "提示"},
    "doc.ocr_pages": {"en": "Read by OCR: {pages} (confidence {confidence}).",
                      "zh": "经 OCR 识别的页：{pages}（置信度 {confidence}）。"},
    "doc.ocr_low": {
        "en": "Low OCR confidence on {pages}: the text there may be misread — check those clauses word by word.",
        "zh": "{pages} OCR 置信度较低，文字可能识别有误：请逐字核对这些条款。",
    },
    "doc.sha256": {"en": "SHA-256", "zh": "SHA-256"},
    "doc.tool": {"en": "Screened by", "zh": "筛查工具"},
    "doc.mode.offline": {"en": "offline, nothing sent over the network", "zh": "离线运行，未通过网络发送任何内容"},
    "doc.mode.llm": {"en": "with review by a language model", "zh": "含大模型复核"},
    "summary.counts": {"en": "Findings by severity", "zh": "各等级风险数量"},
    "summary.combinations": {"en": "Risky combinations", "zh": "风险组合"},
    "summary.total": {"en": "Risky clauses found: {count}. Missing protections: {missing}.",
                      "zh": "发现风险条款 {count} 项，缺少保护条款 {missing} 项。"},
    "finding.title_page": {"en": "{title} ({page})", "zh": "{title}（{page}）"},
    "finding.page": {"en": "page {page}", "zh": "第 {page} 页"},
    "finding.page_unknown": {"en": "page unknown", "zh": "页码未知"},
    "finding.heading": {"en": "Under", "zh": "所在条款"},
    "finding.clause": {"en": "The clause", "zh": "原文"},
    "finding.why": {"en": "Why it matters", "zh": "为什么有风险"},
    "finding.ask": {"en": "What to ask for instead", "zh": "建议如何修改"},
    "finding.counter_clause": {"en": "Suggested wording", "zh": "建议替换条款"},
    "finding.references": {"en": "References", "zh": "参考依据"},
    "finding.escalated": {"en": "Severity raised because of", "zh": "风险等级因以下组合而提高"},
    "finding.how": {"en": "How it was found", "zh": "识别方式"},
    "finding.how_line": {"en": "{methods}; confidence {confidence}", "zh": "{methods}；置信度 {confidence}"},
    "finding.none": {"en": "No risky clauses were found.", "zh": "未发现风险条款。"},
    "missing.none": {"en": "None of the protections checked for is missing.", "zh": "未发现缺少所检查的保护条款。"},
    "missing.intro": {
        "en": "These protections are usually found in a fair contract of this kind but were not found here:",
        "zh": "同类公平合同中通常会有以下保护条款，但本合同中没有找到：",
    },
    "disclaimer": {
        "en": "This report is an automated screening aid, not legal advice. It can miss risks and can flag harmless "
        "wording. Before you sign, a volunteer lawyer should review the contract.",
        "zh": "本报告是自动化的筛查辅助工具，不构成法律意见。它可能遗漏风险，也可能误报无害的条款。"
        "签署前，请由志愿律师审阅合同。",
    },
    "footer.generated": {"en": "Generated by {tool} {version} (clause library {library})",
                         "zh": "由 {tool} {version} 生成（条款库 {library}）"},
    # ------------------------------------------------------------------ punctuation
    "punct.colon": {"en": ": ", "zh": "："},
    "punct.list_sep": {"en": ", ", "zh": "、"},
    "punct.paren": {"en": " ({text})", "zh": "（{text}）"},
    # ------------------------------------------------------------------ the app
    "ui.page_title": {"en": "Contract Guard: contract risk screening", "zh": "合同卫士：合同风险筛查"},
    "ui.title": {"en": "Contract Guard", "zh": "合同卫士"},
    "ui.subtitle": {
        "en": "Check a contract for terms that hurt creators before you sign it.",
        "zh": "签约前，检查合同中对创作者不利的条款。",
    },
    "ui.language": {"en": "语言 / Language", "zh": "语言 / Language"},
    "ui.remote_embeddings": {
        "en": "Contract text leaves this machine: clauses are sent to the embedding service at {url} "
        "(CONTRACT_GUARD_EMBEDDINGS=openai). Unset it to screen fully offline.",
        "zh": "合同文本将离开本机：条款会被发送到嵌入服务 {url}（CONTRACT_GUARD_EMBEDDINGS=openai）。"
        "取消该设置即可完全离线筛查。",
    },
    "ui.privacy": {
        "en": "Screening runs offline on this machine. Your contract is not uploaded anywhere, and nothing is stored: "
        "it is kept in memory only while this page is open.",
        "zh": "筛查在本机离线运行。合同不会上传到任何地方，也不会被保存：仅在本页面打开期间保存在内存中。",
    },
    "ui.upload": {"en": "Upload one contract (PDF, DOCX, TXT, MD, or a scan or photo)", "zh": "上传一份合同（PDF、DOCX、TXT、MD，或扫描件、照片）"},
    "ui.upload_help": {
        "en": "Scans and phone photos (PNG, JPG, HEIC) are read by OCR on this machine; a sharp, "
              "well-lit photo of the whole page reads best.",
        "zh": "扫描件和手机照片（PNG、JPG、HEIC）在本机通过 OCR 识别；清晰、光线充足、拍全整页的照片识别效果最好。",
    },
    "ui.ocr_progress": {"en": "OCR: page {done} of {total}", "zh": "OCR 识别：第 {done} / {total} 页"},
    "ui.password": {"en": "PDF password (only if the file is protected)", "zh": "PDF 密码（仅当文件受密码保护时填写）"},
    "ui.password_help": {
        "en": "Used only to open the file on this machine; it is not saved.",
        "zh": "仅用于在本机打开文件，不会被保存。",
    },
    "ui.spinner": {"en": "Screening {filename} …", "zh": "正在筛查 {filename} …"},
    "ui.error_generic": {
        "en": "Something went wrong while screening this file. Please try again, or try another format "
        "(for example PDF instead of DOCX). If it keeps happening, tell the volunteer team.",
        "zh": "筛查该文件时出现问题。请重试，或换一种格式（例如用 PDF 代替 DOCX）。如果问题持续出现，请告知志愿者团队。",
    },
    "ui.error_unavailable": {
        "en": "The screening engine is not available in this installation yet.",
        "zh": "当前安装中筛查引擎尚不可用。",
    },
    "ui.start_hint": {"en": "Upload a contract to start.", "zh": "请上传合同以开始筛查。"},
    "ui.metric_level": {"en": "Risk level", "zh": "风险等级"},
    "ui.metric_score": {"en": "Risk score", "zh": "风险评分"},
    "ui.metric_deal": {"en": "Deal type", "zh": "合同类型"},
    "ui.download": {"en": "Download the report", "zh": "下载报告"},
    "ui.download_json": {"en": "JSON", "zh": "JSON"},
    "ui.download_md": {"en": "Markdown", "zh": "Markdown"},
    "ui.download_html": {"en": "HTML (printable)", "zh": "HTML（可打印）"},
    "ui.download_docx": {"en": "Word (DOCX)", "zh": "Word（DOCX）"},
    "ui.filter_all": {"en": "All", "zh": "全部"},
    "ui.report_lang": {"en": "Language of the downloaded report (it follows the document unless you pick the other)",
                       "zh": "下载报告的语言（默认与合同语言一致，也可选择另一种）"},
    "ui.filter_severity": {"en": "Show only these severities", "zh": "只看这些风险等级"},
    "ui.filter_concept": {"en": "Show only these kinds of risk", "zh": "只看这些风险类型"},
    "ui.show_contract": {"en": "Show the whole contract with the risky clauses highlighted",
                         "zh": "显示合同全文并标出风险条款"},
    "ui.paste": {"en": "… or paste the contract's text", "zh": "…… 或粘贴合同文本"},
    "ui.pasted_name": {"en": "pasted text.txt", "zh": "粘贴的文本.txt"},
    "docx.severity": {"en": "Severity", "zh": "风险等级"},
    "docx.issue": {"en": "Issue", "zh": "问题"},
    "docx.counter_clauses": {"en": "Counter-clauses to propose", "zh": "可提出的替换条款"},
    "ui.report_language": {
        "en": "The findings below are written in the contract's language ({language}).",
        "zh": "以下风险说明使用合同的语言（{language}）。",
    },
}

SEVERITIES = ("critical", "high", "medium", "low")


def lang_of(lang: str | None) -> str:
    """Normalise any language code to "zh" or "en" ("zh-CN", "zh_TW" -> "zh"; anything else -> "en")."""
    return "zh" if lang and lang.lower().replace("_", "-").split("-")[0] == "zh" else "en"


def t(key: str, lang: str | None = "en", /, **fmt: object) -> str:
    """The message `key` in `lang` ("zh" or "en"), formatted with `fmt`."""
    entry: Mapping[str, str] = MESSAGES[key]
    text = entry[lang_of(lang)]
    return text.format(**fmt) if fmt else text


def severity_name(severity: str, lang: str | None) -> str:
    return t(f"severity.{severity}", lang)


def risk_name(level: str, lang: str | None) -> str:
    return t(f"risk.{level}", lang)


def risk_explanation(level: str, lang: str | None) -> str:
    return t(f"risk_explain.{level}", lang)


def deal_type_name(deal_type: str, lang: str | None) -> str:
    key = f"deal.{deal_type}"
    return t(key, lang) if key in MESSAGES else deal_type


def language_name(code: str, lang: str | None) -> str:
    key = f"lang.{code}"
    return t(key, lang) if key in MESSAGES else code


def method_name(method: str, lang: str | None) -> str:
    key = f"method.{method}"
    return t(key, lang) if key in MESSAGES else method


def page_label(page: int | None, lang: str | None) -> str:
    return t("finding.page", lang, page=page) if page is not None else t("finding.page_unknown", lang)


def _page_ranges(pages: list[int]) -> str:
    parts, start = [], None
    for i, page in enumerate(pages):
        if start is None:
            start = page
        if i + 1 == len(pages) or pages[i + 1] != page + 1:
            parts.append(str(start) if start == page else f"{start}–{page}")
            start = None
    return ", ".join(parts)


def ocr_pages_line(doc, lang: str | None) -> str:
    """Which pages OCR read, how confidently, and which pages to check word by word ("" if none)."""
    pages = getattr(doc, "ocr_pages", None) or []
    if not pages:
        return ""
    numbers = ("p. " if lang_of(lang) == "en" else "第 ") + _page_ranges([p.page for p in pages]) + (
        "" if lang_of(lang) == "en" else " 页")
    confidence = t("punct.list_sep", lang).join(f"{p.confidence:.0%}" for p in pages[:10]) + (
        "…" if len(pages) > 10 else "")
    line = t("doc.ocr_pages", lang, pages=numbers, confidence=confidence)
    low = [p.page for p in pages if p.low_confidence]
    if low:
        low_pages = ("p. " + _page_ranges(low)) if lang_of(lang) == "en" else f"第 {_page_ranges(low)} 页"
        line += " " + t("doc.ocr_low", lang, pages=low_pages)
    return line


def label(key: str, lang: str | None) -> str:
    """A label followed by the language's colon: "Why it matters: " / "为什么有风险："."""
    return t(key, lang) + t("punct.colon", lang)


def how_found(finding: "Finding", lang: str | None, *, max_evidence: int = 2, max_detail: int = 160) -> str:
    """One short line on how a finding was found: methods, confidence and the strongest evidence."""
    methods = " + ".join(method_name(m, lang) for m in finding.method)
    line = t("finding.how_line", lang, methods=methods, confidence=f"{finding.confidence:.0%}")
    parts = []
    # the deciding evidence first (a rule or an LLM decides; retrievers only propose), then by score
    rank = {"rule": 0, "llm": 1, "vector": 2, "lexical": 3}
    for ev in sorted(finding.evidence, key=lambda e: (rank.get(e.matcher, 9), -e.score))[:max_evidence]:
        detail = " ".join(ev.detail.split())
        if len(detail) > max_detail:
            detail = detail[: max_detail - 1] + "…"
        score = f"{ev.score:.2f}" if ev.score <= 1 else f"{ev.score:.1f}"  # BM25 scores are not bounded by 1
        parts.append(f"{method_name(ev.matcher, lang)} {score}" + (f" – {detail}" if detail else ""))
    if parts:
        line += ("；" if lang_of(lang) == "zh" else "; ") + ("；" if lang_of(lang) == "zh" else "; ").join(parts)
    return line


# the legal service desk's pages keep their strings in their own table, merged here
from .messages_desk import DESK_MESSAGES  # noqa: E402

MESSAGES.update(DESK_MESSAGES)
