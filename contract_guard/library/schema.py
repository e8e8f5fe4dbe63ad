"""The clause-library pattern format (one YAML file per pattern), validated by pydantic.

A pattern carries three separate kinds of text:
- `exemplars` — indexed in Chroma and BM25; what retrieval compares clauses with;
- `rules`     — the signals that decide (required term groups, guards, polarity, holder);
- `tests`     — `match` / `no_match` sentences run through the real engine by
  `contract-guard library check` and pytest; never indexed, never equal to an exemplar.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models import DealType, Severity

Lang = Literal["en", "zh"]


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class PerLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    def get(self, lang: str) -> list[str]:
        return self.zh if lang == "zh" else self.en


class RuleSet(BaseModel):
    """Signals for one language. Regexes are case-insensitive; `{MACRO}`s expand (see matching/macros.py).

    all:  every group must match in the same sentence; a group is a list of alternatives.
    none: guards — if any matches the sentence, the pattern does not apply (benign look-alikes,
          exceptions such as "non-exclusive", "with the Creator's consent").
    window: the groups must all fall inside this many characters (0 = whole sentence).
    """

    model_config = ConfigDict(extra="forbid")
    all: list[list[str]] = Field(min_length=1)
    none: list[str] = Field(default_factory=list)
    window: int = Field(default=0, ge=0)
    polarity: Literal["affirmative", "any"] | None = Field(default=None, description="overrides the pattern's polarity")

    @field_validator("all", mode="before")
    @classmethod
    def _groups(cls, value: object) -> object:
        # allow a bare string for a one-alternative group
        if isinstance(value, list):
            return [[g] if isinstance(g, str) else g for g in value]
        return value


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: list[RuleSet] = Field(default_factory=list, description="alternatives: any one rule set deciding is enough")
    zh: list[RuleSet] = Field(default_factory=list)
    # affirmative: the first group's match must not be negated ("may not", "不得") — negated it
    # means the opposite of the risk. any: negation is part of the risk (non-compete, gag).
    polarity: Literal["affirmative", "any"] = "affirmative"
    # counterparty: the right goes to the other side; rejected when the creator is said to keep it.
    holder: Literal["counterparty", "creator", "any"] = "any"
    # downgrade: when the sentence makes the term mutual ("either party", "双方均"), the finding
    # becomes a low-severity note — a right both sides hold is not a trap set for the creator.
    mutual: Literal["downgrade", "ignore"] = "ignore"
    # creator: the risk is a duty or restriction on the creator; when the sentence puts it on
    # the other side instead ("甲方逾期付款的…", "the Licensee shall not…"), it becomes a note.
    bound: Literal["creator", "any"] = "any"

    @field_validator("en", "zh", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value

    def for_lang(self, lang: str) -> list[RuleSet]:
        return self.zh if lang == "zh" else self.en


class PatternTests(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: PerLanguage
    no_match: PerLanguage


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    concept: str
    also: list[str] = Field(default_factory=list, description="further concepts the same clause raises")
    title: Bilingual
    severity: Severity
    deal_types: list[DealType] = Field(default_factory=lambda: ["investment", "ip", "agency", "commission", "general"])
    cuad: list[str] = Field(default_factory=list)
    exemplars: PerLanguage
    rules: Rules
    why: Bilingual
    suggestion: Bilingual
    counter_clause: Bilingual
    references: list[str] = Field(default_factory=list)
    tests: PatternTests

    @property
    def concepts(self) -> list[str]:
        return [self.concept, *self.also]


class MissingCheck(BaseModel):
    """A protection whose absence is a risk: fires when no sentence matches `present`."""

    model_config = ConfigDict(extra="forbid")
    id: str
    title: Bilingual
    severity: Severity
    deal_types: list[DealType]
    present: Rules
    why: Bilingual
    suggestion: Bilingual


class Combination(BaseModel):
    """A severity-combination rule: when all `requires` groups are present, the findings of
    those concepts are raised to `severity` and the summary explains why."""

    model_config = ConfigDict(extra="forbid")
    id: str
    title: Bilingual
    requires: list[list[str]] = Field(min_length=1, description="groups of concept ids; one of each group must be found")
    deal_types: list[DealType] = Field(default_factory=lambda: ["investment", "ip", "agency", "commission", "general"])
    severity: Severity
    note: Bilingual
