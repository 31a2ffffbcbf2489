"""``cleaner clean``: parse options, then hand over to ``cleaner.io.pipeline``."""

from __future__ import annotations

import os
import sys
from concurrent.futures.process import BrokenProcessPool

import click

from cleaner.cli.common import announce_user_rules, build_cleaner, cleaner_options, fail
from cleaner.errors import CleanerError
from cleaner.io.formats import FORMATS
from cleaner.io.pipeline import EXIT_SOME_FAILED, LearnOptions, RunOptions, run
from cleaner.io.records import parse_fields
from cleaner.io.work import WorkConfig
from cleaner.learn.outlets import DEFAULT_MIN_OUTLET_PAGES

EXIT_INTERRUPTED = 130


@click.command("clean")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="OUT",
    help="Output file (.gz/.zst compress), folder for one text file per input, or - for stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Input format (auto: by extension, then content).",
)
@click.option(
    "--output-format",
    type=click.Choice(["auto", "jsonl", "text"]),
    default="auto",
    show_default=True,
    help="auto: JSONL for JSONL/WARC input (or a .jsonl output name), bodies as text for documents.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=NAME,...",
    help="JSONL field names: text=, html=, url=, outlet=, date= (html= alone: ignore HTML, clean the text).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes; output keeps input order.",
)
@click.option(
    "--errors",
    "errors",
    default=None,
    metavar="FILE",
    help="File for failed records (JSONL: position, reason, whole record). Default: OUT.errors.jsonl next to -o FILE.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress on stderr (default: only when stderr is a terminal).",
)
@click.option("--resume", is_flag=True, help="Continue a killed run of the same command where it stopped.")
@click.option(
    "--learn-outlets",
    is_flag=True,
    help="First learn each outlet's repeated boilerplate from the input itself, then clean with it.",
)
@click.option(
    "--min-outlet-pages",
    type=click.IntRange(min=1),
    default=DEFAULT_MIN_OUTLET_PAGES,
    show_default=True,
    help="--learn-outlets: learn only outlets with at least this many pages.",
)
@click.option(
    "--learned-rules",
    "learned_rules",
    default=None,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="--learn-outlets: keep the learned rule files here (load them later with --rules DIR).",
)
@cleaner_options
def clean_command(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str,
    output_format: str,
    fields: tuple[str, ...],
    jobs: int,
    errors: str | None,
    progress: bool | None,
    resume: bool,
    learn_outlets: bool,
    min_outlet_pages: int,
    learned_rules: str | None,
    rules_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    no_heuristics: bool,
    no_fallback: bool,
) -> None:
    """Clean documents, folders, JSONL or WARC dumps (INPUT - or none: stdin).

    Every record comes out once, in input order, also with -j. Records that
    fail go to the errors file whole with their position and reason; the exit
    status is 1 when any failed. A summary goes to stderr at the end.
    """
    if learned_rules is not None and not learn_outlets:
        fail("--learned-rules needs --learn-outlets")
    if not inputs and sys.stdin.isatty():
        fail("no input: give files or folders, or pipe a document or dump to stdin (-)")
    try:
        field_map = parse_fields(fields)
    except ValueError as exc:
        fail(str(exc))
    cleaner = build_cleaner(rules_dirs, no_builtin_rules, no_heuristics, no_fallback)
    config = WorkConfig(
        rules_paths=tuple(rules_dirs),
        builtin_rules=not no_builtin_rules,
        heuristics=not no_heuristics,
        fallback=not no_fallback,
        fields=field_map,
    )
    learn = LearnOptions(min_outlet_pages, learned_rules) if learn_outlets else None
    options = RunOptions(inputs, output, fmt, output_format, jobs, errors, progress, resume, config, learn)
    announce_user_rules(rules_dirs)
    try:
        status = run(options, cleaner)
    except CleanerError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("cleaner: interrupted; rerun with --resume to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, without a flush error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_SOME_FAILED)
    except BrokenProcessPool:
        fail("a worker process died (out of memory?); rerun the same command with --resume to continue", 1)
    except OSError as exc:
        fail(f"{exc.filename or 'output'}: {exc.strerror or exc}")
    sys.exit(status)
