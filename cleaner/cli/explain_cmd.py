"""`cleaner explain`: one document with every removed span and its reason."""

from __future__ import annotations

import sys
from pathlib import Path

import click

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
from cleaner.cli.report import render_html, render_summary_text, render_terminal
from cleaner.engine import without_surrogates
from cleaner.errors import CleanerError
from cleaner.io.documents import read_one_document


@click.command("explain")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True, dir_okay=False))
@document_options
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write a self-contained HTML report here.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the terminal view (default: when stdout is a terminal)."
)
@cleaner_options
def explain_command(
    input_path: str,
    input_format: str,
    fields: tuple[str, ...],
    url: str | None,
    outlet: str | None,
    date: str | None,
    encoding: str,
    html_out: str | None,
    color: bool | None,
    rules_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    no_heuristics: bool,
    fallback: str,
    no_fallback: bool,
) -> None:
    """Show INPUT (a text or HTML file, or - for stdin) with every removed span.

    INPUT is read as `cleaner clean` reads it, with the same options: html by
    extension, then content; of a JSONL, Parquet or WARC file, the first record
    (its url, outlet and date fields count unless given here).

    Each removed span is marked with its category and the rule that removed
    it, followed by a summary. With --html, the same is written as a
    self-contained HTML page and only the summary is printed.
    """
    name = "<stdin>" if input_path == "-" else input_path
    fields_read = field_map(fields)
    encoding = encoding_name(encoding)
    cleaner = build_cleaner(
        rules_dirs, no_builtin_rules, no_heuristics, fallback_choice(fallback, no_fallback)
    )
    given = given_values(cleaner, url, outlet, date)
    try:
        document = given.apply(read_one_document(input_path, input_format, fields_read, encoding))
    except CleanerError as exc:
        fail(str(exc))
    try:
        result = cleaner.clean(document.text, **document.clean_args())
    except ImportError as exc:
        fail(f"{name}: HTML input needs the html stage, which cannot be loaded ({exc})")
    except CleanerError as exc:
        fail(f"{name}: {exc}")
    announce_user_rules(rules_dirs)  # once the document is cleaned: a failure stays one line
    if html_out:
        title = f"cleaner explain: {Path(name).name}"
        try:
            # a lone surrogate (from a JSON escape) cannot be written: shown as U+FFFD
            page = without_surrogates(render_html(result, title=title))
            Path(html_out).write_text(page, encoding="utf-8")
        except OSError as exc:
            fail(f"{html_out}: cannot write report: {exc.strerror}")
        click.echo(render_summary_text(result), nl=False)
        click.echo(f"report: {html_out}")
        return
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(without_surrogates(render_terminal(result, color=use_color)), nl=False, color=use_color)
