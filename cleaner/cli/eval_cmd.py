"""`cleaner eval`: quality figures over a corpus folder, per outlet and overall."""

from __future__ import annotations

import json

import click

from cleaner.cli.common import announce_user_rules, build_cleaner, cleaner_options, fail, fallback_choice
from cleaner.errors import CleanerError
from cleaner.evaluation.corpus import iter_cases
from cleaner.evaluation.corpus_eval import COMPARE_TOOLS, OVERALL, EvalReport, GroupScore, ToolScore, run_eval

NOT_AVAILABLE = "n/a"


@click.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--compare", type=click.Choice(COMPARE_TOOLS), help="Also score this tool on the html cases.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--min-f1", type=click.FloatRange(0, 1), help="Exit 1 if overall or any outlet's F1 is below this."
)
@click.option("--cases", "show_cases", is_flag=True, help="Also list every case's P / R / F1, worst first.")
@cleaner_options
def eval_command(
    corpus: str,
    compare: str | None,
    as_json: bool,
    min_f1: float | None,
    show_cases: bool,
    rules_dirs: tuple[str, ...],
    no_builtin_rules: bool,
    no_heuristics: bool,
    fallback: str,
    no_fallback: bool,
) -> None:
    """Score cleaner on CORPUS (corpus/<outlet>/<name>.txt|.html + <name>.body.txt).

    Body precision, recall and F1 on 4-token shingles per outlet and overall;
    keep / leak / acc where a case's .meta.yaml lists must_keep / must_drop.
    With --compare trafilatura, trafilatura and cleaner are also scored on
    the html cases alone ("n/a" where an outlet has none). Exit code: 1 when
    a case failed or a figure is below --min-f1, 2 on bad input.
    """
    cleaner = build_cleaner(
        rules_dirs, no_builtin_rules, no_heuristics, fallback_choice(fallback, no_fallback)
    )
    try:
        report = run_eval(iter_cases(corpus), cleaner, compare=compare)
    except CleanerError as exc:
        fail(str(exc))
    announce_user_rules(rules_dirs)  # with the figures: a corpus error stays one line
    below = report.below(min_f1) if min_f1 is not None else []
    if as_json:
        data = report.to_dict()
        data["min_f1"] = min_f1
        data["below_min_f1"] = below
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(report))
        if show_cases:
            click.echo("")
            click.echo(format_cases(report))
    for error in report.errors:
        click.echo(f"cleaner: error: {error.path}: {error.message}", err=True)
    if below:
        click.echo(f"cleaner: F1 below {min_f1}: {', '.join(below)}", err=True)
    if below or report.errors:
        raise SystemExit(1)


def format_table(report: EvalReport) -> str:
    """A fixed-width table: one row per outlet, then the overall row."""
    header = ["outlet", "cases", "P", "R", "F1", "keep", "leak", "acc"]
    if report.compare:
        header += ["html", "cleaner F1", f"{report.compare} P", f"{report.compare} R", f"{report.compare} F1"]
    rows = [_row(name, report.groups[name], report.compare) for name in report.outlets()]
    rows.append(_row(OVERALL, report.overall, report.compare))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [_line(header, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in rows[:-1]]
    if len(rows) > 1:
        lines.append(_line(["-" * w for w in widths], widths))
    lines.append(_line(rows[-1], widths))
    return "\n".join(lines)


def format_cases(report: EvalReport) -> str:
    """One line per case, lowest F1 first: where to look when a figure drops."""
    rows = [["case", "P", "R", "F1"]]
    for case in sorted(report.cases, key=lambda c: (c.f1, c.outlet, c.name)):
        p = NOT_AVAILABLE if case.precision is None else f"{case.precision:.3f}"
        r = NOT_AVAILABLE if case.recall is None else f"{case.recall:.3f}"
        rows.append([f"{case.outlet}/{case.name}", p, r, f"{case.f1:.3f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(_line(row, widths) for row in rows)


def _line(cells: list[str], widths: list[int]) -> str:
    first = cells[0].ljust(widths[0])
    rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
    return "  ".join([first, *rest]).rstrip()


def _row(name: str, group: GroupScore, compare: str | None) -> list[str]:
    cleaner = group.cleaner
    cells = [name, str(group.text_cases + group.html_cases), *_prf(cleaner), *_keep_leak(cleaner)]
    if compare:
        if group.compared.shingles.pages:
            cells += [
                str(group.compared.shingles.pages),
                f"{group.cleaner_html.shingles.f1:.3f}",
                *_prf(group.compared),
            ]
        else:
            cells += ["0"] + [NOT_AVAILABLE] * 4
    return cells


def _prf(score: ToolScore) -> list[str]:
    s = score.shingles
    if not s.pages:
        return [NOT_AVAILABLE] * 3
    return [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]


def _keep_leak(score: ToolScore) -> list[str]:
    if not score.keep_leak_cases:
        return ["-"] * 3
    k = score.keep_leak
    return [f"{k.keep:.1%}", f"{k.leak:.1%}", f"{k.acc:.3f}"]
