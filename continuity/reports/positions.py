"""Production positions for findings and scenes: scene numbers, pages, eighths.

The audit locates findings by scene index and source line; a script supervisor
looks for "scene 40A, page 12". :func:`locate` adds those to a report, using the
script's own scene numbers (else the index) and :func:`continuity.screenplay.pages.pagination`
(the standard layout, or a PDF's own pages).
"""

from __future__ import annotations

from dataclasses import replace

from continuity.checks.findings import Evidence, Finding, Report, SceneInfo
from continuity.screenplay.model import Script
from continuity.screenplay.pages import Pagination, pagination, scene_number


def locate(report: Report, script: Script, *, pages: Pagination | None = None) -> Report:
    """Return ``report`` with every finding, evidence line and scene placed on a page.

    Args:
        report: an audit of ``script``.
        script: the script the report is about.
        pages: its pagination, if already computed.
    """
    pages = pages or pagination(script)
    numbers = {s.index: scene_number(s) for s in script.scenes}

    def place_evidence(e: Evidence) -> Evidence:
        if e.bible is not None or e.line is None:
            return e
        pos = pages.locate(e.line)
        return replace(
            e,
            scene_number=numbers.get(e.scene) if e.scene else None,
            page=pos.page if pos else None,
            page_line=pos.row if pos else None,
        )

    def place(f: Finding) -> Finding:
        pos = pages.locate(f.line) if f.line else None
        return replace(
            f,
            scene_number=numbers.get(f.scene),
            page=pos.page if pos else None,
            page_line=pos.row if pos else None,
            page_eighth=pos.eighth if pos else None,
            evidence=tuple(place_evidence(e) for e in f.evidence),
        )

    def scene(info: SceneInfo) -> SceneInfo:
        ext = pages.scene(info.index)
        return replace(
            info,
            number=numbers.get(info.index),
            page=ext.page if ext else None,
            eighths=ext.eighths if ext else None,
        )

    return replace(
        report,
        findings=tuple(place(f) for f in report.findings),
        hidden=tuple(place(f) for f in report.hidden),
        scenes=tuple(scene(s) for s in report.scenes),
    )


__all__ = ["locate"]
