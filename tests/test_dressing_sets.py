"""Sets against their bible (what is not there, what a fixture is) and against a repaint on screen; losses told over lines."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
places:
  - name: LAB
    description: "Windowless. Three monitors, a grey wall safe, and a potted chilli plant."
  - name: CABIN
    description: "Two berths; a roller blind on the window. No curtains."
  - name: FLAT
    description: "A stuffed owl on the bookcase. Kitchen walls mint green."
"""


def _flags(text: str, checks=("location",)):
    r = audit_text(text, BIBLE, checks=list(checks))
    return [(f.line, f.severity, f.message) for f in r.findings if f.severity in ("error", "warning")]


def test_a_feature_the_bible_rules_out():
    bad = _flags("INT. LAB - NIGHT\n\nKasia moves the chilli plant onto the windowsill.\n")
    assert len(bad) == 1 and "LAB has a windowsill here" in bad[0][2] and "'Windowless.'" in bad[0][2]
    assert _flags("INT. LAB - NIGHT\n\nNo window, no clock: Kasia loses track of time.\n") == []
    curtains = _flags("INT. TRAIN - CABIN - NIGHT\n\nLights flicker beyond the half-drawn curtains.\n")
    assert len(curtains) == 1 and "CABIN has curtains here" in curtains[0][2]


def test_the_definite_article_points_at_the_sets_own_fixture():
    bad = _flags("INT. FLAT - DAY\n\nHe leans on the shelf beside the stuffed heron.\n")
    assert len(bad) == 1 and "should be the bible's stuffed owl" in bad[0][2]
    assert _flags("INT. FLAT - DAY\n\nHe leans on the shelf beside the stuffed owl.\n") == []


def test_a_repaint_on_screen_is_canon():
    paint = ("INT. FLAT - DAY\n\nIn the mint-green kitchen, Nora and Jonah run rollers of sunshine-yellow paint over "
             "the mint green.\n\nINT. FLAT - NIGHT\n\n")
    assert _flags(paint + "She flicks on the light in the yellow kitchen.\n") == []
    bad = _flags(paint + "She flicks on the light in the mint-green kitchen.\n")
    assert len(bad) == 1 and "painted yellow in scene 1" in bad[0][2]


def test_a_letter_held_over_the_fire_and_let_go_is_burnt():
    text = ("INT. LIBRARY - NIGHT\n\nHonoria crosses to the fire and holds the letter over it.\n\nGERALD\nMother.\n\n"
            "She lets it go. The paper curls and flares.\n\nINT. HALL - DAY\n\nGerald brings out the letter and "
            "reads it again.\n")
    bad = _flags(text, checks=("prop",))
    assert len(bad) == 1 and "the letter is used here, but it was burnt in scene 1" in bad[0][2]
    kept = text.replace("She lets it go.", "She folds it away instead.")
    assert _flags(kept, checks=("prop",)) == []


def test_a_thing_handed_over_is_not_the_givers_any_more_that_day():
    text = ("EXT. LAKE - DAY\n\nGerald climbs out of the boat, pulls off his flat cap and sets it on Nell's head. "
            "She looks up at him from under the brim.\n\nNELL\nSir.\n\nGERALD\nKeep it.\n\nINT. HALL - DAY (CONTINUOUS)\n\n")
    ok = text + "Gerald shakes the rain from his hair.\n"
    assert _flags(ok, checks=("wardrobe",)) == []
    bad = _flags(text + "Gerald pulls off his flat cap and shakes the rain from it.\n", checks=("wardrobe",))
    assert len(bad) == 1 and "GERALD gave it to NELL in scene 1" in bad[0][2]


def test_a_spare_one_handed_over_leaves_the_givers_own():
    """Nell throws Rory her spare coat: the coat she has on is still hers (the ferry run's false alarm)."""
    text = ("INT. CABIN - DAY\n\nNELL, 40s, in her orange oilskin coat, stamps her boots. RORY, 20s, shivers.\n\n"
            "RORY\nFreezing.\n\nNELL\nHere.\n\nNell throws Rory her {} orange oilskin coat.\n\n"
            "EXT. DECK - DAY\n\nNell, still in her orange oilskin coat, coils a rope.\n\nNELL\nHold this.\n")
    assert _flags(text.format("spare"), checks=("wardrobe",)) == []
    assert len(_flags(text.format("own"), checks=("wardrobe",))) == 1
