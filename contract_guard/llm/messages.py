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
    # the app's switch (contract_guard/ui/llm_panel.py)
    "ui.toggle": {"en": "Ask an LLM to review the risky clauses (optional, sends text)",
                  "zh": "请 LLM 复核风险条款（可选，会发送文字）"},
    "ui.help": {"en": "Off by default. Only the candidate clauses, with names, ID numbers, phones, e-mails, accounts "
                      "and addresses replaced by placeholders, are sent — never the whole contract.",
                "zh": "默认关闭。只发送候选条款，姓名、身份证号、电话、邮箱、账号和地址均替换为占位符——绝不发送整份合同。"},
    "ui.base_url": {"en": "Endpoint (OpenAI-compatible base URL)", "zh": "接口地址（兼容 OpenAI 的 base URL）"},
    "ui.model": {"en": "Model", "zh": "模型"},
    "ui.api_key": {"en": "API key (kept in this session only)", "zh": "API 密钥（仅保存在本次会话中）"},
    "ui.nothing": {"en": "No clause of this contract is a candidate for review: nothing would be sent.",
                   "zh": "本合同没有需要复核的候选条款：不会发送任何内容。"},
    "ui.will_send": {"en": "Before anything is sent: these {n} clause(s), redacted as shown ({chars} characters, "
                           "{share} of the contract), would go to {host} (model {model}). Nothing else leaves this machine.",
                     "zh": "发送前请确认：以下 {n} 个条款（已按所示脱敏，共 {chars} 个字符，占合同的 {share}）将发送到 "
                           "{host}（模型 {model}）。其他内容不会离开本机。"},
    "ui.clause": {"en": "Clause {i} (page {page})", "zh": "条款 {i}（第 {page} 页）"},
    "ui.send": {"en": "Send {n} clause(s) to {host}", "zh": "发送 {n} 个条款到 {host}"},
    "ui.spinner": {"en": "Waiting for {host} …", "zh": "正在等待 {host} 的复核……"},
    "ui.reviewed": {"en": "The report below includes the LLM review ({status}).", "zh": "以下报告已包含 LLM 复核（{status}）。"},
}


# why a request failed (client.py gives the English); HTTP statuses read the same in both
REASONS: dict[str, str] = {
    "timeout": "超时",
    "connection failed": "连接失败",
    "the answer was not the JSON asked for": "回答不是所要求的 JSON",
    "time limit for the contract reached": "已达到本合同的时间上限",
}


def msg(key: str, lang: str, **fmt: object) -> str:
    return MESSAGES[key]["zh" if lang == "zh" else "en"].format(**fmt)


def reason_text(reason: str, lang: str) -> str:
    return REASONS.get(reason, reason) if lang == "zh" else reason
