"""The embedding collection: cache by text hash, lazy model, FAISS search."""

from __future__ import annotations

import numpy as np

from continuity.language.embedding import Collection, HashingEmbedder, Index


class CountingEmbedder(HashingEmbedder):
    name = "counting"

    def __init__(self):
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


def test_cache_skips_unchanged_texts(tmp_path):
    emb = CountingEmbedder()
    a = Collection(emb, tmp_path).embed(["one", "two", "two"])
    assert emb.calls == [["one", "two"]]
    # A new collection (a new run) reuses the persistent cache: only new text is encoded.
    b = Collection(emb, tmp_path).embed(["two", "three", "one"])
    assert emb.calls[-1] == ["three"]
    np.testing.assert_array_equal(a[0], b[2])


def test_no_cache_dir_means_no_persistence(tmp_path):
    emb = CountingEmbedder()
    Collection(emb, None).embed(["x"])
    Collection(emb, None).embed(["x"])
    assert len(emb.calls) == 2


def test_cache_is_per_model(tmp_path):
    class Other(CountingEmbedder):
        name = "other"

    a, b = CountingEmbedder(), Other()
    Collection(a, tmp_path).embed(["x"])
    Collection(b, tmp_path).embed(["x"])
    assert b.calls == [["x"]]


def test_unwritable_cache_degrades_gracefully(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    emb = CountingEmbedder()
    out = Collection(emb, blocker / "sub").embed(["x"])
    assert out.shape == (1, 384)


def test_index_search_returns_cosine_neighbours(hashing):
    vecs = hashing.encode(["the red door", "a blue boat", "the red door is open"])
    idx = Index(vecs)
    scores, ids = idx.search(hashing.encode(["red door"]), 2)
    assert set(ids[0]) == {0, 2}
    assert scores[0][0] <= 1.0001


def test_empty_index():
    idx = Index(np.zeros((0, 384), np.float32))
    scores, ids = idx.search(np.ones((1, 384), np.float32), 3)
    assert ids.shape == (1, 0)


def test_progress_is_reported_while_encoding_new_texts(tmp_path):
    from continuity.language.minilm import MiniLM

    calls = []
    m = MiniLM(backend="numpy", batch_size=2)
    col = Collection(m, tmp_path, progress=lambda done, total: calls.append((done, total)))
    col.embed(["a b", "c d", "e f"])
    assert calls == [(2, 3), (3, 3)]
    calls.clear()
    col.embed(["a b"])  # cached: nothing to encode, no progress
    assert calls == []
