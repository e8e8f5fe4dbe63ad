"""Redaction before anything leaves the machine: party names (preamble and signature blocks),
18-digit 身份证 numbers, phone numbers, e-mail addresses, bank accounts and addresses become
stable placeholders ([PARTY_1], [ID_1], [PHONE_1], [EMAIL_1], [ACCOUNT_1], [ADDRESS_1]).

Numbers follow the first appearance in the document, so a clause that did not change in a
revised contract is redacted to the same text (and hits the cache). `restore` puts the values
back into what the model answered, so the report reads with the real names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEAD = 3000  # the preamble: where the parties are introduced
_TAIL = 3000  # the signature blocks

_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONES = [
    re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)"),  # Chinese mobile
    re.compile(r"(?<![\d-])(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}(?![\d-])"),  # Chinese landline
    re.compile(r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,4}){1,4}(?!\d)"),  # international
    re.compile(r"(?<!\d)\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)"),  # North American
]
_ACCOUNT_LABELLED = re.compile(
    r"(?:银行账号|账号|账户|帐号|卡号|(?:bank\s+)?account(?:\s+(?:no\.?|number|#))?|acct\.?\s*(?:no\.?)?|IBAN)\s*[:：]?\s*"
    r"([A-Z]{0,2}\d[\d\s-]{6,32}\d)", re.I)
_NUM_START, _NUM_END = r"(?<!\d)(?<!\d[.,])", r"(?!\d)(?![.,]\d)"  # not inside a longer number or amount
_ACCOUNT = re.compile(_NUM_START + r"(?:\d{4}(?:[\s-]?\d{4}){3}(?:[\s-]?\d{1,3})?|\d{16,19})" + _NUM_END)
_ADDRESS_LABELLED = re.compile(
    r"(?:通讯地址|联系地址|注册地址|经营地址|住所地|住所|住址|地址|registered\s+office|principal\s+office|address)"
    r"\s*[:：]\s*([^\n；;]{4,120})", re.I)
_ADDRESS_ZH = re.compile(r"[\u4e00-\u9fff]{2,8}(?:省|市|自治区)[\u4e00-\u9fff\d]{0,24}?(?:区|县|市|镇)"
                         r"[\u4e00-\u9fff\d]{0,24}?(?:路|街|道|巷|弄|村)[\d一二三四五六七八九十]+号"
                         r"(?:[\u4e00-\u9fff\d-]{0,16}?(?:室|楼|层|座|单元))?")
_ADDRESS_EN = re.compile(r"(?<![\w$])\d{1,5}\s+(?:[A-Z][A-Za-z.'-]*\s+){1,4}"
                         r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Ln\.|Drive|Dr\.|Way|Place|Court)"
                         r"(?:,\s*(?:Suite|Floor|Unit|Room)\s*[\w-]+)?(?:,\s*[A-Z][A-Za-z0-9 .'-]{1,30}){0,3}(?:,?\s*[A-Z]{2}\s+\d{5})?")

# who a line introduces: "甲方（投资方）：星耀文化传媒有限公司", "Party B: Jamie Lin", "Name: …"
_ZH_LABEL = re.compile(
    r"(?:甲方|乙方|丙方|丁方|许可方|被许可方|授权方|被授权方|转让方|受让方|委托方|受托方|出品方|投资方|经纪公司|艺人|作者|"
    r"法定代表人|负责人|联系人|代表人|签约人|担保人|姓名|名称)"
    r"(?:\s*[（(][^）)\n]{0,20}[）)])?\s*[:：]\s*([^\s，,。；;：:（(_＿/]{2,40})")
_EN_LABEL = re.compile(
    r"\b(?:Party\s+[ABC]|Licensor|Licensee|Assignor|Assignee|Company|Creator|Artist|Talent|Client|Contractor|"
    r"Investor|Founder|Agency|Agent|Manager|Name|Print\s+Name|Signed\s+by|By)\s*:\s*(?:/s/\s*)?"
    r"([A-Z][A-Za-z.&'’-]*(?:[ \t]+(?:[A-Z][A-Za-z.&'’-]*|of|and|&)){0,6})")
# a defined party: "Brightwave Media Capital Ltd. (the "Investor")", "Jamie Lin, an online video creator (the "Creator")"
_EN_DEFINED = re.compile(
    r"([A-Z][A-Za-z0-9.&'’-]*(?:[ \t]+(?:[A-Z][A-Za-z0-9.&'’-]*|of|and|&|de|van|von)){0,7})"
    r"(?:,(?:(?!\band\b)[^()\n]){0,80})?\s*\(\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?[\"“”']"
    r"([^\"“”'\n]{1,40})[\"“”']")
# a defined term names a party when it is a party's role, or the name is a company's
_ROLES = {
    "company", "investor", "creator", "artist", "founder", "licensor", "licensee", "client", "customer", "agency",
    "agent", "manager", "talent", "contractor", "consultant", "distributor", "supplier", "vendor", "buyer", "seller",
    "purchaser", "publisher", "author", "producer", "developer", "reseller", "franchisee", "franchisor", "employer",
    "employee", "executive", "partner", "sponsor", "provider", "recipient", "owner", "lender", "borrower",
    "guarantor", "member", "shareholder", "assignor", "assignee", "university", "institution", "endorser",
    "athlete", "influencer", "studio", "network", "platform", "operator", "manufacturer", "we", "us", "you",
    "landlord", "tenant", "lessor", "lessee", "principal", "representative", "service provider", "affiliate",
    "corporation", "adviser", "advisor", "bank", "trust", "fund", "issuer", "underwriter", "trustee", "lead agent",
    "sub-adviser", "administrator", "custodian", "contractor", "licensee", "user", "sponsor", "institute",
}
_CORP = re.compile(r"\b(?:inc|ltd|llc|l\.l\.c|corp|corporation|company|co|limited|gmbh|plc|l\.?p|s\.a|ag|n\.v|b\.v|"
                   r"pte|pty|holdings?|group)\.?$", re.I)
_ADDRESS_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "way", "place",
                  "court", "floor", "suite", "unit", "room", "building", "tower", "plaza", "park", "square"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_TRAILING = re.compile(r"(?:\s+(?:Name|By|Signed|Title|Date|Its|Signature))+$")
_GENERIC = {
    "the", "this", "that", "agreement", "contract", "party", "parties", "company", "creator", "artist", "investor",
    "founder", "licensor", "licensee", "client", "agency", "name", "title", "date", "by", "signed", "and", "of",
    "inc", "ltd", "llc", "effective", "between", "whereas", "now", "therefore", "section", "article", "exhibit",
    "schedule", "appendix", "a", "an", "each", "any", "all", "such", "its", "his", "her", "their", "it", "mr", "ms",
    "dr", "witness", "whereof", "services", "term", "terms", "agent", "manager", "talent", "contractor", "print",
}
_ZH_GENERIC = {"甲方", "乙方", "丙方", "盖章", "签字", "签章", "公章", "日期", "年月日", "本人", "双方", "委托方", "受托方"}

KINDS = ("PARTY", "ID", "PHONE", "EMAIL", "ACCOUNT", "ADDRESS")
_PLACEHOLDER = re.compile(r"\[(" + "|".join(KINDS) + r")_(\d+)\]")


def _names(text: str) -> list[tuple[int, str]]:
    head, tail_at = text[:_HEAD], max(0, len(text) - _TAIL)
    found: list[tuple[int, str]] = []
    for base, part in ((0, head), (tail_at, text[tail_at:])):
        for m in _ZH_LABEL.finditer(part):
            value = m.group(1).strip()
            if value not in _ZH_GENERIC and not re.fullmatch(r"[\d\W_]+", value):
                found.append((base + m.start(1), value))
        for m in _EN_LABEL.finditer(part):
            found.append((base + m.start(1), m.group(1)))
    for m in _EN_DEFINED.finditer(head):
        name, term = m.group(1), m.group(2).strip()
        if term.lower() in _ROLES or _CORP.search(name.strip(" ,;:")):
            found.append((m.start(1), name))
            if term.lower() not in _ROLES and re.fullmatch(r"[A-Z][\w&'’.-]{2,}", term):
                found.append((m.start(2), term))  # the short name the contract uses for the company
    out = []
    for at, value in found:
        value = _TRAILING.sub("", value.strip(" \t,;:")).strip(" \t,;:")
        if value.lower().endswith((" ltd", " inc", " co", " corp", " l.l.c", " s.a")) and value + "." in text:
            value += "."
        words = re.findall(r"[A-Za-z]+", value.lower())
        if words and (all(w in _GENERIC | _MONTHS for w in words) or words[-1] in _ADDRESS_WORDS
                      or words[0] == "this" or "agreement" in words):
            continue
        if len(value) < 2 or (words and len(value) < 3):
            continue
        out.append((at, value))
    return out


@dataclass
class Redactor:
    """Placeholders for one document: value -> placeholder, and back."""

    values: dict[str, str] = field(default_factory=dict)  # placeholder -> original value
    _pattern: re.Pattern[str] | None = None
    _lookup: dict[str, str] = field(default_factory=dict)  # whitespace-normalised value -> placeholder

    @classmethod
    def for_document(cls, text: str) -> "Redactor":
        spans: list[tuple[int, str, str]] = [(at, "PARTY", v) for at, v in _names(text)]
        spans += [(m.start(), "ID", m.group(0)) for m in _ID.finditer(text)]
        spans += [(m.start(), "EMAIL", m.group(0)) for m in _EMAIL.finditer(text)]
        ids = {v for _, k, v in spans if k == "ID"}
        for rx in _PHONES:
            spans += [(m.start(), "PHONE", m.group(0).strip()) for m in rx.finditer(text)
                      if not any(m.group(0) in i for i in ids)]
        spans += [(m.start(1), "ACCOUNT", m.group(1).strip()) for m in _ACCOUNT_LABELLED.finditer(text)]
        spans += [(m.start(), "ACCOUNT", m.group(0)) for m in _ACCOUNT.finditer(text)
                  if not any(m.group(0) in i for i in ids)]
        spans += [(m.start(1), "ADDRESS", m.group(1).strip()) for m in _ADDRESS_LABELLED.finditer(text)
                  if re.search(r"\d|[省市区县路街道巷号]", m.group(1))]  # an address, not "Notice Address: TBD"
        spans += [(m.start(), "ADDRESS", m.group(0).strip()) for rx in (_ADDRESS_ZH, _ADDRESS_EN)
                  for m in rx.finditer(text)]
        r = cls()
        counters = dict.fromkeys(KINDS, 0)
        for _, kind, value in sorted(spans, key=lambda s: s[0]):
            key = _norm(value)
            if len(key) < 2 or key in r._lookup:
                continue
            counters[kind] += 1
            ph = f"[{kind}_{counters[kind]}]"
            r.values[ph] = value
            r._lookup[key] = ph
        if r._lookup:
            alts = sorted(r._lookup, key=len, reverse=True)
            r._pattern = re.compile("|".join(r"\s+".join(map(re.escape, k.split(" "))) for k in alts))
        return r

    def redact(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._lookup.get(_norm(m.group(0)), m.group(0)), text)

    def restore(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.values.get(m.group(0), m.group(0)), text)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for ph in self.values:
            kind = ph[1:].split("_")[0]
            out[kind] = out.get(kind, 0) + 1
        return out


def _norm(value: str) -> str:
    return " ".join(value.split())
