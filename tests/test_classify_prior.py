"""Each chat's class mix (analyzer.classify.model.adapt_priors): the EM estimate recovers a known
shift, the shrinkage, when it is applied, how it is stored, and that an analysis categorises the
whole chat once so that a window or a member filter cannot change a message's category."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyzer.classify.model import HybridModel, adapt_priors, chat_prior, classify_hybrid, shipped_model


def _posteriors(true_prior: np.ndarray, train_prior: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """Posteriors of a calibrated classifier fitted under `train_prior`, for items drawn under
    `true_prior`: class-conditional scores from Gaussians, Bayes' rule with the training prior."""
    rng = np.random.default_rng(seed)
    k = len(true_prior)
    y = rng.choice(k, size=n, p=true_prior)
    means = np.eye(k) * 2.0
    x = means[y] + rng.normal(size=(n, k))
    loglik = -0.5 * ((x[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    post = np.exp(loglik) * train_prior
    return post / post.sum(axis=1, keepdims=True)


def test_em_recovers_a_shifted_class_mix():
    train = np.array([0.1, 0.3, 0.6])
    true = np.array([0.5, 0.3, 0.2])
    q = adapt_priors(_posteriors(true, train, 20_000), train, shrink=0.0)
    assert np.allclose(q, true, atol=0.03), q
    assert q.sum() == pytest.approx(1.0)


def test_shrinkage_is_a_geometric_mean_towards_the_training_mix():
    train = np.array([0.1, 0.3, 0.6])
    post = _posteriors(np.array([0.5, 0.3, 0.2]), train, 5_000)
    full = adapt_priors(post, train, shrink=0.0)
    half = adapt_priors(post, train, shrink=0.5)
    none = adapt_priors(post, train, shrink=1.0)
    assert np.allclose(none, train)
    expect = np.sqrt(full * train)
    assert np.allclose(half, expect / expect.sum())
    assert np.allclose(adapt_priors(np.zeros((0, 3)), train), train)


def test_max_ratio_keeps_every_category_within_a_factor_of_its_training_share():
    train = np.array([0.1, 0.3, 0.6])
    # a chat with almost none of class 0: EM drives it towards 0, a geometric shrinkage keeps it there
    post = _posteriors(np.array([0.0, 0.2, 0.8]), train, 5_000)
    free = adapt_priors(post, train, shrink=0.0)
    assert free[0] < 0.02
    bounded = adapt_priors(post, train, shrink=0.0, max_ratio=3.0)
    assert bounded.sum() == pytest.approx(1.0)
    assert bounded[0] >= train[0] / 3 - 1e-9  # the floor
    assert np.all(bounded <= train * 3 + 1e-9)
    # within the bounds nothing changes
    mild = adapt_priors(_posteriors(np.array([0.12, 0.3, 0.58]), train, 5_000), train, shrink=0.0)
    assert np.allclose(adapt_priors(_posteriors(np.array([0.12, 0.3, 0.58]), train, 5_000), train, shrink=0.0,
                                    max_ratio=3.0), mild)
    with pytest.raises(ValueError, match="max_ratio"):
        adapt_priors(post, train, max_ratio=0.5)


def test_a_model_that_adapts_does_so_on_a_chat_and_only_on_a_chat():
    shipped = shipped_model()
    # the shipped model reads each chat's mix: EM, bounded, business news and promotion floored,
    # social and request held (docs/classifier.md says why)
    assert shipped.prior_adaptation == {"shrink": 0.0, "min_messages": 50, "max_ratio": 3.0,
                                        "never_lower": ["business_news", "promotion"],
                                        "hold": ["social", "request"]}
    fixed = HybridModel.from_json({**shipped.to_json(), "prior_adaptation": None})
    assert shipped.train_prior.shape == (len(shipped.classes),) and shipped.train_prior.sum() == pytest.approx(1.0)
    m = HybridModel.from_json({**shipped.to_json(), "prior_adaptation": {"shrink": 0.5, "min_messages": 50}})
    # a handful of messages: the training mix is used, so one message's category is its own
    few = pd.Series(["rapat besok jam 4 di sekre", "makasih kak", "ada yg tau servis laptop?"], dtype="string")
    assert chat_prior(few, model=m) is None
    assert classify_hybrid(few, model=m)["category"].tolist() == classify_hybrid(few, model=fixed)["category"].tolist()
    assert classify_hybrid(few)["category"].tolist() == classify_hybrid(few, model=fixed)["category"].tolist()
    # a committee chat that is nearly all logistics: its mix leans to coordination
    chat = pd.Series(["rapat besok jam 4 di sekre", "jangan lupa bawa laptop", "siap", "jam berapa?",
                      "absen dulu ya", "deadline laporan jumat"] * 20, dtype="string")
    q = chat_prior(chat, model=m)
    coord = m.classes.index("coordination")
    assert q is not None and q[coord] > m.train_prior[coord]
    assert chat_prior(chat, model=fixed) is None  # a model without adaptation keeps its training mix
    shipped_q = chat_prior(chat)
    assert shipped_q is not None and shipped_q[coord] > shipped.train_prior[coord]
    # business news and promotion keep at least their training weight (then renormalised)
    unfloored = chat_prior(chat, model=HybridModel.from_json(
        {**shipped.to_json(), "prior_adaptation": {"shrink": 0.0, "min_messages": 50, "max_ratio": 3.0}}))
    rare = np.isin(shipped.classes, ["business_news", "promotion"])
    expect = np.where(rare, np.maximum(unfloored / shipped.train_prior, 1.0), unfloored / shipped.train_prior)
    expect *= shipped.train_prior
    assert np.allclose(shipped_q, expect / expect.sum())
    # a chat's mix never moves a message into or out of social or request
    held = ("social", "request")
    mixed = pd.Series(list(chat[:60]) + ["makasih kak 🙏", "ada yg tau servis laptop?", "wkwk", "siap"] * 5,
                      dtype="string")
    got, base = classify_hybrid(mixed)["category"], classify_hybrid(mixed, model=fixed)["category"]
    assert ((got.isin(held)) == (base.isin(held))).all()
    assert (got[base.isin(held)] == base[base.isin(held)]).all()
    # the estimate is what classify_hybrid uses for the same messages
    assert classify_hybrid(chat, model=m)["category"].tolist() == \
        classify_hybrid(chat, model=m, prior=q)["category"].tolist()


def test_adaptation_settings_are_stored_and_read_back():
    m = shipped_model()
    back = HybridModel.from_json(m.to_json())
    assert back.prior_adaptation == m.prior_adaptation
    assert np.allclose(back.train_prior, m.train_prior)
    old = {k: v for k, v in m.to_json().items() if k not in ("train_prior", "prior_adaptation", "context",
                                                             "context_fill")}
    old["version"] = 1
    v1 = HybridModel.from_json(old)
    assert v1.prior_adaptation is None and v1.train_prior.size == 0


def test_never_lower_keeps_the_training_weight_of_the_chosen_categories():
    train = np.array([0.1, 0.3, 0.6])
    post = _posteriors(np.array([0.02, 0.18, 0.8]), train, 5_000)  # the chat has few of 0 and 1
    free = adapt_priors(post, train, shrink=0.0, max_ratio=3.0)
    assert free[0] < train[0] and free[1] < train[1]
    kept = adapt_priors(post, train, shrink=0.0, max_ratio=3.0, never_lower=np.array([True, False, False]))
    expect = np.array([train[0], free[1], free[2]])
    assert np.allclose(kept, expect / expect.sum())
    # a category the chat has more of is raised as before
    more = _posteriors(np.array([0.3, 0.3, 0.4]), train, 5_000)
    assert np.allclose(adapt_priors(more, train, shrink=0.0, never_lower=np.array([True, False, False])),
                       adapt_priors(more, train, shrink=0.0))


def test_reweight_holds_the_held_categories_and_shares_the_rest():
    from analyzer.classify.model import reweight

    prob = np.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])
    w = np.array([2.0, 1.0, 0.5])
    plain = reweight(prob, w)
    expect = prob * w
    assert np.allclose(plain, expect / expect.sum(axis=1, keepdims=True))
    held = reweight(prob, w, np.array([False, False, True]))
    assert np.allclose(held[:, 2], prob[:, 2])  # held: its probability as it was
    assert np.allclose(held.sum(axis=1), 1.0)
    rest = prob[:, :2] * w[:2]
    assert np.allclose(held[:, :2], rest / rest.sum(axis=1, keepdims=True) * (1 - prob[:, 2:]))


def test_decide_with_mix_never_moves_a_message_into_or_out_of_a_held_category():
    from analyzer.classify.model import decide_with_mix

    # columns: coordination, other, social (held)
    prob = np.array([[0.40, 0.25, 0.35],   # coordination alone; the mix favours other, social stays out
                     [0.30, 0.25, 0.45],   # social alone: stays social whatever the mix
                     [0.50, 0.30, 0.20]])
    w = np.array([0.4, 2.5, 1.0])
    held = np.array([False, False, True])
    best, adjusted = decide_with_mix(prob, w, held)
    assert best.tolist() == [1, 2, 1]
    assert np.allclose(adjusted[:, 2], prob[:, 2])
    # without a held category the plain reweighted argmax decides (row 0 would become other too)
    assert decide_with_mix(prob, w)[0].tolist() == (prob * w).argmax(axis=1).tolist()


def test_fit_model_stores_the_bound_and_the_chat_prior_honours_it():
    from analyzer.classify.model import fit_model

    texts = pd.Series(["rapat besok jam 4", "makasih kak", "ada yg tau servis laptop?", "open po keripik 15rb",
                       "info pelatihan gratis dari dinas", "wkwk"] * 10, dtype="string")
    labels = pd.Series(["coordination", "social", "request", "promotion", "business_news", "other"] * 10)
    groups = pd.Series(["invented"] * len(texts))
    floored = fit_model(texts, labels, groups, prior_shrink=0.0, prior_min_messages=10, prior_max_ratio=2.0,
                        prior_never_lower=["request"], prior_hold=["social"])
    assert floored.prior_adaptation == {"shrink": 0.0, "min_messages": 10, "max_ratio": 2.0,
                                        "never_lower": ["request"], "hold": ["social"]}
    assert HybridModel.from_json(floored.to_json()).prior_adaptation == floored.prior_adaptation
    m = fit_model(texts, labels, groups, prior_shrink=0.0, prior_min_messages=10, prior_max_ratio=2.0)
    assert m.prior_adaptation == {"shrink": 0.0, "min_messages": 10, "max_ratio": 2.0}
    chat = pd.Series(["rapat besok jam 4", "rapat jumat di sekre", "absen dulu"] * 20, dtype="string")
    q = chat_prior(chat, model=m)
    assert q is not None and np.all(q <= m.train_prior * 2 + 1e-9) and np.all(q >= m.train_prior / 2 - 1e-9)


def test_a_window_and_a_member_filter_do_not_change_a_category(tmp_path):
    """analyze categorises the whole chat before it cuts a window or leaves members out."""
    from analyzer.analysis import analyze
    from analyzer.chat.parse import load_chat
    from analyzer.classify.categorise import categorise_chat
    from importlib import resources

    chat = load_chat(resources.files("analyzer").joinpath("data", "sample", "umkm_android_id.txt"))
    whole = categorise_chat(chat).messages.set_index("line")["category"]
    rep = analyze(chat, start="2024-03-01", end="2024-04-30", bootstrap=10, null_draws=5, network_null_draws=2)
    m = rep.messages.dropna(subset=["category"])
    assert len(m) > 50
    assert (m.set_index("line")["category"] == whole.loc[m["line"]]).all()
    assert rep.parameters["classifier"] == "hybrid"
