"""The LLM review's user-facing lines, in English and Chinese (the shape of report/i18n.py)."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "failed": {
        "en": "LLM review failed ({reason}): this is the offline report, no finding was changed.",
        "zh": "LLM 复核失败（{reason}）：以下为离线报告，未改动任何发现。",
    },
    "partial": {
        "en": "LLM review incomplete: {done} of {total} clauses reviewed ({reason}); the others keep the offline judgement.",
        "zh": "LLM 复核未完成：{total} 个条款中复核了 {done} 个（{reason}）；其余条款保留离线判断。",
    },
    "done": {
        "en": "LLM review by {model} at {host}: {sent} clause(s) sent (redacted), {cached} answered from the cache, "
              "{tokens} tokens, estimated cost {cost}.",
        "zh": "LLM 复核（{host} 上的 {model}）：发送 {sent} 个条款（已脱敏），{cached} 个来自缓存，"
              "{tokens} 个 token，估计费用 {cost}。",
    },
    "budget": {"en": "token budget of {budget} spent", "zh": "已用完 {budget} 个 token 的预算"},
    "dropped": {
        "en": "{n} LLM judgement(s) dropped: the text they quote is not in the document.",
        "zh": "已舍弃 {n} 条 LLM 判断：其引用的文字不在合同中。",
    },
    "left_out": {
        "en": "{n} more candidate clause(s) were not sent: at most {share} of the contract's text is sent; they keep "
              "the offline judgement.",
        "zh": "另有 {n} 个候选条款未发送：发送的文字最多为合同的 {share}；这些条款保留离线判断。",
    },
    "unknown_cost": {"en": "unknown (no price set for this model)", "zh": "未知（未设置该模型价格）"},
    "ai_label": {"en": "AI review: ", "zh": "AI 复核："},
}


def msg(key: str, lang: str, **fmt: object) -> str:
    return MESSAGES[key]["zh" if lang == "zh" else "en"].format(**fmt)
