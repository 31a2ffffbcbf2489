"""The ``cleaner`` command: a click group whose commands live one per module.

Commands are registered in the plain table below and imported only when
used, so ``cleaner --help`` stays fast and a module's heavy imports (lxml,
trafilatura, pyspark) load only for the command that needs them.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from cleaner import __version__
from cleaner.io.startgc import pause_collector, resume_collector
from cleaner.native import path_name

# The command runs in parallel with processes (-j N), never with BLAS threads: the models'
# matrix products are small, more threads would only crowd the cores the workers use, and
# OpenBLAS's threads spin idle at start (~50 ms CPU of every start, 2 threads). Set before
# numpy loads (at the first clean); a value the user set wins. Output is the same either way.
BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS"
os.environ.setdefault(BLAS_THREADS_ENV, "1")

# name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "clean": (
        "cleaner.cli.clean_cmd",
        "clean_command",
        "Clean documents, folders, JSONL, Parquet or WARC dumps.",
    ),
    "explain": (
        "cleaner.cli.explain_cmd",
        "explain_command",
        "Show a document with every removed span and its reason.",
    ),
    "rules": ("cleaner.cli.rules_cmd", "rules_group", "List, validate and test outlet rule files."),
    "eval": (
        "cleaner.cli.eval_cmd",
        "eval_command",
        "Quality figures over a corpus folder, per outlet and overall.",
    ),
    "learn": (
        "cleaner.cli.learn_cmd",
        "learn_command",
        "Propose an outlet rule file from many pages of one outlet.",
    ),
}


class LazyGroup(click.Group):
    """Loads each subcommand's module on first use."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """The command, with the collector paused while it starts (io/startgc.py)."""
        pause_collector()
        try:
            return super().main(*args, **kwargs)
        finally:
            resume_collector()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: Any = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, prog_name="cleaner", message=f"%(prog)s, version %(version)s ({path_name()} text path)"
)
def main() -> None:
    """Split scraped news text or HTML into article body and boilerplate.

    Every removed span keeps its category and the rule that removed it.
    Run `cleaner COMMAND --help` for the options of each command.
    """
