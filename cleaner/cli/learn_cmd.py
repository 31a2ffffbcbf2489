"""`cleaner learn`: propose a rule file from many pages of one outlet."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import click

from cleaner.cli.common import fail, field_map
from cleaner.errors import CleanerError
from cleaner.io.records import FieldMap
from cleaner.learn.pages import PageReader
from cleaner.learn.propose import DEFAULT_MIN_PAGES, DEFAULT_MIN_SHARE, compile_learned, learn

DEFAULT_LIMIT = 5000  # more pages of one outlet add little and cost memory
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@click.command("learn")
@click.argument("dump", type=click.Path(exists=True))
@click.option("--outlet", "domain", required=True, help="The outlet's registered domain, e.g. example.com.")
@click.option("--name", help="The outlet's display name (default: the domain).")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Where to write the rule file (- for stdout)."
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Read at most this many pages.",
)
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_MIN_SHARE,
    show_default=True,
    help="A line must recur on this share of the pages to count as boilerplate.",
)
@click.option(
    "--min-pages",
    type=click.IntRange(2),
    default=DEFAULT_MIN_PAGES,
    show_default=True,
    help="... and on at least this many pages.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=NAME,...",
    help="Record field names, as for `cleaner clean`: text=, html=, url= (html is read before text).",
)
# the names before --field, kept working but no longer shown
@click.option("--text-field", hidden=True)
@click.option("--html-field", hidden=True)
@click.option("--url-field", hidden=True)
def learn_command(
    dump: str,
    domain: str,
    name: str | None,
    output: str,
    force: bool,
    limit: int,
    min_share: float,
    min_pages: int,
    fields: tuple[str, ...],
    text_field: str | None,
    html_field: str | None,
    url_field: str | None,
) -> None:
    """Propose rules/DOMAIN.yaml from DUMP: many pages of one outlet.

    DUMP is a JSONL file (.gz/.zst too) or a folder of .txt/.html/.jsonl
    files. Lines that recur across pages after masking numbers, dates and
    month names become line, block or after rules, with a category guessed
    from the lexicons and examples cut from the dump. The rule file goes to
    -o (stdout by default); what was found, and how often, goes to stderr.
    """
    domain = domain.strip().lower()
    if not _DOMAIN.match(domain):
        fail(f"--outlet '{domain}' is not a domain name like example.com")
    target = None if output == "-" else Path(output)
    if target is not None and target.exists() and not force:
        fail(f"{target}: exists; use --force to overwrite it")
    reader = PageReader(_learn_fields(fields, text_field, html_field, url_field))
    try:
        pages = reader.read(dump, limit)
    except CleanerError as exc:
        fail(str(exc))
    if len(pages) < min_pages:
        fail(f"{dump}: {len(pages)} pages read; learning needs at least {min_pages} (see --min-pages)")
    learned = learn(pages, domain, name=name, min_share=min_share, min_pages=min_pages)
    if not learned.rules:
        fail(
            f"{dump}: no line recurs on {learned.support} or more of {learned.pages} pages; nothing to propose"
        )
    if not learned.examples:
        fail(
            f"{dump}: rules found, but no page has both body and boilerplate (or it has control characters) to make an example"
        )
    text = learned.to_yaml()
    try:
        compile_learned(learned, learned.examples)
    except CleanerError as exc:  # a bug here, but say so in one line
        fail(f"the proposed file does not validate: {exc}")
    click.echo(learned.report(), err=True)
    if reader.skipped:
        click.echo(f"skipped {len(reader.skipped)} pages: {reader.skipped[0]}", err=True)
    if target is None:
        sys.stdout.write(text)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror}")
    click.echo(f"wrote {target}", err=True)


def _learn_fields(
    fields: tuple[str, ...], text_field: str | None, html_field: str | None, url_field: str | None
) -> FieldMap:
    """``--field`` with the old ``--text-field`` / ``--html-field`` / ``--url-field`` on top."""
    chosen = field_map(fields)
    old = {"text": text_field, "html": html_field, "url": url_field}
    return dataclasses.replace(chosen, **{k: v for k, v in old.items() if v is not None})
