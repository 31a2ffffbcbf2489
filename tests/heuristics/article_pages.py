"""Article paragraphs written for the heuristics tests, modelled on an extractor's output of
a news page, and the two checks the phrase-family tests make with them: a boilerplate line
set between the paragraphs goes with its category, an article sentence with the same words
stays."""

from __future__ import annotations

from cleaner import clean

PARAGRAPHS = (
    "The regional transport authority presented its plan for the northern rail line on Monday, "
    "promising trains every fifteen minutes from next spring and new stations in three towns.",
    "Commuters' groups welcomed the timetable but warned that the promised buses to the outer "
    "villages were still missing from the plan, and asked the authority to publish the costs.",
    "The authority said it would answer the questions at a public meeting in the town hall next "
    "week, where residents can also see the drawings of the new stations.",
)


def article_with(*middle: str, end: str = "") -> str:
    """The paragraphs with ``middle`` lines after the first and an ``end`` line after the last."""
    lines = [PARAGRAPHS[0], *middle, PARAGRAPHS[1], PARAGRAPHS[2]]
    if end:
        lines.append(end)
    return "\n\n".join(lines) + "\n"


def assert_line_between_paragraphs_goes(line: str, category: str) -> None:
    """``line`` set between the second and third paragraphs is removed with ``category``."""
    text = "\n\n".join((PARAGRAPHS[0], PARAGRAPHS[1], line, PARAGRAPHS[2])) + "\n"
    result = clean(text)
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    removed = [s for s in result.removed if line in s.text]
    assert removed and removed[0].category == category


def assert_sentence_between_paragraphs_stays(sentence: str) -> None:
    """``sentence`` between two paragraphs: the whole text is body."""
    text = "\n\n".join((PARAGRAPHS[0], sentence, PARAGRAPHS[1])) + "\n"
    assert clean(text).body.strip() == text.strip()
