"""One ``cleaner clean`` run: sources -> items -> batches -> workers -> sinks.

This module decides where output and errors go, keeps the resume state and
the counters, and draws progress. The command module only parses options.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.io import resume as resume_state
from cleaner.io.compression import chunk_compressor, compression_of, strip_compression
from cleaner.io.items import Item
from cleaner.io.outlock import OutputLock
from cleaner.io.progress import Progress
from cleaner.io.readers import iter_items
from cleaner.io.remote import RemoteErrorSink, RemoteStreamSink, is_url
from cleaner.io.resume import package_version
from cleaner.io.runner import BATCH_BYTES, BATCH_RECORDS, batches, run_ordered
from cleaner.io.shard import Shard
from cleaner.io.sources import Source, expand_inputs
from cleaner.io.stats import format_summary, stats_document
from cleaner.io.work import (
    OUTPUT_JSONL,
    OUTPUT_PARQUET,
    OUTPUT_TEXT,
    BatchResult,
    WorkConfig,
    error_line,
    init_worker,
    process_batch,
)
from cleaner.io.writers import DirSink, ErrorSink, StreamSink
from cleaner.learn import DEFAULT_MIN_OUTLET_PAGES
from cleaner.outlets.rules import rule_folders

if TYPE_CHECKING:  # the learner loads only for a run with --learn-outlets
    from cleaner.learn.outlets import LearnReport

MAX_STDERR_ERRORS = 20  # error lines echoed to stderr; the errors file has them all
MAX_SKIPPED_SHOWN = 5  # skipped file names listed on stderr; the count covers them all
EXIT_OK = 0
EXIT_SOME_FAILED = 1
ERRORS_SUFFIX = ".errors.jsonl"
BODY_HEADER = "==> {name} <=="  # before each body when several documents go to one stream
LEARNED_SUFFIX = ".learned"  # OUT.learned: the learned rules of a run, kept until it ends


class UsageError(CleanerError):
    """Options that cannot work together: exit status 2."""


@dataclass
class RunOptions:
    inputs: tuple[str, ...]
    output: str | None = None  # None or "-": stdout
    fmt: str = "auto"
    output_format: str = "auto"
    jobs: int = 1
    errors: str | None = None
    progress: bool | None = None  # None: when stderr is a terminal
    resume: bool = False
    config: WorkConfig = field(default_factory=WorkConfig)
    quiet: bool = False  # nothing on stderr but errors
    stats_path: str | None = None  # --stats FILE: the run's figures as JSON
    shard: Shard | None = None  # --shard K/N: only this share of the records
    learn: LearnOptions | None = None  # --learn-outlets: a learning pass before the cleaning pass
    # The code's version for the resume fingerprint: the command gives cleaner.__version__;
    # None asks the installed distribution (importlib.metadata: ~30 ms CPU of a start).
    version: str | None = None


@dataclass(frozen=True)
class LearnOptions:
    min_pages: int = DEFAULT_MIN_OUTLET_PAGES
    folder: str | None = None  # --learned-rules DIR: keep the learned files there


@dataclass
class _Plan:
    sources: list[Source]
    output_format: str
    to_dir: bool
    output: str | None
    errors: str | None
    config: WorkConfig
    headers: bool = False  # bodies of several documents to one stream: a name line before each
    parquet_schema: Any = None  # the Parquet inputs' columns, when every input is Parquet
    skipped: list[str] = field(default_factory=list)  # folder files of unknown types
    learned: Path | None = None  # a learned folder to remove when the run is done


def run(options: RunOptions, cleaner: Cleaner | None = None, stdin: BinaryIO | None = None) -> int:
    """Run one clean command; returns the exit status (0 all cleaned, 1 some failed)."""
    started = time.monotonic()
    plan = make_plan(options, stdin)
    _say_skipped(plan.skipped, options.quiet)
    if plan.output is None or is_url(plan.output):
        return _run_planned(options, plan, cleaner, started)
    with OutputLock(plan.output):  # a second run on the same -o is refused, not interleaved
        return _run_planned(options, plan, cleaner, started)


def _run_planned(options: RunOptions, plan: _Plan, cleaner: Cleaner | None, started: float) -> int:
    resumable = plan.output is not None and not is_url(plan.output) and plan.output_format != OUTPUT_PARQUET
    state_file = resume_state.state_path(plan.output.rstrip("/\\")) if resumable and plan.output else None
    if options.resume:
        _refuse_resume(plan, state_file)  # before a learning pass reads the whole input
    scratch: tempfile.TemporaryDirectory[str] | None = None
    if options.learn is not None:
        scratch, report = _learn_first(options, plan, state_file)
        # the learned folder is the plan's last rule folder: the Cleaner gains it on top
        if cleaner is not None and report is not None:
            cleaner = cleaner.with_outlets(report.compiled_rules())  # compiled from the files' data
        elif cleaner is not None:
            cleaner = cleaner.with_rules(plan.config.rules_paths[-1:])
    try:
        return _clean_pass(options, plan, state_file, cleaner, started)
    finally:
        if scratch is not None:
            scratch.cleanup()


def _refuse_resume(plan: _Plan, state_file: str | None) -> None:
    """--resume where it cannot work is a usage error, said before any work is done."""
    if plan.output is not None and is_url(plan.output):
        raise UsageError("--resume cannot be used with a remote output (it is written as a whole)")
    if plan.output_format == OUTPUT_PARQUET:
        raise UsageError("--resume cannot be used with Parquet output (a Parquet file cannot be appended to)")
    if state_file is None:
        raise UsageError("--resume needs -o FILE or -o DIR (stdout cannot be resumed)")
    if any(s.once for s in plan.sources):
        raise UsageError("--resume cannot be used with stdin or pipe input (it can be read only once)")


def _learn_first(
    options: RunOptions, plan: _Plan, state_file: str | None
) -> tuple[tempfile.TemporaryDirectory[str] | None, LearnReport | None]:
    """Pass one of --learn-outlets; the plan's rule folders gain the learned folder.

    The folder is --learned-rules DIR, else ``OUT.learned`` beside -o (so that
    --resume finds it; removed when the run ends), else a temporary folder.
    """
    from cleaner.io.learning import learn_from_items, learned_folder_complete

    assert options.learn is not None
    if any(s.once for s in plan.sources):
        raise UsageError(
            "--learn-outlets reads the input twice (learn, then clean), and stdin or a pipe can be "
            "read only once: save it to a file and give the file name"
        )
    scratch = None
    if options.learn.folder is not None:
        folder = Path(options.learn.folder)
    elif plan.output is not None and not is_url(plan.output):
        folder = Path(plan.output.rstrip("/\\") + LEARNED_SUFFIX)
    else:
        scratch = tempfile.TemporaryDirectory(prefix="cleaner-learned-")
        folder = Path(scratch.name)
    resuming = options.resume and state_file is not None and os.path.exists(state_file)
    report = None
    if resuming and learned_folder_complete(folder):
        print(f"cleaner: resuming with the outlet rules learned before, in {folder}", file=sys.stderr)
    else:
        report = learn_from_items(
            _all_items(plan.sources), plan.config.fields, folder, options.learn.min_pages
        )
    plan.config = replace(plan.config, rules_paths=(*plan.config.rules_paths, str(folder)))
    plan.learned = folder if options.learn.folder is None and scratch is None else None
    return scratch, report


def _clean_pass(
    options: RunOptions, plan: _Plan, state_file: str | None, cleaner: Cleaner | None, started: float
) -> int:
    fp = run_fingerprint(plan, options.shard, options.version)
    state = None
    if options.resume:
        assert state_file is not None  # _refuse_resume checked it
        state = resume_state.load_state(state_file, fp)
    if state is not None and not options.quiet:
        print(f"cleaner: resuming after {state.stats.records:,} records", file=sys.stderr)
    else:
        state = resume_state.ResumeState(fp)
    resumed = state.batches > 0
    failed_before = state.stats.failed  # shown (or not) by the killed run, not by this one

    outputs = _Outputs(plan, state if resumed else None)
    shown = 0
    show = not options.quiet and (sys.stderr.isatty() if options.progress is None else options.progress)
    progress = Progress(plan.sources, show, state.stats.records)
    init_worker(plan.config, cleaner)
    try:
        items = _all_items(plan.sources)
        if options.shard is not None:
            items = options.shard.select(items)
        tasks = _skip(batches(items, BATCH_RECORDS, BATCH_BYTES), state.batches)
        # closing(): on any error the worker pool is shut down here, not at garbage collection
        with closing(run_ordered(process_batch, tasks, options.jobs, init_worker, (plan.config,))) as results:
            for result in results:
                outputs.write(result)  # Parquet output may fail a record here: before counting
                shown = _echo_errors(result.errors, shown)
                state.stats.add(result.stats)
                state.batches += 1
                state.output_bytes, state.errors_bytes = outputs.flush()
                if state_file is not None:
                    resume_state.save_state(state_file, state)  # only after the data is written
                progress.update(result.stats.records)
    finally:
        progress.close()
        outputs.close()
    if state_file is not None:
        resume_state.remove_state(state_file)
    if plan.learned is not None:
        shutil.rmtree(plan.learned, ignore_errors=True)  # OUT.learned only lived for --resume
    stats = state.stats
    seconds = time.monotonic() - started
    if options.stats_path is not None:
        write_stats(
            options.stats_path, stats_document(stats, seconds, plan.errors, _options_summary(options))
        )
    where = plan.errors or "--errors FILE to keep them"
    if stats.failed - failed_before > shown:
        unshown = stats.failed - failed_before - shown
        print(f"cleaner: {unshown:,} more failed records not shown ({where})", file=sys.stderr)
    if failed_before:
        print(f"cleaner: {failed_before:,} failed records from before the resume ({where})", file=sys.stderr)
    if not options.quiet:
        for line in format_summary(stats, seconds, plan.errors):
            print(line, file=sys.stderr)
    return EXIT_SOME_FAILED if stats.failed else EXIT_OK


def write_stats(path: str, document: dict[str, Any]) -> None:
    """The --stats JSON, written whole at the end (local path or fsspec URL)."""
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if is_url(path):
        sink = RemoteStreamSink(path)
        sink.write(data)
        sink.close()
        return
    with open(path, "wb") as handle:
        handle.write(data)


def _options_summary(options: RunOptions) -> dict[str, Any]:
    """The options of the run, as --stats reports them."""
    config = options.config
    return {
        "inputs": list(options.inputs) or ["-"],
        "output": options.output or "-",
        "format": options.fmt,
        "output_format": options.output_format,
        "jobs": options.jobs,
        "shard": str(options.shard) if options.shard is not None else None,
        "resume": options.resume,
        "fields": vars(config.fields),
        "keep_fields": list(config.selection.keep) if config.selection.keep is not None else None,
        "drop_fields": list(config.selection.drop),
        "url": config.given.url,
        "outlet": config.given.outlet,
        "date": config.given.date,
        "encoding": config.encoding,
        "rules": list(config.rules_paths),
        "builtin_rules": config.builtin_rules,
        "heuristics": config.heuristics,
        "fallback": config.fallback,
    }


def _say_skipped(skipped: list[str], quiet: bool) -> None:
    """Folder files of unknown types, listed once (not one line per file)."""
    if not skipped or quiet:
        return
    names = ", ".join(skipped[:MAX_SKIPPED_SHOWN])
    more = f" and {len(skipped) - MAX_SKIPPED_SHOWN:,} more" if len(skipped) > MAX_SKIPPED_SHOWN else ""
    print(
        f"cleaner: skipped {len(skipped):,} files of unknown type in folders: {names}{more} "
        "(read: .txt .html .htm .xhtml .jsonl .ndjson .parquet .warc .arc, also .gz/.zst; name a file to read it)",
        file=sys.stderr,
    )


class _Outputs:
    """The output stream or folder and the errors file of one run."""

    def __init__(self, plan: _Plan, resume: resume_state.ResumeState | None) -> None:
        self.plan = plan
        self.stream: Any = None
        self.table: Any = None
        if plan.output_format == OUTPUT_PARQUET and plan.output is not None:
            from cleaner.io.parquet import ParquetSink  # lazy: pyarrow only for Parquet output

            self.table = ParquetSink(plan.output, plan.parquet_schema, plan.config.selection)
        elif plan.output is not None and is_url(plan.output):
            self.stream = RemoteStreamSink(plan.output)
        elif not plan.to_dir:
            self.stream = StreamSink(plan.output, resume.output_bytes if resume else None)
        self.folder = DirSink(plan.output) if plan.to_dir and plan.output is not None else None
        self.errors: Any = (
            RemoteErrorSink(plan.errors)
            if plan.errors is not None and is_url(plan.errors)
            else ErrorSink(plan.errors, resume.errors_bytes if resume else None)
        )
        self.text_compress = chunk_compressor(compression_of(plan.output or ""))
        self.wrote_body = self.stream is not None and self.stream.size > 0

    def write(self, result: BatchResult) -> None:
        if self.table is not None:
            failed = self.table.write(result.records)
            if failed:  # cleaned, but its values do not fit the file's columns
                result.errors.extend(failed)
                result.stats.cleaned -= len(failed)
                result.stats.failed += len(failed)
        elif self.folder is not None:
            for rel, body in result.bodies:
                self.folder.write_body(rel, body)
        elif self.stream is not None and self.plan.output_format == OUTPUT_JSONL:
            self.stream.write(result.chunk)
        elif self.stream is not None:
            self.stream.write(self.text_compress(_join_bodies(result, self.wrote_body, self.plan.headers)))
            self.wrote_body = self.wrote_body or bool(result.bodies)
        self.errors.write(result.errors)

    def flush(self) -> tuple[int, int]:
        """Flush both files; returns their sizes for the resume state."""
        if self.stream is not None:
            self.stream.flush()
        self.errors.flush()
        return (self.stream.size if self.stream is not None else 0), self.errors.size

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        if self.table is not None:
            self.table.close()
        self.errors.close()


def make_plan(options: RunOptions, stdin: BinaryIO | None = None) -> _Plan:
    """Resolve inputs, output format and destinations; refuse what cannot work."""
    if options.jobs < 1:
        raise UsageError("-j must be at least 1")
    skipped: list[str] = []
    sources = expand_inputs(options.inputs, options.fmt, stdin, only_known=True, skipped=skipped)
    if not sources:
        unknown = f" ({len(skipped):,} files of unknown type skipped)" if skipped else ""
        raise UsageError(f"no input files found{unknown}")
    output = None if options.output in (None, "-") else options.output
    folder_input = any(os.path.isdir(i) for i in options.inputs)
    several = sum(not s.is_records for s in sources) > 1 or folder_input
    out_is_dir = output is not None and _names_a_folder(output, several)
    output_format = _output_format(options.output_format, output, sources, out_is_dir)
    to_dir = out_is_dir and output_format == OUTPUT_TEXT
    if out_is_dir and not to_dir:
        raise UsageError(f"-o {output}: is a folder; {output_format} output needs a file name")
    if output is not None and is_url(output) and to_dir:
        raise UsageError(f"-o {output}: a remote output must be one file (JSONL, Parquet or text)")
    if output_format == OUTPUT_TEXT and not options.config.selection.is_identity:
        raise UsageError(
            "--keep-fields / --drop-fields shape record output (JSONL, Parquet); this run writes bodies as text"
        )
    if output_format == OUTPUT_PARQUET and output is None:
        raise UsageError("Parquet output needs -o FILE.parquet (it cannot go to stdout)")
    if output is not None and not is_url(output) and os.path.exists(output):
        for source in sources:
            if source.path is not None and os.path.samefile(source.path, output):
                raise UsageError(f"-o {output}: is also an input; choose another output name")
    errors = options.errors
    if errors is None and output is not None:
        errors = strip_compression(output.rstrip("/\\"))
        errors = (os.path.splitext(errors)[0] if not to_dir else errors) + ERRORS_SUFFIX
    compression = compression_of(output) if output is not None and not to_dir else None
    config = dataclasses.replace(options.config, output=output_format, compression=compression)
    schema = None
    if output_format == OUTPUT_PARQUET:
        from cleaner.io.parquet import input_schema, require_pyarrow

        require_pyarrow("Parquet output")
        schema = input_schema(sources)
    headers = output_format == OUTPUT_TEXT and output is None and several
    return _Plan(sources, output_format, to_dir, output, errors, config, headers, schema, skipped)


def _names_a_folder(output: str, several_documents: bool) -> bool:
    """-o names a folder: an existing one, a trailing slash, or (several documents, or a
    folder read) a name without a suffix. It stays a folder whatever the inputs hold."""
    if is_url(output):
        return output.endswith("/")
    if os.path.isdir(output) or output.endswith(("/", os.sep)):
        return True
    has_suffix = bool(os.path.splitext(strip_compression(output.rstrip("/\\")))[1])
    return several_documents and not has_suffix


def _output_format(choice: str, output: str | None, sources: list[Source], out_is_dir: bool = False) -> str:
    if choice != "auto":
        return choice
    if out_is_dir:
        return OUTPUT_TEXT  # a folder gets one body file per document or record
    if output is not None:
        base = strip_compression(output).lower()
        if base.endswith((".jsonl", ".ndjson")):
            return OUTPUT_JSONL
        if base.endswith((".parquet", ".pq")):
            return OUTPUT_PARQUET
        if base.endswith(".txt"):
            return OUTPUT_TEXT
    return OUTPUT_JSONL if any(s.is_records for s in sources) else OUTPUT_TEXT


def _all_items(sources: list[Source]) -> Iterator[Item]:
    return chain.from_iterable(iter_items(s) for s in sources)


def _skip(tasks: Iterator[list[Item]], count: int) -> Iterator[list[Item]]:
    """Read past the batches a killed run already finished (they are not cleaned again)."""
    for index, task in enumerate(tasks):
        if index >= count:
            yield task


def _join_bodies(result: BatchResult, wrote_before: bool, headers: bool = False) -> bytes:
    """Text output: bodies one after another, a blank line between two of them; with
    ``headers`` (several documents), each body after a ``==> name <==`` line, as ``head``
    and ``tail`` mark files, so a body's end and the next one's start are plain."""
    parts: list[str] = []
    for name, body in result.bodies:
        if wrote_before or parts:
            parts.append("\n")
        if headers:
            parts.append(f"{BODY_HEADER.format(name=name)}\n")
        parts.append(body + "\n")
    return "".join(parts).encode("utf-8")


def _echo_errors(entries: list[dict[str, Any]], shown: int) -> int:
    for entry in entries:
        if shown >= MAX_STDERR_ERRORS:
            break
        print(f"cleaner: {error_line(entry)}", file=sys.stderr)
        shown += 1
    return shown


def run_fingerprint(plan: _Plan, shard: Shard | None = None, version: str | None = None) -> str:
    """What --resume compares: a state saved by another run is refused."""
    return resume_state.fingerprint(_fingerprint_parts(plan, shard, version))


def _fingerprint_parts(plan: _Plan, shard: Shard | None, version: str | None) -> dict[str, Any]:
    return {
        "inputs": [s.identity() for s in plan.sources],
        "output_format": plan.output_format,
        "to_dir": plan.to_dir,
        "config": repr(plan.config),
        "batch": [BATCH_RECORDS, BATCH_BYTES],
        "shard": str(shard) if shard is not None else None,
        # the folders of CLEANER_RULES_PATH, --rules and the shipped ones, by content
        "rules": resume_state.rules_digest(
            rule_folders(plan.config.rules_paths, plan.config.builtin_rules, use_env=True)
        ),
        "version": version or package_version(),
    }
