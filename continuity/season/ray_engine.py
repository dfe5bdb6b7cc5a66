"""The season's and the library's jobs in Ray actors, on a cluster or a local Ray instance.

Imported only when ``--ray ADDRESS`` (or ``STUDIO_RAY_ADDRESS``) asks for it; nothing
else imports Ray. Each actor is one worker: it loads the sentence model and the
parser once, in its constructor, and runs every job sent to it
(:class:`continuity.season.work.Tools`); no model is ever captured in a task's
closure or shipped with a job. Jobs carry the scripts' bytes, so workers need no
shared disk. The driver stays the one writer of the caches (and of the findings
store): actors only read the caches where the driver's cache folder exists on
their machine, and hand back what they computed.

Embedding batches stay inside each episode's job (an episode's sentences, in the
model's own batches of 64): Ray Data was not used (see docs/BENCHMARKS.md).
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from collections.abc import Iterator

from continuity.errors import InputError
from continuity.season.engine import Job, cores, run_safely
from continuity.season.work import Result, Tools
from continuity.settings import Settings

log = logging.getLogger(__name__)


def _ray():
    """Ray, imported on first use (after :func:`local_auth`: Ray reads its authentication mode at import).

    Raises:
        InputError: Ray is not installed.
    """
    try:
        import ray
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError("--ray needs Ray: install the extra with pip install -e '.[ray]' (ray==2.60.0)") from None
    return ray


def local_auth() -> None:
    """Token authentication for a Ray instance on this machine, with a token kept in this process's environment.

    Ray would otherwise write a token to ``~/.ray/auth_token``; a token the user
    set (``RAY_AUTH_TOKEN``, ``RAY_AUTH_TOKEN_PATH``, ``RAY_AUTH_MODE``) is kept.
    """
    if not any(os.environ.get(v) for v in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        os.environ["RAY_AUTH_MODE"] = "token"
        os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)


class EpisodeWorker:
    """One Ray actor: the models, loaded once in the constructor, and the jobs run with them."""

    def __init__(self, settings: Settings) -> None:
        self.tools = Tools(settings)
        self.tools.load()

    def run(self, job: Job) -> Result:
        """Run one job with this worker's models."""
        return run_safely(self.tools, job)


_REMOTE: list = []


def _remote_worker():
    """:class:`EpisodeWorker` as a Ray actor class (one CPU each), made once."""
    if not _REMOTE:
        _REMOTE.append(_ray().remote(num_cpus=1)(EpisodeWorker))
    return _REMOTE[0]


class RayEngine:
    """Jobs in Ray actors, one per CPU of the cluster (at most ``workers``).

    Args:
        settings: what every worker uses (embedder, cache folder to read).
        address: ``local`` starts Ray on this machine (its cores, no dashboard, bound
            to the loopback address); anything else (``auto``, ``host:port``,
            ``ray://host:port``) joins that cluster. When Ray is already initialised
            in this process (a test's fixture), that instance is used and left running.
        workers: at most this many actors; None for the cluster's CPUs.
        timeout: seconds to wait for any one result; None waits as long as it takes.

    Raises:
        InputError: the cluster cannot be reached.
    """

    def __init__(self, settings: Settings, address: str, *, workers: int | None = None,
                 timeout: float | None = None) -> None:
        self.settings = settings
        self.timeout = timeout
        self._own = False
        if address == "local" and "ray" not in sys.modules:
            local_auth()
        ray = self._ray = _ray()
        if not ray.is_initialized():
            try:
                if address == "local":
                    ray.init(num_cpus=cores(), include_dashboard=False, logging_level=logging.WARNING,
                             _node_ip_address="127.0.0.1")
                else:
                    ray.init(address=address, logging_level=logging.WARNING)
            except Exception as exc:  # noqa: BLE001 (Ray raises ConnectionError, RuntimeError, ValueError...)
                raise InputError(f"cannot reach the Ray cluster at {address!r}: {' '.join(str(exc).split())}") from None
            self._own = True
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if workers is not None and workers < 1:
            raise InputError(f"--workers must be at least 1, not {workers}")
        self.workers = min(workers or cpus, cpus)
        self._actors: list = []

    def _pool(self, n: int):
        from ray.util import ActorPool

        while len(self._actors) < min(n, self.workers):
            self._actors.append(_remote_worker().remote(self.settings))
        return ActorPool(self._actors[: max(1, min(n, self.workers))])

    def map(self, jobs: list[Job]) -> Iterator[Result]:
        """Run ``jobs`` in the actors; results as they finish."""
        if not jobs:
            return
        pool = self._pool(len(jobs))
        for job in jobs:
            pool.submit(lambda actor, j: actor.run.remote(j), job)
        while pool.has_next():
            yield pool.get_next_unordered(timeout=self.timeout)

    def close(self) -> None:
        """Stop the actors (and Ray, when this engine started it)."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._own:
            self._ray.shutdown()
            self._own = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["RayEngine", "EpisodeWorker", "local_auth"]
