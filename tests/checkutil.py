"""Helpers for check tests: audit a Fountain snippet with the fake embedder."""

from __future__ import annotations

import textwrap

from continuity.audit import run
from continuity.language.embedding import HashingEmbedder
from continuity.screenplay.readers import fountain


def audit_text(text: str, bible: str | None = None, checks: list[str] | None = None, embedder=None):
    """Audit Fountain ``text`` (dedented) against an optional bible YAML string."""
    from continuity.bible.load import parse_bible

    script = fountain.parse(textwrap.dedent(text).lstrip("\n"), source="test.fountain")
    canon = parse_bible(textwrap.dedent(bible)) if bible else None
    return run(script, canon, embedder=embedder or HashingEmbedder(), cache_dir=None, checks=checks)


def messages(text: str, bible: str | None, checks: list[str], word: str = "") -> list[str]:
    """The messages of an audit of ``text`` with ``checks``, those that contain ``word``."""
    return [f.message for f in audit_text(text, bible, checks).findings if word in f.message]


def where(report, category: str | None = None, severity: str | None = None) -> list[tuple[int, int]]:
    """(scene, line) of findings, filtered."""
    return [
        (f.scene, f.line)
        for f in report.findings
        if (category is None or f.category == category) and (severity is None or f.severity == severity)
    ]
