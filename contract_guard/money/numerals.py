"""Numbers as contracts write them: Arabic figures with separators, Chinese numerals (小写 and 大写,
with 万/亿), mixed forms (1.5万, 3千万) and English number words. Each function returns None
for text that is not a number, never a guess."""
from __future__ import annotations

import re

import cn2an
from price_parser import Price

CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
_CN_SCALE = "十百千万亿拾佰仟萬億"
_NORMALISE = str.maketrans({"貳": "贰", "參": "叁", "陸": "陆", "萬": "万", "億": "亿", "〇": "零"})


def parse_figure(text: str) -> float | None:
    """'1,250,000.00', '1.250.000,00', '12 500', '2.5' -> float (price-parser decides the separators)."""
    text = text.replace("，", ",").strip()
    if not re.search(r"\d", text):
        return None
    amount = Price.fromstring(text).amount_float
    return float(amount) if amount is not None else None


def parse_chinese(text: str) -> float | None:
    """Chinese numerals, 大写 or 小写, alone or after Arabic figures: 伍拾万, 一百二十万, 壹拾万零伍仟,
    1.5万, 3千万, 0.8亿, 2亿. 'smart' mode of cn2an reads the mixed forms."""
    text = text.translate(_NORMALISE).replace(",", "").replace("，", "").strip()
    if not text:
        return None
    if text == "两":
        return 2.0
    text = re.sub(r"两(?=[十百千万亿拾佰仟])", "二", text)
    if "点" in text:  # 二点一 -> 2.1
        whole, _, frac = text.partition("点")
        w = parse_chinese(whole) if whole else 0.0
        digits = [parse_chinese(c) for c in frac]
        if w is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return float(f"{int(w)}." + "".join(str(int(d)) for d in digits))  # type: ignore[arg-type]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in _CN_SCALE:  # a bare 十 is ten; a bare 万 is not a number
        return 10.0 if text in "十拾" else None
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def parse_capital_amount(text: str) -> float | None:
    """大写 money: 人民币壹拾万零伍仟元整, 伍拾万元, 壹仟万元整, 叁佰元伍角 -> yuan (with 角 and 分)."""
    text = text.translate(_NORMALISE)
    text = re.sub(r"^(人民币|RMB)", "", text).replace("整", "").replace("正", "")
    m = re.fullmatch(rf"([{CN_NUMERAL_CHARS}\d.]*)[元圆]?(?:([{CN_NUMERAL_CHARS}])角)?(?:([{CN_NUMERAL_CHARS}])分)?", text)
    if not m or not (m.group(1) or m.group(2) or m.group(3)):
        return None
    total = 0.0
    if m.group(1):
        yuan = parse_chinese(m.group(1))
        if yuan is None:
            return None
        total += yuan
    for group, scale in ((2, 0.1), (3, 0.01)):
        if m.group(group):
            digit = parse_chinese(m.group(group))
            if digit is None:
                return None
            total += digit * scale
    return round(total, 2)


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
EN_NUMBER_WORDS = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "a"], key=len, reverse=True))


def parse_english_words(text: str) -> float | None:
    """'fifty thousand', 'one hundred and twenty', 'twenty-five', 'a million' -> float."""
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(words):
        if w == "a" and i == 0 and len(words) > 1:
            current = 1
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


_SCALE_WORDS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mm": 1e6,
                "billion": 1e9, "bn": 1e9, "b": 1e9}


def scale_word(word: str | None) -> float:
    return _SCALE_WORDS.get((word or "").lower().strip(), 1.0)
