"""Money in plain words, Chinese and English: amounts formatted per locale (babel), one sentence per
exposure and one for the deal. A sum the contract does not fix is never invented: the sentence says
what to check instead."""
from __future__ import annotations

from babel.numbers import format_currency, format_decimal

from ..models import Exposure

_LOCALE = {"zh": "zh_CN", "en": "en_US"}

WHAT = {
    "penalty": {"en": "Liquidated damages", "zh": "违约金"},
    "damages": {"en": "Damages", "zh": "赔偿"},
    "buyback": {"en": "Buy-back", "zh": "回购"},
    "refund": {"en": "Refund", "zh": "返还"},
    "training_fee": {"en": "Training fee", "zh": "培养费"},
    "exit_fee": {"en": "Exit fee", "zh": "解约费"},
    "deduction": {"en": "Deduction", "zh": "扣款"},
    "payment": {"en": "Payment by you", "zh": "你需支付的款项"},
    "fee": {"en": "fee", "zh": "报酬"},
    "advance": {"en": "advance", "zh": "预付款"},
    "minimum_guarantee": {"en": "minimum guarantee", "zh": "保底收入"},
    "investment": {"en": "investment", "zh": "投资款"},
    "revenue_share": {"en": "revenue share", "zh": "分成"},
}
BASE = {
    "fee": {"en": "your fee", "zh": "你的报酬"},
    "investment": {"en": "the investment", "zh": "投资款"},
    "contract_value": {"en": "the contract value", "zh": "合同总额"},
    "advance": {"en": "the advance", "zh": "预付款"},
    "revenue": {"en": "revenue", "zh": "收益（收入）"},
    "losses": {"en": "the other side's losses", "zh": "对方的损失"},
    None: {"en": "an amount the contract does not name", "zh": "合同未写明的基数"},
}
PER = {"day": {"en": "a day", "zh": "每天"}, "month": {"en": "a month", "zh": "每月"}, "year": {"en": "a year", "zh": "每年"}}


def money(amount: float | None, currency: str | None, lang: str) -> str:
    """¥500,000 / $12,400,000 / 500,000 (no currency): whole units unless cents are stated."""
    if amount is None:
        return "?"
    loc = _LOCALE.get(lang, "en_US")
    if currency:
        try:
            return format_currency(amount, currency, locale=loc, format="¤#,##0.##", currency_digits=False)
        except (ValueError, KeyError):
            pass
    return format_decimal(amount, format="#,##0.##", locale=loc)


def percent(value: float | None) -> str:
    if value is None:
        return "?"
    text = f"{value * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


def times(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def what_name(what: str, lang: str) -> str:
    return WHAT.get(what, {"en": what, "zh": what})[lang]


def exposure_sentence(e: Exposure, lang: str) -> str:
    """One plain sentence: the sum against the creator's certain pay, or what to check."""
    zh = lang == "zh"
    name = what_name(e.what, lang)
    m = lambda a: money(a, e.currency, lang)  # noqa: E731
    base = BASE.get(e.base, BASE[None])[lang]
    if e.direction == "pay":
        if e.status != "computed":
            return (f"{name}按比例或空白金额计算（{e.quote}）：请核实实际能拿到多少。" if zh
                    else f"The {name} is a share or a blank ({e.quote}): check what it will really pay you.")
        if e.formula == "certain":
            return f"{m(e.amount)} 是你确定可得的{name}。" if zh else f"{m(e.amount)} {name} is certain to be paid to you."
        return (f"这笔 {m(e.amount)} 取决于业绩目标、收入或对方决定，不是确定收入。" if zh
                else f"This {m(e.amount)} depends on targets, revenue or the other side's decision; it is not certain pay.")
    if e.status == "blank":
        return (f"金额留空（{e.quote}）：签字前填写与你报酬相称的数字，并写明上限。" if zh
                else f"The amount is left blank ({e.quote}): fill in a figure in proportion to your pay, with a cap, before signing.")
    if e.status == "check":
        if e.rate is not None and e.per:
            return (f"{name}按{base}{PER[e.per]['zh']}{percent(e.rate)}计算，合同没有写明本金或上限：请核实金额并要求封顶。" if zh
                    else f"{name}: {percent(e.rate)} of {base} {PER[e.per]['en']}, with no principal or cap the contract fixes: check the sum and ask for a cap.")
        share = f"{times(e.ratio)} 倍" if e.ratio and e.ratio >= 1 else percent(e.ratio)
        share_en = f"{times(e.ratio)} ×" if e.ratio and e.ratio >= 1 else f"{percent(e.ratio)} of"
        return (f"{name}按{base}的{share}计算，合同没有写明这个基数的金额：请核实它可能有多大，并要求设定上限。" if zh
                else f"{name} = {share_en} {base}, which the contract does not state as a number: check how large it can be and ask for a cap.")
    # computed
    guarantee_zh = "，且由你个人承担连带担保" if e.guaranteed else ""
    guarantee_en = ", and you guarantee it personally" if e.guaranteed else ""
    if e.what == "buyback" and e.rate is not None and e.base_amount:
        if e.years:
            return (f"回购：{m(e.base_amount)} 加每年 {percent(e.rate)}；{times(e.years)} 年后为 {m(e.amount)}{guarantee_zh}。" if zh
                    else f"Buy-back: {m(e.base_amount)} plus {percent(e.rate)} a year; after {times(e.years)} years {m(e.amount)}{guarantee_en}.")
        yearly = e.base_amount * e.rate
        return (f"回购：{m(e.base_amount)} 加每年 {percent(e.rate)}（每年多 {m(yearly)}），合同没有写明何时可要求回购{guarantee_zh}。" if zh
                else f"Buy-back: {m(e.base_amount)} plus {percent(e.rate)} a year ({m(yearly)} more each year); the contract does not fix when it can be demanded{guarantee_en}.")
    compare_zh = compare_en = ""
    if e.times_certain_pay is not None and e.certain_pay:
        compare_zh = f"，是你确定可得报酬 {m(e.certain_pay)} 的 {times(e.times_certain_pay)} 倍"
        compare_en = f", {times(e.times_certain_pay)} times the {m(e.certain_pay)} you are certain to be paid"
    if e.ratio and e.base_amount:
        if e.base == "fee" and e.certain_pay and e.ratio >= 1:
            return (f"{name} = 你全部报酬的 {times(e.ratio)} 倍（{m(e.amount)} 对 {m(e.certain_pay)}）{guarantee_zh}。" if zh
                    else f"{name} = {times(e.ratio)} × your fee ({m(e.amount)} against {m(e.certain_pay)}){guarantee_en}.")
        share = f"{times(e.ratio)} 倍" if e.ratio >= 1 else percent(e.ratio)
        share_en = f"{times(e.ratio)} ×" if e.ratio >= 1 else f"{percent(e.ratio)} of"
        return (f"{name} = {base}（{m(e.base_amount)}）的 {share}，即 {m(e.amount)}{compare_zh}{guarantee_zh}。" if zh
                else f"{name} = {share_en} {base} ({m(e.base_amount)}), that is {m(e.amount)}{compare_en}{guarantee_en}.")
    cap_zh = "（上限）" if e.capped else ""
    cap_en = " (a cap)" if e.capped else ""
    if not compare_zh:
        return (f"你可能要付 {m(e.amount)}{cap_zh}；合同没有写明你确定可得的报酬，无法比较{guarantee_zh}。" if zh
                else f"You could owe {m(e.amount)}{cap_en}; the contract states no certain pay to compare it with{guarantee_en}.")
    return (f"你可能要付 {m(e.amount)}{cap_zh}{compare_zh}{guarantee_zh}。" if zh
            else f"You could owe {m(e.amount)}{cap_en}{compare_en}{guarantee_en}.")
