"""Shared fixtures: a seed-like document written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = [
    "The regional parliament approved a budget on Wednesday that doubles spending on rural roads.",
    "Lawmakers argued for six hours before the vote, which passed by a narrow margin.",
    "“We cannot keep patching the same holes every spring,” the committee chair told reporters.",
    "Opposition deputies said the money would be better spent on hospitals.",
    "The governor is expected to sign the bill before the end of the month.",
]
APPEAL = [
    "A Message from The Moscow Times:",
    "Dear readers,",
    "We are facing unprecedented challenges. Our newsroom has been labelled and our staff are at risk.",
    "Your support, no matter how small, keeps independent reporting alive. Please support us monthly.",
    "Remind me later.",
]


@pytest.fixture
def seed_like_text() -> str:
    """An article followed by the outlet appeal, no trailing newline (as scraped)."""
    return "\n".join(ARTICLE + APPEAL)


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder
