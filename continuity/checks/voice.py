"""Voice: a line of dialogue far from how its speaker usually talks.

For each character with enough lines, the centroid of their dialogue embeddings
is their voice; a line whose similarity to the centroid of the *other* lines is an
outlier (robust z-score below -3 against the character's own spread) is reported as info (warning when
extreme). Short lines ("Yes.") carry no voice and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import numpy as np

from continuity.checks.findings import Evidence, Finding
from continuity.story.context import Context

MIN_LINES = 8
MIN_WORDS = 5
Z_INFO = -3.0
Z_WARNING = -6.0


def check(ctx: Context) -> Iterator[Finding]:
    """Yield voice findings."""
    by_speaker: dict[str, list[int]] = defaultdict(list)
    lines: dict[int, list] = defaultdict(list)
    for s in ctx.sentences:
        if s.kind == "dialogue" and s.speaker:
            lines[s.element].append(s)
    # One unit per speech (all its sentences), so a voice is a whole line of dialogue.
    units = []
    for element, sents in lines.items():
        text = " ".join(x.text for x in sents)
        if len(text.split()) >= MIN_WORDS:
            units.append(sents)
            by_speaker[sents[0].speaker].append(len(units) - 1)
    if not units:
        return
    vecs = ctx.sentence_vectors
    unit_vecs = np.stack([vecs[[x.id for x in u]].mean(0) for u in units])
    unit_vecs /= np.maximum(np.linalg.norm(unit_vecs, axis=1, keepdims=True), 1e-9)
    for speaker, idx in by_speaker.items():
        if len(idx) < MIN_LINES:
            continue
        v = unit_vecs[idx]
        total = v.sum(0)
        loo = total[None, :] - v  # centroid of the other lines
        loo /= np.maximum(np.linalg.norm(loo, axis=1, keepdims=True), 1e-9)
        sims = (v * loo).sum(1)
        # Robust spread (median, MAD): the outlier must not widen its own yardstick.
        mu = float(np.median(sims))
        sd = float(np.median(np.abs(sims - mu))) * 1.4826 or 1e-6
        for k, sim in enumerate(sims):
            z = (sim - mu) / sd
            if z > Z_INFO or sim > mu - 0.15:
                continue
            u = units[idx[k]]
            near = int(np.argmax(np.delete(sims, k)))
            ref = units[idx[near if near < k else near + 1]]
            yield Finding(
                category="voice",
                severity="warning" if z < Z_WARNING else "info",
                scene=u[0].scene,
                line=u[0].line,
                message=(
                    f"this line is unlike {speaker}'s usual voice (similarity {sim:.2f} to their other lines, "
                    f"typical {mu:.2f})"
                ),
                text=" ".join(x.text for x in u),
                character=speaker,
                subject=speaker,
                evidence=(Evidence(" ".join(x.text for x in ref), line=ref[0].line, scene=ref[0].scene),),
                extra=(("similarity", round(float(sim), 3)), ("z", round(float(z), 2))),
            )
