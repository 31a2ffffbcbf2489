"""One JSON line to one record: the reason a broken line gives reads as one sentence."""

from __future__ import annotations

import pytest

from cleaner.io.jsonrecord import parse_json_object


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "a raw\ttab"}', "broken JSON: Invalid control character at column 16"),
        ('{"text": }', "broken JSON: Expecting value at column 10"),
    ],
)
def test_broken_line_reason(line: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_json_object(line)
    assert str(caught.value) == reason


def test_non_object_named() -> None:
    with pytest.raises(ValueError, match="must be an object, not list"):
        parse_json_object("[1, 2]")
