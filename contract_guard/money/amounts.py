"""Find the money in a text: amounts, rates and percentages, multiples, durations and blanks, in
Chinese and English, each with its offsets so that a report can quote it.

    find_quantities("违约金为乙方全部报酬的五倍") -> [Quantity(kind="multiple", value=5, ...)]

A blank (＿＿元, [amount], ______ dollars) is a `blank`, never an amount of zero. Spans never
overlap: blanks are found first, then rates (so 8% is never an amount), amounts, multiples and
durations. Dates (2026年12月, 15日) are not durations; counts (100万粉丝) are not money.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .numerals import (
    CN_NUMERAL_CHARS,
    EN_NUMBER_WORDS,
    parse_capital_amount,
    parse_chinese,
    parse_english_words,
    parse_figure,
    scale_word,
)

Kind = Literal["amount", "rate", "multiple", "duration", "blank"]
Period = Literal["day", "month", "year"]


class Quantity(BaseModel):
    """One expression of money or measure found in a text; `text[start:end]` is its quote."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    value: float | None = None  # amount: currency units; rate: a fraction (0.08); multiple: the factor; duration: count
    currency: str | None = None  # ISO 4217 code (amount and blank)
    per: Period | None = None  # rate: per day / month / year (None: a plain percentage)
    unit: Literal["day", "month", "year", "perpetual"] | None = None  # duration
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- currencies
_CURRENCY = {
    "人民币": "CNY", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "￥": "CNY", "元": "CNY", "圆": "CNY", "yuan": "CNY",
    "renminbi": "CNY", "cn¥": "CNY",
    "美元": "USD", "美金": "USD", "usd": "USD", "us$": "USD", "u.s.$": "USD", "$": "USD", "dollars": "USD",
    "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD", "united states dollars": "USD",
    "港币": "HKD", "港元": "HKD", "hk$": "HKD", "hkd": "HKD", "hong kong dollars": "HKD",
    "欧元": "EUR", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "英镑": "GBP", "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "pound": "GBP",
    "s$": "SGD", "sgd": "SGD", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "jpy": "JPY", "日元": "JPY",
}


def currency_code(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.strip().lower())
    w = re.sub(r"^(万|千|百|亿)", "", w)
    for suffix in ("万元", "亿元", "千元", "百元"):
        if w.endswith(suffix):
            return "CNY"
    return _CURRENCY.get(w)


# --------------------------------------------------------------------------- building blocks
_CN = f"[{CN_NUMERAL_CHARS}]"
_CN_LEAD = "[一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾]"  # a numeral may not start with 千/万 (千万 = "by all means")
_CN_RUN = f"{_CN_LEAD}{_CN}*"
_FIG = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_AMOUNT_NUM = rf"(?:(?:{_FIG})\s*[十百千万亿拾佰仟萬億]*|{_CN_RUN})"
_CUR_ZH = r"人民币|RMB|CNY|美元|美金|港币|港元|欧元|英镑|￥|¥"
_UNIT_ZH = r"亿元|万元|千元|百元|元|圆|万美元|美元|美金|万港元|港币|港元|欧元|英镑|日元"
_CUR_EN = r"US\$|U\.S\.\s?\$|USD|HK\$|HKD|S\$|SGD|A\$|AUD|C\$|CAD|RMB|CNY|EUR|GBP|JPY|CN¥|¥|￥|€|£|\$"
_CUR_EN_WORD = (r"(?:US|U\.S\.|United\s+States|Hong\s+Kong)\s+dollars?|dollars?|USD|euros?|EUR|pounds(?:\s+sterling)?|GBP|"
                r"yuan|renminbi|RMB|CNY|HKD")
_SCALE = r"(?:\s?(?P<scale>million|billion|thousand|mn|bn|mm|m|k)\b)?"
_WORDS = rf"(?:\b(?:{EN_NUMBER_WORDS})(?:[\s-]+(?:and\s+)?(?:{EN_NUMBER_WORDS}))*)"
# counted things are not money: 100万粉丝, 50万次播放, 1 million views
_COUNTED = re.compile(r"\s*(?:次|人|名|位|个|粉丝|播放|阅读|订阅|份|册|本|字|条|篇|小时|分钟|张|部|集|首|件|套|台|"
                      r"views|copies|followers|subscribers|streams|plays|words|units|downloads|hours|minutes)", re.I)


def _ctx_before(text: str, start: int, n: int = 14) -> str:
    before = text[max(0, start - n):start]
    return re.split(r"[。；;，,:：\n]", before)[-1]


def _ctx_after(text: str, end: int, n: int = 40) -> str:
    return re.split(r"[。；;，,\n]", text[end:end + n])[0]


# --------------------------------------------------------------------------- blanks
_BLANK = re.compile(
    rf"(?P<cur>人民币|美元|港币|港元|欧元|英镑|RMB|USD|US\$|HK\$|CNY|￥|¥|€|£|\$)?\s?"
    r"(?P<gap>_{2,}|＿{2,}|【\s*[●•…_ ]*\s*】|\[\s*(?P<word>[●•…_ ]*|amount|AMOUNT|Amount|金额|insert amount|fee|Fee|price|\$)\s*\])"
    rf"\s?(?P<unit>万元|元|美元|dollars|US dollars|USD|RMB|%|％|percent|个月|年|日|天|(?:years?|months?|days?)\b)?")


def _blanks(text: str) -> Iterator[Quantity]:
    for m in _BLANK.finditer(text):
        cur, unit, word = m.group("cur"), m.group("unit"), (m.group("word") or "").strip().lower()
        if not (cur or unit or word in ("amount", "金额", "insert amount", "fee", "price", "$")):
            continue
        currency = currency_code(cur) or currency_code(unit)
        if word == "$":
            currency = "USD"
        start = m.start("cur") if cur else m.start("gap")
        yield Quantity(kind="blank", currency=currency, start=start, end=m.end(), text=text[start:m.end()])


# --------------------------------------------------------------------------- rates and percentages
_PCT = re.compile(
    rf"(?P<frac>百分之|千分之|万分之)(?P<pn>{_CN}+(?:点{_CN}+)?|\d+(?:\.\d+)?)"
    rf"|(?P<pf>\d+(?:\.\d+)?)\s?(?:%|％|percent\b|per\s?cent\b)"
    rf"|(?P<pw>{_WORDS})\s+(?:percent|per\s?cent)\b(?:\s*\(\s*(?P<pf2>\d+(?:\.\d+)?)\s?%\s*\))?", re.I)
_PER_BEFORE_ZH = [("year", r"年化|年利率|年息|年单利|年复利|每年|按年|年收益率|年回报率"),
                  ("month", r"月息|月利率|每月|按月"), ("day", r"日息|日利率|每日|每天|按日|逐日|日$")]
_PER_AFTER = [("year", r"^\s*(?:/|每)\s*年|^[^.;]{0,30}?\b(?:per\s+annum|per\s+year|a\s+year|annually|each\s+year|yearly|every\s+year|p\.a\.)"),
              ("month", r"^\s*(?:/|每)\s*月|^[^.;]{0,30}?\b(?:per\s+month|a\s+month|monthly|each\s+month|every\s+month)"),
              ("day", r"^\s*(?:/|每)\s*[日天]|^[^.;]{0,30}?\b(?:per\s+day|a\s+day|daily|each\s+day|every\s+day|per\s+diem)")]
_PER_BEFORE_EN = [("year", r"\b(?:annual|annualized|yearly)\b"), ("month", r"\bmonthly\b"), ("day", r"\bdaily\b")]


def _period(text: str, start: int, end: int) -> Period | None:
    before, after = _ctx_before(text, start), _ctx_after(text, end)
    best: tuple[int, Period] | None = None
    for per, pat in _PER_BEFORE_ZH:
        for m in re.finditer(pat, before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, per)  # type: ignore[assignment]
    if best is not None:
        return best[1]
    for per, pat in _PER_AFTER:
        if re.search(pat, after, re.I):
            return per  # type: ignore[return-value]
    for per, pat in _PER_BEFORE_EN:
        if re.search(pat, text[max(0, start - 30):start], re.I):
            return per  # type: ignore[return-value]
    wide = re.split(r"[。；;\n]", text[max(0, start - 40):start])[-1]  # "每逾期一日，按应付金额的千分之三"
    for per, pat in (("day", r"每(?:逾期|延迟|迟延)?一?[日天]|for\s+each\s+day|per\s+day|each\s+day\s+of\s+delay"),
                     ("month", r"每(?:逾期)?一?个?月|for\s+each\s+month"), ("year", r"每(?:满)?一?年|for\s+each\s+year")):
        if re.search(pat, wide, re.I):
            return per  # type: ignore[return-value]
    return None


def _rates(text: str) -> Iterator[Quantity]:
    for m in _PCT.finditer(text):
        if m.group("frac"):
            n = parse_chinese(m.group("pn"))
            scale = {"百分之": 100, "千分之": 1000, "万分之": 10000}[m.group("frac")]
        elif m.group("pf"):
            n, scale = float(m.group("pf")), 100
        else:
            n = float(m.group("pf2")) if m.group("pf2") else parse_english_words(m.group("pw"))
            scale = 100
        if n is None:
            continue
        yield Quantity(kind="rate", value=round(n / scale, 10), per=_period(text, m.start(), m.end()),
                       start=m.start(), end=m.end(), text=m.group(0))


# --------------------------------------------------------------------------- amounts
_AMOUNT_CAPITAL = re.compile(
    rf"(?:人民币|RMB)?\s?[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]+[元圆](?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?[整正]?")
_AMOUNT_ZH = re.compile(rf"(?P<cur>{_CUR_ZH})?\s?(?P<num>{_CN_AMOUNT_NUM})\s?(?P<unit>{_UNIT_ZH})?(?P<zheng>[整正])?")
_AMOUNT_EN_WORDS = re.compile(
    rf"(?P<words>{_WORDS})\s+(?P<curw>{_CUR_EN_WORD})\b(?:\s*\(\s*(?P<pcur>{_CUR_EN})?\s?(?P<pfig>{_FIG})\s*\))?", re.I)
_AMOUNT_EN_SYMBOL = re.compile(rf"(?P<cur>{_CUR_EN})\s?(?P<fig>{_FIG}){_SCALE}", re.I)
_AMOUNT_EN_AFTER = re.compile(rf"(?<![\w.])(?P<fig>{_FIG}){_SCALE}\s*(?P<curw>{_CUR_EN_WORD})\b", re.I)


def _amounts(text: str) -> Iterator[Quantity]:
    for m in _AMOUNT_CAPITAL.finditer(text):
        value = parse_capital_amount(re.sub(r"\s", "", m.group(0)))
        if value is not None and re.search("[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]", m.group(0)):
            yield Quantity(kind="amount", value=value, currency="CNY", start=m.start(), end=m.end(), text=m.group(0))
    for m in _AMOUNT_EN_WORDS.finditer(text):
        value = parse_figure(m.group("pfig")) if m.group("pfig") else parse_english_words(m.group("words"))
        if value:
            currency = currency_code(m.group("pcur")) or currency_code(m.group("curw"))
            yield Quantity(kind="amount", value=value, currency=currency, start=m.start(), end=m.end(), text=m.group(0))
    for m in _AMOUNT_EN_SYMBOL.finditer(text):
        value = parse_figure(m.group("fig"))
        if value is not None:
            value *= scale_word(m.group("scale"))
            cur = m.group("cur")
            yield Quantity(kind="amount", value=value, currency=currency_code(cur) or "USD",
                           start=m.start(), end=m.end(), text=m.group(0))
    for m in _AMOUNT_EN_AFTER.finditer(text):
        value = parse_figure(m.group("fig"))
        if value is not None:
            yield Quantity(kind="amount", value=value * scale_word(m.group("scale")),
                           currency=currency_code(m.group("curw")), start=m.start(), end=m.end(), text=m.group(0))
    for m in _AMOUNT_ZH.finditer(text):
        cur, unit, num = m.group("cur"), m.group("unit"), m.group("num")
        bare_scale = bool(re.search(r"[万亿萬億]$", num))
        if not (cur or unit or bare_scale):
            continue
        if not (cur or unit) and (_COUNTED.match(text, m.end()) or re.search(r"(?:第|约|达到?|超过|突破|累计|超)\s?$", text[max(0, m.start() - 4):m.start()])):
            continue
        if re.fullmatch(r"\d{4}", num) and re.match(r"年", text[m.end():m.end() + 1]):
            continue
        unit_scale = {"亿元": 1e8, "万元": 1e4, "千元": 1e3, "百元": 1e2, "万美元": 1e4, "万港元": 1e4}.get(unit or "", 1.0)
        value = parse_chinese(num)
        if value is None:
            continue
        end = m.end()
        currency = currency_code(cur) or currency_code(unit)
        yield Quantity(kind="amount", value=round(value * unit_scale, 2), currency=currency,
                       start=m.start(), end=end, text=text[m.start():end])


# --------------------------------------------------------------------------- multiples
_MULT = re.compile(
    rf"(?P<zn>{_CN_RUN}|\d+(?:\.\d+)?)\s?倍|(?P<z2>双倍|加倍)"
    rf"|(?<![\w.])(?P<ef>\d+(?:\.\d+)?)\s?(?:x|×|times|-fold|fold)(?![\w])"
    rf"|\b(?P<ew>{_WORDS})(?:\s*\(\s*\d+\s*\))?[\s-](?:times|fold)\b|\b(?P<e3>treble|triple|threefold|three-fold)\b"
    rf"|\b(?P<e2>double|twice|twofold|two-fold)\b", re.I)


def _multiples(text: str) -> Iterator[Quantity]:
    for m in _MULT.finditer(text):
        if m.group("zn"):
            value = parse_chinese(m.group("zn"))
        elif m.group("z2"):
            value = 2.0
        elif m.group("ef"):
            value = float(m.group("ef"))
        elif m.group("ew"):
            if m.group("ew").lower() == "a":
                continue
            value = parse_english_words(m.group("ew"))
        else:
            value = 3.0 if m.group("e3") else 2.0
        if value:
            yield Quantity(kind="multiple", value=value, start=m.start(), end=m.end(), text=m.group(0))


# --------------------------------------------------------------------------- durations
_DUR_ZH = re.compile(rf"(?P<n>{_CN_RUN}|\d+)\s?(?P<u>个自然月|个月|個月|周年|年|个工作日|个自然日|工作日|自然日|日|天|周|星期)")
_DUR_EN = re.compile(
    rf"\b(?P<n>{_WORDS}|\d+)(?:\s*\(\s*(?P<fig>\d+)\s*\))?[\s-]+(?:(?:business|calendar|working)\s+)?"
    r"(?P<u>years?|months?|days?|weeks?)\b", re.I)
_PERPETUAL = re.compile(r"永久性?|永远|无限期|不设期限|in\s+perpetuity|perpetual(?:ly)?|forever", re.I)
_UNIT = {"年": "year", "周年": "year", "个月": "month", "個月": "month", "个自然月": "month", "日": "day", "天": "day",
         "工作日": "day", "个工作日": "day", "自然日": "day", "个自然日": "day", "周": "week", "星期": "week"}


def _durations(text: str) -> Iterator[Quantity]:
    for m in _PERPETUAL.finditer(text):
        yield Quantity(kind="duration", unit="perpetual", start=m.start(), end=m.end(), text=m.group(0))
    for m in _DUR_ZH.finditer(text):
        n, u = m.group("n"), m.group("u")
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 4]
        if before == "第" or (u == "年" and (re.fullmatch(r"\d{4}", n) or re.match(r"\d{1,2}\s?月", after))):
            continue  # 第一年, 2026年, 2026年12月
        if u == "日" and re.search(r"月\s?$", text[max(0, m.start() - 2):m.start()]):
            continue  # 12月31日
        if u in ("周", "星期"):
            continue  # weeks are rare in money terms; 周 is also 周年, 周一
        value = parse_chinese(n)
        if value is None or value <= 0:
            continue
        yield Quantity(kind="duration", value=value, unit=_UNIT[u], start=m.start(), end=m.end(), text=m.group(0))
    for m in _DUR_EN.finditer(text):
        if re.match(r"\s+(?:of\s+age|old)\b", text[m.end():m.end() + 10], re.I):
            continue
        n = m.group("fig") or m.group("n")
        if n.lower() == "a":
            continue
        value = float(n) if n.isdigit() else parse_english_words(n)
        if not value:
            continue
        unit = m.group("u").lower().rstrip("s")
        if unit == "week":
            continue
        yield Quantity(kind="duration", value=value, unit=unit, start=m.start(), end=m.end(), text=m.group(0))


_FINDERS: tuple[Callable[[str], Iterator[Quantity]], ...] = (_blanks, _rates, _amounts, _multiples, _durations)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in reading order, none overlapping another."""
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for finder in _FINDERS:
        candidates = sorted(finder(text), key=lambda q: (q.start, -(q.end - q.start)))
        for q in candidates:
            q = _trim(q, text)
            if q.end <= q.start or any(q.start < e and s < q.end for s, e in taken):
                continue
            taken.append((q.start, q.end))
            found.append(q)
    return sorted(found, key=lambda q: q.start)


def _trim(q: Quantity, text: str) -> Quantity:
    """No leading or trailing white space in a quote."""
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if (start, end) == (q.start, q.end):
        return q
    return q.model_copy(update={"start": start, "end": end, "text": text[start:end]})
