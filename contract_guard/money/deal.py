"""The deal's money, read from the creator's side: what the creator is paid (and how much of it is
certain), and what the creator may have to pay (with its base, and who guarantees it).

The reading is sentence by sentence. A sentence with a quantity is classified by its words:
- who pays: the party named before the verb (支付 / pay …), skipping a party after 向/给/to,
  which is the payee; "违约方" / "the breaching party" binds either side, the creator included;
- what it is: fee, advance, minimum guarantee, investment, revenue share (pay) or penalty,
  damages, buy-back, refund, training fee, exit fee, deduction (owe);
- for pay: certain unless it hangs on a target, revenue, a bonus or the other side's discretion;
- for owe: a fixed amount, a multiple or share of a base (the fee, the investment, the contract
  value — known numbers — or revenue and losses, which the contract does not state), a buy-back
  with interest, a cap ("不超过", "up to"), a blank.
The result is a `MoneyPicture` of `MoneyItem`s; nothing here guesses a number it was not given.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Literal

from pydantic import BaseModel

from ..clauses import sentence_spans
from .amounts import Quantity, find_quantities

Role = Literal["pay", "owe"]
Status = Literal["computed", "check", "blank"]

_OWE_WORDS = {
    "buyback": r"回购|赎回|收购.{0,6}股|repurchase|buy[\s-]?back|redeem|redemption|put\s+option",
    "penalty": r"违约金|罚金|罚款|liquidated\s+damages|penalt(?:y|ies)|forfeit",
    "damages": r"赔偿|赔付|损失|indemnif|damages|compensate\s+the|losses",
    "refund": r"返还|退还|退回|偿还|归还|(?<!non-)(?<!non)refund(?!able)|repay|return\s+(?:the|all|any)|reimburse",
    "training_fee": r"培养费|培训费|包装费|training\s+(?:fee|cost)|development\s+cost",
    "exit_fee": r"解约费|解约金|退出费|转会费|termination\s+fee|exit\s+fee|break(?:up)?\s+fee|release\s+fee",
    "deduction": r"扣除|扣减|扣留|抵扣|deduct|withhold|set[\s-]?off",
}
_PAY_WORDS = {
    "investment": r"投资款|投资额|投资金额|增资款|认购款|投资人民币|投资总额|增资|investment\s+amount|principal\s+amount|purchase\s+amount|purchase\s+price\s+for\s+the\s+shares|subscription\s+(?:price|amount)|invest",
    "advance": r"预付|预支|签约费|签约金|签字费|advance|signing\s+(?:fee|bonus)",
    "minimum_guarantee": r"保底|最低保证|minimum\s+guarantee|guaranteed\s+minimum",
    "revenue_share": r"分成|提成|版税|分账|收益的|收入的|royalt|revenue\s+share|share\s+of\s+(?:the\s+)?(?:net\s+)?(?:revenue|receipts|proceeds|income)|commission",
    "fee": r"报酬|酬金|稿酬|稿费|费用|服务费|设计费|制作费|创作费|授权费|许可费|转让费|价款|底薪|工资|出场费|劳务费|总价|"
           r"补助|补贴|津贴|生活费|奖金|\bfees?\b|compensation|remuneration|salary|stipend|allowance|consideration|purchase\s+price|"
           r"licen[cs]e\s+fee|price|payment\s+of|bonus",
}
_CONTINGENT = re.compile(
    r"如|若|如果|达到|完成.{0,10}(?:指标|目标|业绩|任务)|考核|KPI|指标|业绩|流水|净利润|销售额|奖励|奖金|酌情|视.{0,6}情况|"
    r"有权决定|自行决定|分成|提成|版税|不低于|不少于|审计|满意|按.{0,8}比例|\bif\b|upon\s+(?:achiev|reach|meet)|subject\s+to|\btarget|milestone|\bkpi|bonus|"
    r"royalt|revenue|net\s+receipts|\bsales\b|discretion|performance|up\s+to|\bmay\s+pay", re.I)
_CAP = re.compile(r"不超过|不得超过|最高不超过|以.{0,12}为限|上限|封顶|capped|shall\s+not\s+exceed|not\s+to\s+exceed|up\s+to|maximum|in\s+no\s+event.{0,40}exceed", re.I)
_GUARANTEE = re.compile(r"连带|个人.{0,4}(?:担保|保证)|无限责任|personally\s+guarantee|jointly\s+and\s+severally|personal\s+guarantee|guaranteed\s+by\s+the\s+founder|guarantor", re.I)
_BASES = [
    ("investment", r"投资款|投资额|投资总额|投资金额|增资款|增资总额|investment\s+amount|principal\s+amount|the\s+investment|subscription\s+price|purchase\s+amount"),
    ("contract_value", r"合同总额|合同金额|合同总价|合同价款|总价款|协议总金额|contract\s+(?:price|value|sum|amount)|total\s+(?:consideration|contract)"),
    ("advance", r"预付款|预付|签约费|advance|signing\s+(?:fee|bonus)"),
    ("revenue", r"收益|收入|流水|营收|营业额|利润|所得|版税|royalt|revenue|income|earnings|proceeds|profits|receipts|gross"),
    ("losses", r"损失|全部损失|losses|damages\s+suffered"),
    ("fee", r"报酬|酬金|费用|服务费|稿酬|稿费|设计费|已(?:支付|获得|取得|收取)|\bfees?\b|compensation|remuneration|amounts?\s+paid|paid\s+to"),
]
_KNOWN_BASES = {"fee", "investment", "contract_value", "advance"}
# an amount right after these words is a yardstick (a revenue target, a valuation, registered capital), not a payment
_REFERENCE = re.compile(r"(?:营业收入|净利润|营收|销售额|流水|估值|注册资本|投前|投后|市值|融资额|valuation(?:\s+cap)?|revenues?|net\s+income|"
                        r"net\s+profits?|gross\s+proceeds|proceeds\s+of|sales\s+of|market\s+cap|threshold)[^。；;.]{0,20}$", re.I)
# outside a sum the creator owes (where "不低于¥1,000,000" is a floor of the penalty), a bound is a target, not pay
_TARGET = re.compile(r"(?:at\s+least|不低于|不少于|超过|达到|低于|exceeds?|below)\s?(?:人民币|RMB|US\$|USD|\$)?\s?$", re.I)
_TRANCHE = re.compile(r"首期|第[一二三四五1-5]期|分[两三四2-4]?期|余款|尾款|tranche|instal?lment|first\s+closing|second\s+closing", re.I)

_ZH_PARTY = re.compile(r"甲方|乙方|丙方|丁方|投资方|投资人|目标公司|创始人|实际控制人|经纪公司|公司|艺人|主播|作者|违约方|守约方")
_EN_PARTY = re.compile(
    r"\b(?:party\s+[abc]|investors?|purchasers?|subscribers?|company|founders?|target|artist|creator|talent|influencer|designer|"
    r"illustrator|photographer|contractor|author|writer|composer|licensor|licensee|client|agency|agent|manager|brand|"
    r"publisher|label|studio|platform|producer|you|we|us|either\s+party|the\s+breaching\s+party|defaulting\s+party)\b", re.I)
_PAY_VERB = re.compile(r"支付|赔偿|返还|退还|偿还|承担|补偿|回购|收购|缴纳|给付|\bpay|\brefund|\brepay|\breimburse|\bindemnif|"
                       r"\bliable|\brepurchase|\bbuy\s+back|\bforfeit|\bcompensate|\bredeem", re.I)


class MoneyItem(BaseModel):
    """One sum of money in the contract, from the creator's side."""

    role: Role
    what: str
    certain: bool = False
    status: Status = "computed"
    amount: float | None = None  # pay: the sum; owe: the computed exposure (None when it cannot be computed)
    currency: str | None = None
    base: str | None = None  # owe: fee / investment / contract_value / advance / revenue / losses
    base_amount: float | None = None
    ratio: float | None = None  # multiple, or share of the base
    rate: float | None = None  # interest or late-payment rate
    per: str | None = None
    years: float | None = None
    capped: bool = False
    guaranteed: bool = False  # a personal or joint guarantee stands behind it
    tranche: bool = False  # one instalment of a sum paid in parts
    part_of_fee: bool = False  # a share of the fee paid first ("合同总价款的40%，即…作为预付款")
    compound: bool = False
    start: int  # the sentence in Document.text
    end: int
    quote: str  # the quantity as written (text[q_start:q_end])
    q_start: int
    q_end: int


class MoneyPicture(BaseModel):
    """The contract's money at a glance."""

    currency: str | None = None
    items: list[MoneyItem] = []
    headline: MoneyItem | None = None  # the largest sum promised to the creator
    certain: float | None = None  # what is certain to reach the creator
    certain_items: list[MoneyItem] = []
    largest: MoneyItem | None = None  # the largest sum the creator could owe (computed)
    unknown_exposure: list[MoneyItem] = []  # sums the creator could owe that the contract does not fix
    investment: float | None = None
    years: float | None = None  # the contract's horizon (对赌 period, term), when stated


# --------------------------------------------------------------------------- who pays
def _creator_words(lang: str, creator: str, deal_type: str) -> tuple[set[str], set[str]]:
    label = {"a": "甲方", "b": "乙方", "c": "丙方"}[creator]
    zh_creator = {label, "艺人", "主播", "作者"}
    zh_other = {"甲方", "乙方", "丙方"} - {label} | {"投资方", "投资人", "经纪公司"}
    if deal_type == "investment":
        zh_creator |= {"目标公司", "创始人", "实际控制人", "公司"}
        en_creator = {"company", "founder", "founders", "target", f"party {creator}"}
        en_other = {"investor", "investors", "purchaser", "purchasers", "subscriber", "subscribers"}
    else:
        en_creator = {"artist", "creator", "talent", "influencer", "designer", "illustrator", "photographer", "contractor",
                      "author", "writer", "composer", "licensor", "producer", "you", f"party {creator}"}
        en_other = {"company", "client", "agency", "agent", "manager", "brand", "publisher", "label", "studio",
                    "platform", "licensee", "we", "us", "investor", "investors"}
        zh_other |= {"公司"}
    en_other |= {f"party {x}" for x in "abc" if x != creator}
    return zh_creator | en_creator, zh_other | en_other


def _payer(sentence: str, verb_at: int, creator_words: set[str], other_words: set[str]) -> str:
    """'creator', 'other', 'either' or 'unknown': the nearest party named before the verb that is not its payee."""
    head = sentence[:verb_at]
    parties = [*_ZH_PARTY.finditer(head), *_EN_PARTY.finditer(head)]
    for m in sorted(parties, key=lambda m: m.start(), reverse=True):
        before = head[max(0, m.start() - 6):m.start()]
        if re.search(r"(?:向|给|对|予|通知|告知|要求|提醒|催告)\s?$|\b(?:to|notify|inform|from)\s+(?:the\s+)?$", before, re.I):
            continue  # the payee (or the one told or asked), not the payer
        word = re.sub(r"\s+", " ", m.group(0).lower())
        if word in ("违约方", "either party", "the breaching party", "defaulting party"):
            return "either"
        if word in creator_words:
            return "creator"
        if word in other_words:
            return "other"
    return "unknown"


def _kind(sentence: str, words: dict[str, str]) -> str | None:
    for what, pat in words.items():
        if re.search(pat, sentence, re.I):
            return what
    return None


def _base(sentence: str, q: Quantity, offset: int) -> str | None:
    """The base a multiple or share is taken of: the nearest base word before the quantity."""
    head = sentence[max(0, q.start - offset - 40):q.start - offset]
    best: tuple[int, str] | None = None
    for name, pat in _BASES:
        for m in re.finditer(pat, head, re.I):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    if best is None:  # "three times the Fees" — the base follows
        tail = sentence[q.end - offset:q.end - offset + 40]
        for name, pat in _BASES:
            m = re.search(pat, tail, re.I)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), name)
    return best[1] if best else None


# --------------------------------------------------------------------------- reading
def read_money(text: str, *, lang: str, creator: str = "b", deal_type: str = "general") -> MoneyPicture:
    """The money picture of a contract (`text` is Document.text; offsets point into it)."""
    original = text
    text, where = _flatten(original)
    creator_words, other_words = _creator_words(lang, creator, deal_type)
    all_q = find_quantities(text)
    currencies = Counter(q.currency for q in all_q if q.kind == "amount" and q.currency)
    currency = currencies.most_common(1)[0][0] if currencies else ("CNY" if lang == "zh" else None)
    years = _horizon(all_q, text)
    raw: list[tuple[MoneyItem, Quantity, str]] = []
    wordy: list[tuple[MoneyItem, str]] = []
    starts = [q.start for q in all_q]
    for a, b in _units(text):
        qs = all_q[bisect_left(starts, a):bisect_left(starts, b)]
        sentence = text[a:b]
        if not any(q.kind in ("amount", "multiple", "rate", "blank") for q in qs):
            wordy.extend(_read_wordy(sentence, a, creator_words, other_words, currency))
            continue
        raw.extend(_read_sentence(sentence, a, qs, creator_words, other_words, currency))
    picture = MoneyPicture(currency=currency, years=years)
    pays = [it for it, _, _ in raw if it.role == "pay" and it.amount is not None and it.currency in (currency, None)]
    pays = [_back(it, where, original) for it in pays]
    picture.investment = max((it.amount for it in pays if it.what == "investment"), default=None)
    picture.headline = max(pays, key=lambda it: it.amount or 0, default=None)
    picture.certain_items = _certain(pays)
    picture.certain = sum(it.amount or 0 for it in picture.certain_items) if picture.certain_items else None
    items = []
    for item, q, sentence in raw:
        if item.role == "owe":
            item = _compute(item, q, sentence, picture)
        items.append(item)
    for item, sentence in wordy:
        base_amount = _base_amount(item.base, sentence, None, item, picture)
        items.append(item.model_copy(update={"base_amount": base_amount, "amount": base_amount,
                                             "ratio": 1.0 if base_amount else None,
                                             "status": "computed" if base_amount else "check"}))
    items = [_back(it, where, original) for it in items]
    picture.items = items = _one_per_owe_sentence(items)
    owes = [it for it in items if it.role == "owe"]
    computed = [it for it in owes if it.amount is not None and it.currency in (currency, None)]
    picture.largest = max(computed, key=lambda it: it.amount or 0, default=None)
    picture.unknown_exposure = [it for it in owes if it.amount is None]
    return picture


def _flatten(text: str) -> tuple[str, list[int]]:
    """The text with line breaks inside a Chinese sentence removed (a PDF wraps "自行决\n定"), and where each
    character of it was in the original."""
    drops = [m.start() for m in _CJK_BREAK.finditer(text)]
    if not drops:
        return text, list(range(len(text) + 1))
    keep, where, cur = [], [], 0
    for d in drops:
        keep.append(text[cur:d])
        where.extend(range(cur, d))
        cur = d + 1
    keep.append(text[cur:])
    where.extend(range(cur, len(text) + 1))
    return "".join(keep), where


_CJK_CHARS = "\u4e00-\u9fff，、：；（）“”《》＿"
_CJK_BREAK = re.compile(f"(?<=[{_CJK_CHARS}])\n(?=[{_CJK_CHARS}])")


def _back(item: MoneyItem, where: list[int], original: str) -> MoneyItem:
    """The item with its offsets in the original text, and its quote as the original writes it."""
    q_start, q_end = where[item.q_start], where[item.q_end - 1] + 1
    return item.model_copy(update={"start": where[item.start], "end": where[item.end - 1] + 1, "q_start": q_start,
                                   "q_end": q_end, "quote": original[q_start:q_end]})


def _units(text: str) -> list[tuple[int, int]]:
    """Sentences, cut further at line breaks where a line is a table row, a short label or signature line,
    or the next line starts a new item: money in an annex table is not part of the sentence before it."""
    out: list[tuple[int, int]] = []
    for a, b in sentence_spans(text):
        cut = a
        for m in re.finditer(r"\n", text[a:b]):
            i = a + m.start()
            line = text[max(a, text.rfind("\n", a, i) + 1):i]
            nxt = text[i + 1:i + 6]
            if "|" in line or len(line.strip()) < 20 or re.match(r"\s*(?:\||\d+(?:\.\d+)+|第.{1,3}[条章]|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]+、)", nxt):
                if text[cut:i].strip():
                    out.append((cut, i))
                cut = i + 1
        if text[cut:b].strip():
            out.append((cut, b))
    return out


def _horizon(quantities: list[Quantity], text: str) -> float | None:
    """The period a buy-back can come after: a duration in years near 对赌/业绩/承诺/buy-back words."""
    for q in quantities:
        if q.kind != "duration" or q.unit not in ("year", "month") or not q.value:
            continue
        near = text[max(0, q.start - 60):q.end + 60]
        if re.search(r"对赌|业绩承诺|承诺期|回购|上市|IPO|qualified\s+(?:ipo|listing)|repurchase|redemption|buy[\s-]?back", near, re.I):
            return q.value if q.unit == "year" else round(q.value / 12, 2)
    # a deadline date: "2028年12月31日前未能上市" counted in whole years from the contract's first year
    found = list(re.finditer(r"(?<!\d)(20[2-4]\d)(?!\d)", text))
    if not found:
        return None
    first = min(int(m.group(1)) for m in found)
    for m in found:
        near = text[max(0, m.start() - 80):m.end() + 80]
        if re.search(r"上市|IPO|对赌|回购|赎回|qualified\s+(?:ipo|listing)|repurchase|redemption|buy[\s-]?back|maturity", near, re.I):
            if int(m.group(1)) > first:
                return float(int(m.group(1)) - first)
    return None


def _read_sentence(sentence: str, offset: int, qs: list[Quantity], creator_words: set[str], other_words: set[str],
                   currency: str | None) -> list[tuple[MoneyItem, Quantity, str]]:
    out = []
    owe_kind = _kind(sentence, _OWE_WORDS)
    pay_kind = _kind(sentence, _PAY_WORDS)
    verb = _PAY_VERB.search(sentence)
    payer = _payer(sentence, verb.start(), creator_words, other_words) if verb else "unknown"
    guaranteed = bool(_GUARANTEE.search(sentence))
    capped = bool(_CAP.search(sentence))
    if not pay_kind and not owe_kind and payer == "other" and verb and re.match(r"支付|给付|\bpay", verb.group(0), re.I):
        pay_kind = "fee"  # "the Company shall pay the Creator USD 800 per video"
    for q in qs:
        if q.kind not in ("amount", "multiple", "rate", "blank"):
            continue
        if q.kind == "blank" and q.currency is None and not q.text.rstrip().endswith(("%", "％", "percent")):
            continue  # a blank date, term or name is not money
        head = sentence[max(0, q.start - offset - 30):q.start - offset]
        if q.kind == "amount" and (_REFERENCE.search(head) or (not owe_kind and _TARGET.search(head))):
            continue
        common = dict(tranche=bool(_TRANCHE.search(sentence)), part_of_fee=any(x.kind == "rate" for x in qs), start=offset, end=offset + len(sentence), quote=q.text, q_start=q.start, q_end=q.end,
                      guaranteed=guaranteed, currency=q.currency or currency)
        if payer == "other" and not pay_kind:
            continue  # the other side's own liability
        if owe_kind and (payer != "other" or not pay_kind):
            item = MoneyItem(role="owe", what=owe_kind, capped=capped,
                             compound=bool(re.search(r"复利|compound|[)）]\s?\^|\*\*", sentence, re.I)), **common)
        elif pay_kind and payer == "creator":
            if q.kind != "amount":
                continue
            item = MoneyItem(role="owe", what="payment", capped=capped, **common)
        elif pay_kind and q.kind == "amount":
            item = MoneyItem(role="pay", what=pay_kind, amount=q.value, certain=not _CONTINGENT.search(sentence), **common)
        elif pay_kind:
            item = MoneyItem(role="pay", what=pay_kind, status="blank" if q.kind == "blank" else "check", ratio=q.value, **common)
        else:
            continue
        out.append((item, q, sentence))
    return out


def _one_per_owe_sentence(items: list[MoneyItem]) -> list[MoneyItem]:
    """A sentence that makes the creator owe names the sum with its parts (a base amount, a multiple, a
    floor, a cap): keep its largest computed sum ("¥5,000,000 or ten times income, whichever is higher" is
    at least ¥5,000,000), or, when none can be computed, what to check (a multiple of revenue, a blank)."""
    out: list[MoneyItem] = []
    by_sentence: dict[int, list[MoneyItem]] = {}
    for it in items:
        (by_sentence.setdefault(it.start, []) if it.role == "owe" else out).append(it)
    for group in by_sentence.values():
        computed = [it for it in group if it.amount is not None]
        out.append(max(computed, key=lambda it: it.amount or 0) if computed else group[0])
    return sorted(out, key=lambda it: (it.start, it.q_start))


_NO_CAP_WORDS = re.compile(r"全部损失|一切损失|所有损失|all\s+(?:losses|damages|claims)|any\s+and\s+all|indemnif|hold\s+harmless", re.I)


def _read_wordy(sentence: str, offset: int, creator_words: set[str], other_words: set[str],
                currency: str | None) -> list[tuple[MoneyItem, str]]:
    """A sentence that makes the creator pay without a figure: a refund of the fee paid, a buy-back at
    the investment, a liability capped at the fees (the sum is that base), or all losses (a sum to check)."""
    what = _kind(sentence, _OWE_WORDS)
    verb = _PAY_VERB.search(sentence)
    if what not in ("penalty", "damages", "refund", "buyback") or not verb:
        return []
    payer = _payer(sentence, verb.start(), creator_words, other_words)
    if payer == "other":
        return []
    capped = bool(_CAP.search(sentence))
    known = None
    for name, pat in _BASES:
        m = re.search(pat, sentence, re.I)
        if m and name in _KNOWN_BASES and (capped or what in ("refund", "buyback")):
            known = (name, m)
            break
    if known is None and not _NO_CAP_WORDS.search(sentence) and what not in ("penalty", "buyback"):
        return []
    m = known[1] if known else (_NO_CAP_WORDS.search(sentence) or verb)
    item = MoneyItem(role="owe", what=what, status="check", base=known[0] if known else None, capped=capped,
                     guaranteed=bool(_GUARANTEE.search(sentence)), currency=currency,
                     start=offset, end=offset + len(sentence), quote=m.group(0), q_start=offset + m.start(),
                     q_end=offset + m.end())
    return [(item, sentence)]


def _certain(pays: list[MoneyItem]) -> list[MoneyItem]:
    """The sums certain to reach the creator, per kind of payment: when the contract pays it in
    instalments, the instalments that hang on nothing (a later tranche after a revenue target is not
    certain); otherwise the largest sum stated (a fee repeated in a schedule is one fee). Summed over kinds."""
    out: list[MoneyItem] = []
    for what in dict.fromkeys(it.what for it in pays):
        if what == "revenue_share":
            continue
        items = [it for it in pays if it.what == what and (it.amount or 0) > 1]  # ¥1 nominal prices are no pay
        tranches = [it for it in items if it.tranche]
        if tranches:
            out.extend(it for it in tranches if it.certain)
            continue
        certain = [it for it in items if it.certain]
        if what == "advance" and any(p.what == "fee" and p.certain for p in pays):
            certain = [it for it in certain if not it.part_of_fee]
        if certain:
            out.append(max(certain, key=lambda it: it.amount or 0))
    return out


def _compute(item: MoneyItem, q: Quantity, sentence: str, picture: MoneyPicture) -> MoneyItem:
    upd: dict = {}
    if q.kind == "blank":
        upd.update(status="blank", amount=None)
    elif q.kind == "amount":
        upd.update(amount=q.value)
    else:
        base = _base(sentence, q, item.start)
        if item.what == "buyback" and base is None:
            base = "investment"
        base_amount = _base_amount(base, sentence, q, item, picture)
        upd.update(base=base, base_amount=base_amount)
        if q.kind == "multiple":
            upd.update(ratio=q.value, amount=round(q.value * base_amount, 2) if base_amount and q.value else None)
        elif q.kind == "rate" and q.per is None and item.what != "buyback":
            upd.update(ratio=q.value, amount=round(q.value * base_amount, 2) if base_amount and q.value else None)
        else:  # interest or a daily/monthly penalty rate
            upd.update(rate=q.value, per=q.per)
            if item.what == "buyback" and base_amount and q.per in ("year", None) and q.value:
                years = picture.years
                grown = (base_amount * (1 + q.value) ** years if item.compound else base_amount * (1 + q.value * years)) if years else base_amount
                upd.update(years=years, per="year", amount=round(grown, 2))
            else:
                upd.update(amount=None)
        if upd.get("amount") is None:
            upd["status"] = "check"
    return item.model_copy(update=upd)


def _base_amount(base: str | None, sentence: str, q: Quantity | None, item: MoneyItem, picture: MoneyPicture) -> float | None:
    # "签约费10万元的5倍", "$100,000 times three": an amount right before the multiple is its base
    rel = (q.start if q else item.q_start) - item.start
    stated = [x for x in find_quantities(sentence[max(0, rel - 30):rel]) if x.kind == "amount" and x.value]
    if stated and re.fullmatch(r"\s?(?:的|之|\s?[x×*]\s?)?\s?", sentence[max(0, rel - 30):rel][stated[-1].end:]):
        return stated[-1].value
    if base == "investment":
        return picture.investment
    if base == "fee":
        return picture.certain or (picture.headline.amount if picture.headline else None)
    if base == "contract_value":
        return picture.headline.amount if picture.headline else None
    if base == "advance":
        adv = [it.amount for it in picture.certain_items if it.what == "advance"]
        return max(adv) if adv else None
    return None
