"""The trait reader's grammar: who owns a word, what is said of a noun, the words before it.

Shared by :mod:`continuity.language.traits` and :mod:`continuity.language.body_traits`; internal to them.
"""

from __future__ import annotations

import re

from continuity.language.lexicon import COLOUR_GROUP, HAIR_COLOURS
from continuity.language.parse import Parse, Token
from continuity.language.trait_words import (
    _PEOPLE_NOUNS,
    _PRONOUNS,
    BODY,
    CHANGE_VERBS,
    GARMENT_WORDS,
    HAIR_NOUNS,
    LENGTHS,
    SIDES,
    STATES,
    Trait,
)


def _owner(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None]:
    """Whose this noun is: ``(character, pronoun gender, owner token)``."""
    for c in parse.children(t.i, "poss"):
        return c.character, _PRONOUNS.get(c.lower) if not c.character else None, c
    head = parse.head(t.i)
    # "Kasia's hair": the possessive marks the head noun (spaCy attaches 's to the name)
    if t.dep in ("dobj", "attr") and head.lemma in ("have", "sport", "wear", "grow", "keep"):
        subj = parse.subject(head)
        if subj is not None:
            return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    if t.dep == "pobj" and head.lower == "with":
        person = parse.head(head.i)
        if person.character or person.lower in _PRONOUNS:
            return person.character, _PRONOUNS.get(person.lower) if not person.character else None, person
        if _PEOPLE_NOUNS.match(person.lower):
            return None, None, person
    # "his left arm in its navy sling": the thing sits on a body part that has the owner
    if t.dep == "pobj" and head.dep == "prep":
        part = parse.head(head.i)
        if part.lower in BODY:
            return _owner(parse, part)
    return None, None, None


def _mods(parse: Parse, t: Token) -> list[Token]:
    """Words said of noun ``t``: modifiers, appositions, predicates, and words coordinated with them."""
    # (an apposition that is another thing, "in its low bun, black-framed glasses", says nothing of it)
    other = {a.i for a in parse.children(t.i, "appos") if a.lower in _OTHER_THINGS or a.lower in GARMENT_WORDS}
    out = [c for c in parse.children(t.i, "amod", "compound", "nmod", "appos", "acl", "nummod") if c.i not in other]
    for a in parse.children(t.i, "appos"):
        if a.i not in other:
            out += parse.children(a.i, "amod", "compound")
    subject = t
    if t.dep == "pobj" and parse.head(t.i).lower == "of":
        whole = parse.head(parse.head(t.i).i)
        if whole.lower in _PART_NOUNS and whole.dep in ("nsubj", "nsubjpass"):
            subject = whole  # "Every strand of her hair is now teal": said of the hair
    if subject.dep in ("nsubj", "nsubjpass"):
        v = parse.head(subject.i)
        if v.pos == "NOUN" and v.i > subject.i:
            # "her hair a dry white-blonde fuzz", "his eyes a startling blue": said with no verb
            out.append(v)
            out += parse.children(v.i, "amod", "compound")
        for c in parse.children(v.i, "acomp", "attr", "oprd", "xcomp", "advmod"):
            out.append(c)
            out += parse.children(c.i, "amod", "compound", "conj", "advmod")
    out += [k for w in list(out) for k in parse.children(w.i, "conj", "amod")]
    # "hair, long, in a braid": adjectives set off after the noun can hang from its head
    if t.dep in ("dobj", "pobj", "appos", "nsubj", "attr", "ROOT", "npadvmod"):
        for c in parse.children(t.i):
            if c.pos == "ADJ" and c not in out:
                out.append(c)
    return out


_OTHER_THINGS = frozenset("glasses spectacles specs frames sunglasses shades goggles earrings necklace scarf".split())
#: Nouns for some or all of a thing: what is said of them is said of it.
_PART_NOUNS = frozenset("strand strands lock locks inch inches each every all most rest bit half tips ends length "
                        "wisp wisps".split())


_STOP_LEFT = {"DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PUNCT", "PART", "VERB"}


def _left(parse: Parse, t: Token) -> tuple[list[Token], Token | None]:
    """The words right before noun ``t`` in its phrase ("her two green knots": two, green), and its possessor.

    Read by position, not only by the parse: the small model often attaches these
    words elsewhere. Adjectival participles ("bandaged", "knotted") count.
    """
    mods: list[Token] = []
    j = t.i - 1
    while j >= 0:
        w = parse.tokens[j]
        if w.pos in ("ADJ", "NOUN", "PROPN", "NUM", "ADV") and not w.character and w.lower not in _PRONOUNS:
            mods.append(w)
        elif w.tag in ("VBN", "VBG") and (w.lower in STATES or w.lower in LENGTHS or w.lower.endswith("ed")):
            mods.append(w)
        elif w.text == "-" and mods:
            pass
        elif w.text == "," and mods and j > 0 and parse.tokens[j - 1].pos == "ADJ" and mods[-1].pos == "ADJ":
            pass  # "bare, steady hands": adjectives in a row
        else:
            break
        j -= 1
    owner = None
    if j >= 0:
        w = parse.tokens[j]
        if w.lower in ("his", "her", "their", "its") or w.character or w.tag == "POS":
            owner = w if w.tag != "POS" else (parse.tokens[j - 1] if j > 0 else None)
    return list(reversed(mods)), owner


def _subject_owner(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None]:
    """The subject of the clause, as the owner of a part of the body nobody else is said to own."""
    verb = parse.clause_verb(t.i)
    subj = parse.subject(verb) if verb is not None else None
    if subj is not None and (subj.character or subj.lower in ("he", "she")):
        return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    return None, None, None


def _tok_owner(tok: Token | None) -> tuple[str | None, str | None]:
    if tok is None:
        return None, None
    return tok.character, (_PRONOUNS.get(tok.lower) if not tok.character else None)


def _window_side(parse: Parse, t: Token) -> tuple[str | None, str | None, Token | None, Token | None]:
    """Side and body part by position: "left arm in its sling", "watch on his right wrist".

    Returns ``(side, part, side token, part token)``.
    """
    toks = parse.tokens
    # after: thing [on|through|across|over|around|at] [his|her|the] [adjs] side part
    for j in range(t.i + 1, min(len(toks), t.i + 7)):
        w = toks[j]
        if w.lower in BODY and j > 0 and toks[j - 1].lower in SIDES:
            between = toks[t.i + 1 : j - 1]
            if all(b.pos in ("ADP", "DET", "PRON", "ADJ", "ADV") or b.lower in ("is", "are", "was", "back", "still",
                                                                             "now", "sits", "sit")
                   for b in between):  # ("hearing aid is back in his left ear")
                return SIDES[toks[j - 1].lower], BODY[w.lower], toks[j - 1], w
            break
        if w.pos in ("VERB", "PUNCT", "CCONJ") and w.text not in ("-",):
            break
    # before: side part [in|on|with] [its|his|a] [adjs] thing
    for j in range(t.i - 1, max(-1, t.i - 8), -1):
        w = toks[j]
        if w.lower in BODY and j > 0 and toks[j - 1].lower in SIDES:
            between = toks[j + 1 : t.i]
            if between and all(b.pos in ("ADP", "DET", "PRON", "ADJ", "NOUN", "ADV") or b.lower in ("its",)
                               for b in between) and any(b.pos == "ADP" for b in between):
                return SIDES[toks[j - 1].lower], BODY[w.lower], toks[j - 1], w
            break
        if w.pos in ("VERB", "AUX", "PUNCT", "CCONJ") and w.text not in ("-",) and w.lower not in ("its",):
            break
    return None, None, None, None


def _other_noun_between(parse: Parse, t: Token, m: Token) -> bool:
    """A word said after noun ``t`` but past another noun ("hair, blue eyes": blue is the eyes')."""
    lo, hi = sorted((t.i, m.i))
    return any(w.pos in ("NOUN", "PROPN") for w in parse.tokens[lo + 1 : hi + 1] if w.i != m.i) or \
        (m.i + 1 < len(parse.tokens) and parse.tokens[m.i + 1].pos == "NOUN" and m.i > t.i)


def _comes_away(parse: Parse, verb: Token) -> bool:
    """"comes away", "falls off", "drops to the lino": what the verb's subject does is leave."""
    if verb.lemma not in ("come", "fall", "drop", "go", "tumble", "slide", "peel"):
        return False
    words = {c.lower for c in parse.children(verb.i, "prt", "advmod", "prep")}
    return bool(words & {"away", "off", "down", "to"}) or verb.lemma == "drop"


def _words(parse: Parse, a: Token, b: Token) -> str:
    start, end = min(a.start, b.start), max(a.end, b.end)
    return parse.text[start:end]


def _colour_word(w: Token, table: dict[str, str | None]) -> str | None:
    low = w.lower
    if low in table:
        return table[low] or low
    parts = [p for p in low.split("-") if p]
    for p in reversed(parts):
        if p in table:
            return table[p] or p
        if p in COLOUR_GROUP:
            return COLOUR_GROUP[p]
    if low in COLOUR_GROUP:
        return COLOUR_GROUP[low]
    return None


def _turns_to(parse: Parse, t: Token, verb: Token | None) -> tuple[str, Token] | None:
    """``(colour, word)`` when hair noun ``t`` goes, turns or becomes a colour ("hair going black")."""
    becoming = [c for c in parse.children(t.i, "acl", "relcl") if c.lemma in ("go", "turn", "become", "fade")]
    if verb is not None and t.dep == "nsubj" and verb.lemma in ("go", "turn", "become", "fade"):
        becoming.append(verb)
    for v in becoming:
        for w in parse.subtree(v.i):
            if w.i != t.i and w.i > v.i:
                col = _colour_word(w, HAIR_COLOURS)
                if col:
                    return col, w
    return None


def _change(parse: Parse, t: Token, key: str) -> bool:
    """Whether the clause around noun ``t`` changes ``key`` on screen."""
    verbs = CHANGE_VERBS.get(key.split(".")[0] if key.startswith(("hair", "beard", "moustache")) else key, set())
    if key.startswith("hair."):
        verbs = CHANGE_VERBS.get(key, set()) | (CHANGE_VERBS["hair.length"] if key == "hair.style" else set())
    if key.startswith("state."):
        verbs = CHANGE_VERBS.get(key.rsplit(".", 1)[-1], set())
    for a in [t, *parse.ancestors(t.i)][:4]:
        # "towels it dry", "dried", not the bare state word itself ("sits dry and tidy")
        if a.lemma in verbs and (a.pos == "VERB" or (a.pos == "ADJ" and a.lower.endswith("ed"))) and not _bare_state(parse, a):
            return True
        if a.lower == "now" or any(c.lower == "now" for c in parse.children(a.i, "advmod")):
            return True
    return False


def _bare_state(parse: Parse, verb: Token) -> bool:
    """"her coat dry and buttoned": the state word the parser took for a verb, with a subject that would
    make it "dries" were it one (and no auxiliary, no object)."""
    if verb.lower not in ("dry", "clean", "wet") or parse.children(verb.i, "aux", "dobj"):
        return False
    if verb.tag == "VB":
        return True  # a bare form with no "to" and no auxiliary is no verb in the action's present tense
    subj = parse.subject(verb)
    return subj is not None and subj.tag in ("NN", "NNP") and subj.lower not in ("i", "you", "we", "they")


def _after_determiner(parse: Parse, t: Token) -> bool:
    """A word used as a noun: a determiner or possessive opens its phrase ("its navy sling")."""
    mods, owner = _left(parse, t)
    first = parse.tokens[(mods[0].i if mods else t.i) - 1] if (mods[0].i if mods else t.i) > 0 else None
    return owner is not None or (first is not None and first.pos == "DET")


def _dedupe(traits: list[Trait]) -> list[Trait]:
    seen: set[tuple] = set()
    out = []
    for x in traits:
        k = (x.key, x.value, x.start, x.owner, x.pronoun)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _prev(parse: Parse, t: Token, word: str) -> bool:
    """Whether the word before ``t`` is ``word`` (across a hyphen: "clean - shaven")."""
    i = t.i - 1
    if i > 0 and parse.tokens[i].text == "-":
        i -= 1
    return i >= 0 and parse.tokens[i].lower.strip("-") == word


def _bald_head(parse: Parse, t: Token) -> bool:
    return any(m.lower in ("bald", "shaved", "shaven") for m in parse.children(t.i, "amod", "compound"))


def _is_verb_use(parse: Parse, t: Token) -> bool:
    return t.pos == "VERB"


def _adj_owner(parse: Parse, adj: Token) -> tuple[str | None, str | None, Token | None]:
    """Who an adjective describes: "X is tall", "X, tiny beside the clock,", "a tall man", "tall Honoria"."""
    head = parse.head(adj.i)
    if adj.dep in ("acomp", "attr", "oprd") and head.lemma in ("be", "look", "seem", "remain", "stay", "stand",
                                                              "appear", "grow"):
        subj = parse.subject(head)
        if subj is not None:
            return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
    if adj.dep in ("amod", "appos", "conj", "advcl", "acl", "npadvmod", "dep", "ROOT", "acomp") and head.i != adj.i:
        if head.character or head.lower in _PRONOUNS:
            return head.character, _PRONOUNS.get(head.lower) if not head.character else None, head
        if head.pos in ("NOUN",) and _PEOPLE_NOUNS.match(head.lower):
            # "Dressler is a wiry little man": the man is the subject of the clause
            if head.dep in ("attr", "appos") and head.head != head.i:
                verb = parse.head(head.i)
                subj = parse.subject(verb) if verb.pos in ("AUX", "VERB") else verb
                if subj is not None and (subj.character or subj.lower in ("he", "she")):
                    return subj.character, _PRONOUNS.get(subj.lower) if not subj.character else None, subj
            return None, None, head
        if head.dep in ("appos",) and parse.head(head.i).character:
            who = parse.head(head.i)
            return who.character, None, who
    prev = parse.tokens[adj.i - 1] if adj.i > 0 else None
    before = parse.tokens[adj.i - 2] if adj.i > 1 else None
    if prev is not None and prev.text == "," and before is not None and before.character:
        return before.character, None, before
    return None, None, None


def _owner_any(parse: Parse, t: Token, *, own_body: bool = True) -> tuple[str | None, str | None, str]:
    """The owner by the parse, else by position (a possessive right before), else the clause's subject.

    Returns ``(character, pronoun gender, how)``; see :attr:`Trait.how`.
    """
    who, gender, tok = _owner(parse, t)
    if tok is not None:
        return who, gender, "poss" if tok.dep == "poss" or tok.tag == "POS" else "parse"
    # "those brown eyes of hers": the owner after the noun
    m = re.match(r"\s+of\s+(hers|his)\b", parse.text[t.end:])
    if m:
        return None, "f" if m.group(1).lower() == "hers" else "m", "poss"
    _, left_owner = _left(parse, t)
    if left_owner is not None:
        return (*_tok_owner(left_owner), "poss")
    who, gender, tok = _adj_owner(parse, t)
    if tok is not None:
        return who, gender, "parse"
    if own_body and _handled(parse, t):
        return None, None, "handled"
    if own_body:
        who, gender, tok = _subject_owner(parse, t)
        if tok is not None:
            return who, gender, "subject"
    return None, None, "none"


def _handled(parse: Parse, t: Token) -> bool:
    """Hair someone handles as "the" or "that" hair: not theirs by the grammar ("Priya is braiding a hank of
    that long auburn hair", "Priya pulls the braid loose": Nora's, whose head is in her lap)."""
    if t.lower not in HAIR_NOUNS or t.lower == "head":
        return False
    x = t
    while x.dep == "pobj" and parse.head(x.i).lower == "of" and parse.head(x.i).head != parse.head(x.i).i:
        x = parse.head(parse.head(x.i).i)  # "a hank of that hair": the hank is what she holds
    dets = ("the", "that", "this", "those", "these")
    # ("the first hank of dark brown hair": the hank's article says it)
    said = any(c.dep == "det" and c.lower in dets for c in parse.children(t.i)) or x is not t and any(
        c.dep == "det" and c.lower in dets for c in parse.children(x.i)) and not any(
        c.dep == "poss" for c in parse.children(t.i))
    return said and x.dep == "dobj"


def _colour_of(words: list[Token], table: dict[str, str | None]) -> tuple[str, Token] | None:
    """The most specific colour among ``words``: "dark auburn" is auburn, "fair" only when alone."""
    found = [(c, w) for w in words if (c := _colour_word(w, table))]
    if not found:
        return None
    specific = [x for x in found if x[1].lower not in ("dark", "light", "fair", "pale", "deep")]
    return (specific or found)[-1]


def _next_is(parse: Parse, t: Token, word: str) -> bool:
    return t.i + 1 < len(parse.tokens) and parse.tokens[t.i + 1].lower == word


def _absolute_noun(parse: Parse, t: Token) -> bool:
    """", patch over his right eye,": a bare noun opening a phrase, which the small parser takes for a verb."""
    return t.pos == "VERB" and (t.i == 0 or parse.tokens[t.i - 1].text in (",", "(", ";", "--", "\u2014")) and \
        t.i + 1 < len(parse.tokens) and parse.tokens[t.i + 1].lower in ("over", "on", "across", "round", "around")


def _of_something(parse: Parse, t: Token) -> bool:
    """"something dry", "anything clean", "nothing wet": said of a thing not named, not of anyone."""
    return t.i > 0 and parse.tokens[t.i - 1].lower in ("something", "anything", "nothing", "everything", "somewhere",
                                                       "anywhere", "nowhere")
