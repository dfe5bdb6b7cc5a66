"""Dirt wiped onto one's clothes stays on them: "wipes the soot off her hand onto her jeans", then clean jeans."""

from __future__ import annotations

from checkutil import audit_text


def _flags(later: str) -> list[str]:
    text = f"""
    EXT. BURNT SHOP - DAY

    Kit crouches in the ash. She wipes the soot off her hand onto her jeans, leaving a black smear down each thigh.

    KIT
    Let's go.

    INT. OPTICIAN - MOMENTS LATER

    {later}

    KIT
    Hi.
    """
    return [f.message for f in audit_text(text, None, ["wardrobe", "appearance"]).findings
            if f.severity in ("error", "warning")]


def test_clean_jeans_moments_after_wiping_soot_on_them():
    assert any("KIT" in m for m in _flags("Kit, in clean pressed jeans, leans on the counter."))
    assert _flags("Kit, in her smeared jeans, leans on the counter.") == []


def test_wiping_hands_on_a_rag_dirties_no_clothes():
    text = """
    EXT. GARAGE - DAY

    Kit wipes the grease off her hands with a rag.

    INT. OFFICE - MOMENTS LATER

    Kit, in clean pressed jeans, leans on the counter.
    """
    assert [f for f in audit_text(text, None, ["wardrobe", "appearance"]).findings if "KIT" in f.message] == []
