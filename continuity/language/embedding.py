"""Sentence embeddings with a persistent cache, and FAISS search over them.

:class:`Collection` owns both storage and search (after llm's ``Collection``):
texts are embedded once, keyed by the SHA-256 of model name and text, in a
SQLite file under the cache folder, so a re-audit after a one-scene edit encodes
only that scene's new sentences. The model is loaded only when a text is missing
from the cache. Vectors are L2-normalised and searched with an inner-product
FAISS index, so scores are cosine similarities.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

#: Texts encoded (tokenized, run and cached) at a time: a huge script never builds one
#: token array or one batch of new vectors for all its sentences at once.
ENCODE_CHUNK = 8192


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def encode(self, texts: list[str], progress=None) -> np.ndarray: ...


class HashingEmbedder:
    """A deterministic, model-free embedder: hashed words and character trigrams.

    For tests and dry runs: texts sharing words are similar, texts sharing none
    are nearly orthogonal. It is exact and instant, never a stand-in for meaning.
    """

    name = "hashing-v1"

    def __init__(self, dim: int = 384):
        self.dim = dim

    def encode(self, texts: list[str], progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            low = text.lower()
            feats = re.findall(r"[a-z0-9']+", low)
            feats += [low[i : i + 3] for i in range(max(0, len(low) - 2))]
            for f in feats:
                h = zlib.crc32(f.encode())
                out[row, h % self.dim] += 1.0 if (h >> 16) & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


def make_embedder(kind: str = "minilm", model_dir: str = "", precision: str = "auto") -> Embedder:
    """The embedder named in settings (``minilm`` or ``hashing``), in the settings' precision."""
    if kind == "hashing":
        return HashingEmbedder()
    from continuity.language.minilm import MiniLM

    return MiniLM(model_dir or None, precision=precision)


class VectorCache:
    """Vectors keyed by text hash in one SQLite file per model."""

    def __init__(self, folder: str | Path, model: str, dim: int, *, readonly: bool = False):
        self.path = Path(folder) / f"embeddings-{re.sub(r'[^A-Za-z0-9._-]', '_', model)}.sqlite3"
        self.dim = dim
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and self.readonly:
            # A parallel worker reads what exists and creates nothing (one process writes).
            if not self.path.is_file():
                return None
            try:
                db = sqlite3.connect(self.path)
                if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='vec'").fetchone() is None:
                    db.close()  # the writer is creating it: nothing to read yet
                    return None
                self._db = db
            except sqlite3.Error as exc:
                log.warning("embedding cache disabled (%s): %s", self.path, exc)
                return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                log.warning("embedding cache disabled (%s): %s", self.path, exc)
                self._db = None
                return None
        return self._db

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        db = self._conn()
        if db is None or not keys:
            return {}
        found: dict[bytes, np.ndarray] = {}
        keys = list(keys)
        try:
            for i in range(0, len(keys), 900):
                chunk = keys[i : i + 900]
                q = "SELECT key, v FROM vec WHERE key IN (%s)" % ",".join("?" * len(chunk))
                for k, v in db.execute(q, chunk):
                    arr = np.frombuffer(v, dtype=np.float32)
                    if arr.size == self.dim:
                        found[bytes(k)] = arr
        except sqlite3.Error as exc:
            log.warning("embedding cache unreadable (%s): %s", self.path, exc)
        return found

    def put(self, items: dict[bytes, np.ndarray]) -> None:
        db = self._conn()
        if db is None or not items or self.readonly:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)",
                    [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
                )
        except sqlite3.Error as exc:
            log.warning("embedding cache not written (%s): %s", self.path, exc)


class Collection:
    """Embeds texts (through the cache) and searches them with FAISS.

    Args:
        embedder: the model; only called for texts not in the cache.
        cache_dir: folder of the persistent cache, or None for no cache.
        progress: optional ``callback(done, total)`` while encoding new texts.
        write: write new vectors to the cache; a parallel worker reads it only and
            hands :attr:`fresh` to the one process that writes (:meth:`save`).
    """

    def __init__(self, embedder: Embedder, cache_dir: str | Path | None = None, progress=None, *, write: bool = True):
        self.embedder = embedder
        self.progress = progress
        self.cache = VectorCache(cache_dir, embedder.name, embedder.dim, readonly=not write) if cache_dir else None
        self.write = write
        self.stats = {"texts": 0, "cached": 0, "encoded": 0, "encode_seconds": 0.0}
        #: Vectors known without the cache (given by :meth:`seed`, or encoded here), by key.
        self.memory: dict[bytes, np.ndarray] = {}
        #: Vectors this collection encoded itself, by key (what a worker hands to the one writer).
        self.fresh: dict[bytes, np.ndarray] = {}

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.embedder.name}\x00{text}".encode()).digest()

    def key(self, text: str) -> bytes:
        """The cache key of ``text`` for this model."""
        return self._key(text)

    def seed(self, vectors: dict[bytes, np.ndarray]) -> None:
        """Vectors encoded elsewhere (a worker), by :meth:`key`; used before the cache and the model."""
        self.memory.update(vectors)

    def save(self, vectors: dict[bytes, np.ndarray]) -> None:
        """Write vectors to the persistent cache (the one writer: workers hand theirs to it)."""
        if self.cache is not None and vectors and self.write:
            self.cache.put(vectors)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (n, dim), encoding only those not cached yet."""
        texts = list(texts)
        out = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
        if not texts:
            return out
        keys = [self._key(t) for t in texts]
        cached = {k: self.memory[k] for k in keys if k in self.memory}
        rest = list({k for k in keys if k not in cached})
        if self.cache and rest:
            cached.update(self.cache.get(rest))
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts):
            if k not in cached:
                missing.setdefault(k, t)
        todo = list(missing.items())
        for start in range(0, len(todo), ENCODE_CHUNK):  # bounded work (and a cache write) per chunk
            part = todo[start : start + ENCODE_CHUNK]
            t0 = time.perf_counter()
            if self.progress is not None:
                vecs = self.embedder.encode([t for _, t in part], progress=lambda done, _total, start=start: (
                    self.progress(start + done, len(todo))))
            else:
                vecs = self.embedder.encode([t for _, t in part])
            self.stats["encode_seconds"] += time.perf_counter() - t0
            new = dict(zip((k for k, _ in part), vecs))
            self.fresh.update(new)
            self.memory.update(new)
            if self.cache and self.write:
                self.cache.put(new)
            cached.update(new)
        for i, k in enumerate(keys):
            out[i] = cached[k]
        self.stats["texts"] += len(texts)
        self.stats["encoded"] += len(missing)
        self.stats["cached"] += len(texts) - len(missing)
        return out

    def index(self, vectors: np.ndarray) -> Index:
        """A FAISS inner-product index over ``vectors``."""
        return Index(vectors)


class Index:
    """Exact inner-product (cosine) search over normalised vectors."""

    def __init__(self, vectors: np.ndarray):
        import faiss

        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss = faiss.IndexFlatIP(self.vectors.shape[1] if self.vectors.ndim == 2 else 384)
        if len(self.vectors):
            self._faiss.add(self.vectors)

    def __len__(self) -> int:
        return int(self._faiss.ntotal)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (scores, ids) for each query row; ids are -1 past the end."""
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if not len(self) or not len(q):
            return np.zeros((len(q), 0), np.float32), np.zeros((len(q), 0), np.int64)
        return self._faiss.search(q, min(k, len(self)))
