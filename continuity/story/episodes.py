"""Story time across a season: each episode starts a new stretch unless it continues the last.

A season is one combined script (see :mod:`continuity.screenplay.season`). Story
time (:func:`continuity.story.time.read_time`: days, time of day, flashbacks,
continuous spans) is read per *segment*, an episode or a run of episodes each
continuing the one before, as if each segment were a script of its own, then
joined: nothing carries across a break (an episode that opens CONTINUOUS has no
scene to continue, no time of day to take, no card from the last episode's end),
each segment's spans are new ones (so wardrobe, compared within a span, resets),
its days start ``gap_days`` after the previous segment's last day, and its
flashbacks are numbered after the previous ones. A single script is read exactly
as :func:`read_time` reads it.

A ``story_days`` fix in a season names its episode: ``"2:14": D3`` sets episode 2's
scene 14 (its own number) to the third day *of that episode's stretch*; a fix
without an episode applies to a single script only.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from continuity.screenplay.model import Script
from continuity.screenplay.season import Segment, segments
from continuity.story.presence import Presence, read_presence
from continuity.story.time import DAY_RE, StoryTime, read_time

log = logging.getLogger(__name__)


def read_story_time(script: Script, presence: Presence | None = None, fixes: dict[str, str] | None = None,
                    bible_dates: dict[str, str] | None = None) -> StoryTime:
    """Story time of ``script``: as :func:`read_time` for a single script, per segment for a season.

    Args:
        script: a script, or a season's combined script.
        presence: who is in each scene (read here when not given).
        fixes: ``story_days`` fixes (``{"14": "D3"}``; in a season ``{"2:14": "D3"}``).
        bible_dates: the bible's calendar (``{"D1": "2024-03-08"}``); in a season its days
            are the season's (D1 is the first episode's first day).
    """
    if not script.episodes:
        return read_time(script, presence, fixes, bible_dates)
    presence = presence or read_presence(script)
    if fixes and any(":" not in str(k) for k in fixes):
        log.warning("story_days fixes without an episode (\"2:14\") are ignored in a season")
    out: list = []
    said: list = []
    years: list[int] = []
    last_day = fb_base = 0
    span_base = 0
    for k, seg in enumerate(segments(script)):
        scenes = script.scenes[seg.start:seg.stop]
        if not scenes:
            continue
        sub = Script(preamble=script.preamble if seg.start == 0 else (),
                     scenes=tuple(replace(s, index=i + 1) for i, s in enumerate(scenes)),
                     source=script.source, format=script.format)
        part = Presence(presence.characters, presence.scenes[seg.start:seg.stop], presence.forms)
        shift = 0 if k == 0 else last_day + seg.gap_days - 1
        st = read_time(sub, part, _segment_fixes(script, seg, fixes or {}), _segment_dates(bible_dates or {}, shift))

        def moved(i: int | None, start: int = seg.start) -> int | None:
            return None if i is None else i + start

        for t in st.scenes:
            day = None if t.day is None else t.day + shift
            fb = None if t.flashback is None else t.flashback + fb_base
            m = DAY_RE.match(t.story_day)
            label = t.story_day if m is None else f"{m['k']}{fb if m['k'] == 'FB' else int(m['n']) + shift}"
            out.append(replace(t, index=t.index + seg.start, day=day, flashback=fb, story_day=label,
                               continues=moved(t.continues), after=moved(t.after), span=t.span + span_base))
        said.extend(replace(x, scene=x.scene + seg.start) for x in st.said)
        if st.years.get("max"):
            years.append(st.years["max"])
        last_day = max((t.day for t in out if t.day is not None), default=last_day)
        fb_base = max((t.flashback for t in out if t.flashback is not None), default=fb_base)
        span_base = max(t.span for t in out) + 1
    return StoryTime(tuple(out), tuple(said), {"max": max(years) if years else None})


def _segment_dates(dates: dict[str, str], shift: int) -> dict[str, str]:
    """The season's calendar (``D5``: the season's fifth day) as a segment counts its days."""
    out = {}
    for label, iso in dates.items():
        m = DAY_RE.match(str(label).strip().upper())
        if m and m["k"] == "D" and int(m["n"]) - shift >= 1:
            out[f"D{int(m['n']) - shift}"] = iso
    return out


def _segment_fixes(script: Script, seg: Segment, fixes: dict[str, str]) -> dict[str, str]:
    """The season's ``"episode:scene"`` fixes that fall in ``seg``, keyed as :func:`read_time` keys its scenes."""
    out: dict[str, str] = {}
    for key, value in fixes.items():
        number, sep, label = str(key).partition(":")
        if not sep or not number.strip().isdigit():
            continue
        ep = next((e for e in script.episodes if e.number == int(number)), None)
        if ep is None:
            continue
        for k, g in enumerate(range(ep.first_scene, ep.last_scene + 1)):
            own = ep.numbers[k] if k < len(ep.numbers) else None
            local = g - ep.first_scene + (0 if ep.preamble_scene else 1)
            if (own or str(local)).upper() == label.strip().upper() and seg.start < g <= seg.stop:
                out[str(g - seg.start)] = value  # the combined scenes have no numbers of their own
    return out


__all__ = ["read_story_time"]
