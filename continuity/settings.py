"""Settings from one place: ``STUDIO_*`` environment variables over ``studio.toml``.

``studio.toml`` is looked up in the current directory (or given explicitly); its
keys are the setting names below without the prefix, e.g.::

    cache_dir = "/tmp/studio-cache"
    embedder = "minilm"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from continuity.errors import InputError


def _default_cache_dir() -> str:
    try:
        from platformdirs import user_cache_dir

        return user_cache_dir("continuity-studio", appauthor=False)
    except ImportError:  # pragma: no cover
        return str(Path.home() / ".cache" / "continuity-studio")


@dataclass(frozen=True)
class Settings:
    """Every tunable of the product.

    Attributes:
        cache_dir: where embeddings are cached by text hash (``STUDIO_CACHE_DIR``).
        embedder: ``minilm`` (the real model) or ``hashing`` (fast, for tests).
        model_dir: a folder holding all-MiniLM-L6-v2, instead of the bundled one.
        embed_precision: the precision of a big encoding job's matrix products
            (``STUDIO_EMBED_PRECISION``): ``auto`` (bfloat16 where the CPU has it
            natively, else float32), ``float32`` or ``bfloat16``.
        cache: set to false (``STUDIO_CACHE=0``) to disable the embedding cache.
        llm: the model of ``studio generate`` (``STUDIO_LLM``): ``embedded`` (default),
            ``provider/model`` (e.g. ``openai/gpt-4o-mini``) or ``fake``.
        llm_timeout: seconds one call of the embedded model may take before its worker
            is stopped and the call retried (``STUDIO_LLM_TIMEOUT``).
        max_input_mb: the largest script, bible or shot list read, in MB, checked
            before reading (``STUDIO_MAX_INPUT_MB``).
        mcp_timeout: seconds one MCP tool call may run before it is stopped
            (``STUDIO_MCP_TIMEOUT``).
        pdf_max_pages: the most pages a PDF may have (``STUDIO_PDF_MAX_PAGES``).
        pdf_max_page_chars: the most characters one PDF page may yield
            (``STUDIO_PDF_MAX_PAGE_CHARS``).
        pdf_max_chars: the most characters a whole PDF may yield (``STUDIO_PDF_MAX_CHARS``).
        pdf_max_mb: the memory (address space, MB) of the process that reads a PDF
            (``STUDIO_PDF_MAX_MB``).
        pdf_timeout: seconds reading a PDF may take (``STUDIO_PDF_TIMEOUT``).
        bible_max_names: the most names (characters and their aliases, locations,
            props) a bible may hold (``STUDIO_BIBLE_MAX_NAMES``).
        ray_address: the Ray cluster a season's or a library's per-episode work runs on
            (``STUDIO_RAY_ADDRESS``; ``studio audit --ray``): ``local``, ``auto``,
            ``host:port`` or ``ray://host:port``. Empty (the default): this machine, no Ray.

    The input limits are listed, with what each bounds, in docs/DESIGN.md ("Input limits").
    """

    cache_dir: str = ""
    embedder: str = "minilm"
    model_dir: str = ""
    embed_precision: str = "auto"
    cache: bool = True
    llm: str = ""
    llm_timeout: float = 300.0
    max_input_mb: float = 10.0
    mcp_timeout: float = 120.0
    pdf_max_pages: int = 400
    pdf_max_page_chars: int = 20_000
    pdf_max_chars: int = 2_000_000
    pdf_max_mb: float = 256.0
    pdf_timeout: float = 60.0
    bible_max_names: int = 5_000
    ray_address: str = ""

    @classmethod
    def load(cls, toml_path: str | Path | None = None) -> Settings:
        """Read ``studio.toml`` (if present) then ``STUDIO_*`` environment variables."""
        values: dict[str, object] = {}
        path = Path(toml_path) if toml_path else Path.cwd() / "studio.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"{path}: invalid TOML: {exc}") from exc
            known = {f.name for f in fields(cls)}
            for key, value in data.items():
                if key not in known:
                    raise InputError(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
                values[key] = value
        for f in fields(cls):
            env = os.environ.get("STUDIO_" + f.name.upper())
            if env is not None:
                values[f.name] = env.strip().lower() not in ("0", "false", "no", "off", "") if f.type in ("bool", bool) else env
        for f in fields(cls):
            if f.type in ("float", float, "int", int) and f.name in values:
                number = int if f.type in ("int", int) else float
                try:
                    values[f.name] = number(values[f.name])  # type: ignore[arg-type]
                except (TypeError, ValueError):
                    kind = "a whole number" if number is int else "a number"
                    raise InputError(f"setting {f.name} must be {kind}, not {values[f.name]!r}") from None
        s = cls(**values)  # type: ignore[arg-type]
        if not s.cache_dir:
            s = cls(**{**s.__dict__, "cache_dir": _default_cache_dir()})
        if not s.llm_timeout > 0:
            raise InputError(f"setting llm_timeout must be a positive number of seconds, not {s.llm_timeout!r}")
        for name in ("max_input_mb", "mcp_timeout", "pdf_max_pages", "pdf_max_page_chars", "pdf_max_chars",
                     "pdf_max_mb", "pdf_timeout", "bible_max_names"):
            if not getattr(s, name) > 0:
                raise InputError(f"setting {name} must be a positive number, not {getattr(s, name)!r}")
        if s.embed_precision not in ("auto", "float32", "bfloat16"):
            raise InputError(f"unknown embed_precision {s.embed_precision!r}: use 'auto', 'float32' or 'bfloat16'")
        if s.embedder not in ("minilm", "hashing"):
            raise InputError(f"unknown embedder {s.embedder!r}: use 'minilm' or 'hashing'")
        return s
