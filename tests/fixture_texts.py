"""Contract texts the test fixtures are built from (and other tests can scan for findings).

`EN_CONTRACT` and `ZH_CONTRACT` are lists of pages; each page is a list of printed lines
(short enough to fit an A4 line, so every line below is one line of the PDF). Both are
deliberately one-sided creator deals: an "investment and cooperation" agreement in which
the creator assigns all copyright including future works, gives away name and likeness,
accepts huge liquidated damages, a performance buyback and a founder's personal
(joint and several) guarantee.

`DOCX_PARAGRAPHS_BEFORE`, `DOCX_TABLE`, `DOCX_PARAGRAPHS_AFTER` make the DOCX fixture
(paragraphs, then a fee table, then more paragraphs).
"""
from __future__ import annotations

EN_CONTRACT: list[list[str]] = [
    [
        "CREATOR INVESTMENT AND COOPERATION AGREEMENT",
        "",
        "This Agreement is made on 1 March 2026 between:",
        "(1) Brightwave Media Capital Ltd. (the \"Investor\"); and",
        "(2) Jamie Lin, an online video creator (the \"Creator\"); and",
        "(3) Alex Lin, founder of the Creator's studio (the \"Founder\").",
        "",
        "1. Grant of Rights",
        "1.1 The Creator hereby irrevocably assigns to the Investor all right, title and",
        "interest, including all copyright, in every work the Creator has created before",
        "the date of this Agreement, for no additional consideration.",
        "1.2 All works created by the Creator during the Term and for five (5) years after",
        "the Term, including future works, shall vest in and belong to the Investor.",
        "1.3 The Creator grants the Investor the exclusive, perpetual, worldwide right to",
        "use the Creator's name, likeness, voice and biography in any media.",
        "1.4 The Creator waives all moral rights in the works to the extent permitted.",
        "",
        "2. Investment and Revenue",
        "2.1 The Investor shall pay an investment of USD 200,000 in two installments.",
        "2.2 The Investor shall receive seventy percent (70%) of all revenue from the",
        "Creator's channels, sponsorships and merchandise during the Term.",
        "",
        "3. Exclusivity and Term",
        "3.1 The Term is ten (10) years and renews automatically for further five-year",
        "periods unless the Investor gives notice of non-renewal.",
        "3.2 The Creator shall not publish any content on any platform without the",
        "Investor's prior written consent.",
    ],
    [
        "4. Performance Targets and Buyback",
        "4.1 If the Creator fails to reach 1,000,000 followers within 24 months, the",
        "Investor may require the Creator and the Founder to repurchase the Investor's",
        "interest at the investment amount plus fifteen percent (15%) annual interest.",
        "4.2 The Founder personally guarantees all obligations of the Creator and is",
        "jointly and severally liable with the Creator for every payment due.",
        "",
        "5. Liquidated Damages",
        "5.1 If the Creator breaches any provision of this Agreement, the Creator shall",
        "pay liquidated damages of USD 5,000,000 or five times all amounts received,",
        "whichever is higher.",
        "",
        "6. Termination",
        "6.1 The Investor may terminate this Agreement at any time on seven days' notice.",
        "6.2 The Creator may not terminate this Agreement for any reason.",
        "",
        "7. Confidentiality",
        "7.1 The Creator shall keep the terms of this Agreement strictly confidential.",
        "",
        "8. Governing Law and Disputes",
        "8.1 Disputes shall be resolved by arbitration in the Investor's home city.",
        "",
        "Signed by the Investor: ____________    Signed by the Creator: ____________",
        "Signed by the Founder: ____________",
    ],
]

ZH_CONTRACT: list[list[str]] = [
    [
        "内容创作者投资合作协议",
        "",
        "甲方（投资方）：星耀文化传媒有限公司",
        "乙方（创作者）：林小雨",
        "丙方（创始人、担保人）：林大山",
        "",
        "第一条 著作权转让",
        "乙方同意将其在本协议签订前创作的全部作品的著作权",
        "（包括但不限于复制权、信息网络传播权、改编权）",
        "无偿、永久、不可撤销地转让给甲方。",
        "第二条 未来作品",
        "合作期间及合作期满后三年内乙方创作的全部作品，",
        "其著作权自创作完成之日起归甲方所有。",
        "第三条 肖像权与姓名权",
        "乙方授权甲方在全球范围内永久、独家、无偿使用",
        "乙方的肖像、姓名、声音及个人形象。",
        "第四条 投资款与收益分配",
        "甲方向乙方支付投资款人民币壹佰万元（￥1,000,000）。",
        "合作期间乙方全部收入的百分之七十归甲方所有。",
        "第五条 独家合作",
        "未经甲方书面同意，乙方不得在任何平台发布作品。",
    ],
    [
        "第六条 业绩对赌与回购",
        "如乙方在二十四个月内粉丝数未达到一百万，",
        "甲方有权要求乙方及丙方按投资款加年化百分之十五",
        "的利息回购甲方的全部权益。",
        "第七条 连带责任",
        "丙方对乙方在本协议项下的全部义务承担连带保证责任。",
        "第八条 违约金",
        "乙方违反本协议任何条款的，应向甲方支付违约金",
        "人民币伍佰万元（￥5,000,000）。",
        "第九条 协议解除",
        "甲方可随时单方解除本协议，乙方无权解除本协议。",
        "第十条 争议解决",
        "因本协议产生的争议，提交甲方所在地仲裁委员会仲裁。",
        "",
        "甲方（盖章）：__________  乙方（签字）：__________",
        "丙方（签字）：__________",
    ],
]

DOCX_TITLE = "Talent Management Agreement"
DOCX_PARAGRAPHS_BEFORE: list[str] = [
    "This Talent Management Agreement is made between Starlight Talent Agency LLC "
    "(the \"Agency\") and River Chen (the \"Artist\").",
    "1. Appointment. The Artist appoints the Agency as exclusive manager worldwide for a "
    "term of seven (7) years.",
    "2. Commission. The Agency shall receive fifty percent (50%) of all gross income of the "
    "Artist, including income from engagements the Agency did not procure.",
    "3. Fees. The fees payable under this Agreement are set out in the table below.",
]
DOCX_TABLE: list[list[str]] = [
    ["Item", "Amount"],
    ["Signing fee", "USD 50,000"],
    ["Liquidated damages for early termination", "USD 1,000,000"],
]
DOCX_PARAGRAPHS_AFTER: list[str] = [
    "4. Intellectual Property. All content created by the Artist during the term shall be "
    "owned by the Agency.",
    "5. Termination. The Artist may not terminate this Agreement before the end of the term.",
]


def page_text(lines: list[str]) -> str:
    """The lines of one page joined the way the readers join lines."""
    return "\n".join(lines)
