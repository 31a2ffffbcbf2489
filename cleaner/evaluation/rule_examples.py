"""Run the examples of a rule file: the rule's own test cases.

Examples run with heuristics off by default, so an example tests the rule
and nothing else; ``cleaner rules test --heuristics`` runs the full flow.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.outlets.rules import Example, OutletRules


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    """One example's verdict; ``problem`` explains a failure."""

    outlet: OutletRules
    example: Example
    passed: bool
    problem: str = ""

    @property
    def where(self) -> str:
        line = f":{self.example.line}" if self.example.line else ""
        return f"{self.outlet.path}{line} ({self.example.name})"


def run_example(cleaner: Cleaner, outlet: OutletRules, example: Example) -> ExampleOutcome:
    """Clean the example as the outlet's record and compare bodies."""
    try:
        if example.is_html:
            result = cleaner.clean(html=example.input, url=example.url, outlet=outlet.key, date=example.date)
        else:
            result = cleaner.clean(example.input, url=example.url, outlet=outlet.key, date=example.date)
    except CleanerError as exc:
        return ExampleOutcome(outlet, example, False, f"error: {exc}")
    if "".join(s.text for s in result.segments) != result.source:
        return ExampleOutcome(outlet, example, False, "segments do not rebuild the source")
    want, got = example.body.strip(), result.body.strip()
    if want == got:
        return ExampleOutcome(outlet, example, True)
    diff = difflib.unified_diff(
        want.splitlines(), got.splitlines(), "expected body", "actual body", lineterm="", n=1
    )
    return ExampleOutcome(outlet, example, False, "\n".join(diff))


def run_outlet_examples(cleaner: Cleaner, outlet: OutletRules) -> list[ExampleOutcome]:
    """Every example of one outlet, in file order."""
    return [run_example(cleaner, outlet, example) for example in outlet.examples]
