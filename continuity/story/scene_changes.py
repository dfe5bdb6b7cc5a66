"""What changes a person's look or state within a scene, with no object named.

"June shrugs, and cuts.": the words of a scene that tell a change on screen, by the
family of looks they change. Later lines of the scene describe the new look rather than
contradict the old one; a scene's drying or washing excuses only its own dimension, and
wiping one's hands on one's trousers cleans no shirt.
"""

from __future__ import annotations

import re

#: Verbs that change a look on screen even with no object ("June shrugs, and cuts."):
#: later lines of the scene describe the new look rather than contradict the old one.
#: What a cleaning verb may clean that is not its subject: a wound, a tool, a surface.
_NOT_A_THING = (r"(?!\s+(?:out\s+)?(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:cut|cuts|wound|wounds|graze|gash|"
                r"lens|lenses|glasses|spectacles|brush|brushes|knife|blade|table|bench|window|windscreen|floor|glass|"
                r"cup|mug|gun|rifle|pistol|counter|worktop|bowl|plate|plates|dishes|pan|pot)\b)")

#: Shaving done in the scene: "shaves", "lathers", "a razor", "shaved it off", "has shaved".
_SHAVING = (r"\b(?:shaves?|shaving|razor|lather|lathers|lathered)\b|\bshaved\s+(?:off|away|it|his|her|the|clean)\b|"
            r"\b(?:has|had|he|she|they|[A-Z][a-z]+)\s+shaved\b(?!\s+and\b)")

SCENE_CHANGES = {
    # ("Nadia cuts the foam sit-mat into strips" cuts no hair: the cut must reach hair, or "it")
    "hair": re.compile(r"(?:\b(?:she|he|they|then|and|[A-Z][a-z]+)\s+(?:cuts|snips|shears|chops|hacks|trims|dyes|"
                       r"bleaches|crops)\b(?=[^.;]{0,60}?\b(?:hair|braids?|plaits?|ponytail|fringe|bangs|locks|curls|"
                       r"mane|roots|it|them|short|off)\b)|\b(?:snipping|shearing|dyeing|bleaching|a last snip|clippers)\b)"),
    # ("Errol, shaved and in a clean shirt, waits": shaved already, not shaving here)
    "beard": re.compile(_SHAVING, re.IGNORECASE),
    "moustache": re.compile(_SHAVING, re.IGNORECASE),
    "state": re.compile(r"\b(?:towels?|towelled|toweling|towelling|changes?|changed|strips?|wrings?|washes|washed|"
                        r"scrubs?|dries|dried|showers?|bathes|wipes?)\b", re.IGNORECASE),
    # by dimension: what dries someone, and what washes them
    "state.wet": re.compile(r"\b(?:towels?|towelled|toweling|towelling|changes?|changed|strips?|wrings?|dries|dried|"
                            r"showers?|bathes)\b", re.IGNORECASE),
    # (not "cleans the cut with saline", "wipes the lens": a wound or a thing, not the one who does it)
    "state.stain": re.compile(r"\b(?:changes?|changed|strips?|washes|washed|scrubs?|showers?|bathes|wipes?|wiped|"
                              r"rinses?|rinsed|cleans|cleaned|dabs?|dabbed)\b" + _NOT_A_THING, re.IGNORECASE),
    "state.dirt": re.compile(r"\b(?:changes?|changed|strips?|washes|washed|scrubs?|showers?|bathes|wipes?|wiped|"
                             r"rinses?|rinsed|cleans|cleaned|hoses?|hosed)\b" + _NOT_A_THING, re.IGNORECASE),
    # clothes: wiping one's hands on them cleans the hands, not the shirt
    "state.clothes.stain": re.compile(r"\b(?:changes?|changed|strips?|showers?|bathes|(?:washes|washed|scrubs?|scrubbed|"
                                      r"wipes?|wiped|rinses?|rinsed|cleans|cleaned|dabs?|dabbed|sponges?|sponged)\s+"
                                      r"(?:at\s+)?(?:the|his|her|their)\s+(?:\w+\s+){0,2}?(?:shirt|blouse|dress|coat|"
                                      r"jacket|trousers|jeans|sleeve|collar|front|stain|clothes|top|skirt|apron))\b",
                                      re.IGNORECASE),
    # clothes: a towel dries a face and hair, not a soaked apron
    "state.clothes.wet": re.compile(r"\b(?:changes?|changed|changing|strips?|stripped|wrings?|wrung|dries|dried|"
                                    r"drying|showers?|bathes)\b|\binto\s+(?:something\s+)?dry\b|"
                                    # "peels off the sodden cardigan and drags on the dry shirt"
                                    # (taking a garment off dries nothing: it is what goes on, or comes out in)
                                    r"\b(?:pull|drag|put|slip|tug|shrug|get|got|wriggle|climb|step)"
                                    r"(?:s|ed|ped|ged|ging|ping|ting|ing)?\s+(?:(?:it|them|(?:the|his|her)\s+[\w-]+(?:\s+"
                                    r"[\w-]+)?)\s+)?(?:on|into)\b|\b(?:comes?|steps?)\s+out\s+in\b|\bemerges?\s+(?:from\s+[^.;,]{1,30}\s+)?in\b",
                                    re.IGNORECASE),
    "state.clothes.dirt": re.compile(r"\b(?:changes?|changed|strips?|showers?|bathes|hoses?|hosed|(?:washes|washed|"
                                     r"scrubs?|scrubbed|wipes?|wiped|rinses?|rinsed|cleans|cleaned|brushes|brushed)\s+"
                                     r"(?:at\s+)?(?:off\s+)?(?:the|his|her|their)\s+(?:\w+\s+){0,2}?(?:shirt|blouse|"
                                     r"dress|coat|jacket|trousers|jeans|sleeve|collar|front|mud|clothes|top|skirt|"
                                     r"boots|knees))\b", re.IGNORECASE),
}


__all__ = ["SCENE_CHANGES"]
