"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from cleaner.engine import FALLBACK_MODES, Cleaner
from cleaner.errors import CleanerError
from cleaner.io.encoding import AUTO, check_encoding_name
from cleaner.io.formats import FORMATS
from cleaner.io.records import FieldMap, GivenValues, parse_fields
from cleaner.outlets.rules import RULES_ENV, rules_paths_from_env

MAX_OUTLETS_NAMED = 40  # an unknown --outlet error lists the known ones, up to this many


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error to stderr and exit: never a traceback."""
    click.echo(f"cleaner: error: {message}", err=True)
    sys.exit(code)


def cleaner_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--rules, --no-builtin-rules, --no-heuristics, --fallback, --no-fallback."""
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
            "--fallback",
            type=click.Choice(FALLBACK_MODES),
            default="auto",
            show_default=True,
            help="HTML without outlet selectors: auto (the block classifier, trafilatura for pages it is "
            "unsure of), always (trafilatura first on every page: slower), never (the classifier alone).",
        ),
        click.option("--no-fallback", is_flag=True, help="The same as --fallback never."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_cleaner(
    rules_dirs: tuple[str, ...], no_builtin_rules: bool, no_heuristics: bool, fallback: str
) -> Cleaner:
    """A Cleaner from the shared options; rule problems become one-line errors."""
    try:
        return Cleaner(
            rules_paths=list(rules_dirs),
            builtin_rules=not no_builtin_rules,
            heuristics=not no_heuristics,
            fallback=fallback,
        )
    except CleanerError as exc:
        fail(str(exc))


def fallback_choice(fallback: str, no_fallback: bool) -> str:
    """--fallback, with the older --no-fallback meaning "never"."""
    return "never" if no_fallback else fallback


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


FORMAT_OPTION = click.option(
    "--format",
    "input_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Input format (auto: by extension, then content).",
)
ENCODING_OPTION = click.option(
    "--encoding",
    default=AUTO,
    show_default=True,
    metavar="auto|NAME",
    help="Text files' encoding; auto: byte-order mark, then UTF-8, then detection.",
)


def document_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The reading options every command shares, under one name each: --format, --field,
    --url, --outlet, --date, --encoding."""
    options = [
        FORMAT_OPTION,
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="KEY=NAME,...",
            help="Record field names: text=, html=, url=, outlet=, date= (html= alone: ignore HTML, clean the text).",
        ),
        click.option(
            "--url",
            metavar="URL",
            help="The documents' URL (selects the outlet's rules); wins over a record's url.",
        ),
        click.option(
            "--outlet",
            metavar="DOMAIN",
            help="Use this outlet's rules (a domain or outlet name) for every document.",
        ),
        click.option("--date", metavar="DATE", help="The documents' date (ISO), for date-bounded rules."),
        ENCODING_OPTION,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def field_map(fields: tuple[str, ...]) -> FieldMap:
    """``--field`` values -> FieldMap, a bad one as a one-line usage error."""
    try:
        return parse_fields(fields)
    except ValueError as exc:
        fail(str(exc))


def encoding_name(name: str) -> str:
    """``--encoding`` checked now, not once per record."""
    try:
        return check_encoding_name(name)
    except ValueError as exc:
        fail(str(exc))


def given_values(cleaner: Cleaner, url: str | None, outlet: str | None, date: str | None) -> GivenValues:
    """--url / --outlet / --date; an --outlet no rule file knows is an error naming the known
    ones (silently cleaning without its rules would look like a working run)."""
    if outlet is not None:
        check_outlet(cleaner, outlet)
    return GivenValues(url=url, outlet=outlet, date=date)


def check_outlet(cleaner: Cleaner, outlet: str) -> None:
    if cleaner.rulebook.get(outlet) is not None:
        return
    known = sorted(cleaner.rulebook.by_domain)
    shown = ", ".join(known[:MAX_OUTLETS_NAMED])
    more = f" and {len(known) - MAX_OUTLETS_NAMED} more" if len(known) > MAX_OUTLETS_NAMED else ""
    if not known:
        fail(f"--outlet {outlet}: unknown outlet; no rule files are loaded")
    fail(f"--outlet {outlet}: unknown outlet; known: {shown}{more} (add rules with --rules DIR)")
