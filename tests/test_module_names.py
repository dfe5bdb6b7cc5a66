"""No module binds the same top-level name twice.

A second ``_PARTIAL_DYE_RE`` moved into ``story/bible_looks.py`` by a split silently replaced
the first, and a bible's dyed tips were flagged as a hair colour on every clean page after them.
Linters do not catch a module-level constant assigned twice; this does.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p for pkg in ("continuity", "studio", "agents") for p in (ROOT / pkg).rglob("*.py"))


def _bound_twice(tree: ast.Module) -> list[str]:
    seen: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            names = []
        seen.update(names)
    return sorted(n for n, count in seen.items() if count > 1)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    assert _bound_twice(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_sees_a_constant_bound_twice() -> None:
    tree = ast.parse("import re\nA_RE = re.compile('a')\ndef f(): return A_RE\nA_RE = re.compile('b')\n")
    assert _bound_twice(tree) == ["A_RE"]
