"""The CrewAI crew (writer, shot planner, editor, continuity supervisor).

It depends on ``continuity`` only, and ``studio`` depends on it. CrewAI phones
home unless told not to, so the switches below are set (unless the environment
already sets them) before any module of this package imports ``crewai``.
"""

from __future__ import annotations

import os

for _key, _value in {
    "CREWAI_DISABLE_TELEMETRY": "true",
    "OTEL_SDK_DISABLED": "true",
    "CREWAI_TRACING_ENABLED": "false",
    "CREWAI_DISABLE_VERSION_CHECK": "true",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
}.items():
    os.environ.setdefault(_key, _value)


def _storage_dir() -> str:
    # crewai makes ~/.local/share/<CREWAI_STORAGE_DIR or the cwd's name>/ on import; an
    # absolute path keeps everything it stores in one folder of ours instead.
    try:
        from platformdirs import user_data_dir

        return os.path.join(user_data_dir("continuity-studio", appauthor=False), "crewai")
    except ImportError:  # pragma: no cover
        return os.path.join(os.path.expanduser("~"), ".local", "share", "continuity-studio", "crewai")


os.environ.setdefault("CREWAI_STORAGE_DIR", _storage_dir())
