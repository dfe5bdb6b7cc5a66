"""Is a word English? The vocabulary the reader checks judge invented words by.

No hand-made word list: the words are those the installed models already carry,

- the WordNet lemma index and exceptions of spaCy's English lemmatizer
  (``en_core_web_sm``: about 88,000 nouns, verbs, adjectives and adverbs);
- the strings of spaCy's vocabulary as shipped (function words, contractions, "gonna", "hmm");
- the whole words of the sentence model's WordPiece vocabulary (common first names).

A word is known when it, or its stem once a regular ending is taken off
("drips" -> "drip", "clipping" -> "clip", "greyer" -> "grey"), is in one of them.
Deterministic; loaded once per process.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from continuity.errors import StudioError
from continuity.language.parse import dictionary_words

logger = logging.getLogger(__name__)

_WORD_RE = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_CONTRACTION_RE = re.compile(r"['\u2019](?:s|ve|ll|re|d|m|t)$", re.IGNORECASE)
_ENDINGS = ("ies", "ied", "ier", "iest", "ily", "es", "ed", "ing", "er", "est", "ly", "s", "'s", "n")


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every lower-case word the installed models know (see the module docstring)."""
    words: set[str] = set()
    try:
        from continuity.language.parse import load_pipeline

        nlp = load_pipeline()
        tables = nlp.get_pipe("lemmatizer").lookups
        index = tables.get_table("lemma_index")
        for pos in index:
            words.update(w for w in index[pos] if w.isalpha())
        exceptions = tables.get_table("lemma_exc")
        for pos in exceptions:
            words.update(w for w in exceptions[pos] if w.isalpha())
        words.update(s.lower() for s in _shipped_strings() if s.isalpha())
    except (StudioError, KeyError, ValueError, OSError, ImportError) as exc:  # fewer words, not a failure
        logger.warning("spaCy's word lists are not available: %s", exc)
    try:
        from continuity.language.minilm import model_dir

        lines = (Path(model_dir()) / "vocab.txt").read_text(encoding="utf-8").split("\n")
        words.update(w for w in lines if w.isalpha())
    except (OSError, StudioError) as exc:
        logger.warning("the sentence model's vocabulary is not available: %s", exc)
    return frozenset(words)


def english() -> frozenset[str]:
    """Dictionary words only: the WordNet lemmas and their inflections, and spaCy's stop words (no names)."""
    return dictionary_words()


def _shipped_strings() -> list[str]:
    """The strings of spaCy's vocabulary as the model ships them (``vocab/strings.json``): the live
    string store grows with every text parsed, which would make the vocabulary depend on what came before."""
    import importlib
    import json

    from continuity.language.parse import MODEL_PACKAGE

    root = Path(importlib.import_module(MODEL_PACKAGE).__file__).parent
    found = sorted(root.glob("*/vocab/strings.json")) or sorted(root.glob("vocab/strings.json"))
    if not found:
        raise KeyError("vocab/strings.json")
    return list(json.loads(found[0].read_text(encoding="utf-8")))


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written (contractions whole: ``I've``, ``don't``)."""
    return _WORD_RE.findall(text)


def is_known(word: str, extra: frozenset[str] | set[str] = frozenset(), *, strict: bool = False) -> bool:
    """Whether ``word`` (any case, a contraction allowed) is an English word, or one of ``extra`` (lower case).

    ``strict``: a dictionary word (:func:`english`), not a name the models happen to know ("Norah", "Edi").
    """
    low = word.lower().replace("\u2019", "'")
    if low in extra:
        return True
    base = _CONTRACTION_RE.sub("", low) if "'" in low else low
    if base.endswith("n") and low.endswith("n't"):
        base = base[:-1]
    if not base or base in extra:
        return True
    vocab = english() if strict else vocabulary()
    if base in vocab:
        return True
    for end in _ENDINGS:
        if len(base) > len(end) + 2 and base.endswith(end):
            stem = base[: -len(end)]
            for form in (stem, stem + "e", stem + "y", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if form and (form in vocab or form in extra):
                    return True
    return False


def unknown_words(text: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The words of ``text`` that are neither English nor in ``extra``, in order."""
    return [w for w in words_of(text) if not is_known(w, extra)]


__all__ = ["english", "is_known", "unknown_words", "vocabulary", "words_of"]
