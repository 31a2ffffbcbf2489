"""Where the text path's time goes, stage by stage, in this checkout and another, same run.

Each checkout runs in its own worker process (PYTHONPATH set to it) with timers put
around the named functions; the workers take turns, pass after pass, on the same
workload, so a busy machine slows both alike, and each figure is the fastest of
--rounds passes. A stage's figure includes the stages it calls. The workloads are
throughput.py's: the dev pages' extracted text or raw dumps, batched as the dump
runner batches them (``Cleaner._clean_batch``) or cleaned page by page (``--pages``).

    python bench/stage_times.py --against ../main
    python bench/stage_times.py --against ../main --source noisy_text --pages
    python bench/stage_times.py --against ../main --stage cleaner.heuristics.labeler:HeuristicLabeler._one_page_scores

A stage is ``module:function`` or ``module:Class.method``, named where its callers
look it up (a function imported by name is wrapped in the importing module). A stage
a checkout lacks is left blank on its side.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("extracted_text", "noisy_text")
# The stages of the text path, in the order a clean runs them (see docs/design.md): page
# by page (``Cleaner.clean``: ``label``, ``_one_page_scores``), then the batch path's own
# (``label_many``, ``pages_scores`` and what it alone calls); the stages both paths run
# come once, where a page meets them first.
STAGES = (
    "cleaner.engine:Cleaner._text_document",
    "cleaner.outlets.resolver:OutletResolver.resolve",
    "cleaner.engine:split_blocks",
    "cleaner.heuristics.labeler:HeuristicLabeler.label",
    "cleaner.heuristics.labeler:HeuristicLabeler._one_page_scores",
    "cleaner.heuristics.labeler:HeuristicLabeler._read_lines",
    "cleaner.heuristics.labeler:HeuristicLabeler.phrase_lines",
    "cleaner.heuristics.labeler:HeuristicLabeler.looks_raw",
    "cleaner.heuristics.lexicon:Lexicon.lead_ins_of",
    "cleaner.heuristics.article_model:ArticleModel.logits",
    "cleaner.heuristics.article_model:article_matrix",
    "cleaner.heuristics.article_lines:_article_matrix_compiled",
    "cleaner.heuristics.article_lines:_line_marks",
    "cleaner.heuristics.trees:TreeEnsemble.logits",
    "cleaner.heuristics.labeler:HeuristicLabeler._raw_group_scores",
    "cleaner.heuristics.labeler:HeuristicLabeler._decide",
    "cleaner.engine:build_segments",
    # the batch path's own
    "cleaner.heuristics.labeler:HeuristicLabeler.label_many",
    "cleaner.heuristics.labeler:HeuristicLabeler.pages_scores",
    "cleaner.heuristics.labeler:HeuristicLabeler.scan_phrases",
    "cleaner.heuristics.labeler:HeuristicLabeler._cautious_scores",
    "cleaner.heuristics.labeler:HeuristicLabeler._article_scores",
    "cleaner.heuristics.features:first_occurrences",
    "cleaner.heuristics.labeler:byte_token_counts",
    "cleaner.heuristics.labeler:stage2_columns",
    "cleaner.heuristics.labeler:_grouped_stage2",
    "cleaner.heuristics.labeler:HeuristicLabeler.lexicon_features",
    "cleaner.heuristics.features:layout_columns",
    "cleaner.heuristics.labeler:_grouped_layout",
    "cleaner.heuristics.labeler:stage1_columns",
    "cleaner.heuristics.labeler:stage1_line_columns",
    "cleaner.engine:_Ruled.result",
)
TOTAL = "total"


def wrap(spec: str, spent: dict[str, float]) -> bool:
    """Put a timer around the stage ``spec``, adding its CPU seconds to ``spent[spec]``;
    False when this checkout has no such stage."""
    module_name, _, path = spec.partition(":")
    try:
        owner: Any = importlib.import_module(module_name)
    except ImportError:
        return False
    *outer, name = path.split(".")
    for part in outer:
        owner = getattr(owner, part, None)
    found = getattr(owner, name, None) if owner is not None else None
    if not callable(found):
        return False
    stage: Callable[..., Any] = found

    @functools.wraps(stage)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return stage(*args, **kwargs)
        finally:
            spent[spec] = spent.get(spec, 0.0) + time.process_time() - started

    setattr(owner, name, timed)
    return True


def worker_main(source: str, pages: bool, stages: list[str]) -> int:
    """Clean the workload once per line read on stdin; answer each with the CPU seconds
    per stage (and in all) as one JSON line."""
    sys.path.insert(0, str(ROOT / "bench"))
    from throughput import eval_documents, runner_batches, text_path

    from cleaner import Cleaner

    docs = eval_documents(source)
    print(json.dumps({"path": text_path()}), flush=True)  # which text path this checkout runs
    cleaner = Cleaner()
    cleaner.clean("One line to load the heuristics.\n")
    batches = runner_batches(docs)
    spent: dict[str, float] = {}
    present = [spec for spec in stages if wrap(spec, spent)]
    clean_batch = getattr(cleaner, "_clean_batch", None)
    for _ in sys.stdin:
        spent.clear()
        started = time.process_time()
        if pages or clean_batch is None:
            for text, url in docs:
                cleaner.clean(text, url=url)
        else:
            for batch in batches:
                clean_batch([{"text": text, "url": url} for text, url in batch])
        spent[TOTAL] = time.process_time() - started
        for spec in present:
            spent.setdefault(spec, 0.0)
        print(json.dumps(spent), flush=True)
    return 0


def run(
    checkouts: dict[str, Path],
    source: str,
    pages: bool,
    stages: list[str],
    rounds: int,
    paths: dict[str, str],
) -> dict[str, dict[str, float]]:
    """The fastest of ``rounds`` passes per stage, per checkout (workers taking turns);
    ``paths`` gets each checkout's text path ("native" or "pure")."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--source", source]
    command += ["--pages"] if pages else []
    for spec in stages:
        command += ["--stage", spec]
    workers = {
        name: subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(path)},
            cwd=str(path),
        )
        for name, path in checkouts.items()
    }
    best: dict[str, dict[str, float]] = {name: {} for name in checkouts}
    try:
        for name, worker in workers.items():  # each worker first says which text path it runs
            assert worker.stdout is not None
            ready = worker.stdout.readline()
            if not ready:
                raise SystemExit(f"the worker on {checkouts[name]} died; its error is above")
            paths[name] = json.loads(ready)["path"]
        for _ in range(rounds):
            for name, worker in workers.items():
                assert worker.stdin is not None and worker.stdout is not None
                worker.stdin.write("go\n")
                worker.stdin.flush()
                answer = worker.stdout.readline()
                if not answer:
                    raise SystemExit(f"the worker on {checkouts[name]} died; its error is above")
                for spec, seconds in json.loads(answer).items():
                    best[name][spec] = min(seconds, best[name].get(spec, seconds))
    finally:
        for worker in workers.values():
            assert worker.stdin is not None
            worker.stdin.close()
            worker.wait(timeout=60)
    return best


def table(best: dict[str, dict[str, float]], stages: list[str]) -> list[str]:
    """The markdown table: CPU seconds per stage for each checkout, and their ratio."""
    names = list(best)
    against = len(names) > 1
    rows = ["| stage | this (CPU s) |" + (" against (CPU s) | speed-up |" if against else "")]
    rows.append("|---|---|" + ("---|---|" if against else ""))
    for spec in [TOTAL, *stages]:
        mine = best["this"].get(spec)
        row = f"| {spec} | {'' if mine is None else f'{mine:.3f}'} |"
        if against:
            theirs = best["against"].get(spec)
            ratio = f"{theirs / mine:.2f}x" if mine and theirs else ""
            row += f" {'' if theirs is None else f'{theirs:.3f}'} | {ratio} |"
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", type=Path, help="another checkout to time in the same run")
    parser.add_argument("--source", choices=SOURCES, default="extracted_text")
    parser.add_argument("--pages", action="store_true", help="page by page (clean) instead of batched")
    parser.add_argument("--stage", action="append", help="a stage to time (default: STAGES)")
    parser.add_argument("--rounds", type=int, default=3, help="passes per checkout; the fastest counts")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    stages = list(args.stage or STAGES)
    if args.worker:
        return worker_main(args.source, args.pages, stages)
    checkouts = {"this": ROOT}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    paths: dict[str, str] = {}
    best = run(checkouts, args.source, args.pages, stages, args.rounds, paths)
    mode = "page by page" if args.pages else "batched as the dump runner batches"
    print(
        f"{args.source}, {mode}; fastest of {args.rounds} passes; this = {ROOT} ({paths['this']} text path)"
    )
    if args.against is not None:
        print(f"against = {checkouts['against']} ({paths['against']} text path)")
    print("\n".join(table(best, stages)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
