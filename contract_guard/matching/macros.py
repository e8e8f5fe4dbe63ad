"""Named regex fragments that pattern rules use as `{NAME}`, so the library's YAML stays readable
and every pattern agrees on who "the other side" and "the creator" are."""
from __future__ import annotations

import re

MACROS: dict[str, str] = {
    # the other side of a creator's deal
    "CP": (
        r"(?:the\s+)?(?:company|investors?|licensee|agency|agent|management|manager|client|customer|purchaser|buyer|"
        r"producer|studio|platform|publisher|distributor|brand|sponsor|assignee|commissioner|network|mcn|party\s+a|"
        r"\bwe\b|\bus\b|甲方|投资方|投资人|投资者|公司|平台|经纪公司|经纪方|委托方|受让方|被许可方|品牌方|出品方|制片方|机构|丙方|我方|我们|本公司)"
    ),
    # the creator / founder / talent
    "CREATOR": (
        r"(?:the\s+)?(?:creators?|artists?|authors?|talent|influencer|designer|founders?|contractor|licensor|"
        r"consultant|performer|writer|director|illustrator|streamer|photographer|assignor|party\s+b|"
        r"\byou\b|乙方|创作者|艺人|作者|主播|达人|创始人|受托方|受托人|转让方|(?<!被)许可方|设计师|博主|导演|你方|你|您)"
    ),
    "IP": (
        r"(?:intellectual\s+property|copyrights?|ip\b|works?\b|work\s+product|deliverables|content|materials|"
        r"creations?|inventions?|trade\s?marks?|patents?|rights?\s+in\s+(?:and\s+to\s+)?the|"
        r"著作权|版权|知识产权|作品|成果|创作|内容|素材|商标|专利|IP)"
    ),
    "FUTURE": (
        r"(?:future|hereafter|thereafter|subsequent(?:ly)?|later|during\s+the\s+term|from\s+time\s+to\s+time|"
        r"whether\s+(?:now\s+)?(?:existing|known)|now\s+or\s+(?:hereafter|in\s+the\s+future)|to\s+be\s+created|"
        r"将来|未来|今后|此后|以后|存续期|合同期|合作期|期间内?创作|之后创作)"
    ),
    "MONEY": r"(?:\$|usd|us\$|rmb|cny|¥|￥|eur|€|£|gbp|dollars?|yuan|元|万元|人民币)",
    "SHALL": r"(?:shall|will|must|agrees?\s+to|undertakes?\s+to|is\s+required\s+to|hereby)",
}

_MACRO_RE = re.compile(r"\{([A-Z_]+)\}")


def expand(regex: str) -> str:
    """Replace `{NAME}` by its fragment; unknown names are left for the regex compiler to reject."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        return MACROS.get(name, m.group(0))

    return _MACRO_RE.sub(sub, regex)
