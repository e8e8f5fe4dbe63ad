"""Training the decision layer: rows from the real engine, reproducible fits, a model file that
round-trips, folds grouped by contract, and the features a clause's section heading adds."""
from __future__ import annotations

import numpy as np
import pytest

from contract_guard.judge.features import UnitEvidence, unit_tokens
from contract_guard.judge.model import DecisionModel
from contract_guard.training.corpus import LabelledDoc
from contract_guard.training.train import (_weight, build_rows, choose_thresholds, data_hash, fit, folds_of, out_of_fold,
                                          targets_of)

RISKY = ["The Creator hereby assigns to the Company all copyright in every work the Creator makes during the Term.",
         "The Creator irrevocably assigns all present and future rights in the Works to the Company worldwide.",
         "乙方同意将其在合同期内创作的全部作品的著作权无偿转让给甲方。",
         "乙方创作的全部作品著作权永久归甲方所有，乙方不得主张任何权利。"]
FAIR = ["The Company shall pay the fee within thirty days of receiving an invoice.",
        "The Creator keeps all copyright; the Company receives a non-exclusive licence for one year.",
        "甲方应于收到发票后三十日内支付服务费。",
        "双方应对本合同内容保密，法律另有规定的除外。"]


def _docs(n: int = 6) -> list[LabelledDoc]:
    docs = []
    for i in range(n):
        risky, fair = RISKY[i % len(RISKY)], FAIR[i % len(FAIR)]
        text = f"第一条 权利\n{risky}\n\n第二条 付款\n{fair}\n" if "\u4e00" <= risky[0] <= "\u9fff" or risky[0] == "乙" \
            else f"1. Rights\n{risky}\n\n2. Payment\n{fair}\n"
        docs.append(LabelledDoc(f"c{i}", "creator", text, gold={"c:ip-assignment": [risky]}))
    return docs


def test_a_down_weighted_set_counts_less_in_training_and_in_the_data_hash(screener, tmp_path):
    """creator-train counts a quarter of a real creator contract: its rows' sample weights (labels and
    hard negatives alike) are scaled, and the scaling is part of what the model file's data hash records."""
    import json

    from contract_guard.training.sources import LabelledSet

    (tmp_path / "w.txt").write_text("1. Rights\n" + RISKY[0] + "\n\n2. Payment\n" + FAIR[0] + "\n", encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps({"w": {
        "fair": False, "findings": [{"category": "ip-assignment", "quote": RISKY[0]}],
        "must_not_flag": [{"category": "payment-conditional", "quote": FAIR[0]}]}}), encoding="utf-8")
    full = LabelledSet("full", "creator", tmp_path, "txt").docs(screener.library)
    light = LabelledSet("light", "creator", tmp_path, "txt", weight=0.25).docs(screener.library)
    rows_full, rows_light = build_rows(screener, full), build_rows(screener, light)
    assert len(rows_full) == len(rows_light) == 2
    for a, b in zip(rows_full, rows_light):
        for target in ("c:ip-assignment", "c:payment-conditional", "c:gag-clause"):
            assert _weight(a, target) > 0 and _weight(b, target) == pytest.approx(0.25 * _weight(a, target))
    assert data_hash(full) != data_hash(light)


def test_rows_come_from_the_real_engine_with_gold_labels(screener):
    docs = _docs()
    rows = build_rows(screener, docs)
    positives = [r for r in rows if r.labels.get("c:ip-assignment")]
    assert len(positives) == len(docs)  # every gold clause found once, as a clause
    assert all(r.unit.kind == "clause" for r in rows)
    assert any(r.unit.rule_concepts for r in positives)  # the rules' evidence is part of the row
    assert all("Rights" in r.unit.heading or "权利" in r.unit.heading for r in positives)  # the section's heading


def test_fits_are_reproducible_and_the_model_file_round_trips(screener, tmp_path):
    docs = _docs(8)
    rows = build_rows(screener, docs)
    targets = ["c:ip-assignment"]
    a = fit(rows, targets, meta={"library_version": screener.library.version, "data_hash": data_hash(docs)})
    b = fit(rows, targets)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    path = tmp_path / "decision.npz"
    a.save(path)
    back = DecisionModel.load(path, library_version=screener.library.version)
    units = [r.unit for r in rows]
    assert np.allclose(back.raw(units), a.raw(units), atol=2e-3)  # weights are stored as float16
    assert back.meta["data_hash"] == data_hash(docs) == data_hash(list(reversed(docs)))
    p = back.raw(units)[:, 0]
    y = np.array([r.labels.get("c:ip-assignment", 0.0) for r in rows])
    assert p[y > 0].min() > p[y == 0].max()  # it learnt the training set


def test_folds_keep_a_contract_whole_and_thresholds_come_out_of_fold(screener):
    docs = _docs(10)
    rows = build_rows(screener, docs)
    fold = folds_of([d.group for d in docs], 5)
    assert folds_of(list(reversed([d.group for d in docs])), 5) == fold  # the same contract, the same fold
    targets = targets_of(rows) or ["c:ip-assignment"]
    oof, fold2, models = out_of_fold(rows, targets, k=5, docs=docs)
    assert fold2 == fold and len(models) == 5
    for f, m in enumerate(models):  # each fold's model never saw its fold's contracts
        held = [r.unit for r in rows if fold[r.group] == f]
        if held:
            assert np.allclose(oof[[i for i, r in enumerate(rows) if fold[r.group] == f]], m.raw(held))
    th = choose_thresholds(rows, targets, oof)
    assert set(th) == set(targets) and all(0.0 < t < 1.0 for t in th.values())


def test_a_section_heading_adds_its_own_words():
    en = unit_tokens(UnitEvidence(text="The Supplier shall maintain cover.", heading="Section 9. Insurance"))
    assert {"h:section", "h:insurance"} <= set(en) and "h:9" not in en and "insurance" not in en
    zh = unit_tokens(UnitEvidence(text="乙方应当按期交付。", heading="第五条 违约责任"))
    assert {"h:违约", "h:责任"} <= set(zh)
    assert unit_tokens("plain text") == unit_tokens(UnitEvidence(text="plain text"))



@pytest.mark.parametrize("text,paid", [
    ("Upon completion and expressly conditioned upon full payment of all fees, Designer assigns the Final Art.", True),
    ("Upon completion of the Services, and expressly subject to full payment of all fees due, Designer assigns it.", True),
    ("甲方付清全部款项后，作品著作权归甲方所有。", True),
    ("仅经验收并付清款项的最终交付成果转让予甲方。", True),
    ("Designer hereby assigns all rights in the Final Art upon signing.", False),
    ("乙方付清违约金后方可解除本合同。", False),  # the creator paying a penalty is no payment to the creator
])
def test_a_transfer_that_waits_for_full_payment_is_named_in_the_evidence(text, paid):
    assert ("paid_first" in UnitEvidence(text=text).evidence()) is paid
