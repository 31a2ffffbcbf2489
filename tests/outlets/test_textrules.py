"""Outlet block rules over labels an earlier stage set: the html stage labels a link line
("Remind me later.") before the text rules run, and that line must still close a block."""

from __future__ import annotations

from cleaner.blocks import split_blocks
from cleaner.outlets.rules import parse_rules
from cleaner.outlets.textrules import apply_text_rules
from cleaner.result import Label

RULES = parse_rules(
    """
outlet: Block Test
domains: [block-test.example]
text:
  - id: appeal
    category: donation_appeal
    block: {start: '^A Message from Us:$', end: '^Remind me later\\.$', max_lines: 10}
examples:
  - input: |
      Body line one.
      A Message from Us:
      Please give.
      Remind me later.
      Body line two.
    body: |
      Body line one.
      Body line two.
"""
)


def test_an_end_line_labelled_earlier_still_closes_the_block() -> None:
    text = "Body one.\nA Message from Us:\nPlease give.\nRemind me later.\nBody two.\nBody three.\n"
    blocks = split_blocks(text)
    earlier = Label("related", "html:link-line")
    labels: list[Label | None] = [None, None, None, earlier, None, None]
    new = apply_text_rules(RULES, blocks, labels)
    rule = "block-test.example:appeal"
    assert [label.rule if label else None for label in new] == [
        None,
        rule,
        rule,
        "html:link-line",
        None,
        None,
    ]


def test_an_end_line_outside_the_article_does_not_close_it() -> None:
    """A line the html stage left out of the article is not text of the article at all."""
    text = "Body one.\nA Message from Us:\nPlease give.\nRemind me later.\nBody two.\n"
    blocks = split_blocks(text)
    labels: list[Label | None] = [None] * 5
    new = apply_text_rules(RULES, blocks, labels, eligible=[True, True, True, False, True])
    assert [label is not None for label in new] == [False, True, True, False, True]
