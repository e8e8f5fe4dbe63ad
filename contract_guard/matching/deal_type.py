"""What kind of agreement is this? investment / ip / agency / commission / general.

Keyword evidence, weighted three times in the title area (the first lines), decides; the
type with the most evidence wins when it has enough, otherwise "general". The evidence
terms go into the report so a reader can see why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_F = re.IGNORECASE
SIGNALS: dict[str, list[str]] = {
    "investment": [
        r"投资协议", r"增资(?:扩股)?协议", r"融资", r"股权转让", r"投资款", r"投资方", r"投资人", r"估值", r"对赌", r"回购",
        r"\binvestment agreement\b", r"\bshare subscription\b", r"\bsubscription agreement\b", r"\bterm sheet\b",
        r"\binvestors?\b", r"\bpre-money\b", r"\bvaluation\b", r"\bequity\b", r"\bseries [a-c]\b", r"\bshareholders'? agreement\b",
    ],
    "agency": [
        r"经纪", r"\bMCN\b", r"主播", r"艺人", r"直播", r"网红", r"孵化", r"达人",
        r"\btalent\b", r"\bmanagement agreement\b", r"\bartist management\b", r"\bagency agreement\b", r"\binfluencer\b",
        r"\blive[- ]?stream", r"\bcreator (?:network|management)\b",
    ],
    "commission": [
        r"委托创作", r"委托设计", r"定制", r"设计服务", r"外包", r"制作合同", r"委托制作", r"稿费", r"验收",
        r"\bcommission(?:ed|ing)?\b", r"\bwork made for hire\b", r"\bstatement of work\b", r"\bfreelance", r"\bdeliverables?\b",
        r"\bservices agreement\b", r"\bdevelopment agreement\b",
    ],
    "ip": [
        r"授权(?:合作)?(?:协议|合同)", r"许可(?:使用)?(?:协议|合同)", r"使用授权", r"授权使用", r"许可使用", r"著作权转让", r"版权转让", r"版权许可", r"著作权许可", r"IP授权", r"肖像权", r"买断",
        r"\blicen[cs]e agreement\b", r"\bcontent licen[cs]e\b", r"\bcopyright assignment\b", r"\bassignment of (?:copyright|rights)\b",
        r"\blicensee\b", r"\blicensor\b", r"\broyalt(?:y|ies)\b", r"\bintellectual property agreement\b",
        r"版权经营", r"版权代理", r"词曲", r"签约作品", r"音乐作品", r"出版合同", r"出版协议", r"唱片",
        r"\bpublishing agreement\b", r"\bsongwriter\b", r"\brecording agreement\b", r"\bpublisher\b",
    ],
}
_COMPILED = {k: [re.compile(p, _F) for p in v] for k, v in SIGNALS.items()}
TITLE_CHARS = 400
MIN_SCORE = 4


@dataclass(frozen=True)
class DealType:
    kind: str
    evidence: list[str]
    scores: dict[str, int]


def detect_deal_type(text: str) -> DealType:
    title = text[:TITLE_CHARS]
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    for kind, pats in _COMPILED.items():
        score, ev = 0, []
        for p in pats:
            in_title = p.search(title)
            n = len(p.findall(text))
            if n:
                score += min(n, 5) + (6 if in_title else 0)
                ev.append(p.search(text).group(0))
        scores[kind], evidence[kind] = score, ev
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < MIN_SCORE:
        return DealType("general", [], scores)
    return DealType(best, evidence[best][:6], scores)
