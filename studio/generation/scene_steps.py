"""Writing and verifying one scene of ``studio generate``: the steps :class:`studio.generation.flow.GenerateFlow` runs.

A scene is written as pieces (:mod:`studio.generation.pieces`) from its facts, then verified:

- the continuity audit of the script so far plus this scene (its findings in this scene);
- the plan check (every character the facts put in the scene is in it);
- the fidelity checks (:mod:`continuity.treatment.fidelity`): heading against the facts, a
  character described as a place or object, looks and wardrobe against the bible in
  any phrasing, dialogue that is not speech, an action line that does not tell its
  beat (cosine with the treatment's sentence below 0.5), a beat left unwritten;
- the reader checks (:mod:`continuity.treatment.reader`) on every line of dialogue and
  every action line the model wrote: cut off, a name or a shout, wrong or misspelt
  names, another scene's line repeated, invented words, past tense, a kinship the
  bible contradicts.

Each error is mapped to the piece it is about; only those pieces go back to the writer,
with notes (the reason in the prompt). Once the revisions are spent, code repairs what
still fails (an action line becomes the treatment's sentence, a line of dialogue an
action line saying what the character does) and checks again; a scene with such a
stand-in for dialogue, or with anything still wrong, goes to a person (``needs_review``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from agents.llm import StructureError
from agents.models import (
    ActionBeat,
    PieceFixes,
    RevisionNotes,
    SceneDraft,
    ScenePieces,
    Speech,
    beat_model,
    fixes_model,
    pieces_dict,
    pieces_model,
    scene_from_draft,
)
from continuity.checks.findings import Evidence, Finding
from continuity.language.words import plural
from continuity.screenplay.heading import parse_heading
from continuity.screenplay.model import Kind, Scene
from continuity.treatment.facts import SceneFacts
from continuity.treatment.fidelity import (
    BEAT_SIMILARITY,
    NOVELTY,
    action_problem,
    beat_drift,
    check_scene,
    novelty,
    unique,
)
from continuity.treatment.people import People
from continuity.treatment.plan import check_plan
from continuity.treatment.reader import Reason, line_key, reader_findings
from studio.generation import pieces as P
from studio.generation.state import SceneState, note_from, quotes_evidence, scene_text

logger = logging.getLogger(__name__)

#: A beat of this many words or fewer is kept as it is for a small model (it is already an action line,
#: and a 135M model asked to rewrite "One passenger is booked." mostly adds to it).
SHORT_BEAT = 6
#: Revision rounds for a small model, whatever ``--max-attempts`` allows: on the ferry example every
#: piece the embedded model fixed, it fixed at its first retry; later rounds only cost time (docs/DESIGN.md).
SMALL_MODEL_REVISIONS = 1


def scene_of(scene: SceneState) -> Scene:
    """The domain scene of a scene's state: the heading its facts give, its assembled lines."""
    draft = SceneDraft.model_validate(scene.draft) if scene.draft else SceneDraft.model_construct(lines=[])
    return scene_from_draft(scene.number, parse_heading(scene.heading), draft)


class SceneSteps:
    """The scene steps of the flow (a mixin: the flow provides the state, crew, bible and helpers)."""

    # -- writing ------------------------------------------------------------------------------

    def _write(self, scene: SceneState) -> None:
        """Ask the writer for the scene's pieces: all of them, or those the last check sent back."""
        facts = self._facts(scene)
        if scene.pieces is None:
            scene.pieces = P.empty_pieces(facts)
            scene.origin = ["missing"] * len(facts.beats)
        revising = scene.status == "revise" and bool(scene.redo)
        todo = [r["piece"] for r in scene.redo] if revising else self._unwritten(scene, facts)
        self._emit(agent="writer", event="revise" if revising else "draft", scene=scene.number, heading=scene.heading,
                   attempt=scene.attempts + 1, of=self._scene_cap(), pieces=len(todo),
                   problems=[r["problem"] for r in scene.redo] if revising else [],
                   detail=f"attempt {scene.attempts + 1}, {plural(len(todo), 'piece')}")
        if self._small:
            ok = self._write_one_by_one(scene, facts, todo)
        else:
            ok = self._write_together(scene, facts, todo, revising)
        scene.attempts += 1
        if not ok:
            scene.structure_failures += 1
        if not ok and not revising:
            if scene.attempts >= self._scene_cap():
                done = P.repair(scene.pieces, scene.origin, facts,
                                [f"action:{i}" for i, o in enumerate(scene.origin) if o == "missing"])
                scene.repaired += done
                scene.draft = P.assemble(scene.pieces, facts)
                self._give_up(scene, f"the writer gave no valid pieces in {scene.attempts} tries; "
                                     "the action lines are the treatment's sentences")
            return
        scene.redo = []
        scene.draft = P.assemble(scene.pieces, facts)
        scene.status = "drafted"

    def _unwritten(self, scene: SceneState, facts: SceneFacts) -> list[str]:
        todo = [f"action:{i}" for i, o in enumerate(scene.origin) if o == "missing"]
        dialogue = (scene.pieces or {}).get("dialogue", {})
        todo += [f"line:{name}:new" for name in facts.characters if not dialogue.get(name)]
        return todo

    def _write_together(self, scene: SceneState, facts: SceneFacts, todo: list[str], revising: bool) -> bool:
        """A capable model: all the pieces (or all the fixes) in one call."""
        cast = tuple(facts.characters)
        base = {"number": scene.number, "title": self.state.title, "heading": scene.heading,
                "characters": ", ".join(cast) or "(none)", "canon": "; ".join(facts.canon_lines()) or "(none)"}
        if not revising:
            beats = "\n".join(f"{i + 1}. {b}" for i, b in enumerate(facts.beats))
            value, problem = self._agent_call("scene_task", "scene", at_scene=scene.number,
                                              output=pieces_model(len(facts.beats), cast), beats=beats, **base)
            if value is None:
                return False
            assert isinstance(value, ScenePieces)
            got = pieces_dict(value)
            scene.pieces = {"action": got["action"], "dialogue": {n: got["dialogue"].get(n, []) for n in cast}}
            scene.origin = ["writer"] * len(facts.beats)
            return True
        actions = [k for k in todo if k.startswith("action:")]
        names = tuple(dict.fromkeys(k.split(":")[1] for k in todo if k.startswith("line:")))
        value, problem = self._agent_call("revise_task", "scene", at_scene=scene.number,
                                          output=fixes_model(len(actions), names), fixes=self._fixes_text(scene), **base)
        if value is None:
            return False
        assert isinstance(value, PieceFixes)
        got = pieces_dict(value)
        for key, text in zip(actions, got["action"]):
            P.replace(scene.pieces, key, text)
            scene.origin[int(key.split(":")[1])] = "writer"
        for name in names:
            mine = [k for k in todo if k.startswith(f"line:{name}:")]
            new = got["dialogue"].get(name, [])
            for key, text in zip(mine, new):
                P.replace(scene.pieces, key, text)
            for text in new[len(mine):]:
                P.replace(scene.pieces, f"line:{name}:new", text)
        return True

    def _write_one_by_one(self, scene: SceneState, facts: SceneFacts, todo: list[str]) -> bool:
        """A small model: one call per piece, each with only what that piece needs."""
        hints = {r["piece"]: r.get("hint", "") for r in scene.redo}
        ok = False
        for key in todo:
            kind, _, rest = key.partition(":")
            if kind == "action":
                i = int(rest)
                if len(facts.beats[i].split()) <= SHORT_BEAT and scene.origin[i] == "missing":
                    P.replace(scene.pieces, key, facts.beats[i])  # already an action line: nothing to rewrite
                    scene.origin[i] = "kept"
                    ok = True
                    continue
                value, _ = self._agent_call("beat_task", "scene", at_scene=scene.number,
                                            output=beat_model(len(facts.beats[i]) * 5 // 4 + 10),
                                            beat=facts.beats[i], hint=hints.get(key, ""))
                if isinstance(value, ActionBeat):
                    P.replace(scene.pieces, key, value.text)
                    scene.origin[i] = "writer"
                    ok = True
            else:
                name = rest.rpartition(":")[0]
                value, _ = self._agent_call("line_task", "scene", at_scene=scene.number, output=Speech,
                                            **self._line_inputs(facts, name, hints.get(key, "")))
                if isinstance(value, Speech):
                    P.replace(scene.pieces, key, value.line)
                    ok = True
        return ok or not todo

    def _line_inputs(self, facts: SceneFacts, name: str, hint: str) -> dict[str, Any]:
        """What the actor playing ``name`` is told: the place, the beats that name them, whom they speak to."""
        mine = [b for b, names in zip(facts.beats, facts.beat_characters) if name in names][:3] or list(facts.beats[:2])
        others = [c for c in facts.characters if c != name]
        ch = self._bible.character(name) if self._bible else None
        persona = (ch.description or "").split(". ")[0] if ch else ""
        where = f"{facts.location.title()}, {facts.time.lower()}."
        return {"speaker": name, "persona": persona or name.title(), "listener": others[0] if others else "yourself",
                "scene": " ".join([where, *mine]), "hint": hint}

    def _fixes_text(self, scene: SceneState) -> str:
        facts = self._facts(scene)
        out = []
        for r in scene.redo:
            key = r["piece"]
            if key.startswith("action:"):
                i = int(key.split(":")[1])
                head = f'- action line {i + 1} (the beat: "{facts.beats[i]}")'
            else:
                head = f"- {P.describe(key)}"
            was = f' was "{r["was"]}".' if r.get("was") else ""
            out.append(f"{head}:{was} {r['problem']}")
        return "\n".join(out) or "(none)"

    # -- verifying ----------------------------------------------------------------------------

    def _verify_scene(self, scene: SceneState) -> None:
        st = self.state
        if not st.verify:
            scene.status, scene.findings = "approved", []
            self._step("scene", True, scene=scene.number)
            return
        facts = self._facts(scene)
        findings = self._check(scene, facts)
        errors = [f for f in findings if f.severity == "error"]
        previous = {f["id"] for f in scene.findings if f["severity"] == "error"}
        now = {f.id for f in errors}
        scene.fixed.extend(f for f in scene.findings if f["severity"] == "error" and f["id"] not in now)
        scene.findings = [f.to_dict() for f in findings]
        self._step("scene", not errors, "; ".join(f.message for f in errors[:3]), scene=scene.number)
        self._emit(agent="continuity_supervisor", event="checked", scene=scene.number, errors=len(errors),
                   fixed=len(previous - now), first=errors[0].message if errors else "",
                   detail=plural(len(errors), "error") + (f", {len(previous - now)} fixed" if previous else ""))
        if not errors:
            scene.status = "approved"
            return
        keys = {f.id: P.piece_of(f.to_dict(), scene.pieces or {}) for f in errors}
        mapped = [f for f in errors if keys[f.id]]
        if scene.attempts >= self._scene_cap() or not mapped:
            self._last_resort(scene, facts, [k for k in keys.values() if k])
            return
        notes = self._review(scene, mapped)
        scene.notes = list(notes.values())
        redo: dict[str, dict[str, Any]] = {}
        for f in mapped:
            key = keys[f.id]
            assert key is not None
            entry = redo.setdefault(key, {"piece": key, "problem": "", "was": P.current(scene.pieces, key),
                                          "hint": self._hint(f, facts)})
            entry["problem"] = (entry["problem"] + " " + notes[f.id]["instruction"]).strip()[:400]
        scene.redo = list(redo.values())
        scene.rejected += [{"piece": r["piece"], "text": r["was"], "problem": r["problem"]} for r in scene.redo]
        scene.status = "revise"

    def _last_resort(self, scene: SceneState, facts: SceneFacts, bad: list[str]) -> None:
        """Code repairs the failing pieces and checks again; what still fails goes to a person.

        Two passes: dropping a character's only line can leave them missing from the
        scene, which the second pass mends through the treatment's sentences that name them.
        """
        before = {f["id"]: f for f in scene.findings if f["severity"] == "error"}
        failing = {P.piece_of(f, scene.pieces or {}): f for f in scene.findings if f["severity"] == "error"}
        stand_ins = P.fallbacks(scene.pieces)
        for _ in range(2):
            scene.rejected += [{"piece": k, "text": P.current(scene.pieces, k), "problem": "still failing at the cap"}
                               for k in dict.fromkeys(bad) if not k.endswith(":new")]
            done = P.repair(scene.pieces, scene.origin, facts, bad)
            if not done:
                break
            scene.repaired += done
            scene.draft = P.assemble(scene.pieces, facts)
            findings = self._check(scene, facts)
            errors = [f for f in findings if f.severity == "error"]
            scene.fixed.extend(f for i, f in before.items() if i not in {e.id for e in errors})
            before = {f.id: f.to_dict() for f in errors}
            scene.findings = [f.to_dict() for f in findings]
            self._emit(agent="flow", event="repaired", scene=scene.number, repairs=list(done), errors=len(errors),
                       detail="; ".join(done))
            if not errors and P.fallbacks(scene.pieces) == stand_ins:
                scene.status = "approved"
                return
            if not errors:
                break
            failing.update({P.piece_of(f.to_dict(), scene.pieces or {}): f.to_dict() for f in errors})
            bad = [k for k in (P.piece_of(f.to_dict(), scene.pieces or {}) for f in errors) if k]
        self._mark_fallbacks(scene, failing)
        self._give_up(scene, "")

    def _mark_fallbacks(self, scene: SceneState, failing: dict[str | None, dict[str, Any]]) -> None:
        """A finding for a person per line of dialogue replaced by an action line, with why it failed."""
        known = {f["id"] for f in scene.findings}
        for name, lines in ((scene.pieces or {}).get("fallback") or {}).items():
            why = [f["message"] for k, f in failing.items() if k and k.startswith(f"line:{name}:")]
            for text in lines:
                finding = Finding(
                    category="reader", severity="warning", scene=scene.number, line=0,
                    message=f"{name}'s line failed its checks in every try and was replaced by an action line"
                            + (f" ({why[0]})" if why else ""),
                    text=text, character=name, subject=f"{name}.fallback",
                    extra=(("reason", "fallback"),)).to_dict()
                if finding["id"] not in known:
                    finding["needs_review"] = True
                    finding["review_reason"] = "a line of dialogue no try got right is a stand-in: a person writes it"
                    scene.findings.append(finding)

    def _check(self, scene: SceneState, facts: SceneFacts) -> list[Finding]:
        """Audit (script so far plus this scene, this scene's findings), plan and fidelity checks."""
        from continuity.api import audit

        script = self._script(upto=scene.number - 1, extra=scene_of(scene))
        report = audit(script, self._bible, settings=self._settings)
        placed = script.scenes[-1]
        found = [f for f in report.findings if f.scene == placed.index]
        found += check_plan(placed, list(facts.characters), self._bible, target_seconds=scene.target_seconds)
        found += check_scene(placed, facts, self._bible, embed=self._embed)
        found += self._drift(scene, facts, placed)
        action = (scene.pieces or {}).get("action", [])
        written = [(i + 1, action[i]) for i, o in enumerate(scene.origin) if o == "writer" and i < len(action)]
        found += reader_findings(placed, facts, self._bible, written=written, seen=self._seen_lines(scene),
                                 people=self._people())
        return unique(found)

    def _people(self) -> People:
        """The bible's characters as the reader checks know them (names, ages, kin), once per run."""
        got = getattr(self, "_people_cache", None)
        if got is None:
            got = self._people_cache = People.of(self._bible)
        return got

    def _seen_lines(self, scene: SceneState) -> set[str]:
        """The lines of dialogue of the other decided scenes, as :func:`line_key` compares them."""
        people = self._people()
        return {line_key(text, people) for other in self.state.scenes if other.decided and other.number != scene.number
                for lines in ((other.pieces or {}).get("dialogue") or {}).values() for text in lines}

    def _drift(self, scene: SceneState, facts: SceneFacts, placed: Scene) -> list[Finding]:
        """Action lines that do not tell their beat, and beats with no action line."""
        action = (scene.pieces or {}).get("action", [])
        out = []
        written = [i for i, o in enumerate(scene.origin) if o == "writer" and i < len(action) and action[i].strip()]
        sims = beat_drift([action[i] for i in written], [facts.beats[i] for i in written], self._embed)
        known = " ".join([facts.paragraph, *facts.canon_lines()])
        for i, sim in zip(written, sims):
            new = novelty(action[i], facts.beats[i], known)
            broken = action_problem(action[i])
            if broken:
                why = broken.replace("it ", "", 1)
            elif sim < BEAT_SIMILARITY:
                why = f"does not tell its beat (similarity {sim:.2f} < {BEAT_SIMILARITY})"
            elif new > NOVELTY:
                why = f"adds what the treatment does not say ({new:.0%} of its words are new)"
            else:
                continue
            out.append(Finding(
                category="fidelity", severity="error", scene=placed.index, line=_line_of(placed, action[i]),
                message=f"action line {i + 1} {why}; the treatment says: {facts.beats[i]}",
                text=action[i], subject=f"SCENE {facts.number}.beat {i + 1}",
                evidence=(Evidence(text=facts.beats[i], scene=placed.index),)))
        for i, o in enumerate(scene.origin):
            if o == "missing":
                out.append(Finding(
                    category="fidelity", severity="error", scene=placed.index, line=placed.line,
                    message=f"beat {i + 1} has no action line: {facts.beats[i]}", text="",
                    subject=f"SCENE {facts.number}.beat {i + 1}", evidence=(Evidence(text=facts.beats[i]),)))
        return out

    def _hint(self, f: Finding, facts: SceneFacts) -> str:
        """A hint for a small model that never repeats the bad text (it would copy it)."""
        if f.category == "reader":
            reason = str(dict(f.extra).get("reason", ""))
            if ".beat " in (f.subject or "") and reason == Reason.MISSPELT_NAME.value:
                return "Write every name as the sentence writes it."
            return _reader_hint(reason, f.character or "", facts)
        if f.category in ("appearance", "wardrobe") and f.character:
            keep = [ln for ln in facts.canon_lines() if ln.startswith(f"{f.character}:")]
            return f"Keep {keep[0]}." if keep else ""
        if f.subject and f.subject.endswith(".identity"):
            return f"{f.character} is a person."
        if f.subject and f.subject.endswith(".dialogue"):
            return "Say only words you speak out loud, in the first person."
        if f.category == "timeline":
            return f"It is {facts.time.lower()}."
        return "Say only what the sentence says."

    def _review(self, scene: SceneState, errors: list[Finding]) -> dict[str, dict[str, Any]]:
        """Notes per finding id: the supervisor's (a capable model, checked), else built from the finding."""
        notes: dict[str, dict[str, Any]] = {}
        if not self._small:
            by_id = {f.id: f for f in errors}
            text = scene_text(scene_of(scene))
            self._crew.set_script(self._script(upto=scene.number - 1))
            findings_json = json.dumps([
                {"id": f.id, "message": f.message, "text": f.text, "evidence": [e.text for e in f.evidence][:2]}
                for f in errors], ensure_ascii=False)
            try:
                value = self._crew.run("review_task", number=scene.number, title=self.state.title,
                                       findings=findings_json, scene=text)
                assert isinstance(value, RevisionNotes)
                self._step("review", True, scene=scene.number)
                for note in value.notes:
                    finding = by_id.get(note.finding)
                    if finding is None or not note.quote or not quotes_evidence(note.quote, text, finding):
                        continue  # a note must answer a real finding with real words
                    notes[finding.id] = {"finding": finding.id, "quote": note.quote, "instruction": note.instruction}
            except StructureError as exc:
                self._step("review", False, str(exc), scene=scene.number)
        for f in errors:
            notes.setdefault(f.id, note_from(f))
        self._emit(agent="continuity_supervisor", event="notes", scene=scene.number, count=len(notes),
                   detail=plural(len(notes), "note"))
        return notes

    def _give_up(self, scene: SceneState, why: str) -> None:
        """Keep the scene with its open findings marked for a person (the review fallback)."""
        if why:
            scene.placeholder = all(o == "treatment" for o in scene.origin)
            scene.findings.append({
                "id": f"structure-{scene.number}", "category": "plan", "severity": "error", "scene": scene.number,
                "line": 0, "message": why, "text": "", "evidence": [],
            })
        for f in scene.findings:
            if f["severity"] == "error":
                f["needs_review"] = True
        scene.status = "needs_review"
        count = sum(1 for f in scene.findings if f.get("needs_review"))
        self._emit(agent="flow", event="needs_review", scene=scene.number, count=count, why=why,
                   detail=f"{plural(count, 'finding')} for a person")

    def _final_audit(self) -> None:
        """Audit the whole script once every scene is decided; a scene with errors found only now goes to review."""
        from continuity.api import audit

        st = self.state
        st.final_audit = True
        if not st.verify or not st.scenes:
            return
        self._emit(agent="continuity_supervisor", event="auditing", count=len(st.scenes))
        script = self._script(upto=len(st.scenes))
        report = audit(script, self._bible, settings=self._settings)
        decided = [s for s in st.scenes if s.decided]
        for placed, scene in zip(script.scenes, decided):
            known = {f["id"] for f in scene.findings}
            late = [f for f in report.findings if f.scene == placed.index and f.severity == "error" and f.id not in known]
            if not late:
                continue
            for f in late:
                d = f.to_dict()
                d["needs_review"] = True
                d["review_reason"] = "found by the whole-script audit after the scene was approved"
                scene.findings.append(d)
            scene.status = "needs_review"
            self._emit(agent="continuity_supervisor", event="needs_review", scene=scene.number, count=len(late),
                       why="found by the whole-script audit", detail=f"{plural(len(late), 'error')} found by the whole-script audit")


#: What a small model is told when its piece failed a reader check (never the bad words: it would copy them).
_READER_HINTS = {
    Reason.CUT_OFF.value: "Say one short, complete sentence.",
    Reason.NAME_ONLY.value: "Say a whole sentence, not only a name.",
    Reason.SHOUT.value: "Say a whole sentence in plain English.",
    Reason.FRAGMENT.value: "Say one short, complete sentence.",
    Reason.REPEATS_HEADING.value: "Say what you would say out loud, not where you are.",
    Reason.REPEATS_DESCRIPTION.value: "Say what you would say out loud, not what anyone looks like.",
    Reason.REPEATED_LINE.value: "Say something new.",
    Reason.OUT_OF_VOCABULARY.value: "Use plain English words.",
    Reason.INVENTED_WORD.value: "Use plain English words.",
    Reason.PAST_TENSE.value: "Write in the present tense.",
    Reason.NOT_A_SENTENCE.value: "Write one whole sentence with a verb.",
}


def _reader_hint(reason: str, character: str, facts: SceneFacts) -> str:
    """The hint for a piece that failed the reader check ``reason``."""
    others = [c.title() for c in facts.characters if c != character]
    if reason in (Reason.WRONG_ADDRESS.value, Reason.MISSPELT_NAME.value):
        return f"You are speaking to {others[0]}." if others else "Speak to no one by name."
    if reason == Reason.SELF_NAMED_AS_OTHER.value:
        return f"You are {character.title()}." if character else "Say your own name or none."
    if reason == Reason.RELATIONSHIP.value:
        return "Do not speak of love, and call no one family the story does not."
    if reason == Reason.OTHERS_TRAITS.value:
        return "Say only what the sentence says."
    return _READER_HINTS.get(reason, "Say only what the sentence says.")


def _line_of(scene: Scene, text: str) -> int:
    for el in scene.elements:
        if el.kind is Kind.ACTION and el.text.strip() == text.strip():
            return el.line
    return scene.line
