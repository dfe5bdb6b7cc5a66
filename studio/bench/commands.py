"""``studio bench``: the benchmark commands, one group."""

from __future__ import annotations

import typer

from studio.bench.detection import detection_command
from studio.bench.fidelity import fidelity_command
from studio.bench.reliability import reliability_command

bench_app = typer.Typer(help="Measure how well `studio generate` holds up.", no_args_is_help=True)


@bench_app.callback()
def _bench() -> None:
    """Benchmarks of `studio generate` and of the audit (a group, so each bench stays a subcommand)."""


bench_app.command("reliability")(reliability_command)
bench_app.command("fidelity")(fidelity_command)
bench_app.command("detection")(detection_command)

__all__ = ["bench_app"]

if __name__ == "__main__":
    bench_app()
