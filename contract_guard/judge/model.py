"""The learned decision layer: one logistic head per concept and per CUAD category.

The model file (`clause_library/model/decision.npz`, written by `contract-guard library
train`) holds the fitted featurizer, the weights of every head, the threshold chosen for each
head out of fold, and where it came from: the library's content hash, the training data's hash,
the seed and the package versions. The engine refuses a model trained for another library
version — the rules' evidence is part of its input, so a changed library changes its meaning.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ContractGuardError
from .features import Featurizer, UnitEvidence, audience_text

FORMAT = 1


class StaleModel(ContractGuardError):
    en = ("The decision model was trained for library version {model_version}, but the clause library is now "
          "{library_version}: run `contract-guard library train` to retrain it.")
    zh = ("判定模型是为条款库版本 {model_version} 训练的，而当前条款库版本为 {library_version}："
          "请运行 `contract-guard library train` 重新训练。")


class BadModel(ContractGuardError):
    en = "The decision model file {path} cannot be used: {problem}"
    zh = "判定模型文件 {path} 无法使用：{problem}"


@dataclass
class Verdict:
    """The model's view of one clause: probability per target ("c:<concept>" / "k:<CUAD category>")."""

    probs: dict[str, float] = field(default_factory=dict)

    def concept(self, concept: str) -> float | None:
        return self.probs.get(f"c:{concept}")

    def cuad(self, category: str) -> float | None:
        return self.probs.get(f"k:{category}")


@dataclass
class DecisionModel:
    featurizer: Featurizer
    targets: list[str]
    weights: np.ndarray  # (n_targets, n_features) float32
    bias: np.ndarray  # (n_targets,)
    thresholds: dict[str, float]
    meta: dict
    # the audience head: is this a contract with a creator on one side (1) or one between companies (0)?
    audience_weights: np.ndarray | None = None
    audience_bias: float = 0.0

    def creator_side(self, text: str) -> float:
        """P(a creator — a person, a one-person company, a platform's user — is a party), from the opening."""
        if self.audience_weights is None:
            return 1.0
        x = self.featurizer.words([audience_text(text)])
        z = float(np.asarray(x @ self.audience_weights).ravel()[0]) + self.audience_bias
        return 1.0 / (1.0 + np.exp(-z))

    # -------------------------------------------------------------- scoring
    def raw(self, units: list[UnitEvidence]) -> np.ndarray:
        if not units:
            return np.zeros((0, len(self.targets)), dtype=np.float32)
        x = self.featurizer.transform(units)
        z = np.asarray(x @ self.weights.T) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    @property
    def cuad_languages(self) -> set[str]:
        """The languages the CUAD heads learnt from (CUAD is English; models trained before this was
        recorded learnt from English only)."""
        return set(self.meta.get("cuad_languages") or ["en"])

    def judge(self, units: list[UnitEvidence]) -> list[Verdict]:
        """One verdict per clause. A CUAD head gives no verdict on a clause in a language it never saw:
        on a Chinese clause it would see no known word, only its bias, and its probability would mean nothing."""
        p = self.raw(units)
        seen = self.cuad_languages
        return [Verdict({t: float(p[i, j]) for j, t in enumerate(self.targets)
                         if u.lang in seen or not t.startswith("k:")}) for i, u in enumerate(units)]

    def threshold(self, target: str) -> float:
        return self.thresholds.get(target, 0.5)

    # -------------------------------------------------------------- files
    def save(self, path: Path) -> None:
        """One compressed .npz of arrays and a JSON header: no pickled objects, nothing executes on load."""
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = self.featurizer.arrays()
        header = {"format": FORMAT, "targets": self.targets, "thresholds": self.thresholds, "meta": self.meta,
                  "vocabulary": arrays["vocabulary"], "evidence": arrays["evidence"],
                  "audience_bias": self.audience_bias}
        buf = io.BytesIO()
        extra = {} if self.audience_weights is None else {"audience_weights": self.audience_weights.astype(np.float32)}
        np.savez_compressed(buf, header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
                            idf=arrays["idf"].astype(np.float32), weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32), **extra)
        path.write_bytes(buf.getvalue())

    @classmethod
    def load(cls, path: Path, library_version: str | None = None) -> "DecisionModel":
        try:
            with np.load(path, allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode("utf-8"))
                idf, weights, bias = z["idf"], z["weights"].astype(np.float32), z["bias"]
                audience = z["audience_weights"] if "audience_weights" in z.files else None
        except Exception as exc:  # a truncated or foreign file: say so, never a traceback
            raise BadModel(path=str(path), problem=f"{exc.__class__.__name__}: {exc}") from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BadModel(path=str(path), problem="not a contract-guard decision model of this format")
        meta = header["meta"]
        if library_version is not None and meta.get("library_version") != library_version:
            raise StaleModel(model_version=meta.get("library_version"), library_version=library_version)
        feat = Featurizer.from_arrays(header["vocabulary"], idf, header["evidence"])
        return cls(feat, list(header["targets"]), weights, bias, dict(header["thresholds"]), meta,
                   audience, float(header.get("audience_bias", 0.0)))


def model_path(library_dir: Path) -> Path:
    return library_dir / "model" / "decision.npz"
