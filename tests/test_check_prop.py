from __future__ import annotations

from checkutil import audit_text

BIBLE = """
props:
  - name: brass compass
    aliases: [compass]
"""


def test_use_after_destruction_is_an_error():
    r = audit_text(
        """
        EXT. ROCKS - DAY

        Tom hurls the brass compass onto the rocks. It shatters.

        The brass compass shatters on the rocks.

        INT. COTTAGE - NIGHT

        Mara opens the brass compass and reads the needle.
        """,
        BIBLE,
        ["prop"],
    )
    [f] = r.findings
    assert (f.scene, f.line, f.severity, f.subject) == (2, 9, "error", "brass compass")
    assert f.evidence[0].scene == 1


def test_recovery_or_remains_are_fine():
    r = audit_text(
        """
        EXT. ROCKS - DAY

        Tom throws the compass into the sea.

        EXT. BEACH - DAY

        Mara finds the compass in the sand.

        INT. COTTAGE - NIGHT

        Mara opens the compass.

        The compass shatters against the wall.

        INT. COTTAGE - LATER

        Mara stares at the broken compass.
        """,
        BIBLE,
        ["prop"],
    )
    assert r.findings == ()


def test_flashbacks_do_not_count():
    r = audit_text(
        """
        EXT. ROCKS - DAY

        The compass shatters on the rocks.

        INT. COTTAGE - FLASHBACK - DAY

        Young Mara opens the compass.
        """,
        BIBLE,
        ["prop"],
    )
    assert r.findings == ()
