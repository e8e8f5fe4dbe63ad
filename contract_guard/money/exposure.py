"""Attach the money to the findings, and sum the deal up for the report's summary.

A finding carries the exposure of the money its clause states: what the creator could owe for the
concepts that cost money (penalties, buy-backs, guarantees, minimum commitments …), what the creator
is paid for the concepts about pay (a lump-sum buyout, a conditional payment, a revenue split)."""
from __future__ import annotations

from ..models import Document, Exposure, Finding, MoneyFigure, MoneySummary
from .deal import MoneyItem, MoneyPicture
from .explain import exposure_sentence, money, what_name

PAY_CONCEPTS = {"lump-sum-buyout", "payment-conditional", "revenue-share-skew", "no-payment-schedule"}


def exposure_of(item: MoneyItem, picture: MoneyPicture, lang: str) -> Exposure:
    certain = picture.certain if picture.certain else None
    ratio_to_pay = None
    if item.role == "owe" and item.amount is not None and certain and item.currency == picture.currency:
        ratio_to_pay = round(item.amount / certain, 2)
    formula = ""
    if item.role == "pay":
        formula = "certain" if item.certain and item.status == "computed" else "contingent"
    elif item.what == "buyback" and item.rate is not None and item.base_amount:
        formula = f"{item.base_amount:g} × (1 + {item.rate:g} × {item.years:g})" if item.years else f"{item.base_amount:g} + {item.rate:g}/year"
    elif item.ratio is not None:
        formula = f"{item.ratio:g} × {item.base or '?'}" + (f" ({item.base_amount:g})" if item.base_amount else "")
    elif item.amount is not None:
        formula = f"{item.amount:g}"
    e = Exposure(direction=item.role, status=item.status, what=item.what, amount=item.amount, currency=item.currency,
                 quote=item.quote, base=item.base, base_amount=item.base_amount, ratio=item.ratio, rate=item.rate,
                 per=item.per, years=item.years, certain_pay=certain, times_certain_pay=ratio_to_pay,  # type: ignore[arg-type]
                 capped=item.capped, guaranteed=item.guaranteed, formula=formula)
    return e.model_copy(update={"sentence": exposure_sentence(e, lang)})


def attach_exposures(findings: list[Finding], picture: MoneyPicture, lang: str) -> None:
    """Give each finding whose clause states money its exposure (in place; one it has is kept)."""
    for f in findings:
        if f.exposure is not None:
            continue
        inside = [it for it in picture.items if it.q_start >= f.clause.start and it.q_end <= f.clause.end]
        if not inside:
            continue
        wanted = "pay" if f.category in PAY_CONCEPTS else "owe"
        items = [it for it in inside if it.role == wanted] or ([] if wanted == "owe" else inside)
        if not items:
            continue
        computed = [it for it in items if it.amount is not None]
        best = max(computed, key=lambda it: it.amount or 0) if computed else items[0]
        f.exposure = exposure_of(best, picture, lang)


def _figure(item: MoneyItem | None, doc: Document, amount: float | None = None) -> MoneyFigure | None:
    if item is None:
        return None
    return MoneyFigure(amount=item.amount if amount is None else amount, currency=item.currency, what=item.what,
                       page=doc.page_of(item.q_start), start=item.q_start, quote=item.quote)


def money_summary(picture: MoneyPicture, doc: Document, lang: str) -> MoneySummary | None:
    """The summary's money line; None when the contract states no money at all."""
    if not picture.items:
        return None
    headline = _figure(picture.headline, doc)
    certain = None
    if picture.certain_items:
        first = min(picture.certain_items, key=lambda it: it.q_start)
        certain = _figure(first, doc, amount=picture.certain)
        if certain is not None and len(picture.certain_items) > 1:
            certain.what = "+".join(sorted({it.what for it in picture.certain_items}))
    largest = _figure(picture.largest, doc)
    out = MoneySummary(currency=picture.currency, headline=headline, certain=certain, largest_exposure=largest,
                       exposure_to_check=bool(picture.unknown_exposure))
    out.sentence = summary_sentence(out, lang)
    return out


def summary_sentence(s: MoneySummary, lang: str) -> str:
    zh = lang == "zh"
    parts = []
    if s.headline:
        name = what_name(s.headline.what, lang)
        parts.append(f"名义金额：{money(s.headline.amount, s.headline.currency, lang)}（{name}）" if zh
                     else f"Headline: {money(s.headline.amount, s.headline.currency, lang)} {name}")
    if s.headline or s.certain:
        if s.certain:
            parts.append(f"确定能拿到的：{money(s.certain.amount, s.certain.currency, lang)}" if zh
                         else f"certain to be paid to you: {money(s.certain.amount, s.certain.currency, lang)}")
        else:
            parts.append("确定能拿到的：合同没有写明固定金额" if zh else "certain to be paid to you: no fixed sum in the contract")
    first = ("；".join(parts) + "。") if zh and parts else ("; ".join(parts) + ".") if parts else ""
    if s.largest_exposure:
        owe = money(s.largest_exposure.amount, s.largest_exposure.currency, lang)
        name = what_name(s.largest_exposure.what, lang)
        name = name if zh else name[0].lower() + name[1:]
        more = ("另有金额未定的责任，请逐条核实。" if zh else " Other sums you could owe are not fixed by the contract: check them.") \
            if s.exposure_to_check else ""
        second = (f"你最多可能要付：{owe}（{name}）。{more}" if zh else f"The most you could owe: {owe} ({name}).{more}")
    elif s.exposure_to_check:
        second = ("你可能要付的金额合同没有写定：请核实标注“核实”的条款。" if zh
                  else "What you could owe is not fixed by the contract: check the clauses marked 'check'.")
    else:
        second = ""
    return " ".join(p for p in (first, second) if p) if not zh else first + second
