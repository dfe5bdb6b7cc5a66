"""Timeline, part three: ages that do not fit the bible or the years the story states.

1. **Ages said in dialogue.** ``I'm thirty-six``, ``You're thirty-six years old``: the
   speaker's age, or the addressee's (named in the speech, else the one other
   character speaking in the scene). In the main story it must agree, give or take a
   year, with the bible's ``age`` (or a birth year the bible gives, ``born 1991``,
   counted to the story's year) and with the age the script itself gives the
   character where it introduces them (``NORA (33)``).
(2 and 3 are :mod:`continuity.checks.timeline_pasts`'s.)

2. **A younger self in a dated past.** A flashback dated by a super or heading
   (``LOFOTEN, 1999.``) with ``YOUNG MAREN (9)`` in it, in a story whose present
   is dated (``MONDAY 10 OCTOBER 2039``) with ``MAREN (44)`` in it: 44 in 2039 is 4
   in 1999, not 9. The finding sits on the line that dates the flashback.
3. **A told past.** ``I was twelve`` said just before a flashback that shows the
   speaker as ``YOUNG VERA (15)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from continuity.checks.findings import Evidence, Finding
from continuity.language.lexicon import age_range, normalise_age
from continuity.screenplay.model import Kind
from continuity.story.context import Context
from continuity.story.kin import WORDS as KIN_WORDS
from continuity.story.kin import kin_of
from continuity.story.presence import SceneCast
from continuity.story.time_words import number

AGE_NUMBER = (r"(?P<n>\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
        r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|five|six|"
        r"seven|eight|nine)")
_SAID_AGE_RE = re.compile(
    rf"\b(?P<who>I'm|I am|you're|you are)\s+(?:only\s+|nearly\s+|almost\s+|just\s+)?{AGE_NUMBER}"
    r"(?P<tail>\s+years?\s+old|-years?-old|\s*[.!;]|,?\s+(?:and|but)\b|,\s+(?:so|and|but)\b|,\s+(?-i:[A-Z][a-z]+)[.!?,]|"
    r",\s+you\s+(?!know\b|see\b|said\b|say\b|mean\b)[a-z]+)",  # ("You're nineteen, you heal like a lizard.")
    re.IGNORECASE,
)
#: A speech that opens with the speaker's own age: "Fifty-nine years old, and you put a paper crown on me."
_OWN_AGE_RE = re.compile(rf"(?:^|[.!?]\s+)(?:{AGE_NUMBER})[\s-]+years?[\s-]+old"
                         r"(?=\s*[.!?]|,\s+and\s+(?:you|I|now|still)\b)", re.IGNORECASE)  # (", and she falls": hers)
#: Someone's age said by name: "Ray's fifty-two, Claire, and he's built like a woodstove."
_THEIR_AGE_RE = re.compile(
    rf"\b(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:'s|\u2019s|\s+is)\s+(?:only\s+|nearly\s+|almost\s+|just\s+)?{AGE_NUMBER}"
    r"(?P<tail>\s+years?\s+old|-years?-old|\s*[.!;,]|\s+(?:and|but)\b)")
#: A name with its age set off by commas, as the news gives it: "reporter Nora Vasquez, 31, published ...".
_APPOSED_AGE_RE = re.compile(rf"\b(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?),\s+{AGE_NUMBER},\s+(?=[a-z])"
                             r"(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                             r"forty|fifty|sixty|seventy|eighty|ninety)\b)")  # ("forty-six"; not "Sam, ten, nine")
#: A full name and an age, read out: "Daniel Ashby, thirty-seven. Last seen January, Southend."
_FULL_NAME_AGE_RE = re.compile(rf"\b(?P<name>[A-Z][a-z]+\s[A-Z][a-z]+),\s+{AGE_NUMBER}(?=\s*[.;])")
#: "a woman of seventy-one" said to someone: the one spoken to.
#: A speech that opens on an age and turns on "you": "Seventy-eight, and you've never had a hearing test?"
_YOU_AT_RE = re.compile(rf"^\s*(?:Right,\s+|So,\s+|Well,\s+)?{AGE_NUMBER}\s*,\s+and\s+(?:you|you've|you're|you'd|"
                        r"still)\b", re.IGNORECASE)
_OF_AGE_RE = re.compile(rf"\ba (?P<kind>woman|man|lady|gentleman|girl|boy) of {AGE_NUMBER}\b(?! years? ago)")
_KIN_AGE_RE = re.compile(rf"\b(?P<whose>[Yy]our|[Mm]y)\s+(?P<kin>{'|'.join(KIN_WORDS)})(?:'s|\s+is)\s+"
                         rf"(?:only\s+|nearly\s+|almost\s+|just\s+)?{AGE_NUMBER}(?=\s*[.!;,]|\s+(?:and|but|years?)\b)")
WAS_RE = re.compile(rf"\bI was\s+(?:only\s+|just\s+)?{AGE_NUMBER}(?:\s+years?\s+old)?\s*[.!,;]", re.IGNORECASE)
_ANNOUNCED_RE = re.compile(rf"\b{AGE_NUMBER}[\s-]+years?[\s-]+(?:of[\s-]+age|old)\b", re.IGNORECASE)


def _named_with(ctx: Context, text: str, m: re.Match) -> str | None:
    """The one cast member named in the same sentence as an age said of a third person: after it, else before."""
    end = min([len(text)] + [i for i in (text.find(".", m.end()), text.find("!", m.end())) if i >= 0])
    start = max([0] + [text.rfind(c, 0, m.start()) + 1 for c in ".!?"])
    after = [x.character for x in ctx.cast.mentions(text) if m.end() <= x.start < end]
    before = [x.character for x in ctx.cast.mentions(text) if start <= x.start < m.start()]
    found = set(after) or set(before)
    return found.pop() if len(found) == 1 else None


_HOW_OLD_RE = re.compile(r"\bhow old (?:are you|you are)\b[^.!?]*\?|\bwhat(?:'s| is) your age\b", re.IGNORECASE)
#: "She's fifteen. She does what she likes.": the age of someone talked about, not there.
_PRONOUN_AGE_RE = re.compile(
    rf"(?:^|[.!?]\s+)(?P<p>She|He)(?:'s|\u2019s| is)\s+(?:only\s+|nearly\s+|almost\s+|just\s+)?"
    rf"(?:an?\s+(?:grown\s+|young\s+|old\s+)?(?:man|woman|lad|lass|girl|boy)\s+of\s+)?{AGE_NUMBER}"
    r"(?P<tail>\s+years?\s+old|-years?-old|\s*[.!;]|,?\s+(?:and|but)\b|(?=\s+with\b))")
#: The answer: an age alone ("Twenty-six.", "Eighteen, Mrs. Lindqvist.", "Forty-one next month").
_ANSWER_RE = re.compile(rf"\s*(?:I'm\s+|I am\s+|Just\s+|Only\s+)?{AGE_NUMBER}(?:\s+years?\s+old)?"
                        # ("Sixty-one in March gone.", "Forty last May.")
                        r"(?:\s+(?:in|last|this|come|next)\s+[A-Z][a-z]+(?:\s+(?:gone|past|just gone))?)?\s*(?=[.,!;]|\s*$)",
                        re.IGNORECASE)
_BORN_RE = re.compile(r"\bborn\b[^.;]{0,20}?\b(?P<y>(?:1[89]|20)\d\d)\b", re.IGNORECASE)
_YOUNG = ("YOUNG ", "YOUNGER ", "LITTLE ", "TEEN ", "TEENAGE ")
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)\b"
_MONTH_DAY = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:\d{1,2},?\s+)?)?"
#: A birth year said of the speaker or the one spoken to: "I was born in 1996", "you were born in March 1985".
_BORN_IN_RE = re.compile(rf"\b(?P<p>I was|you were|he was|she was)\s+born\s+(?:in\s+|on\s+)?(?:{_MONTH_DAY}|"
                         r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                         rf"\s+(?:the\s+)?[a-z]+(?:-[a-z]+)?,?\s+){_YEAR}")  # ("born March the third, 2003")
#: "He quit the piano in 1996. The year I was born."
_YEAR_I_WAS_BORN_RE = re.compile(rf"\b{_YEAR}[^.!?]{{0,60}}[.!?]?\s*(?:(?:that|it) was\s+|that's\s+)?the year "
                                 r"(?P<p>I was|you were) born\b", re.IGNORECASE)
#: A file read aloud: "Eva Hrubá. Born 1961, in Trnava.": the one named just before.
_BORN_BARE_RE = re.compile(rf"(?:^|[.!?;]\s+)Born\s+(?:in\s+)?{_MONTH_DAY}{_YEAR}")
#: "Happy ninetieth, Roz.", "Happy 40th birthday, Dad": the age turned today.
_BIRTHDAY_RE = re.compile(r"\bHappy\s+(?P<o>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)(?:\s+birthday)?"
                          r"(?:,?\s+(?P<name>[A-Z][a-z]+))?", re.IGNORECASE)
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_ORDINAL_TENS = {w: 20 + 10 * i for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())}
_TENS = {w: 20 + 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}


def ordinal(word: str) -> int | None:
    """``ninetieth`` -> 90, ``eighty-sixth`` -> 86, ``40th`` -> 40; None for a word that is no ordinal."""
    w = word.lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    if w in _ORDINAL_TENS:
        return _ORDINAL_TENS[w]
    tens, _, unit = w.partition("-")
    if tens in _TENS and _ORDINALS.get(unit, 10) < 10:
        return _TENS[tens] + _ORDINALS[unit]
    return None


def check(ctx: Context) -> Iterator[Finding]:
    """Yield findings for ages that contradict the bible, the script's own ages, or the years it states."""
    present_year = main_year(ctx)
    known = stated_ages(ctx)
    yield from _said(ctx, known, present_year)
    yield from _years_younger(ctx, known, present_year)


#: "VIKTOR (34), the same man five years younger": an age given with how many years from the present it is.
_YOUNGER_RE = re.compile(rf"\b(?P<name>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?) \((?P<age>\d{{1,3}})\),\s+(?:the same "
                         rf"(?:man|woman|boy|girl|person)\s+)?{AGE_NUMBER.replace('(?P<n>', '(?P<x>', 1)}\s+years?\s+"
                         r"(?P<way>younger|older|earlier|before|later)\b")


def _years_younger(ctx: Context, known: dict, present_year: int | None) -> Iterator[Finding]:
    """An age said with its distance from the present ("the same man five years younger") must make that present."""
    for s in ctx.sentences:
        if s.kind != "action" or s.scene <= 0:
            continue
        m = _YOUNGER_RE.search(s.text)
        if m is None:
            continue
        who = ctx.cast.surface.get(m.group("name")) or ctx.cue_of.get(m.group("name"))
        years = number(m.group("x"))
        if who is None or years is None:
            continue
        age = int(m.group("age"))
        now = age + years if m.group("way") in ("younger", "earlier", "before") else age - years
        bible = bible_age(ctx, who, present_year)
        if bible is not None:
            (lo, hi), raw, path = bible
            if lo - 1 <= now <= hi + 1:
                continue
            why, evidence = f"the bible says {raw!r}", Evidence(raw, bible=path)
        elif who in known and abs(known[who][0] - now) > 1:
            stated, scene, line = known[who]
            why = f"the script introduces {who} as {stated} in scene {ctx.scene_number(scene)}"
            evidence = Evidence(line_text(ctx, scene, line) or who, line=line, scene=scene)
        else:
            continue
        yield Finding(
            category="timeline", severity="error", scene=s.scene, line=s.line,
            message=f"{m.group(0)!r} makes {who} {now} now, but {why}",
            text=s.text, character=who, subject=f"{who} age", evidence=(evidence,),
            extra=(("cue", m.group(0)),),
        )


def main_year(ctx: Context) -> int | None:
    """The year of the main story, from its supers and cards (``MONDAY 10 OCTOBER 2039``)."""
    years = [s.date.year for s in ctx.story.said if s.date and s.date.year and s.where in ("super", "card")
             and not ctx.is_flashback(s.scene)]
    if not years and ctx.explicit_bible:
        # the bible's dated story days ("story_year: 2025" with "date: Monday, March 3")
        years = [int(iso[:4]) for day, iso in ctx.bible.story_dates.items() if day.startswith("D")]
    return max(years) if years else None


def base_name(name: str) -> str:
    for p in _YOUNG:
        if name.startswith(p):
            return name[len(p):]
    return name


def stated_ages(ctx: Context) -> dict[str, tuple[int, int, int]]:
    """Each character's age as the script introduces them in the main story: name -> (age, scene, line)."""
    out: dict[str, tuple[int, int, int]] = {}
    for cast in ctx.presence.scenes:
        if ctx.is_flashback(cast.index):
            continue
        for who, age, line in cast.ages:
            out.setdefault(who, (age, cast.index, line))
    return out


def bible_age(ctx: Context, name: str, present_year: int | None) -> tuple[tuple[int, int], str, str] | None:
    """The bible's age for a character as a range, the words, and the fact's path."""
    bible_name = next((b for b, cue in ctx.cue_of.items() if cue == name), name)
    ch = ctx.bible.character(bible_name)
    if ch is None or not ctx.explicit_bible:
        return None
    raw = ch.attributes.get("age")
    if raw:
        rng = age_range(normalise_age(raw)) if re.search(r"\d", raw) else None
        if rng:
            return rng, raw, f"characters.{ch.name}.attributes.age"
    for key, text in [*ch.attributes.items(), ("description", ch.description or "")]:
        m = _BORN_RE.search(f"born {text}" if key.lower() in ("born", "birth", "dob", "date of birth", "birthday")
                            else str(text))
        if m and present_year:
            age = present_year - int(m.group("y"))
            return (age - 1, age), m.group(0), f"characters.{ch.name}.{'attributes.' + key if key != 'description' else key}"
    return None


def _addressee(text: str, speaker: str, cast: SceneCast | None, ctx: Context) -> str | None:
    """Who ``you`` is: a character named in the speech, else the one other character speaking in the scene."""
    named = [m.character for m in ctx.cast.mentions(text) if m.character != speaker]
    if len(set(named)) == 1:
        return named[0]
    if cast is None:
        return None
    others = [w for w in cast.speaking if w != speaker]
    return others[0] if len(others) == 1 else None


#: A speech that opens with an age and goes on ("Twenty-six years old, eleven fights, ..."): whoever is looked at.
_DESCRIBED_AGE_RE = re.compile(rf"\s*(?:{AGE_NUMBER})[\s-]+years?[\s-]+old,", re.IGNORECASE)
_LOOK_AT_RE = re.compile(r"\b(?:turns? to|looks? at|looks? (?:him|her) over|takes? (?:him|her) in|studies|eyes|"
                         r"sizes? (?:him|her) up|looks? (?:him|her) up and down|stares? at)\b", re.IGNORECASE)


def _looked_at(ctx: Context, action: str, speaker: str) -> str | None:
    """The one character the speaker looks at in the action before the speech, if it says so."""
    if not _LOOK_AT_RE.search(action):
        return None
    named = {m.character for m in ctx.cast.mentions(action)} - {speaker}
    return named.pop() if len(named) == 1 else None


#: Words before "I'm forty" that make it some other time: "when", "if", "till", "by the time".
_NOT_NOW_RE = re.compile(r"\b(?:when|whenever|if|unless|till|until|once|by the time|before|after)\s+$", re.IGNORECASE)


def _said(ctx: Context, known: dict, present_year: int | None) -> Iterator[Finding]:
    for scene in ctx.script.scenes:
        if ctx.is_flashback(scene.index):
            continue
        cast = ctx.presence.of(scene.index)
        last_action = None
        asked: str | None = None  # who was just asked "How old are you?"
        for el in scene.elements:
            if el.kind is Kind.ACTION:
                last_action = el
            if el.kind is not Kind.DIALOGUE or not el.character:
                continue
            answer = _ANSWER_RE.match(el.text) if asked and asked != el.character else None
            if answer:
                # "How old are you, anyway?" / "Twenty-six. Twenty-seven in March.": the answer is the age
                age = number(answer.group("n"))
                if age is not None and 3 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, answer.group(0).strip(" ,.!"),
                                        el.character, age, known, present_year)
            asked = el.character if _HOW_OLD_RE.search(el.text) else None
            told = _SAID_AGE_RE.search(el.text) or _OWN_AGE_RE.search(el.text) or _DESCRIBED_AGE_RE.match(el.text)
            for m in _ANNOUNCED_RE.finditer(el.text) if not told else ():
                # "twenty-six years of age, Frankie 'The Docker' Doyle!": the age of the one named with it
                who = _named_with(ctx, el.text, m)
                age = number(m.group("n"))
                if who and who != el.character and age is not None and 3 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" ,"), who, age, known,
                                        present_year)
            you_age = _YOU_AT_RE.match(el.text)
            if you_age and not told:
                # "Seventy-eight, and you've never had a hearing test?": the age of the one spoken to
                age = number(you_age.group("n"))
                you = _addressee(el.text, el.character, cast, ctx) or (
                    _nearest_in_age(ctx, cast, el.character, age, known, present_year) if age else None)
                if you and you != el.character and age is not None and 16 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, you_age.group("n"), you, age, known,
                                        present_year)
            for m in _OF_AGE_RE.finditer(el.text):
                # "With respect, a woman of seventy-one shouldn't be raking a pan": the woman spoken to
                you = _addressee(el.text, el.character, cast, ctx) or _answered(scene, el)
                kind = m.group("kind").lower()
                gender = "f" if kind in ("woman", "lady", "girl") else "m"
                age = number(m.group("n"))
                if you and ctx.cast.gender.get(you) == gender and age is not None and 3 <= age <= 110 and \
                        not _NOT_NOW_RE.search(el.text[max(0, m.start() - 20): m.start()]):
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0), you, age, known, present_year)
            for m in [*_THEIR_AGE_RE.finditer(el.text), *_APPOSED_AGE_RE.finditer(el.text),
                      *_FULL_NAME_AGE_RE.finditer(el.text)]:
                who = ctx.cast.surface.get(m.group("name").upper())
                age = number(m.group("n"))
                if who is None or who == el.character or age is None or not 3 <= age <= 110:
                    continue
                if _NOT_NOW_RE.search(el.text[max(0, m.start() - 20): m.start()]):
                    continue
                yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;,"), who, age, known,
                                    present_year)
            yield from _birth_said(ctx, scene.index, el, cast, known, present_year)
            for m in _KIN_AGE_RE.finditer(el.text):
                # "Your brother is thirty-one" said to Eva: the bible's brother of hers
                whose = el.character if m.group("whose").lower() == "my" else _addressee(el.text, el.character, cast,
                                                                                        ctx)
                who = kin_of(ctx, whose, m.group("kin")) if whose else None
                age = number(m.group("n"))
                if who and age is not None and 3 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;,"), who, age,
                                        known, present_year)
            for m in _THE_YOUNG_RE.finditer(el.text):
                # "I need two pairs of hands, and the girl's twelve": the one girl of the story
                age = number(m.group("n"))
                who = _the_young(ctx, m.group("who").lower(), known, present_year)
                if who and who != el.character and age is not None and 3 <= age <= 25:
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;,"), who, age,
                                        known, present_year)
            for m in _PRONOUN_AGE_RE.finditer(el.text):
                age = number(m.group("n"))
                who = _talked_about(ctx, scene, el, "f" if m.group("p") == "She" else "m", cast)
                if who and age is not None and 3 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;,"), who, age,
                                        known, present_year)
            looked_at = _looked_at(ctx, last_action.text, el.character) if last_action is not None else None
            m = _DESCRIBED_AGE_RE.match(el.text)
            if m and looked_at and not _OWN_AGE_RE.match(el.text):
                # "Victor turns to Danny and takes him in." / "Twenty-six years old, eleven fights...": Danny's age
                age = number(m.group("n"))
                if age is not None and 3 <= age <= 110:
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" ,"), looked_at,
                                        age, known, present_year)
            for m in _OWN_AGE_RE.finditer(el.text):
                age = number(m.group("n"))
                if age is not None and 3 <= age <= 110:
                    # ("Kieran Dunmore. Kip to his friends." / "Thirty-five years old.": Kip's age, not the speaker's)
                    who = _described(ctx, scene, el, m.start()) or el.character
                    yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;"), who,
                                        age, known, present_year)
            for m in _SAID_AGE_RE.finditer(el.text):
                age = number(m.group("n"))
                if age is None or not 3 <= age <= 110:
                    continue
                if _NOT_NOW_RE.search(el.text[max(0, m.start() - 20): m.start()]):
                    continue  # "I'll sleep when I'm forty", "if you're sixty": not the age now
                you = m.group("who").lower().startswith("you")
                who = _addressee(el.text, el.character, cast, ctx) if you else el.character
                if who is None:
                    continue
                yield from against(ctx, scene.index, el.line, el.text, m.group(0).strip(" .!;"), who, age, known,
                                    present_year)


_THE_YOUNG_RE = re.compile(rf"\bthe (?P<who>girl|boy|lad|lass|kid)(?:'s|\u2019s| is)\s+(?:only\s+|just\s+|barely\s+)?"
                           rf"{AGE_NUMBER}(?=\s*[.!;,]|\s+(?:and|but|years?)\b|\s*$)")


def _the_young(ctx: Context, word: str, known: dict, present_year: int | None) -> str | None:
    """The one character under eighteen of that sex ("the girl": the story's one girl), by the bible or the script."""
    gender = {"girl": "f", "lass": "f", "boy": "m", "lad": "m"}.get(word)
    young = []
    for who in ctx.cast.gender:
        if gender is not None and ctx.cast.gender.get(who) != gender:
            continue
        bible = bible_age(ctx, who, present_year)
        age = bible[0][1] if bible is not None else (known[who][0] if who in known else None)
        if age is not None and age < 18:
            young.append(who)
    return young[0] if len(young) == 1 else None


def _nearest_in_age(ctx: Context, cast: SceneCast | None, speaker: str, age: int, known: dict,
                    present_year: int | None) -> str | None:
    """Of those on screen besides the speaker, the one whose known age is nearest ``age`` ("Seventy-eight, and
    you've never had a hearing test?" to the man of sixty-eight, not the girl of nineteen beside him)."""
    best: list[tuple[float, str]] = []
    for who in (cast.present if cast else ()):
        if who == speaker:
            continue
        b = bible_age(ctx, who, present_year)
        now = sum(b[0]) / 2 if b else known[who][0] if who in known else None
        if now is not None:
            best.append((abs(now - age), who))
    best.sort()
    return best[0][1] if best and (len(best) == 1 or best[0][0] < best[1][0]) else None


def _answered(scene, el) -> str | None:
    """Who spoke the line just before this one in the scene (the one it answers), if another."""
    before = [x for x in scene.elements if x.line < el.line and x.kind is Kind.DIALOGUE]
    return before[-1].character if before and before[-1].character != el.character else None


def _described(ctx: Context, scene, el, at: int) -> str | None:
    """The one a speech names before an age, or the speech it goes on from ("Kieran Dunmore. Kip to his friends." /
    (CONT'D) "Thirty-five years old. Eighteen months for handling"): the age is theirs."""
    before = [x for x in scene.elements if x.line < el.line and x.kind is Kind.DIALOGUE][-1:]
    texts = [el.text[:at]] + [x.text for x in before if x.character == el.character]
    named = [m.character for t in texts for m in ctx.cast.mentions(t) if m.character != el.character]
    return named[0] if named else None


def _scene_of(ctx: Context, index: int):
    """The script's scene at ``index``."""
    return ctx.script.scenes[index - 1]


def _talked_about(ctx: Context, scene, el, gender: str, cast: SceneCast | None, *, there: bool = False) -> str | None:
    """The one "she" or "he" is in a speech: the last of that gender named in the scene's talk before it, when
    they are not there ("Lena?" ... "She's seventeen."), and not the speaker."""
    here = set(cast.present) if cast else set()
    named = unsure = None
    for other in scene.elements:
        if other.line >= el.line:
            break
        if other.kind is Kind.DIALOGUE or (there and other.kind is Kind.ACTION):
            for m in ctx.cast.mentions(other.text):
                g = ctx.cast.gender.get(m.character)
                if g == gender:
                    named = m.character
                elif g is None:
                    unsure = m.character
    named = named or unsure
    if named is None and not there:
        return _left_before(ctx, scene, gender, cast)
    if named is None or named == el.character or (named in here and not there):
        return None
    return named


def _left_before(ctx: Context, scene, gender: str, cast: SceneCast | None) -> str | None:
    """Talk that names no one: "she" is the one of that gender on screen in the scene before and not in this one,
    when everyone of that gender here is speaking (Temi: "She took a job." after a scene with Nell and Temi)."""
    if cast is None or scene.index <= 1 or ctx.is_flashback(scene.index - 1) != ctx.is_flashback(scene.index):
        return None  # (not the young self of the flashback before)
    if any(ctx.cast.gender.get(w) == gender for w in cast.present if w not in cast.speaking):
        return None
    before = ctx.presence.of(scene.index - 1)
    if before is None:
        return None
    gone = [w for w in before.present if ctx.cast.gender.get(w) == gender and w not in cast.present]
    return gone[0] if len(gone) == 1 else None


def _birth_said(ctx: Context, scene: int, el, cast: SceneCast | None, known: dict,
                present_year: int | None) -> Iterator[Finding]:
    """Birthdays and birth years said in a speech, read as ages now ("Happy ninetieth, Roz", "Born 1961")."""
    text, speaker = el.text, el.character
    for m in _BIRTHDAY_RE.finditer(text):
        age = ordinal(m.group("o"))
        if age is None or not 3 <= age <= 110:
            continue
        who = (ctx.cast.surface.get(m.group("name").upper()) if m.group("name")
               else _addressee(text, speaker, cast, ctx))
        if who and who != speaker:
            yield from against(ctx, scene, el.line, text, m.group(0).strip(" ,"), who, age, known, present_year)
    if not present_year:
        return
    for m in [*_BORN_IN_RE.finditer(text), *_YEAR_I_WAS_BORN_RE.finditer(text), *_BORN_BARE_RE.finditer(text)]:
        year = int(m.group("y"))
        if not 0 <= present_year - year <= 110:
            continue
        person = m.groupdict().get("p")
        if person is None:
            # the one named last before "Born", in the same speech
            named = [x for x in ctx.cast.mentions(text) if x.start < m.start()]
            who = named[-1].character if named else None
        elif person.lower() in ("he was", "she was"):
            # ("Did the file tell you he was born March the third, 2003?": of the one talked about, there or not)
            who = _talked_about(ctx, _scene_of(ctx, scene), el, "m" if person.lower() == "he was" else "f", cast,
                                there=True)
        else:
            who = speaker if person.lower().startswith("i") else _addressee(text, speaker, cast, ctx)
        if who is None:
            continue
        yield from against(ctx, scene, el.line, text, m.group(0).strip(" .!?;,"), who, present_year - year, known,
                            present_year)


def against(ctx: Context, scene: int, line: int, text: str, words: str, who: str, age: int, known: dict,
             present_year: int | None) -> Iterator[Finding]:
    """A finding when ``age`` for ``who`` contradicts the bible or the script's own introduction."""
    bible = bible_age(ctx, who, present_year)
    if bible is not None:
        (lo, hi), raw, path = bible
        if not lo <= age <= hi + 1:  # (a birthday may pass in the story; no one grows younger)
            yield Finding(
                category="timeline", severity="error", scene=scene, line=line,
                message=f"{words!r} makes {who} {age}, but the bible says {raw!r}",
                text=text, character=who, subject=f"{who} age",
                evidence=(Evidence(raw, bible=path),), extra=(("cue", words),),
            )
        return
    stated = known.get(who)
    if stated is not None and abs(stated[0] - age) > 1:
        intro = ctx.script.scenes[stated[1] - 1]
        yield Finding(
            category="timeline", severity="error", scene=scene, line=line,
            message=f"{words!r} makes {who} {age}, but the script introduces {who} as {stated[0]} "
                    f"in scene {ctx.scene_number(stated[1])}",
            text=text, character=who, subject=f"{who} age",
            evidence=(Evidence(line_text(ctx, stated[1], stated[2]) or intro.heading.text, line=stated[2], scene=stated[1]),),
            extra=(("cue", words),),
        )


def line_text(ctx: Context, scene: int, line: int) -> str | None:
    for el in ctx.script.scenes[scene - 1].elements:
        if el.line <= line < el.line + el.text.count("\n") + 1:
            return el.text.split("\n")[line - el.line]
    return None
