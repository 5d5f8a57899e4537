"""Conversation features of the hybrid model (analyzer.classify.context): what each feature says on
a small invented chat, how a model fitted with them is stored and read, and that `categorise`
gives the model the chat's authors and times."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyzer.classify.context import CONTEXT_FEATURES, context_features, conversation_of
from analyzer.classify.model import HybridModel, classify_hybrid, fit_model, predict, shipped_model


def _chat() -> pd.DataFrame:
    """An invented committee chat: a question, a system line, an answer, a two-part message, thanks."""
    rows = [
        ("2024-03-01 19:00:00", "Sari", "text", "Besok rapat jam berapa?"),
        ("2024-03-01 19:01:00", None, "system", "Budi joined using this group's invite link"),
        ("2024-03-01 19:05:00", "Budi", "text", "jam 1 di sekre"),
        ("2024-03-01 19:05:30", "Budi", "text", "bawa laptop"),
        ("2024-03-01 21:00:00", "Sari", "media", "<Media omitted>"),
        ("2024-03-02 08:00:00", "Dewi", "text", "siap, makasih"),
    ]
    df = pd.DataFrame(rows, columns=["timestamp", "author", "kind", "text"])
    df["timestamp"] = pd.to_datetime(df["timestamp"])
    return df.astype({"author": "string", "kind": "string", "text": "string"})


def _col(name: str) -> int:
    return CONTEXT_FEATURES.index(name)


def test_each_feature_reads_the_neighbouring_member_messages():
    chat = _chat()
    rules = pd.Series(["coordination", pd.NA, "coordination", "coordination", pd.NA, "social"], dtype="string")
    f = context_features(chat["author"], chat["timestamp"], chat["kind"], chat["text"], rules)
    assert f.shape == (6, len(CONTEXT_FEATURES)) and f.dtype == np.float32
    # the answer follows the question within 30 min although a system line is in between
    assert f[2, _col("previous by another member, a question, within 30 min")] == 1
    assert f[2, _col("previous by another member: rules say coordination")] == 1
    assert f[2, _col("next by the same member within 2 min")] == 1
    assert f[3, _col("previous by the same member within 2 min")] == 1
    # a member's own previous message is not "another member's"
    assert f[3, _col("previous by another member: rules say coordination")] == 0
    # the system line has no features; the first message has no previous one
    assert not f[1].any()
    assert not f[0, :2].any() and not f[0, 4:].any()


def test_next_by_another_member_and_time_limits():
    chat = _chat()
    rules = pd.Series([pd.NA] * 6, dtype="string")
    f = context_features(chat["author"], chat["timestamp"], chat["kind"], chat["text"], rules)
    nxt = _col("next by another member within 10 min")
    assert f[0, nxt] == 1      # Budi answered Sari 5 minutes later
    assert f[3, nxt] == 0      # Sari's media came 2 hours later
    assert f[4, nxt] == 0      # Dewi wrote the next morning
    # the media message counts as a neighbour: Dewi's thanks follows it, but not within 30 min
    assert f[5, _col("previous by another member, a question, within 30 min")] == 0
    assert not f[:, _col("previous by another member: rules say social")].any()


def test_no_member_messages_and_missing_times():
    empty = context_features(pd.Series([], dtype="string"), pd.Series([], dtype="datetime64[ns]"), None,
                             pd.Series([], dtype="string"), pd.Series([], dtype="string"))
    assert empty.shape == (0, len(CONTEXT_FEATURES))
    chat = _chat()
    chat.loc[2, "timestamp"] = pd.NaT
    f = context_features(chat["author"], chat["timestamp"], chat["kind"], chat["text"],
                         pd.Series([pd.NA] * 6, dtype="string"))
    # without a time the answer cannot be said to be within 30 minutes of the question
    assert f[2, _col("previous by another member, a question, within 30 min")] == 0


def test_conversation_of_takes_author_and_timestamp():
    chat = _chat()
    assert list(conversation_of(chat).columns) == ["author", "timestamp"]
    assert conversation_of(chat[["text", "kind"]]) is None


def _training_set() -> tuple[pd.Series, pd.Series, pd.Series, np.ndarray]:
    texts = ["rapat besok jam berapa", "jam satu", "makasih ya", "siap", "jam dua", "oke makasih",
             "kumpul di mana", "di sekre", "mantap", "ada yang tau servis laptop", "coba di toko",
             "makasih infonya"] * 3
    labels = ["coordination", "coordination", "social", "social", "coordination", "social",
              "coordination", "coordination", "social", "request", "other", "social"] * 3
    groups = ["a"] * 12 + ["b"] * 12 + ["c"] * 12
    rng = np.random.default_rng(0)
    ctx = (rng.random((36, len(CONTEXT_FEATURES))) < 0.3).astype(np.float32)
    ctx[:12] = np.nan  # group a's chat is not at hand
    return pd.Series(texts), pd.Series(labels), pd.Series(groups), ctx


@pytest.mark.parametrize("fill", ["zeros", "mean"])
def test_a_model_with_conversation_features_is_stored_and_read_back(fill):
    x, y, g, ctx = _training_set()
    m = fit_model(x, y, g, C=1.0, context=ctx, context_fill=fill)
    assert m.context == list(CONTEXT_FEATURES)
    expected_fill = np.nanmean(ctx, axis=0) if fill == "mean" else np.zeros(len(CONTEXT_FEATURES))
    assert np.allclose(m.context_fill, expected_fill, atol=1e-6)
    assert m.meta["n_train_with_context"] == 24 and m.meta["context_fill"] == fill
    assert m.coef.shape == (len(m.classes), len(m.feature_names))
    assert m.feature_names[-len(CONTEXT_FEATURES):] == list(CONTEXT_FEATURES)
    back = HybridModel.from_json(m.to_json())
    assert back.context == m.context and np.allclose(back.context_fill, m.context_fill, atol=1e-5)
    texts = pd.Series(x[:12].tolist(), dtype="string")
    # unknown conversation = the fill; a known one can change the probabilities, never the shape
    a = predict(back, texts)["category"].tolist()
    b = predict(back, texts, context=np.full((12, len(CONTEXT_FEATURES)), np.nan))["category"].tolist()
    assert a == b
    c = predict(back, texts, context=ctx[12:24])
    assert len(c) == 12 and c["category"].notna().all()


def test_a_subset_of_the_features_can_be_chosen():
    x, y, g, ctx = _training_set()
    names = list(CONTEXT_FEATURES[:4])
    m = fit_model(x, y, g, C=1.0, context=ctx, context_names=names)
    assert m.context == names and len(m.context_fill) == 4
    assert m.coef.shape[1] == len(m.feature_names)
    with pytest.raises(ValueError, match="shape"):
        fit_model(x, y, g, context=ctx[:, :3])


def test_classify_hybrid_reads_the_conversation_it_is_given():
    x, y, g, ctx = _training_set()
    m = fit_model(x, y, g, C=1.0, context=ctx)
    chat = _chat()
    with_conv = classify_hybrid(chat["text"], chat["kind"], model=m, conversation=conversation_of(chat))
    alone = classify_hybrid(chat["text"], chat["kind"], model=m)
    assert with_conv.index.equals(chat.index) and alone.index.equals(chat.index)
    # the system line and the media message keep the rules' decision either way
    assert with_conv["category"].isna().tolist() == alone["category"].isna().tolist() == \
        [False, True, False, False, True, False]
    with pytest.raises(ValueError, match="author and timestamp"):
        classify_hybrid(chat["text"], chat["kind"], model=m, conversation=chat[["author"]])
    with pytest.raises(ValueError, match="rows"):
        classify_hybrid(chat["text"], chat["kind"], model=m, conversation=conversation_of(chat).iloc[:3])


def test_a_model_file_without_conversation_features_is_still_read():
    obj = shipped_model().to_json()
    obj = {k: v for k, v in obj.items() if k not in ("context", "context_fill")}
    obj["version"] = 1
    old = HybridModel.from_json(obj)
    assert old.context == [] and old.coef.shape[1] == len(old.feature_names)
    chat = _chat()
    out = classify_hybrid(chat["text"], chat["kind"], model=old, conversation=conversation_of(chat))
    assert out["category"].isna().sum() == 2
    with pytest.raises(ValueError, match="unknown conversation feature"):
        HybridModel.from_json({**shipped_model().to_json(), "context": ["the weather"], "context_fill": [0.0]})


def test_categorise_gives_the_model_the_chats_authors_and_times():
    from analyzer.classify.categorise import categorise

    x, y, g, ctx = _training_set()
    m = fit_model(x, y, g, C=1.0, context=ctx)
    chat = _chat()
    got = categorise(chat, model=m)
    want = classify_hybrid(chat["text"], chat["kind"], model=m, conversation=chat[["author", "timestamp"]])
    pd.testing.assert_frame_equal(got, want)
