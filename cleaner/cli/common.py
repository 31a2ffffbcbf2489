"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.outlets.rules import RULES_ENV, rules_paths_from_env


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error to stderr and exit: never a traceback."""
    click.echo(f"cleaner: error: {message}", err=True)
    sys.exit(code)


def cleaner_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--rules, --no-builtin-rules, --no-heuristics, --no-fallback."""
    options = [
        click.option(
            "--rules",
            "rules_dirs",
            multiple=True,
            type=click.Path(exists=True),
            help="Extra rule folder or file (repeatable); overrides shipped rules for the same domain. "
            "CLEANER_RULES_PATH is read too.",
        ),
        click.option("--no-builtin-rules", is_flag=True, help="Do not load the rules shipped with cleaner."),
        click.option(
            "--no-heuristics", is_flag=True, help="Only outlet rules (and the html stage) remove text."
        ),
        click.option(
            "--no-fallback", is_flag=True, help="HTML without outlet selectors: no trafilatura pass."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_cleaner(
    rules_dirs: tuple[str, ...], no_builtin_rules: bool, no_heuristics: bool, no_fallback: bool
) -> Cleaner:
    """A Cleaner from the shared options; rule problems become one-line errors."""
    try:
        return Cleaner(
            rules_paths=list(rules_dirs),
            builtin_rules=not no_builtin_rules,
            heuristics=not no_heuristics,
            fallback=not no_fallback,
        )
    except CleanerError as exc:
        fail(str(exc))


def announce_user_rules(rules_dirs: tuple[str, ...]) -> None:
    """Say on stderr, once a run starts its work, which user rule folders are active: they
    override shipped rules for their domains, and CLEANER_RULES_PATH does so unseen."""
    named = [f"{path} ({RULES_ENV})" for path in rules_paths_from_env()]
    named += [f"{path} (--rules)" for path in rules_dirs]
    if named:
        click.echo(
            f"cleaner: user rules: {', '.join(named)}; they override the shipped rules for their domains",
            err=True,
        )
