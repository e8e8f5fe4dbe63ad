"""User-facing strings of the legal service desk pages (merged into `i18n.MESSAGES`)."""
from __future__ import annotations

DESK_MESSAGES: dict[str, dict[str, str]] = {
    "desk.form_name": {"en": "Your name or an alias", "zh": "姓名或称呼"},
    "desk.form_contact": {"en": "How can a lawyer reach you (phone, e-mail, WeChat)", "zh": "联系方式（电话、邮箱或微信）"},
    "desk.form_questions": {"en": "What do you want to know", "zh": "你想咨询的问题"},
    "desk.form_deadline": {"en": "Signing deadline (if any)", "zh": "签约截止日期（如有）"},
    "desk.advice": {"en": "Lawyer's advice", "zh": "律师意见"},
    "desk.note": {"en": "note", "zh": "备注"},
    "desk.decision_confirmed": {"en": "confirmed", "zh": "确认"},
    "desk.decision_dismissed": {"en": "dismissed", "zh": "驳回"},
    "desk.decision_edited": {"en": "edited", "zh": "已修改"},
    "desk.case_heading": {"en": "Case {number}", "zh": "案件 {number}"},
    "desk.review_heading": {"en": "The lawyers' review of the findings", "zh": "律师对各项风险的审核"},
}
