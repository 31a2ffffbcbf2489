"""``cleaner rules list|validate|test``: inspect and check outlet rule files."""

from __future__ import annotations

from pathlib import Path

import click

from cleaner.cli.common import fail
from cleaner.engine import Cleaner
from cleaner.errors import CleanerError, RuleFileError
from cleaner.evaluation.rule_examples import run_outlet_examples
from cleaner.outlets.rules import builtin_rules_dir, load_rule_file, rule_files, rules_paths_from_env


def _targets(paths: tuple[str, ...], no_builtin: bool) -> list[Path]:
    """Files named on the command line, or every active rule file."""
    if paths:
        folders = [Path(p) for p in paths]
    else:
        folders = ([] if no_builtin else [builtin_rules_dir()]) + rules_paths_from_env()
    try:
        return rule_files(folders)
    except RuleFileError as exc:
        fail(str(exc))


_paths_argument = click.argument("paths", nargs=-1, type=click.Path())
_no_builtin_option = click.option(
    "--no-builtin-rules", is_flag=True, help="Without PATHS: leave out the shipped rules."
)


@click.group("rules")
def rules_group() -> None:
    """List, validate and test outlet rule files.

    Without PATHS the commands look at the active rules: the shipped ones
    and the folders in CLEANER_RULES_PATH.
    """


@rules_group.command("list")
@_paths_argument
@_no_builtin_option
def list_command(paths: tuple[str, ...], no_builtin_rules: bool) -> None:
    """One line per outlet: domains, rule and example counts, file."""
    problems = 0
    for path in _targets(paths, no_builtin_rules):
        try:
            rules = load_rule_file(path)
        except RuleFileError as exc:
            click.echo(f"INVALID  {exc}", err=True)
            problems += 1
            continue
        html = "html" if rules.html.body or rules.html.drop else "-"
        click.echo(
            f"{rules.key:28} {rules.name[:28]:28} text={len(rules.text):<3} "
            f"examples={len(rules.examples):<3} {html:4} {path}"
        )
    raise SystemExit(1 if problems else 0)


@rules_group.command("validate")
@_paths_argument
@_no_builtin_option
def validate_command(paths: tuple[str, ...], no_builtin_rules: bool) -> None:
    """Check files: keys, categories, dates, patterns (linear-time only), selectors."""
    files = _targets(paths, no_builtin_rules)
    bad = 0
    for path in files:
        try:
            load_rule_file(path)
        except RuleFileError as exc:
            click.echo(f"error: {exc}", err=True)
            bad += 1
    click.echo(f"{len(files) - bad} valid, {bad} invalid", err=bool(bad))
    raise SystemExit(1 if bad else 0)


@rules_group.command("test")
@_paths_argument
@_no_builtin_option
@click.option("--heuristics", is_flag=True, help="Run the examples with the generic heuristics on too.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the examples that pass.")
def test_command(paths: tuple[str, ...], no_builtin_rules: bool, heuristics: bool, verbose: bool) -> None:
    """Run every example of the rule files and compare the bodies."""
    files = _targets(paths, no_builtin_rules)
    try:
        cleaner = Cleaner(
            rules_paths=[str(p) for p in files],
            builtin_rules=False,
            heuristics=heuristics,
            use_env=False,
        )
    except CleanerError as exc:
        fail(str(exc))
    passed = failed = 0
    for outlet in cleaner.rulebook.outlets.values():
        for outcome in run_outlet_examples(cleaner, outlet):
            if outcome.passed:
                passed += 1
                if verbose:
                    click.echo(f"ok    {outcome.where}")
            else:
                failed += 1
                click.echo(f"FAIL  {outcome.where}\n{outcome.problem}", err=True)
    click.echo(f"{passed} passed, {failed} failed")
    raise SystemExit(1 if failed else 0)
