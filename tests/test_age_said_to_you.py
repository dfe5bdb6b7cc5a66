"""An age a speech opens on, turned on "you", is the age of the one spoken to: of two beside each other, the one
the age fits."""

from __future__ import annotations

from checkutil import messages

BIBLE = """
characters:
  - name: Cas
    age: 68
  - name: Fern
    age: 19
  - name: Dr Nair
    age: 44
"""

SCRIPT = """
INT. CLINIC - DAY

DR NAIR (44) reads from a screen. CAS (68) sits stiff in the patient's chair. FERN (19) sits beside him.

DR NAIR
And you must be Anna.

FERN
That's me.

DR NAIR
{age}, and you've never had a hearing test? In your line of work?

CAS
In my line of work you don't want to know.
"""


def test_the_age_goes_to_the_one_it_fits_and_is_checked():
    found = messages(SCRIPT.format(age="Seventy-eight"), BIBLE, ["timeline"], "78")
    assert found and "CAS 78" in found[0] and "'68'" in found[0]


def test_the_right_age_is_not_flagged():
    assert messages(SCRIPT.format(age="Sixty-eight"), BIBLE, ["timeline"]) == []
