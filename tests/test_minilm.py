"""The NumPy/torch MiniLM encoder against sentence-transformers (the reference)."""

from __future__ import annotations

import numpy as np
import pytest

from continuity.language.minilm import MiniLM

SENTENCES = [
    "Mara pushes her blonde hair out of her eyes.",
    "The brass compass shatters on the rocks.",
    "Noon sun blazes through the windows.",
    "Yes.",
    "A storm lantern swings from a hook, throwing light across the logbook, the kettle, "
    "the salt-crusted window and the coat on the peg by the door.",
]


@pytest.fixture(scope="module")
def minilm():
    return MiniLM(backend="numpy")


def test_vectors_are_normalised_and_deterministic(minilm):
    a = minilm.encode(SENTENCES)
    b = minilm.encode(list(reversed(SENTENCES)))[::-1]
    assert a.shape == (5, 384) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(a, b, atol=1e-6)  # batching and padding do not change results


def test_similar_sentences_are_closer(minilm):
    v = minilm.encode(["The lamp is broken.", "The lantern is smashed.", "She orders a coffee at the bar."])
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_torch_backend_matches_numpy(minilm):
    pytest.importorskip("torch")
    a = minilm.encode(SENTENCES)
    b = MiniLM(backend="torch", precision="float32").encode(SENTENCES)
    np.testing.assert_allclose(a, b, atol=1e-5)


def test_bfloat16_products_stay_close_to_float32(minilm):
    pytest.importorskip("torch")
    a = minilm.encode(SENTENCES)
    b = MiniLM(backend="torch", precision="bfloat16").encode(SENTENCES)
    assert b.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    # the same sentences, and the same similarities to within what a check's margin ignores
    assert float((a * b).sum(1).min()) > 0.999
    assert float(np.abs(a @ a.T - b @ b.T).max()) < 0.01


def test_auto_precision_is_float32_without_native_bfloat16(monkeypatch, minilm):
    pytest.importorskip("torch")
    import continuity.language.minilm as mod

    monkeypatch.setattr(mod, "native_bfloat16", lambda: False)
    m = MiniLM(backend="torch")
    np.testing.assert_allclose(minilm.encode(SENTENCES), m.encode(SENTENCES), atol=1e-5)
    import torch

    assert {v.dtype for v in m._tl.values()} == {torch.float32}
    monkeypatch.setattr(mod, "native_bfloat16", lambda: True)
    half = MiniLM(backend="torch")
    half.encode(SENTENCES[:1])
    assert {v.dtype for v in half._tl.values()} == {torch.bfloat16}


def test_unknown_precision_is_refused(monkeypatch):
    from continuity.errors import InputError
    from continuity.settings import Settings

    with pytest.raises(ValueError):
        MiniLM(precision="fp8")
    monkeypatch.setenv("STUDIO_EMBED_PRECISION", "half")
    with pytest.raises(InputError, match="embed_precision"):
        Settings.load()


def test_empty_input(minilm):
    assert minilm.encode([]).shape == (0, 384)


def test_bad_model_dir_is_a_user_error(tmp_path):
    from continuity.errors import StudioError

    with pytest.raises(StudioError, match="cannot load the embedding model"):
        MiniLM(tmp_path).encode(["x"])


@pytest.mark.slow
def test_matches_sentence_transformers(minilm):
    st = pytest.importorskip("sentence_transformers")
    from continuity.language.minilm import model_dir

    ref = st.SentenceTransformer(str(model_dir()), device="cpu").encode(SENTENCES, normalize_embeddings=True)
    np.testing.assert_allclose(minilm.encode(SENTENCES), ref, atol=1e-5)
