"""Money as contracts write it: a table of real phrasings (tests/data/amounts.yaml, written by a helper who
had not seen the parser, one expression per row) and properties that any amount written out parses back."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contract_guard.money.amounts import find_quantities

ROWS = yaml.safe_load((Path(__file__).parent / "data" / "amounts.yaml").read_text(encoding="utf-8"))


def test_the_table_is_big_and_bilingual():
    assert len(ROWS) >= 150
    assert sum(r["lang"] == "zh" for r in ROWS) >= 75
    assert {r["kind"] for r in ROWS} == {"amount", "rate", "multiple", "duration", "blank"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{i:03d}-{r['kind']}" for i, r in enumerate(ROWS)])
def test_amount_expression(row):
    found = find_quantities(row["text"])
    assert len(found) == 1, f"{row['text']!r}: {found}"
    q = found[0]
    assert q.kind == row["kind"]
    assert row["text"][q.start:q.end] == q.text  # the quote is the document's own text
    if row.get("value") is None:
        assert q.value is None
    else:
        assert q.value is not None and math.isclose(q.value, row["value"], rel_tol=1e-9), q
    if row["kind"] in ("amount", "blank"):
        assert q.currency == row.get("currency")
    if row["kind"] == "rate":
        assert q.per == row.get("per")
    if row["kind"] == "duration":
        assert q.unit == row.get("unit")


# ----------------------------------------------------------------------------- properties
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]


def _capital_below_10k(n: int) -> str:
    """0 < n < 10000 written in 大写, with 零 for skipped places."""
    s, zero = "", False
    for place in (3, 2, 1, 0):
        d = n // 10 ** place % 10
        if d == 0:
            zero = bool(s)
            continue
        if zero:
            s += "零"
            zero = False
        s += _DIGITS[d] + _UNITS[place]
    return s


def capital(n: int) -> str:
    """n (1 .. 10^12 - 1) in 大写 with 万 and 亿, the way a 合同 writes its amounts."""
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    s = ""
    for i, (v, unit) in enumerate(parts):
        if v == 0:
            continue
        if s and v < 1000:
            s += "零"
        s += _capital_below_10k(v) + unit
    return s


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_capital_numerals_parse_back(n):
    text = f"甲方应向乙方支付人民币{capital(n)}元整"
    (q,) = find_quantities(text)
    assert (q.kind, q.value, q.currency) == ("amount", n, "CNY"), (text, q)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿"]), st.sampled_from(["", "元", "人民币"]))
def test_wan_yi_forms_parse_back(n, scale, cur):
    value = n / 100  # 12.34万, 0.5亿 …
    figure = f"{value:g}"
    text = f"{cur}{figure}{scale}元" if cur == "人民币" else f"{figure}{scale}{cur}"
    (q,) = find_quantities(f"投资款为{text}")
    expected = value * (10**4 if scale == "万" else 10**8)
    assert q.kind == "amount" and math.isclose(q.value, expected, rel_tol=1e-9), (text, q)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**11), st.integers(min_value=0, max_value=99),
       st.sampled_from(["$", "US$", "USD ", "RMB ", "€", "£", "HK$"]))
def test_separated_figures_parse_back(whole, cents, symbol):
    text = f"a fee of {symbol}{whole:,}.{cents:02d} shall be paid"
    (q,) = find_quantities(text)
    assert q.kind == "amount" and math.isclose(q.value, whole + cents / 100, rel_tol=1e-12, abs_tol=1e-9), (text, q)
