"""Who is the creator? Rules are written with Chinese contracts' most common convention —
甲方 / Party A is the other side, 乙方 / Party B the creator. When a contract's preamble
shows the opposite (甲方（许可方）：林小雨，乙方（被许可方）：某某科技有限公司), the decider reads
the contract with the two labels swapped, so "归甲方所有" means "the creator keeps it".
Three-party deals (an investor 甲方, a company 乙方, the founder 丙方) swap 丙方 and 乙方.
Only the text the rules read is swapped; quotes always come from the original."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEAD_CHARS = 1500
# a party line: "甲方（许可方）：…", "许可方（甲方）：…", "Party A / 甲方: …", "乙方 / Party B：…"
_LABEL = re.compile(r"甲方|乙方|丙方|party\s+a\b|party\s+b\b|party\s+c\b", re.I)
_KEY = {"甲方": "a", "partya": "a", "乙方": "b", "partyb": "b", "丙方": "c", "partyc": "c"}
_CREATOR_CUES = re.compile(
    r"(?<!被)许可方|(?<!被)授权方|转让方|著作权人|权利人|作者|创作者|艺人|主播|达人|博主|设计师|画师|插画师|摄影师|导演|编剧|受托方|受托人|"
    r"身份证|个人|自然人|licensor|assignor|author|artist|creator|talent|influencer|designer|illustrator|photographer|"
    r"contractor|individual|passport|id\s+(?:card|no)", re.I)
_COUNTERPARTY_CUES = re.compile(
    r"有限公司|有限责任公司|股份|集团|公司|被许可方|被授权方|受让方|委托方|投资方|投资人|平台|经纪|MCN|传媒|科技|品牌方|"
    r"licensee|assignee|company|inc\b|ltd|llc|limited|corporation|investor|agency|platform|client|studio\s+ltd", re.I)


@dataclass(frozen=True)
class Roles:
    creator: str = "b"  # which label the creator carries: "a" (甲方), "b" (乙方) or "c" (丙方)
    evidence: list[str] = field(default_factory=list)


def _score(descr: str, pattern: re.Pattern[str]) -> int:
    return len(pattern.findall(descr))


def _party_descriptions(head: str) -> dict[str, str]:
    """For 甲方 (a) and 乙方 (b): the defining line and the lines under it, up to a blank line."""
    lines = head.splitlines()
    seen: dict[str, str] = {}
    for i, line in enumerate(lines):
        m = _LABEL.search(line)
        if not m or not re.search(r"[:：]", line[m.end():m.end() + 30]) or len(line) > 200:
            continue
        label = _KEY[re.sub(r"\s+", "", m.group(0).lower())]
        if label in seen:
            continue
        block = [line]
        for nxt in lines[i + 1:i + 4]:
            if not nxt.strip() or _LABEL.search(nxt):
                break
            block.append(nxt)
        seen[label] = " ".join(block)
    return seen


def detect_roles(text: str) -> Roles:
    """Which party label is the creator? 乙方 unless the preamble shows another label describing a
    person (身份证, 作者, 许可方…) while 乙方 is a company."""
    seen = _party_descriptions(text[:_HEAD_CHARS])
    if "b" not in seen:
        return Roles()
    margin = {k: _score(v, _CREATOR_CUES) - _score(v, _COUNTERPARTY_CUES) for k, v in seen.items()}
    best = max(margin, key=lambda k: (margin[k], k == "b"))
    if best != "b" and margin[best] > margin["b"] and _score(seen[best], _CREATOR_CUES) > 0:
        names = {"a": "甲方 / Party A", "b": "乙方 / Party B", "c": "丙方 / Party C"}
        return Roles(best, [f"{names[k]}: {v[:60]}" for k, v in sorted(seen.items())])
    return Roles()


_SWAP = re.compile(r"甲方|乙方|丙方|party\s+[abc]\b", re.I)
_ZH = {"a": "甲方", "b": "乙方", "c": "丙方"}
_EN = {"a": "Party A", "b": "Party B", "c": "Party C"}


def swap_parties(text: str, creator: str) -> str:
    """Exchange the creator's label with 乙方 / Party B (the label the rules take for the creator)."""
    if creator == "b":
        return text
    pair = {creator: "b", "b": creator}

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        key = _KEY[re.sub(r"\s+", "", tok.lower())]
        if key not in pair:
            return tok
        return (_ZH if "方" in tok else _EN)[pair[key]]

    return _SWAP.sub(repl, text)
