"""Who is the creator? Rules are written with Chinese contracts' most common convention —
甲方 / Party A is the other side, 乙方 / Party B the creator. When a contract's preamble
shows the opposite (甲方（许可方）：林小雨，乙方（被许可方）：某某科技有限公司), the decider reads
the contract with the two labels swapped, so "归甲方所有" means "the creator keeps it".
Only the text the rules read is swapped; quotes always come from the original."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEAD_CHARS = 1500
# a party line: "甲方（许可方）：…", "许可方（甲方）：…", "Party A / 甲方: …", "乙方 / Party B：…"
_LABEL = re.compile(r"甲方|乙方|party\s+a\b|party\s+b\b", re.I)
_CREATOR_CUES = re.compile(
    r"(?<!被)许可方|(?<!被)授权方|转让方|著作权人|权利人|作者|创作者|艺人|主播|达人|博主|设计师|画师|插画师|摄影师|导演|编剧|受托方|受托人|"
    r"身份证|个人|自然人|licensor|assignor|author|artist|creator|talent|influencer|designer|illustrator|photographer|"
    r"contractor|individual|passport|id\s+(?:card|no)", re.I)
_COUNTERPARTY_CUES = re.compile(
    r"有限公司|有限责任公司|股份|集团|公司|被许可方|被授权方|受让方|委托方|投资方|投资人|平台|经纪|MCN|传媒|科技|品牌方|"
    r"licensee|assignee|company|inc\b|ltd|llc|limited|corporation|investor|agency|platform|client|studio\s+ltd", re.I)


@dataclass(frozen=True)
class Roles:
    swap: bool = False
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
        label = "a" if m.group(0).lower().replace(" ", "") in ("甲方", "partya") else "b"
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
    seen = _party_descriptions(text[:_HEAD_CHARS])
    if "a" not in seen or "b" not in seen:
        return Roles()
    a_creator, b_creator = _score(seen["a"], _CREATOR_CUES), _score(seen["b"], _CREATOR_CUES)
    a_cp, b_cp = _score(seen["a"], _COUNTERPARTY_CUES), _score(seen["b"], _COUNTERPARTY_CUES)
    if (a_creator - a_cp) > (b_creator - b_cp) and a_creator > 0:
        return Roles(True, [f"甲方 / Party A: {seen['a'][:60]}", f"乙方 / Party B: {seen['b'][:60]}"])
    return Roles()


_SWAP = re.compile(r"甲方|乙方|party\s+a\b|party\s+b\b", re.I)


def swap_parties(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        return {"甲方": "乙方", "乙方": "甲方"}.get(s) or ("Party B" if s.lower().endswith("a") else "Party A")

    return _SWAP.sub(repl, text)
