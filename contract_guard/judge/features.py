"""What the learned decision layer sees of a clause: its words and the rules' evidence.

Two blocks, side by side in one sparse row:
- **words**: TF-IDF over English word 1–2-grams and Chinese character 1–3-grams of the clause
  as the rules read it (NFKC, the creator's label swapped to 乙方 / Party B), and the words of
  the heading of its section, marked `h:`;
- **evidence**: which concepts and CUAD categories the rules raised on the clause, whether a
  rule's own context made it a note (mutual term, a duty on the other side), the clause kind
  (clause / heading / blank …), carve-outs ("except", "provided that", "除……外"), negation,
  a transfer that waits for full payment ("conditioned upon full payment", "甲方付清全部款项后"),
  a blank, the deal type and the language.

Lexical features carry precision; the rule evidence carries what a bag of words cannot
(polarity, who holds the right, whom a duty binds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from ..text_norm import normalise

_LATIN_WORD = re.compile(r"[a-z][a-z'-]{1,}|[0-9]+%?")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CARVE_OUT = re.compile(r"\bexcept\b|\bexcluding\b|\bprovided(?:,)?\s+(?:however,?\s+)?that\b|\bother than\b|\bunless\b|"
                        r"\bremains?\s+(?:yours|the property of)|\bnotwithstanding\b|除[^。；]{0,40}外|但[^。；]{0,6}除外|"
                        r"不包括|不含|以[^。；]{0,12}为限|仅限于|仅用于|为限", re.I)
_NEGATION = re.compile(r"\b(?:shall|will|may|must|can|does|do|is|are|has|have)\s+not\b|\bcannot\b|\bnever\b|"
                       r"\bno\s+(?:right|obligation|personal|liability|guarantee|claim|fee|royalt)|\bneither\b|\bhas\s+no\b|"
                       r"不得|无权|不享有|不承担|不负|无需|无须|不会|禁止|不因|不设置|不设|不存在|没有|并无|不再|不包括|不适用|不构成", re.I)
# the rights pass, or the use is allowed, only once the creator is paid in full: the counter-clause's own
# condition ("expressly conditioned upon full payment of all fees", "甲方付清全部款项后")
_PAID_FIRST = re.compile(r"\b(?:conditioned|conditional|contingent)\s+(?:up)?on\s+(?:the\s+)?(?:receipt\s+of\s+)?(?:full|complete|final)\s+payment|"
                         r"\bsubject\s+to\s+(?:the\s+)?(?:receipt\s+of\s+)?(?:full|complete|final)\s+payment|"
                         r"\b(?:upon|after|following)\s+(?:the\s+)?(?:receipt\s+of\s+|completion\s+of\s+)?(?:full|complete|final)\s+payment|"
                         r"\b(?:only\s+)?(?:once|when|after)\s+(?:all\s+)?(?:fees|sums|amounts)\s+(?:due\s+)?(?:have\s+been|are)\s+paid\s+in\s+full|"
                         r"甲方(?:已)?(?:付清|结清|全额支付|支付完毕)[^。；]{0,12}(?:后|之日|为条件|前提)|"
                         r"(?:付清|结清)(?:全部|全额|所有)?(?:款项|费用|价款|报酬|合同款)(?:的|[^。；]{0,6}(?:后|之日|为条件|前提|前))", re.I)
_AMOUNT = re.compile(r"[0-9]|[一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+\s*(?:元|倍|%|万)", re.I)

EVIDENCE_WEIGHT = 2.0  # rule evidence is scaled so that regularisation does not drown it


def analyse_text(text: str) -> list[str]:
    """Tokens for TF-IDF: English words and their bigrams, Chinese characters and their 2-/3-grams."""
    low = text.lower()
    out: list[str] = []
    words = _LATIN_WORD.findall(low)
    out.extend(words)
    out.extend(f"{a} {b}" for a, b in zip(words, words[1:]))
    for run in _CJK_RUN.findall(low):
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
        out.extend(run[i:i + 3] for i in range(len(run) - 2))
    return out


@dataclass
class UnitEvidence:
    """One clause as the judge sees it (built by the engine, at run time and in training)."""

    text: str  # normalised, parties swapped so that 乙方 / Party B is the creator
    kind: str = "clause"
    lang: str = "en"
    deal_type: str = "general"
    rule_concepts: dict[str, str] = field(default_factory=dict)  # concept -> "risk" | "note"
    rule_cuad: set[str] = field(default_factory=set)
    blank: bool = False
    heading: str = ""  # the heading of the section the clause stands under ("Section 9. Insurance", "第五条 违约责任")

    @property
    def carve_out(self) -> bool:
        """An exception narrows the clause ("except", "provided that", "除……外", "以……为限")."""
        return bool(_CARVE_OUT.search(self.text))

    @property
    def paid_first(self) -> bool:
        """The rights pass, or the use is allowed, only once the creator is paid in full."""
        return bool(_PAID_FIRST.search(self.text))

    @property
    def negated(self) -> bool:
        """The clause denies something ("shall not", "does not guarantee", "不因本条承担")."""
        return bool(_NEGATION.search(self.text))

    def evidence(self) -> dict[str, float]:
        f: dict[str, float] = {f"kind={self.kind}": 1.0, f"lang={self.lang}": 1.0, f"deal={self.deal_type}": 1.0}
        carve, neg, paid = self.carve_out, self.negated, self.paid_first
        for concept, how in self.rule_concepts.items():
            f[f"rule:{concept}"] = 1.0
            f[f"rule:{concept}&{self.lang}"] = 1.0
            if how == "note":
                f[f"note:{concept}"] = 1.0
            if carve:
                f[f"rule:{concept}&carve_out"] = 1.0
            if neg:
                f[f"rule:{concept}&negation"] = 1.0
            if paid:
                f[f"rule:{concept}&paid_first"] = 1.0
        for cat in self.rule_cuad:
            f[f"rulecuad:{cat}"] = 1.0
        if self.rule_concepts:
            f["rule:any"] = 1.0
        if carve:
            f["carve_out"] = 1.0
        if neg:
            f["negation"] = 1.0
        if paid:
            f["paid_first"] = 1.0
        if self.blank:
            f["blank"] = 1.0
        if _AMOUNT.search(self.text):
            f["amount"] = 1.0
        n = len(self.text)
        f[f"len={'xs' if n < 40 else 's' if n < 120 else 'm' if n < 400 else 'l'}"] = 1.0
        return f


def unit_tokens(unit: "UnitEvidence | str") -> list[str]:
    """A clause's tokens, and its section heading's words marked "h:" (a heading says what a section is
    about — "Insurance", "Definitions", "违约责任" — where its clauses may not repeat it)."""
    if isinstance(unit, str):
        return analyse_text(unit)
    out = analyse_text(unit.text)
    if unit.heading:
        low = unit.heading.lower()
        out.extend(f"h:{w}" for w in _LATIN_WORD.findall(low) if not w[0].isdigit())
        for run in _CJK_RUN.findall(low):
            out.extend(f"h:{run[i:i + 2]}" for i in range(len(run) - 1))
    return out


def prepare(text: str) -> str:
    return normalise(text)


class Featurizer:
    """TF-IDF words plus the evidence block. Fitted with scikit-learn in training; at run time it is
    plain arrays (vocabulary, idf, evidence names), so screening needs no scikit-learn and the model
    file holds no pickled code."""

    def __init__(self, max_features: int = 60000) -> None:
        self.max_features = max_features
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)
        self.evidence_names: dict[str, int] = {}

    def fit(self, units: list[UnitEvidence]) -> "Featurizer":
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = TfidfVectorizer(analyzer=unit_tokens, min_df=2, max_features=self.max_features,
                                sublinear_tf=True, dtype=np.float32).fit(units)
        self.vocabulary = {t: int(i) for t, i in tfidf.vocabulary_.items()}
        self.idf = tfidf.idf_.astype(np.float32)
        names = sorted({k for u in units for k in u.evidence()})
        self.evidence_names = {k: i for i, k in enumerate(names)}
        return self

    @property
    def width(self) -> int:
        return len(self.vocabulary) + len(self.evidence_names)

    def words(self, items: "list[str] | list[UnitEvidence]") -> sparse.csr_matrix:
        """Sublinear TF × IDF, L2-normalised rows (what TfidfVectorizer computes), of texts or clauses."""
        rows, cols, vals = [], [], []
        for r, item in enumerate(items):
            counts: dict[int, int] = {}
            for tok in unit_tokens(item):
                j = self.vocabulary.get(tok)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            js = np.fromiter(counts.keys(), dtype=np.int64)
            v = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[js]
            v /= max(float(np.sqrt((v * v).sum())), 1e-12)
            rows.extend([r] * len(js))
            cols.extend(js.tolist())
            vals.extend(v.tolist())
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(items), len(self.vocabulary)), dtype=np.float32)

    def transform(self, units: list[UnitEvidence]) -> sparse.csr_matrix:
        w = self.words(units)
        rows, cols = [], []
        for r, u in enumerate(units):
            for k in u.evidence():
                j = self.evidence_names.get(k)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
        e = sparse.csr_matrix((np.full(len(rows), EVIDENCE_WEIGHT, dtype=np.float32), (rows, cols)),
                              shape=(len(units), len(self.evidence_names)), dtype=np.float32)
        return sparse.hstack([w, e], format="csr", dtype=np.float32)

    # plain data for the model file
    def arrays(self) -> dict:
        return {"vocabulary": sorted(self.vocabulary, key=self.vocabulary.get), "idf": self.idf,
                "evidence": sorted(self.evidence_names, key=self.evidence_names.get)}

    @classmethod
    def from_arrays(cls, vocabulary: list[str], idf: np.ndarray, evidence: list[str]) -> "Featurizer":
        f = cls()
        f.vocabulary = {t: i for i, t in enumerate(vocabulary)}
        f.idf = np.asarray(idf, dtype=np.float32)
        f.evidence_names = {k: i for i, k in enumerate(evidence)}
        return f
AUDIENCE_CHARS = 6000


def audience_text(text: str) -> str:
    """What the audience head reads of a document: its opening (parties, recitals, first terms)."""
    return normalise(text[:AUDIENCE_CHARS])
