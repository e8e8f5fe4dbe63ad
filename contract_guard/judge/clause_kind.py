"""Is this piece of text a clause at all? Only clauses are judged.

Real contracts carry much that is not a term: headings ("（三）著作权归属：", "5. Intellectual
Property"), field labels ("签约日期：＿＿＿", "Fee: $[amount]"), blanks and form-filling
instructions ("【请填写】", "[insert date]"), notes to the reader ("说明：本条适用于……",
"Note to draft: …"), tables of contents, table borders and signature blocks. Reading
"（三）著作权归属：" as an assignment is how fair contracts came out critical.

`clause_kind(text)` names the kind with the reason; `is_clause` is what the engine asks.
A clause whose risk hangs on a blank ("违约金为＿＿元") is still a clause, but
`has_blank` tells the judge that the amount is not yet written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import PLACEHOLDER

_BLANK = re.compile(r"[_＿]{3,}|\[\s*(?:amount|date|name|insert[^\]]*|[x×]+|●|\s*)\s*\]|【[^】]{0,12}(?:填写|填入|空白|金额|日期)[^】]{0,6}】|"
                    r"（\s*(?:填写|空白)\s*）|\(\s*blank\s*\)|\$\s*\[|\bXX+\b|[×Ｘ]{2,}|…{2,}|\.{6,}", re.I)
# a template's placeholder is a blank where it stands for a number, a date or a term ("{{ TERMS_OF_YEARS }}",
# "${commission_rate}"); "{{ product_channel.name }}" names a party, which the risk does not hang on
_NUMERIC_NAME = re.compile(r"amount|total|fee|price|rate|percent|commission|sum|penalt|damages|date|term|year|month|day|"
                           r"period|duration|deadline|金额|费用|价款|比例|日期|期限|年限", re.I)
_INSTRUCTION = re.compile(r"^\s*(?:[【\[(（]?\s*)(?:说明|注|备注|填写说明|使用说明|提示|编者按|特别提示|note(?:s)?(?:\s+to\s+(?:draft|drafter|reader|user))?|"
                          r"instructions?|drafting\s+note|explanatory\s+note|guidance|comment(?:ary)?)\s*[:：】\])）]", re.I)
_SIGNATURE = re.compile(r"(?:签字|签章|盖章|签名|法定代表人|授权代表|委托代理人|日期|signature|signed|by:\s*_|name:|title:|date:|"
                        r"in witness whereof|以下无正文|本页无正文|签署页|(?:甲|乙|丙)方[（(]?(?:盖章|签字|签章)?[)）]?\s*[:：])", re.I)
_TOC = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\d+\s*$|^\s*(?:目\s*录|table of contents|contents)\s*$", re.I | re.M)
_TABLE_BORDER = re.compile(r"^[\s|+\-=─━│┃┼╋┌┐└┘├┤┬┴:]+$")
# a sentence-like statement: a verb of obligation, permission or transfer, or a finished sentence
_OPERATIVE = re.compile(
    r"\b(?:shall|will|may|must|agrees?|grants?|assigns?|warrants?|represents?|acknowledges?|is|are|be|has|have|owns?|"
    r"retains?|pays?|terminates?|licenses?|waives?)\b|"
    r"应|须|得|可以|有权|无权|同意|授予|授权|许可|转让|归|享有|承担|支付|不得|负责|保证|约定|视为|终止|解除|赔偿|放弃|属于|所有",
    re.I)
_FIELD = re.compile(r"^[^:：。.;；]{1,24}[:：]\s*(?:[_＿\s.\[\]【】（）()A-Za-z0-9年月日元$¥￥,，%-]{0,40})$")


_SMALL = frozenset("a an and or of the to for in on by with at as its from upon under".split())


@dataclass(frozen=True)
class ClauseKind:
    kind: str  # clause | heading | label | blank | instruction | signature | toc | table
    reason: str

    @property
    def is_clause(self) -> bool:
        return self.kind == "clause"


def _strip_number(s: str) -> str:
    return re.sub(r"^\s*(?:第\s*[0-9一二三四五六七八九十百零〇两]+\s*[条章节款]|[（(]?[0-9一二三四五六七八九十]+[)）.、．]|"
                  r"(?:section|article|clause)\s+[0-9ivxlc.]+|[0-9]{1,3}(?:\.[0-9]{1,3}){0,4}\.?)\s*", "", s, flags=re.I)


def clause_kind(text: str) -> ClauseKind:
    s = text.strip()
    body = _strip_number(s)
    lines = [ln.strip() for ln in s.splitlines() if ln.strip()]
    if not body:
        return ClauseKind("heading", "only a number")
    if lines and all(_TABLE_BORDER.match(ln) for ln in lines):
        return ClauseKind("table", "table border")
    if _TOC.search(s) and len(re.findall(r"\d+\s*$", s, re.M)) >= max(1, len(lines) // 2):
        return ClauseKind("toc", "table of contents")
    sig_lines = sum(1 for ln in lines if _SIGNATURE.search(ln))
    if (len(lines) >= 2 or re.search(r"in witness|以下无正文|本页无正文|签署页", s, re.I)) \
            and sig_lines >= max(1, (len(lines) + 1) // 2) and len(body) < 400 and not re.search(r"[。；;]\s*\S", body):
        return ClauseKind("signature", "signature block")
    if lines and all(ln.startswith("|") and ln.endswith("|") for ln in lines) and \
            all(len(c.strip()) < 30 for ln in lines for c in ln.strip("|").split("|")):
        return ClauseKind("table", "rows of a table of short cells")
    if _INSTRUCTION.match(body) or _INSTRUCTION.match(s):
        return ClauseKind("instruction", "a note or instruction to the reader, not a term")
    operative = _OPERATIVE.search(body)
    short = len(body) <= (30 if re.search(r"[\u4e00-\u9fff]", body) else 90)
    if short and body.rstrip().endswith((":", "：")) and not re.search(r"[。；;]", body[:-1]):
        return ClauseKind("heading", "a heading or lead-in ending with a colon")
    if _FIELD.match(body) and (not operative or has_blank(body)):
        return ClauseKind("label", "a form field (label and value)")
    if has_blank(body):
        words = _without_blanks(body)
        if len(re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]", words)) < 6:
            return ClauseKind("blank", "a blank to fill in")
    unfinished = not re.search(r"[。；;.!?！？]\s*$", body)
    if short and not operative and unfinished:
        return ClauseKind("heading", "a short title without a verb")
    cjk_title = len(body) <= 14 and not re.search(r"[，。；,;：:]", body) and re.search(r"[\u4e00-\u9fff]", body)
    words = re.findall(r"[A-Za-z][A-Za-z'&-]*", body)
    en_title = (not re.search(r"[\u4e00-\u9fff]", body) and 0 < len(words) <= 8 and unfinished
                and sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL) == len(words))
    if cjk_title or en_title:
        return ClauseKind("heading", "a title line")
    return ClauseKind("clause", "a term of the contract")


def has_blank(text: str) -> bool:
    """The clause leaves something to fill in (an amount, a date, a name)."""
    return bool(_BLANK.search(text)) or any(_NUMERIC_NAME.search(m.group()) for m in PLACEHOLDER.finditer(text))


def _without_blanks(text: str) -> str:
    text = PLACEHOLDER.sub(lambda m: "" if _NUMERIC_NAME.search(m.group()) else m.group(), text)
    return _BLANK.sub("", text)
