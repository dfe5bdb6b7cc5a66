"""The people over story time: looks, sides and states against the bible and against changes made on screen."""

from __future__ import annotations

from checkutil import audit_text

BIBLE = """
cast:
  - name: VERA
    look: >-
      Long black hair in a low ponytail until she hacks it off with nail
      scissors (sc. 2); a rough dark crop from then on. Dark brown eyes.
    injuries: "Left forearm cut by a bottle (sc. 2); bandaged wrist to elbow to the end."
  - name: TOMAS
    look: "Thin, sandy hair, clean-shaven. RIGHT arm in a blue sling throughout."
  - name: GYULA
    look: "Grey walrus moustache; heavy, slow on his feet."
"""

OPEN = """INT. TRAIN - CORRIDOR - NIGHT

VERA, long black hair in a ponytail, walks the corridor. TOMAS follows, his right arm in its sling.

VERA
Keep up.
"""


def _flags(body: str, bible: str = BIBLE, checks=("appearance", "wardrobe")):
    r = audit_text(OPEN + "\n" + body, bible, checks=list(checks))
    return [(f.line, f.category, f.severity, f.message) for f in r.findings if f.severity in ("error", "warning")]


def test_the_side_a_sling_is_worn_on_is_held_to_the_bible():
    bad = _flags("INT. TRAIN - DINING CAR - NIGHT\n\nTomas eats left-handed, his left arm in its sling.\n")
    assert [(c, s) for _, c, s, _ in bad] == [("appearance", "error")]
    assert "TOMAS's injury is on the left arm here" in bad[0][3] and "the bible says" in bad[0][3]
    assert _flags("INT. TRAIN - DINING CAR - NIGHT\n\nTomas eats left-handed, his right arm in its sling.\n") == []


def test_a_haircut_on_screen_is_canon_and_the_old_length_is_then_a_slip():
    cut = ("INT. TRAIN - WASHROOM - NIGHT\n\nVera takes the nail scissors to her ponytail. Then she cuts. "
           "The ponytail comes away in four ragged bites. What is left is a rough dark crop.\n")
    assert _flags(cut) == []  # the change itself draws nothing
    later = "\nINT. TRAIN - CORRIDOR - DAWN\n\nDressler grabs Vera from behind. He gets a fistful of her ponytail.\n"
    bad = _flags(cut + later)
    assert len(bad) == 1 and "VERA's hair is long here ('ponytail')" in bad[0][3]
    assert "short" not in bad[0][3] or "changed" in bad[0][3]


def test_a_bandage_on_the_wrong_arm_and_bare_arms_the_next_day():
    bound = ("INT. TRAIN - ATTENDANT'S CABIN - NIGHT\n\nGyula picks glass out of Vera's left forearm, then binds it "
             "tight with a white bandage.\n")
    assert _flags(bound) == []
    wrong = "\nINT. TRAIN - CORRIDOR - DAY\n\nVera waits, her bandaged right arm held close.\n"
    assert any("VERA's injury is on the right arm here" in m for *_, m in _flags(bound + wrong))
    bare = "\nINT. TRAIN - CORRIDOR - DAY\n\nVera pushes her sleeves up over smooth, unmarked forearms.\n"
    assert any("VERA's arm is bare here" in m for *_, m in _flags(bound + bare))


def test_muddy_then_clean_in_one_day_and_a_shave_that_sticks():
    mud = ("INT. TRAIN - VESTIBULE - NIGHT\n\nVera climbs back in, plastered with mud from her boots to her collar.\n"
           "\nINT. TRAIN - CORRIDOR - NIGHT\n\nVera, in a clean grey coat, knocks at number seven.\n")
    bad = _flags(mud)
    assert [c for _, c, _, _ in bad] == ["wardrobe"] and "VERA's clothes is clean here" not in bad[0][3]
    shave = ("INT. TRAIN - WASHROOM - DAY\n\nGyula lathers up and shaves off his moustache. The moustache comes "
             "away in the blade.\n\nINT. TRAIN - DINING CAR - NIGHT\n\nGyula, clean-shaven, pours tea.\n")
    assert _flags(shave) == []
    back = shave + "\nINT. TRAIN - CORRIDOR - NIGHT\n\nGyula smooths his grey moustache.\n"
    assert any("GYULA has a moustache here" in m for *_, m in _flags(back))


def test_build_and_height_are_different_dimensions():
    assert _flags("INT. TRAIN - BAR - NIGHT\n\nGyula, tall and heavy, leans on the bar.\n") == []
    bad = _flags("INT. TRAIN - BAR - NIGHT\n\nGyula, a wiry man, leans on the bar.\n")
    assert len(bad) == 1 and "GYULA's build is slim here ('wiry')" in bad[0][3]
