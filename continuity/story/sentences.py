"""Sentences of a script, who they name, and the attribute values they state.

This is the shared reading layer of the checks: the script is split into
sentences (each with its scene and source line), character names and pronouns are
resolved to cast members, and appearance and wardrobe values are attached to the
character they describe. Resolution is deliberately conservative: a value whose
owner is unclear is dropped rather than guessed (precision over recall).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from continuity.language import lexicon
from continuity.story.splitting import Sentence
from continuity.story.wearing import UP_TO_RE, garment_owner

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
#: Words before a surname that keep it the cast member's: "Mrs. Vance", "Detective Kessler".
_TITLE_WORDS = frozenset("mr mrs ms miss dr doctor detective officer sergeant sgt captain capt lieutenant lt aunt uncle "
                         "father sister mother brother old young little big saint st lady lord sir professor judge nurse "
                         "agent inspector constable chief coach papa mama grandma grandpa nana mayor senator reverend "
                         "madam madame monsieur herr frau senor señor signora signor dear poor".split())
_POSS_BEFORE = re.compile(r"\b(his|her|their|its)\s+(?:[\w'\-]+\s+){0,4}$", re.IGNORECASE)
_WEAR_BEFORE = re.compile(
    r"\b(?:wears?|wearing|wore|dressed in|clad in|in|zips?(?: up)?|zipping(?: up)?|buttons?(?: up)?|buttoning|"
    r"pulls? (?:on|tight|closed)|pulling (?:on|tight)|tugs?|tugging|shrugs? (?:on|off)|clutches|adjusts?|straightens?)"
    r"\s+(?:up\s+)?(?:his|her|their|a|an|the)?\s*(?:[\w'\-]+\s+){0,4}$",
    re.IGNORECASE,
)
# Words of multi-word cues ("TELLER WOMAN", "YOUNG EDWARD") that are not names.
_GENERIC = {
    "MAN", "WOMAN", "GIRL", "BOY", "KID", "LADY", "GUY", "YOUNG", "OLD", "OLDER", "LITTLE", "BIG", "MR", "MRS",
    "MR.", "MRS.", "MS", "MS.", "DR", "DR.", "GUARD", "OFFICER", "DOCTOR", "NURSE", "WAITER", "WAITRESS", "DRIVER",
    "TELLER", "CLERK", "COP", "SOLDIER", "VOICE", "THE", "FIRST", "SECOND", "THIRD", "OTHER", "NEW", "UNCLE", "AUNT",
    "MOTHER", "FATHER", "SISTER", "BROTHER", "WIFE", "HUSBAND", "SON", "DAUGHTER", "BABY", "CAPTAIN", "SERGEANT",
    "AGENT", "PILOT", "PRIEST", "REPORTER", "ANNOUNCER", "NARRATOR", "CROWD", "ALL", "BOTH", "TEEN", "TEENAGE",
}
#: Ranks and titles before a name: the first name comes after them.
_RANKS = frozenset("""MR MRS MS MISS DR CAPT CAPTAIN LT LIEUTENANT SGT SERGEANT DEPUTY SHERIFF CHIEF BATTALION
DETECTIVE DET INSPECTOR INSP CONSTABLE PC OFFICER AGENT SIR LADY LORD DAME FATHER FR SISTER BROTHER REV REVEREND
PROF PROFESSOR COL COLONEL MAJ MAJOR GEN GENERAL ADM ADMIRAL CPL CORPORAL PVT PRIVATE ENGINEER PROBATIONARY FF
FF/PARAMEDIC PARAMEDIC NURSE JUDGE MAYOR SENATOR GOVERNOR PRESIDENT PRINCE PRINCESS KING QUEEN UNCLE AUNT
GRANDMA GRANDPA NANA OLD YOUNG LITTLE BIG""".split())
#: Words of a cue that name a part, not a person (``WOMAN``, ``OLD``, ``FATHER``).
GENERIC_PEOPLE = frozenset(w.strip(".") for w in _GENERIC)
_OTHER_PERSON_RE = re.compile(
    r"\b[A-Z]{2,}(?:[\s-]+[A-Z]{2,})*\b(?!')|\b(?:woman|man|girl|boy|lady|guy|stranger|kid|child|figure|someone|"
    r"women|men|girls|boys|people|soldier|officer|nurse|doctor|waitress|waiter|driver)\b"
)
#: What may stand before a garment in a verbless description: "A", "Round", "Charcoal" (a few words, no verb).
_FRAGMENT_RE = re.compile(r"(?:(?:An?|The)\s+)?(?:[A-Z]?[a-z'-]+\s+){0,2}")
#: Items of a verbless list before the garment: "Same mustard jacket, same borrowed ".
_FRAGMENT_LIST_RE = re.compile(r"(?:(?:[\w'-]+\s+){0,3}[\w'-]+,\s+){1,4}(?:[a-z'-]+\s+){0,2}")
_SUBJECT_PRONOUN_RE = re.compile(r"^(?:[A-Z][a-z]+ly,?\s+|Then,?\s+|Now,?\s+)?(He|She)\b")
_LOOKS_GATE = re.compile(
    r"\b(?:hair|eyes?|beard|moustache|mustache|curls|locks|mane|stubble|frame|build|figure|physique|"
    r"slight|slim|stocky|thin|bony|heavy|wiry|slender|skinny|lanky|gaunt|petite|scrawny|heavyset|portly|stout|"
    r"burly|muscular|brawny|chubby|plump|teens|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)(?:y|ies)(?:-\w+)?|"
    r"eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen)\b",
    re.IGNORECASE,
)
_ONE_RE = re.compile(r"\b(?:for|into|with|to|on) (?:a|an|the|some) (?P<c>" + "|".join(lexicon.COLOURS) + r") (?:one|pair|set)\b",
                     re.IGNORECASE)
CHANGE_RE = re.compile(
    r"\b(now|dyed|dyes|has cut|cuts (?:his|her) hair|shaved|shaves|wig|disguised?|turned|changes? into|"
    r"changed into|puts? on|pulls? on|takes? off|swapped|swaps?|new|another|fresh|borrowed|borrows|lends|"
    r"(?:shrugs?|slips?|throws?|pulls?|puts?) (?:it|them) on|slips? into|throws? on|dons|donning|wriggles? into)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A character named in a sentence, at character offsets ``start:end``."""

    character: str
    start: int
    end: int
    possessive: bool
    caps: bool


@dataclass(frozen=True)
class Observation:
    """An attribute value stated about a character in a sentence.

    ``attribute`` is an appearance slot (``hair``, ``eyes``...) or ``garment:<kind>``;
    ``how`` tells how the owner was resolved (``possessive``, ``pronoun``, ``named``,
    ``aligned``).
    """

    character: str
    attribute: str
    value: str
    words: str
    sentence: Sentence
    how: str
    change: bool


class Cast:
    """Names, aliases and genders of the characters, and a finder for them in text."""

    def __init__(self, names: dict[str, list[str]]):
        """Args: names: canonical name (as cued) -> aliases (full names...)."""
        self.names = list(names)
        self.gender: dict[str, str | None] = dict.fromkeys(self.names)
        surface: dict[str, str] = {}
        owners: dict[str, set[str]] = defaultdict(set)
        for name, aliases in names.items():
            forms = {name, *aliases}
            for form in list(forms):
                parts = form.split()
                if len(parts) > 1:
                    forms.update(p for p in (parts[0], parts[-1]) if len(p) >= 3 and p.upper() not in _GENERIC)
                    # "DEPUTY CALEB DUNMORE", "CAPT. DELIA MARCHETTI": the first name after a rank
                    named = [p for p in parts if p.upper().strip(".") not in _RANKS and p.upper() not in _GENERIC]
                    if len(named) >= 2 and named[0] != parts[0] and len(named[0]) >= 3:
                        forms.add(named[0])
            for form in forms:
                if len(form) < 2 or not any(c.isalpha() for c in form):
                    continue
                owners[form.upper()].add(name)
        for form, who in owners.items():
            if len(who) == 1:
                surface[form] = next(iter(who))
            elif form in who:  # a cue name beats another's alias part
                surface[form] = form
        self.surface = surface
        # a family name several characters share: "Mrs. Keane" is the one woman of the name
        self._shared = {form: sorted(who) for form, who in owners.items()
                        if len(who) > 1 and form not in surface and " " not in form and form.isalpha()}
        self._titled_re = re.compile(
            r"\b(?P<t>Mrs|Miss|Ms|Mr|Mister|Madam|Madame|Mme|Frau|Herr|Señora|Senora|Señor|Senor)\.?\s+(?P<n>"
            + "|".join(re.escape(f[:1] + f[1:].lower()) for f in sorted(self._shared, key=len, reverse=True))
            + r")(?P<p>'s|s')?(?![\w])") if self._shared else None
        alts = sorted(surface, key=len, reverse=True)
        if alts:
            # Upper case (introductions, cues) or Title case, never lower: "will" is a verb.
            pats = []
            for f in alts:
                words = f.split()
                pats.append(re.escape(f))
                pats.append(r"\s+".join(re.escape(w[:1] + w[1:].lower()) for w in words))
            self._re = re.compile(r"(?<![\w'])(" + "|".join(pats) + r")('s|'S|s')?(?![\w])")
        else:
            self._re = None

    def mentions(self, text: str) -> list[Mention]:
        """Characters named in ``text``."""
        if self._re is None:
            return []
        out = []
        for m in self._re.finditer(text):
            form = " ".join(m.group(1).split()).upper()
            who = self.surface.get(form)
            if who and not self._another_of_the_name(text, m.start(), form):
                out.append(Mention(who, m.start(), m.end(), bool(m.group(2)), m.group(1).isupper()))
        if self._titled_re is not None:
            for m in self._titled_re.finditer(text):
                gender = "m" if m.group("t").lower() in ("mr", "mister", "herr", "señor", "senor") else "f"
                bearers = self._shared[m.group("n").upper()]
                fits = [w for w in bearers if self.gender.get(w) == gender]
                if not fits:  # ("Mrs. Braddock": Tom is a he, so his sister, whatever her pronouns so far)
                    fits = [w for w in bearers if self.gender.get(w) is None]
                    fits = fits if len(fits) == 1 and len(bearers) - 1 == sum(
                        self.gender.get(w) not in (None, gender) for w in bearers) else []
                if len(fits) == 1:
                    out.append(Mention(fits[0], m.start("n"), m.end(), bool(m.group("p")), False))
            out.sort(key=lambda x: x.start)
        return out

    def _another_of_the_name(self, text: str, start: int, form: str) -> bool:
        """A surname after another's first name: "Evelyn Vance" is not Gordon Vance ("Mrs. Vance", "Then Vance" are)."""
        if " " in form:
            return False
        before = re.search(r"(?:^|(?P<end>[.!?:;\"]\s*)|\s)(?P<w>[A-Z][a-z]+)\s+$", text[:start])
        if before is None or before.group("w").lower() in _TITLE_WORDS or before.group("w").upper() in self.surface:
            return False
        at_start = before.start("w") == 0 or before.group("end") is not None and before.group("end").strip() in ".!?"
        return not at_start

    def learn_genders(self, sentences: list[Sentence]) -> None:
        """Guess each character's pronouns from the script's own usage.

        A pronoun votes for the character named alone in its sentence (after the
        name), or, in a sentence naming no one, for the character named alone in
        the previous sentence of the same paragraph.
        """
        votes: dict[str, Counter] = defaultdict(Counter)
        current: str | None = None
        element = None
        for s in sentences:
            if s.kind != "action":
                current = None
                continue
            if s.element != element:
                element, current = s.element, None
            ms = self.mentions(s.text)
            who = {m.character for m in ms}
            if len(who) > 1:
                current = None
                continue
            if len(who) == 1 and re.search(r"\b(?:he|she|they)\b", s.text[: ms[0].start], re.IGNORECASE):
                current = None  # "She hits Curtis ... her right fist": the name is not who the pronouns mean
                continue
            if len(who) == 1:
                current = ms[0].character
                after = s.text[ms[0].end :]
            else:
                after = s.text
            if current is None:
                continue
            words = re.findall(r"[a-z]+", after.lower())
            votes[current]["m"] += sum(w in _MALE for w in words)
            votes[current]["f"] += sum(w in _FEMALE for w in words)
        for name, v in votes.items():
            if v["m"] >= 2 and v["m"] >= 3 * v["f"]:
                self.gender[name] = "m"
            elif v["f"] >= 2 and v["f"] >= 3 * v["m"]:
                self.gender[name] = "f"


def _opens_with(text: str, gender: str | None) -> bool:
    """Whether a sentence opens with a subject pronoun of ``gender`` ("She hits Curtis ...")."""
    if gender not in ("m", "f"):
        return False
    return bool(re.match(r"\s*(?:he)\b" if gender == "m" else r"\s*(?:she)\b", text, re.IGNORECASE))


def _pronoun_gender(word: str) -> str | None:
    w = word.lower()
    return "m" if w in _MALE else "f" if w in _FEMALE else None


#: A garment done up as it is worn: "the bottle-green tie knotted tight", "her coat buttoned to the chin".
_DONE_UP_RE = re.compile(r"(?:[\w'-]+\s+){0,3}?[\w'-]+\s+(?:knotted|buttoned|zipped|tied|belted|laced|cinched|fastened)"
                         r"\b", re.IGNORECASE)


#: A name right after a preposition is where someone is, not who a clause after it is about.
_AFTER_PREP_RE = re.compile(r"\b(?:beside|with|to|at|near|behind|from|for|past|towards?|by|of|next to|opposite)\s+$",
                            re.IGNORECASE)


class Reader:
    """Resolves the owner of values stated in sentences.

    Args:
        cast: the characters.
        sentences: all sentences (for looking back within a paragraph).
        align: optional ``(sentence, candidates, attribute) -> name | None`` used when
            several characters could own a value; it ranks them by embedding
            similarity to their established facts.
        parse: optional ``sentence -> Parse`` for ownership by action.
    """

    def __init__(self, cast: Cast, sentences: list[Sentence], align=None, parse=None,
                 continuing: frozenset[int] = frozenset()):
        self.cast = cast
        #: scenes that go on from the one before (CONTINUOUS): a "he" at their top may be the last scene's
        self.continuing = continuing
        self.sentences = sentences
        self.align = align
        #: optional ``sentence -> Parse``: reads garment ownership by action when no
        #: wearing verb or possessive says whose it is (see :mod:`continuity.story.wearing`).
        self.parse = parse
        self._mentions = {s.id: cast.mentions(s.text) for s in sentences}

    def mentions(self, s: Sentence) -> list[Mention]:
        """Characters named in a sentence (cached)."""
        return self._mentions[s.id]

    def _previous_named(self, s: Sentence, gender: str | None) -> str | None:
        """The character an earlier sentence of the same paragraph is about.

        The nearest earlier sentence naming someone of the matching gender wins, and
        within it the first such name (the grammatical subject, usually). Linear: the
        answers for every sentence are built in one pass per gender, on first use
        (after the cast's genders are learnt), each from the sentence before.
        """
        tables: dict[str | None, list[str | None]] = self.__dict__.setdefault("_previous", {})
        table = tables.get(gender)
        if table is None:
            table = tables[gender] = [None] * len(self.sentences)
            for i in range(1, len(self.sentences)):
                if self.sentences[i - 1].element != self.sentences[i].element:
                    continue
                if _opens_with(self.sentences[i - 1].text, gender):
                    table[i] = table[i - 1]  # "She hits Curtis ... the way Roz taught her.": she is who she was
                    continue
                # a name of the pronoun's gender before one whose gender is unknown ("She hits Curtis ...")
                fits = [m.character for m in self._mentions[i - 1] if not m.possessive and (
                    gender is None or self.cast.gender.get(m.character) in (None, gender))]
                sure = [c for c in fits if gender is not None and self.cast.gender.get(c) == gender]
                table[i] = (sure or fits or [table[i - 1]])[0]
        return table[s.id]

    def owner(self, s: Sentence, start: int, attribute: str, *, garment: bool = False) -> tuple[str, str] | None:
        """Who a value at offset ``start`` in ``s`` belongs to, and how we know."""
        before = s.text[:start]
        ms = [m for m in self.mentions(s) if m.end <= start]
        # "Red-headed ZACKY PRICE is 10": an introduction right after the value.
        nxt = [m for m in self.mentions(s) if m.start >= start]
        if nxt and nxt[0].caps and re.fullmatch(r"[\w'\- ]{0,30}\s", s.text[start : nxt[0].start]) and not ms:
            return nxt[0].character, "named"
        # "Green-eyed Josephine stares back": a compound adjective right before the name.
        if nxt and not ms and re.fullmatch(r"[\w'\- ]{0,20}-(?:eyed|haired|headed|bearded)\s", s.text[start : nxt[0].start],
                                           re.IGNORECASE):
            return nxt[0].character, "named"
        # "Josephine spots an ASIAN WOMAN (50)": someone else stands between.
        between = before[ms[-1].end :] if ms else before
        if _OTHER_PERSON_RE.search(between):
            return None
        # "Mara's red coat", "Eli's pale blue eyes".
        # ("Tess's T-shirt over her own navy slacks": a pronoun between, and the slacks are hers, not Tess's)
        if ms and ms[-1].possessive and not re.search(r"[,;]|\band\b|\b(?:his|her|their)\s", before[ms[-1].end :]):
            if garment and re.search(r"\b(?:spare|extra|other)\s+(?:[\w-]+\s+){0,2}$", before[ms[-1].end:]):
                return None  # "pull Dana's spare grey fleece over her head": not the one Dana has on
            if garment and re.search(r"\bin\s+$", before[:ms[-1].start]):
                # "Lena ..., still in Dana's grey fleece": the one in it wears it
                wearer = [m for m in ms[:-1] if not m.possessive and m.character != ms[-1].character]
                if wearer:
                    return wearer[-1].character, "named"
            return ms[-1].character, "possessive"
        pm = _POSS_BEFORE.search(before)
        if pm:
            gender = _pronoun_gender(pm.group(1))
            fit = [m for m in ms if not m.possessive and (gender is None or self.cast.gender.get(m.character) in (
                None, gender))]
            if len(fit) > 1 and not _AFTER_PREP_RE.search(s.text[:fit[0].start]) and "," in before[fit[-1].end:]:
                # ("Devon leans on the Skoda beside Fergus, scratching at his beard": the one leaning)
                ms = [m for m in ms if m is fit[0] or not _AFTER_PREP_RE.search(s.text[:m.start])]
            for m in reversed(ms):
                g = self.cast.gender.get(m.character)
                if not m.possessive and (gender is None or g is None or g == gender):
                    return m.character, "pronoun"
            if ms:
                return None
            who = self._previous_named(s, gender)
            return (who, "pronoun") if who else None
        if garment:
            # A garment is only someone's when they wear it: "Tom, in a red jacket", "Vaz: charcoal suit, black homburg".
            listed = bool(ms) and not ms[-1].possessive and (re.fullmatch(
                r"\s*:\s*(?:[\w'\-]+,?\s+){0,12}", before[ms[-1].end:]) is not None or (
                # "Pip, blue hair loose, green hoodie, orange bracelet, stands on the top gate."
                len(ms) == 1 and ms[0].start <= 1 and re.fullmatch(r"\s*,\s*(?:[\w'\-]+,?\s+){0,12}",
                                                                   before[ms[-1].end:]) is not None) or (
                # "June comes in, green tracksuit, whistle around her neck.": a look listed after a short clause,
                # the garment a bare item of the list
                len(ms) == 1 and ms[0].start <= 1 and re.fullmatch(r"\s+(?:[a-z][\w'\-]*\s+){0,2}[a-z][\w'\-]*\s*,\s*"
                                                                   r"(?:[\w'\-]+,?\s+){0,2}", before[ms[-1].end:]) is not None
                and re.match(r"\s*(?:[\w'\-]+\s+){0,3}[\w'\-]+\s*(?:[,.;:!]|$)", s.text[start:]) is not None))
            if not ms and (_FRAGMENT_RE.fullmatch(before) or _FRAGMENT_LIST_RE.fullmatch(before)) and self.verbless(s):
                # "Beauchamp sits alone at the long table. Charcoal pinstripe suit, spotless.": a look listed
                # after the sentence that brings someone on
                who = self._fragment_owner(s)
                return (who, "fragment") if who else None
            # "Cas sits stiff in the chair, camel overcoat folded on his knee, the bottle-green tie knotted tight":
            # a garment done up is on the one the sentence is about
            done_up = _DONE_UP_RE.match(s.text, start) is not None and len({m.character for m in ms
                                                                            if not m.possessive}) == 1
            # "the navy scarf up to his chin": worn, by the one "his" is
            up = re.match(r"(?:[\w'\-]+\s+){0,3}?[\w'\-]+" + UP_TO_RE.pattern, s.text[start:], re.IGNORECASE)
            if up and not listed and not done_up:
                gender = _pronoun_gender(up.group(1))
                named = [m for m in ms if not m.possessive and self.cast.gender.get(m.character) in (gender, None)]
                if named:
                    return named[-1].character, "named"
                if not ms:
                    who = self.previous_named(s, gender, include_self=True)
                    return (who, "pronoun") if who else None
            if not _WEAR_BEFORE.search(before) and not listed and not done_up:
                return None
        if not ms:
            # "She wears a navy coat.": the subject pronoun refers back; "She's in the navy coat; he's in the
            # camel one, the navy scarf up to his chin": the scarf's clause's.
            cut = max(before.rfind(";"), before.rfind("\u2014"), before.rfind(" -- "))
            sm = re.match(r"(he|she)\b", before[cut + 1:].lstrip(" -"), re.IGNORECASE) if cut >= 0 else None
            sm = sm or _SUBJECT_PRONOUN_RE.match(s.text)
            if sm:
                # (a paragraph that opens "She's back in the yellow vest": the one the scene was about)
                who = self.previous_named(s, _pronoun_gender(sm.group(1)), include_self=True)
                return (who, "pronoun") if who else None
            return None
        subjects = [m for m in ms if not m.possessive]
        if len({m.character for m in subjects}) == 1:
            return subjects[-1].character, "named"
        if subjects and self.align is not None:
            who = self.align(s, sorted({m.character for m in subjects}), attribute)
            if who:
                return who, "aligned"
        return None

    def _parsed_looks(self, s: Sentence, seen: set[tuple[str, str]], change: bool) -> list[Observation]:
        """Appearance said as a predicate, an apposition or an age in words (see :mod:`continuity.story.looks`)."""
        from continuity.story.looks import ages, looks

        parse = self.parse(s)

        def resolve(gender: str) -> str | None:
            return self.previous_named(s, gender, include_self=True)

        out = []
        for look in looks(parse, resolve) + ages(s.text, parse, resolve):
            if (look.character, look.attribute) in seen:
                continue
            seen.add((look.character, look.attribute))
            out.append(Observation(look.character, look.attribute, look.value, look.words, s, "parsed", change))
        return out

    def _fragment_owner(self, s: Sentence) -> str | None:
        """The one person the sentences before a verbless description in its paragraph are about."""
        for k in range(s.id - 1, max(-1, s.id - 5), -1):
            prev = self.sentences[k]
            if prev.element != s.element or prev.kind != "action":
                return None
            names = {m.character for m in self._mentions[k] if not m.possessive}
            if len(names) == 1:
                return names.pop()
            if names:
                return None  # two people
        return None

    def verbless(self, s: Sentence) -> bool:
        """Whether the sentence opens with a noun phrase and no verb ("Charcoal pinstripe suit, spotless, as if ...")."""
        if self.parse is None:
            return False
        clause = s.text.find(",")
        end = clause if clause > 0 else len(s.text)
        return not any(t.pos in ("VERB", "AUX") and t.dep not in ("amod", "acl", "compound") and t.start < end
                       for t in self.parse(s).tokens)

    def previous_named(self, s: Sentence, gender: str | None, *, include_self: bool = False,
                       before: int | None = None) -> str | None:
        """The character a pronoun of this gender in ``s`` most likely means.

        With ``include_self``, a character named in ``s`` itself comes first (only before offset ``before``, when
        given: "Her pale blue eyes find Kit." is not Kit's).
        """
        if include_self:
            ms = [m for m in self.mentions(s) if not m.possessive and (before is None or m.end <= before) and (
                gender is None or self.cast.gender.get(m.character) in (None, gender))]
            if len(ms) > 1 and not _AFTER_PREP_RE.search(s.text[:ms[0].start]):
                # "Devon leans on the Skoda beside Fergus, scratching at his beard": the one leaning, not the one
                # beside him
                ms = [ms[0]] + [m for m in ms[1:] if not _AFTER_PREP_RE.search(s.text[:m.start])]
            fits = [m.character for m in ms]
            sure = [c for c in fits if gender is not None and self.cast.gender.get(c) == gender]
            if fits:
                return (sure or fits)[0]
            # "Nell's head appears above the mat, her hair a dry fuzz": the one whose head opens the sentence
            opener = [m.character for m in self.mentions(s) if m.possessive and m.start <= 2 and
                      gender is not None and self.cast.gender.get(m.character) in (None, gender)]
            if opener:
                return opener[0]
        found = self._previous_named(s, gender)
        if found or not include_self:
            return found
        # A paragraph that opens with "He": the character last named (or speaking) in the scene (however
        # many short sentences back: "Underwater. Cold like a fist. She surfaces...").
        unsure = None  # one whose gender is unknown, if no one of the pronoun's gender comes first
        walking = s.scene
        for k in range(s.id - 1, max(-1, s.id - 25), -1):
            prev = self.sentences[k]
            if prev.scene != walking:
                # ("INT. BOILER ROOM - CONTINUOUS // Iris hands him a towel. He dabs at his dry face": the man of
                # the scene it goes on from)
                if walking != s.scene or unsure is not None or s.scene not in self.continuing or \
                        prev.scene != s.scene - 1:
                    break
                walking = prev.scene
            names = [prev.speaker] if prev.kind == "dialogue" else [m.character for m in self._mentions[k]
                                                                     if not m.possessive]
            if prev.kind == "action" and not names:
                # "June's curls drip onto the floor as she digs in the duffel.": the sentence is about June
                names = [m.character for m in self._mentions[k] if m.possessive and m.start <= 2][:1]
            if prev.kind == "action" and _opens_with(prev.text, gender):
                names = []  # its names are not the pronoun's: "She hits Curtis ..."
            for who in names:
                g = self.cast.gender.get(who) if who else None
                if who and (gender is None or g == gender):
                    return who
                if who and g is None and unsure is None:
                    unsure = who
        return unsure

    def wearer(self, s: Sentence, start: int, end: int, kind: str, *, at: int | None = None
               ) -> tuple[tuple[str, str] | None, bool]:
        """Who wears the garment at ``start``-``end`` of ``s`` (with how we know), and whether it is put on there.

        ``at``: where its owner is read from, when not its start ("the blue of her suit": the noun's).
        """
        who = self.owner(s, start if at is None else at, "garment:" + kind, garment=True)
        if who is None and self.parse is not None:
            found = garment_owner(self.parse(s), start, end,
                                  lambda gender: self.previous_named(s, gender, include_self=True))
            if found:
                return (found[0], found[1]), found[2]
        return who, False

    def observations(self, s: Sentence) -> list[Observation]:
        """Appearance and garment values stated in an action sentence, with owners."""
        if s.kind != "action":
            return []
        out: list[Observation] = []
        change = bool(CHANGE_RE.search(s.text))
        for v in lexicon.appearance_in(s.text):
            who = self.owner(s, v.start, v.attribute)
            if who:
                out.append(Observation(who[0], v.attribute, v.value, v.words, s, who[1], change))
        if self.parse is not None and _LOOKS_GATE.search(s.text):
            out.extend(self._parsed_looks(s, {(o.character, o.attribute) for o in out}, change))
        for g in lexicon.garments_in(s.text):
            if _SEEN_BEFORE_RE.search(s.text[:g.start]):
                continue  # "Hazel takes in the white shirt, the flannels, the shoes": his clothes, looked at
            # ("the blue of her suit": whose is told by the pronoun before the garment's noun)
            at = g.start + g.words.rfind(" ") + 1 if " of " in g.words else g.start
            who, put_on = self.wearer(s, g.start, g.start + len(g.words), g.kind, at=at)
            if who:
                out.append(Observation(who[0], "garment:" + g.kind, g.colour, g.words, s, who[1], change or put_on))
                # "swaps the red jacket for a navy one": the new colour is the canon from here.
                one = _ONE_RE.search(s.text, g.start + len(g.words))
                if change and one:
                    colour = lexicon.COLOUR_GROUP.get(one.group("c").lower())
                    if colour:
                        out.append(Observation(who[0], "garment:" + g.kind, colour, one.group(0), s, who[1], True))
        return out


#: A look at clothes: "takes in the white shirt, the flannels", "eyes the red coat": the clothes are someone else's.
_SEEN_BEFORE_RE = re.compile(r"\b(?:takes? in|looks? (?:at|over|down at|up at)|eyes|clocks|studies|notices|stares? at|"
                             r"glances? at|regards|sizes up|surveys|admires)\s+(?:the|that|this|those)\s+"
                             r"(?:[\w'-]+,?\s+){0,8}$", re.IGNORECASE)
