"""Regressions from the sets' misses after blind set F: figures of people as things, the place a
thing used to be, and what a verbless sentence's 'it' means."""

from __future__ import annotations

from checkutil import audit_text

DASH = """
        INT. KINGSWOOD - DAY

        JESS
        Go.

        A plastic hula girl is stuck to the dashboard, nodding at every bump.

        EXT. HIGHWAY - DAY

        Roo glares at the hula girl. She rips it off the dash and flings it out of the window.

        EXT. SERVO - DAY

        JESS
        Fill it.

        {later}
        """


def test_a_figure_of_a_person_thrown_out_of_a_window_then_back_on_the_dash():
    r = audit_text(DASH.format(later="On the dash, the hula girl nods away at the queue."), "", ["prop"])
    assert [f.line for f in r.findings] == [17]
    assert "hula girl" in r.findings[0].message


def test_where_a_thing_used_to_be_is_not_the_thing_and_it_means_the_verbless_sentences_noun():
    r = audit_text(DASH.format(later="On the dash, a bare patch of old glue where the hula girl used to be. Jess touches it."),
                   "", ["prop"])
    assert r.findings == ()
