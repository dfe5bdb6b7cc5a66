"""A fault-injecting model wrapper: the adversary of ``studio bench reliability``.

Around any backend, each structured call independently suffers, with its own
probability, one of the failures real models show:

* ``malformed``: the JSON is cut short or loses a brace (a structure failure);
* ``dropped``: a character the facts put in the scene vanishes from its pieces (whole-scene calls only);
* ``contradiction``: a sentence contradicting the bible is slipped into an action line (whole-scene calls only);
* ``reader``: a slip a reader stops at (whole-scene calls only), one of :data:`READER_FAULTS`: a line of
  dialogue cut off mid-sentence, a line calling someone by a name not theirs, a speaker naming herself as
  another character, an action line in the past tense;
* ``timeout``: the call raises :class:`~agents.backend.LLMTimeout`.

Deterministic for a given seed; :attr:`FaultInjector.injected` counts what was done.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.backend import Backend, Completion, LLMTimeout
from continuity.bible.model import Bible

_WRONG = {
    "hair": ("blonde", "black", "brown", "red", "grey"),
    "eyes": ("brown", "blue", "green", "grey"),
    "beard": ("black", "red", "grey", "blonde"),
}


@dataclass(frozen=True)
class Faults:
    """Per-call probabilities of each fault (each step then succeeds about 90% of the time)."""

    malformed: float = 0.03
    dropped: float = 0.03
    contradiction: float = 0.03
    timeout: float = 0.01
    reader: float = 0.03

    def scaled(self, factor: float) -> Faults:
        """Every probability times ``factor`` (capped at 1)."""
        return Faults(**{k: min(1.0, v * factor) for k, v in self.__dict__.items()})


#: The detection benchmark's phrasings: contradictions are worded as writers word them,
#: not in the words the checker was written for (``benchmarks/detection/phrasings.yaml``).
PHRASINGS = Path(__file__).resolve().parents[1] / "benchmarks" / "detection" / "phrasings.yaml"


def _phrasings() -> dict[str, Any]:
    try:
        import yaml

        return yaml.safe_load(PHRASINGS.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError, ImportError):
        return {}


def _templates(node: Any) -> list[str]:
    """Every template string under a phrasings node (lists, or dicts of lists)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for x in node for t in _templates(x)]
    if isinstance(node, dict):
        return [t for x in node.values() for t in _templates(x)]
    return []


def _fill(template: str, name: str, **slots: str) -> str:
    """A template with the character's name for every pronoun slot (their gender is unknown here)."""
    text = template
    for slot, value in {"{His}": f"{name}'s", "{his}": f"{name}'s", "{He}": name, "{he}": name, "{him}": name,
                        "{Name}": name, **{f"{{{k}}}": v for k, v in slots.items()}}.items():
        text = text.replace(slot, value)
    return text[:1].upper() + text[1:]


def contradictions(bible: Bible) -> list[tuple[str, str]]:
    """``(character, sentence)`` pairs that contradict the bible, in the detection benchmark's phrasings.

    Hair and eye colours and wardrobe colours the bible fixes are contradicted in
    each of the benchmark's families (apposition, possessive, action, "-eyed",
    ownership by action...); without the phrasings file, one plain sentence each.
    """
    from continuity.language.lexicon import COLOURS, colour_of, garment_kind

    phrasings = _phrasings()
    looks = (phrasings.get("appearance") or {}).get("families") or {}
    wear = (phrasings.get("wardrobe") or {}).get("families") or {}
    out = []
    for ch in bible.characters:
        name = ch.name.split()[0].title()
        for attr, value in ch.attributes.items():
            options = [w for w in _WRONG.get(attr, ()) if w not in str(value).lower()]
            if not options:
                continue
            templates = [t for fam in looks.values() if attr in (fam.get("attrs") or [])
                         for t in _templates((fam.get("target") or {}).get(attr) if isinstance(fam.get("target"), dict)
                                             else fam.get("target"))]
            sentences = [_fill(t, name, v2=options[i % len(options)]) for i, t in enumerate(templates)]
            out += [(ch.name, s) for s in sentences] or [(ch.name, f"{ch.name}'s {options[0]} {attr} catches the light.")]
        for item in ch.wardrobe:
            kind, colour = garment_kind(item.item), colour_of(item.item)
            if not kind or not colour:
                continue
            noun = item.item.split()[-1]
            wrong = [c for c in COLOURS if colour_of(c) not in (colour, None)][:6]
            templates = [t for fam in wear.values() for t in _templates(fam.get("target"))]
            for i, t in enumerate(templates):
                c2 = wrong[i % len(wrong)]
                a_c2 = f"{'an' if c2[0] in 'aeiou' else 'a'} {c2}"
                out.append((ch.name, _fill(t, name, c2=c2, a_c2=a_c2, g=noun)))
    return out


#: The reader faults, one drawn per ``reader`` fault.
READER_FAULTS = ("cut_off", "wrong_name", "identity", "past_tense")


class FaultInjector:
    """Wraps ``backend``; see the module docstring.

    Args:
        backend: the model to corrupt.
        faults: the probabilities.
        seed: for the random draws.
        bible: where contradictions come from (no contradiction fault without one).
    """

    def __init__(self, backend: Backend, faults: Faults | None = None, *, seed: int = 0, bible: Bible | None = None):
        self.backend = backend
        self.faults = faults or Faults()
        self.name = f"{backend.name}+faults"
        self.react = getattr(backend, "react", False)
        self._rng = random.Random(seed)
        self._lies = contradictions(bible) if bible else []
        self._names = [c.name for c in bible.characters] if bible else []
        self.injected: Counter[str] = Counter()

    def complete(self, messages: list[dict[str, Any]], schema: dict[str, Any] | None, max_tokens: int,
                 timeout: float | None = None) -> Completion:
        """The wrapped backend's reply, perhaps corrupted."""
        if schema is None:
            return self.backend.complete(messages, schema, max_tokens, timeout)
        draws = {k: self._rng.random() for k in ("timeout", "malformed", "dropped", "contradiction", "reader")}
        if draws["timeout"] < self.faults.timeout:
            self.injected["timeout"] += 1
            raise LLMTimeout("injected timeout")
        reply = self.backend.complete(messages, schema, max_tokens, timeout)
        if draws["malformed"] < self.faults.malformed:
            self.injected["malformed"] += 1
            return Completion(_break(reply.text, self._rng), reply.finish_reason, reply.prompt_tokens, reply.completion_tokens)
        if schema.get("title") != "ScenePieces":
            return reply
        try:
            draft = json.loads(reply.text)
        except ValueError:
            return reply
        changed = False
        if draws["dropped"] < self.faults.dropped and _drop(draft, self._rng):
            self.injected["dropped"] += 1
            changed = True
        if draws["contradiction"] < self.faults.contradiction and self._contradict(draft):
            self.injected["contradiction"] += 1
            changed = True
        if draws["reader"] < self.faults.reader:
            kind = self._rng.choice(READER_FAULTS)
            if _slip(draft, kind, self._names, self._rng):
                self.injected["reader"] += 1
                self.injected[kind] += 1
                changed = True
        if not changed:
            return reply
        return Completion(json.dumps(draft), reply.finish_reason, reply.prompt_tokens, reply.completion_tokens)

    def _contradict(self, draft: dict[str, Any]) -> bool:
        speakers = {str(name).upper() for name in (draft.get("dialogue") or {})}
        lies = [s for name, s in self._lies if name in speakers] or [s for _, s in self._lies]
        action = draft.get("action") or []
        if not lies or not action:
            return False
        i = min(1, len(action) - 1)
        action[i] = f"{action[i]} {self._rng.choice(lies)}"
        return True


def _slip(draft: dict[str, Any], kind: str, names: list[str], rng: random.Random) -> bool:
    """Put one reader fault of ``kind`` into a whole-scene reply; False when the scene gives no place for it."""
    dialogue = draft.get("dialogue") or {}
    speakers = sorted(n for n, lines in dialogue.items() if lines)
    action = draft.get("action") or []
    if kind == "past_tense":
        if not action or not speakers:
            return False
        i = rng.randrange(len(action))
        action[i] = f"{action[i]} {speakers[0].split()[0].title()} turned and looked back at the water."
        return True
    if not speakers:
        return False
    who = rng.choice(speakers)
    line = dialogue[who][0]
    others = [n for n in names if n.upper() != who.upper()]
    absent = [n for n in others if n.upper() not in {s.upper() for s in dialogue}]
    if kind == "cut_off":
        words = line.rstrip(".!?").split()
        if len(words) < 3:
            words = [*words, "and", "then", "I"]
        dialogue[who][0] = " ".join(words[: max(2, len(words) // 2)] + ["and", "the"])
    elif kind == "wrong_name":
        wrong = (absent or [who])[0].split()[0].title()
        dialogue[who][0] = f"{line.rstrip('.!?')}, {wrong}."
    elif kind == "identity":
        if not others:
            return False
        dialogue[who][0] = f"I'm {others[0].split()[0].title()}. {line}"
    return True


def _break(text: str, rng: random.Random) -> str:
    """Cut the JSON short, or lose its first closing brace."""
    if rng.random() < 0.5:
        return text[: max(1, len(text) // 2)]
    return text.replace("}", "", 1)


def _drop(draft: dict[str, Any], rng: random.Random) -> bool:
    """Remove every line of one speaker and their name from the action; False if none speaks."""
    dialogue = draft.get("dialogue") or {}
    speakers = sorted(name for name, lines in dialogue.items() if lines)
    if not speakers:
        return False
    gone = rng.choice(speakers)
    dialogue[gone] = []
    draft["action"] = [" ".join(w for w in line.split() if gone.lower() not in w.lower()) or "Silence."
                       for line in draft.get("action", [])]
    return True
