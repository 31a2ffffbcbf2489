"""Regular expressions compiled on their first use, not when their module is imported.

Python's ``re`` compiles in Python and keeps nothing between processes: the heuristics'
module-level patterns cost some ten milliseconds of every start, most of it for
patterns a one-line document never searches with. A module names its pattern as before
(``_DATE = lazy_compile(r"...")``) and calls its methods as before; the pattern is
compiled at the first method asked for, to the same ``re.Pattern``.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until its first use. Each attribute asked
    for is then kept on the instance (a bound method of the compiled pattern), so a later
    look-up is an instance attribute's, no dearer than the compiled pattern's own.
    ``pattern`` is the source text without compiling; ``flags`` is the compiled one's."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile: the same pattern either way
            compiled = self._compiled = re.compile(self.pattern, self._flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` at its first use. For patterns only called through
    their methods (``search``, ``match``, ``findall`` ...): one passed to ``re.sub`` or to
    compiled code must be a real ``re.Pattern``."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
