"""Water, mud or blood as the subject: "Water drips from her hair", "Mud cakes his boots", "Blood streaks her cheek"."""

from __future__ import annotations

from continuity.language import traits as tr
from continuity.language.parse import Parser


def _states(text: str) -> list[tuple[str, str]]:
    return [(t.key, t.value) for t in tr.read(Parser().parse(text)) if t.key.startswith("state.")]


def test_what_runs_off_or_cakes_someone_leaves_its_state():
    assert _states("Water drips from her hair.") == [("state.clothes.wet", "wet")]
    assert _states("Mud cakes his boots.") == [("state.clothes.dirt", "dirty")]
    assert _states("Blood streaks her cheek.") == [("state.face.stain", "stained")]


def test_on_things_that_are_no_ones_it_is_nothing():
    assert _states("Water runs off the roof.") == []
    assert _states("The rain drums on the roof.") == []
