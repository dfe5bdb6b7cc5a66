"""The costume plot: dress events read from the action, change numbers by scene, on/off, sides and states."""

from __future__ import annotations

from continuity.api import parse_script_text
from continuity.reports.costume_plot import costume_plot, render
from continuity.story.context import context_for
from continuity.story.dress import Dress

SCRIPT = """INT. FERRY HOUSE - MORNING

MARA (60s) comes in out of the rain in her oilskin, a steel watch on her left wrist. She shrugs off the oilskin and hangs it on the nail by the door. She fills the kettle herself.

MARA
Kettle.

EXT. RIVER - DAY

TEO (20s) wades in after the dog and comes back soaked through. He shakes himself like the dog.

INT. FERRY HOUSE - CONTINUOUS

Teo peels off his wet T-shirt. Mara throws him a red flannel shirt and he pulls it on.

MARA
Better.

EXT. LANDING - NIGHT

Mara, shrugging the oilskin back on, takes her reading glasses off and folds them.
"""


def _ctx():
    return context_for(parse_script_text(SCRIPT), None)


def test_on_off_and_states_are_read_with_their_wearers():
    got = {(e.character, e.scene, e.kind, e.item) for e in Dress.of(_ctx()).events}
    assert ("MARA", 1, "off", "oilskin") in got
    assert ("TEO", 2, "state", "soaked") in got
    teo = {(k, i) for c, sc, k, i in got if c == "TEO" and sc == 3}
    assert any(k == "off" and "shirt" in i for k, i in teo) and any(k == "on" and "shirt" in i for k, i in teo)
    assert ("MARA", 4, "on", "oilskin") in got and ("MARA", 4, "off", "glasses") in got


def test_the_plot_numbers_changes_per_character_and_keeps_sides():
    rows = costume_plot(_ctx())
    mara = [r for r in rows if r.character == "MARA"]
    assert [r.scene for r in mara] == [1, 3, 4]
    assert mara[0].change == 1 and mara[-1].change > mara[0].change
    assert "watch: left" in mara[0].sides
    teo = [r for r in rows if r.character == "TEO"]
    assert teo[0].state == ("soaked",) and teo[1].change == 2
    csv = render(rows, "csv")
    assert csv.splitlines()[0].startswith("character,change,story_day,scene,scene_number,page,on,off")
    assert "<h2>MARA</h2>" in render(rows, "html")
