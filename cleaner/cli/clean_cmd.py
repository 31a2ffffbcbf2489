"""``cleaner clean``: parse options, then hand over to ``cleaner.io.pipeline``."""

from __future__ import annotations

import errno
import os
import sys

import click

from cleaner import __version__
from cleaner.cli.common import (
    announce_user_rules,
    build_cleaner,
    cleaner_options,
    document_options,
    encoding_name,
    fail,
    fallback_choice,
    field_map,
    given_values,
)
from cleaner.cli.interrupts import first_interrupt_stops, stacks_on_sigusr1
from cleaner.errors import CleanerError
from cleaner.io.fieldselect import FieldSelection, parse_field_list
from cleaner.io.outlock import OutputBusyError
from cleaner.io.pipeline import EXIT_SOME_FAILED, LearnOptions, RunOptions, run
from cleaner.io.shard import Shard, parse_shard
from cleaner.io.work import WorkConfig
from cleaner.learn import DEFAULT_MIN_OUTLET_PAGES

EXIT_INTERRUPTED = 130
EXIT_OUTPUT_BUSY = 3  # another run holds the lock on the same -o
EXIT_DISK_FULL = 4  # the output's disk (or quota) is full; --resume continues once there is room
DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


@click.command("clean")
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="OUT",
    help="Output file (.gz/.zst compress), folder for one text file per input, or - for stdout.",
)
@document_options
@click.option(
    "--output-format",
    type=click.Choice(["auto", "jsonl", "parquet", "text"]),
    default="auto",
    show_default=True,
    help="auto: by the -o name (.jsonl, .parquet, .txt), else JSONL for record input "
    "(JSONL, Parquet, WARC), bodies as text for documents and for -o DIR.",
)
@click.option(
    "--keep-fields",
    metavar="A,B,...",
    help="Record output: keep only these input fields (body, removed, outlet, metadata are added).",
)
@click.option(
    "--drop-fields",
    metavar="A,B,...",
    help="Record output: leave out these fields (e.g. html; added ones too, e.g. removed).",
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
    "--shard",
    "shard_spec",
    metavar="K/N",
    help="Clean only record K of every N (K from 0): N machines with 0/N .. N-1/N together make one run.",
)
@click.option(
    "--stats", "stats_path", metavar="FILE", help="Write the run's figures as JSON (docs/stats.schema.json)."
)
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors (no progress, no summary).")
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
    input_format: str,
    fields: tuple[str, ...],
    url: str | None,
    outlet: str | None,
    date: str | None,
    encoding: str,
    output_format: str,
    keep_fields: str | None,
    drop_fields: str | None,
    jobs: int,
    errors: str | None,
    progress: bool | None,
    resume: bool,
    shard_spec: str | None,
    stats_path: str | None,
    quiet: bool,
    learn_outlets: bool,
    min_outlet_pages: int,
    learned_rules: str | None,
    rules_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    no_heuristics: bool,
    fallback: str,
    no_fallback: bool,
) -> None:
    """Clean documents, folders, JSONL, Parquet or WARC dumps (INPUT - or none: stdin;
    s3://, gs://, hf:// ... URLs with the remote extra).

    Every record comes out once, in input order, also with -j. Records that
    fail go to the errors file whole with their position and reason; the exit
    status is 1 when any failed. A summary goes to stderr at the end.
    """
    if learned_rules is not None and not learn_outlets:
        fail("--learned-rules needs --learn-outlets")
    if not inputs and sys.stdin.isatty():
        fail("no input: give files or folders, or pipe a document or dump to stdin (-)")
    shard: Shard | None = None
    if shard_spec is not None:
        try:
            shard = parse_shard(shard_spec)
        except ValueError as exc:
            fail(str(exc))
    cleaner = build_cleaner(
        rules_dirs, no_builtin_rules, no_heuristics, fallback_choice(fallback, no_fallback)
    )
    config = WorkConfig(
        rules_paths=tuple(rules_dirs),
        builtin_rules=not no_builtin_rules,
        heuristics=not no_heuristics,
        fallback=fallback_choice(fallback, no_fallback),
        fields=field_map(fields),
        selection=FieldSelection(parse_field_list(keep_fields), parse_field_list(drop_fields) or ()),
        given=given_values(cleaner, url, outlet, date),
        encoding=encoding_name(encoding),
    )
    options = RunOptions(
        inputs,
        output,
        input_format,
        output_format,
        jobs,
        errors,
        progress,
        resume,
        config,
        quiet=quiet,
        stats_path=stats_path,
        shard=shard,
        learn=LearnOptions(min_outlet_pages, learned_rules) if learn_outlets else None,
        version=__version__,
    )
    if not quiet:
        announce_user_rules(rules_dirs)
    try:
        with first_interrupt_stops(), stacks_on_sigusr1():
            status = run(options, cleaner)
    except OutputBusyError as exc:
        fail(str(exc), EXIT_OUTPUT_BUSY)
    except CleanerError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("cleaner: interrupted; rerun with --resume to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, without a flush error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_SOME_FAILED)
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            where = exc.filename or (output if output not in (None, "-") else "stdout")
            resume_hint = "; free some space and rerun with --resume" if output not in (None, "-") else ""
            fail(f"{where}: disk full ({exc.strerror}){resume_hint}", EXIT_DISK_FULL)
        fail(f"{exc.filename or 'output'}: {exc.strerror or exc}")
    except RuntimeError as exc:
        if not _broken_pool(exc):
            raise
        fail("a worker process died (out of memory?); rerun the same command with --resume to continue", 1)
    sys.exit(status)


def _broken_pool(exc: BaseException) -> bool:
    """Whether ``exc`` says a worker process died. The process pool's module is imported
    only by a run with -j 2 or more, so where it is not loaded no pool broke."""
    pool = sys.modules.get("concurrent.futures.process")
    return pool is not None and isinstance(exc, pool.BrokenProcessPool)
