"""One ``cleaner clean`` run: sources -> items -> batches -> workers -> sinks.

This module decides where output and errors go, keeps the resume state and
the counters, and draws progress. The command module only parses options.
"""

from __future__ import annotations

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
from typing import Any, BinaryIO

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.io import resume as resume_state
from cleaner.io.compression import chunk_compressor, compression_of, strip_compression
from cleaner.io.items import Item
from cleaner.io.learning import learn_from_items, learned_folder_complete
from cleaner.io.readers import iter_items
from cleaner.io.resume import package_version
from cleaner.io.runner import BATCH_BYTES, BATCH_RECORDS, batches, run_ordered
from cleaner.io.sources import Source, expand_inputs
from cleaner.io.stats import format_summary
from cleaner.io.work import (
    OUTPUT_JSONL,
    OUTPUT_TEXT,
    BatchResult,
    WorkConfig,
    error_line,
    init_worker,
    process_batch,
)
from cleaner.io.writers import DirSink, ErrorSink, StreamSink
from cleaner.learn.outlets import DEFAULT_MIN_OUTLET_PAGES, LearnReport
from cleaner.outlets.rules import rule_folders

MAX_STDERR_ERRORS = 20  # error lines echoed to stderr; the errors file has them all
EXIT_OK = 0
EXIT_SOME_FAILED = 1
ERRORS_SUFFIX = ".errors.jsonl"
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
    learn: LearnOptions | None = None  # --learn-outlets: a learning pass before the cleaning pass


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
    learned: Path | None = None  # a learned folder to remove when the run is done


def run(options: RunOptions, cleaner: Cleaner | None = None, stdin: BinaryIO | None = None) -> int:
    """Run one clean command; returns the exit status (0 all cleaned, 1 some failed)."""
    started = time.monotonic()
    plan = make_plan(options, stdin)
    state_file = resume_state.state_path(plan.output.rstrip("/\\")) if plan.output is not None else None
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


def _learn_first(
    options: RunOptions, plan: _Plan, state_file: str | None
) -> tuple[tempfile.TemporaryDirectory[str] | None, LearnReport | None]:
    """Pass one of --learn-outlets; the plan's rule folders gain the learned folder.

    The folder is --learned-rules DIR, else ``OUT.learned`` beside -o (so that
    --resume finds it; removed when the run ends), else a temporary folder.
    """
    assert options.learn is not None
    if any(s.once for s in plan.sources):
        raise UsageError(
            "--learn-outlets reads the input twice (learn, then clean), and stdin or a pipe can be "
            "read only once: save it to a file and give the file name"
        )
    scratch = None
    if options.learn.folder is not None:
        folder = Path(options.learn.folder)
    elif plan.output is not None:
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
    fp = run_fingerprint(plan)
    state = None
    if options.resume:
        if state_file is None:
            raise UsageError("--resume needs -o FILE or -o DIR (stdout cannot be resumed)")
        if any(s.once for s in plan.sources):
            raise UsageError("--resume cannot be used with stdin or pipe input (it can be read only once)")
        state = resume_state.load_state(state_file, fp)
    if state is not None:
        print(f"cleaner: resuming after {state.stats.records:,} records", file=sys.stderr)
    else:
        state = resume_state.ResumeState(fp)
    resumed = state.batches > 0

    outputs = _Outputs(plan, state if resumed else None)
    shown = 0
    bar = _progress_bar(options.progress, state.stats.records)
    init_worker(plan.config, cleaner)
    try:
        tasks = _skip(batches(_all_items(plan.sources), BATCH_RECORDS, BATCH_BYTES), state.batches)
        # closing(): on any error the worker pool is shut down here, not at garbage collection
        with closing(run_ordered(process_batch, tasks, options.jobs, init_worker, (plan.config,))) as results:
            for result in results:
                outputs.write(result)
                shown = _echo_errors(result.errors, shown)
                state.stats.add(result.stats)
                state.batches += 1
                state.output_bytes, state.errors_bytes = outputs.flush()
                if state_file is not None:
                    resume_state.save_state(state_file, state)  # only after the data is written
                if bar is not None:
                    bar.update(result.stats.records)
    finally:
        if bar is not None:
            bar.close()
        outputs.close()
    if state_file is not None:
        resume_state.remove_state(state_file)
    if plan.learned is not None:
        shutil.rmtree(plan.learned, ignore_errors=True)  # OUT.learned only lived for --resume
    stats = state.stats
    if stats.failed > shown:
        where = plan.errors or "--errors FILE to keep them"
        print(f"cleaner: {stats.failed - shown:,} more failed records not shown ({where})", file=sys.stderr)
    for line in format_summary(stats, time.monotonic() - started, plan.errors):
        print(line, file=sys.stderr)
    return EXIT_SOME_FAILED if stats.failed else EXIT_OK


class _Outputs:
    """The output stream or folder and the errors file of one run."""

    def __init__(self, plan: _Plan, resume: resume_state.ResumeState | None) -> None:
        self.plan = plan
        self.stream = (
            None if plan.to_dir else StreamSink(plan.output, resume.output_bytes if resume else None)
        )
        self.folder = DirSink(plan.output) if plan.to_dir and plan.output is not None else None
        self.errors = ErrorSink(plan.errors, resume.errors_bytes if resume else None)
        self.text_compress = chunk_compressor(compression_of(plan.output or ""))
        self.wrote_body = self.stream is not None and self.stream.size > 0

    def write(self, result: BatchResult) -> None:
        if self.folder is not None:
            for rel, body in result.bodies:
                self.folder.write_body(rel, body)
        elif self.stream is not None and self.plan.output_format == OUTPUT_JSONL:
            self.stream.write(result.chunk)
        elif self.stream is not None:
            self.stream.write(self.text_compress(_join_bodies(result, self.wrote_body)))
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
        self.errors.close()


def make_plan(options: RunOptions, stdin: BinaryIO | None = None) -> _Plan:
    """Resolve inputs, output format and destinations; refuse what cannot work."""
    if options.jobs < 1:
        raise UsageError("-j must be at least 1")
    sources = expand_inputs(options.inputs, options.fmt, stdin)
    if not sources:
        raise UsageError("no input files found")
    output = None if options.output in (None, "-") else options.output
    output_format = _output_format(options.output_format, output, sources)
    to_dir = False
    if output_format == OUTPUT_TEXT and output is not None:
        documents = [s for s in sources if not s.is_records]
        several = len(documents) > 1 or any(os.path.isdir(i) for i in options.inputs)
        has_suffix = bool(os.path.splitext(strip_compression(output.rstrip("/\\")))[1])
        to_dir = os.path.isdir(output) or output.endswith(("/", os.sep)) or (several and not has_suffix)
    if output is not None and not to_dir and os.path.isdir(output):
        raise UsageError(f"-o {output}: is a folder; JSONL output needs a file name")
    if output is not None and os.path.exists(output):
        for source in sources:
            if source.path is not None and os.path.samefile(source.path, output):
                raise UsageError(f"-o {output}: is also an input; choose another output name")
    errors = options.errors
    if errors is None and output is not None:
        errors = strip_compression(output.rstrip("/\\"))
        errors = (os.path.splitext(errors)[0] if not to_dir else errors) + ERRORS_SUFFIX
    compression = compression_of(output) if output is not None and not to_dir else None
    config = WorkConfig(
        rules_paths=options.config.rules_paths,
        builtin_rules=options.config.builtin_rules,
        heuristics=options.config.heuristics,
        fallback=options.config.fallback,
        fields=options.config.fields,
        output=output_format,
        compression=compression,
    )
    return _Plan(sources, output_format, to_dir, output, errors, config)


def _output_format(choice: str, output: str | None, sources: list[Source]) -> str:
    if choice != "auto":
        return choice
    if output is not None:
        base = strip_compression(output).lower()
        if base.endswith((".jsonl", ".ndjson")):
            return OUTPUT_JSONL
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


def _join_bodies(result: BatchResult, wrote_before: bool) -> bytes:
    """Text output: bodies one after another, a blank line between two of them."""
    parts: list[str] = []
    for _, body in result.bodies:
        if wrote_before or parts:
            parts.append("\n")
        parts.append(body + "\n")
    return "".join(parts).encode("utf-8")


def _echo_errors(entries: list[dict[str, Any]], shown: int) -> int:
    for entry in entries:
        if shown >= MAX_STDERR_ERRORS:
            break
        print(f"cleaner: {error_line(entry)}", file=sys.stderr)
        shown += 1
    return shown


def run_fingerprint(plan: _Plan) -> str:
    """What --resume compares: a state saved by another run is refused."""
    return resume_state.fingerprint(_fingerprint_parts(plan))


def _fingerprint_parts(plan: _Plan) -> dict[str, Any]:
    return {
        "inputs": [s.identity() for s in plan.sources],
        "output_format": plan.output_format,
        "to_dir": plan.to_dir,
        "config": repr(plan.config),
        "batch": [BATCH_RECORDS, BATCH_BYTES],
        # the folders of CLEANER_RULES_PATH, --rules and the shipped ones, by content
        "rules": resume_state.rules_digest(
            rule_folders(plan.config.rules_paths, plan.config.builtin_rules, use_env=True)
        ),
        "version": package_version(),
    }


def _progress_bar(choice: bool | None, initial: int) -> Any:
    show = sys.stderr.isatty() if choice is None else choice
    if not show:
        return None
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked later
    return tqdm.tqdm(total=None, initial=initial, unit=" rec", file=sys.stderr, dynamic_ncols=True)
