"""Cleaning text pays for text only: `cleaner clean` on a text file never imports the html
stage's libraries (lxml, trafilatura), a Cleaner without heuristics no numpy, and a Cleaner
with them imports numpy only when it first cleans."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("lxml", "trafilatura", "cleaner.html")


def run_python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return done.stdout.strip()


def test_clean_on_text_never_imports_the_html_stage(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("The council approved the budget on Tuesday.\nShare this article\n", encoding="utf-8")
    out = tmp_path / "page.out.txt"
    code = (
        "import sys\n"
        "from cleaner.cli import main\n"
        f"try:\n    main(['clean', {str(source)!r}, '-o', {str(out)!r}, '--no-progress'])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}))\n"
    )
    assert run_python(code) == "[]"
    assert out.read_text(encoding="utf-8").startswith("The council approved the budget")


def test_a_cleaner_without_heuristics_imports_no_numpy() -> None:
    code = "import sys\nfrom cleaner import Cleaner\nCleaner(heuristics=False)\nprint('numpy' in sys.modules)"
    assert run_python(code) == "False"


def test_a_cleaner_loads_its_heuristics_when_it_first_cleans() -> None:
    code = (
        "import sys\nfrom cleaner import Cleaner\nc = Cleaner()\nbefore = 'numpy' in sys.modules\n"
        "body = c.clean('The council approved the budget on Tuesday.\\nShare this article\\n').body\n"
        "print(before, 'numpy' in sys.modules, repr(body))"
    )
    assert run_python(code) == "False True 'The council approved the budget on Tuesday.'"


def test_a_one_line_text_is_scanned_before_the_phrase_trie_is_built() -> None:
    from cleaner.heuristics import HeuristicLabeler
    from cleaner.heuristics import lexicon as lexicon_module

    lexicon = lexicon_module.load_lexicon()
    if lexicon_module._NATIVE is None:
        return  # the pure path: tests/heuristics/test_fast_paths.py
    lows = ["read more: the council approved the budget.", "share this article"]
    data = "\n".join(lows).encode()
    hits = list(lexicon.phrase_byte_hits(data))
    assert lexicon._trie is None and len(hits) >= 2  # scanned without building the trie
    assert lexicon.phrase_lines(data, len(lows), 3) is None and lexicon._trie is None
    built = lexicon_module.load_lexicon()
    built._small_scans = lexicon_module.SMALL_SCANS  # the compiled scan from the start
    assert hits == list(built.phrase_byte_hits(data))
    labeler = HeuristicLabeler()
    labeler.lexicon = lexicon
    fresh_scan = labeler.scan_phrases(lows)
    labeler.lexicon = built
    assert fresh_scan == labeler.scan_phrases(lows) and built._trie is not None
    for _ in range(lexicon_module.SMALL_SCANS):
        list(lexicon.phrase_byte_hits(data))
    assert lexicon._trie is not None  # a process of many short texts builds it after a few


def test_a_lazy_pattern_compiles_at_its_first_use_to_the_same_pattern() -> None:
    import re

    from cleaner.heuristics.article_lines import _OPENINGS
    from cleaner.heuristics.lazy_regex import lazy_compile

    lazy = lazy_compile(r"^\s*(?:[QAFRPВО]|Q\s?&\s?A)\s?[:.)]\s", re.IGNORECASE)
    plain = re.compile(r"^\s*(?:[QAFRPВО]|Q\s?&\s?A)\s?[:.)]\s", re.IGNORECASE)
    assert lazy.pattern == plain.pattern and "_compiled" in vars(lazy) and vars(lazy)["_compiled"] is None
    for text in ("Q: why?", "q&a: no", "  в. ответ", "Question", "", "A) one"):
        assert bool(lazy.match(text)) == bool(plain.match(text))
        assert lazy.findall(text) == plain.findall(text)
    assert lazy.flags == plain.flags and lazy.groups == plain.groups
    assert _OPENINGS.groupindex == re.compile(_OPENINGS.pattern).groupindex


def test_the_collector_is_paused_while_a_command_starts_and_running_for_its_records(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("The council approved the budget on Tuesday.\nShare this article\n", encoding="utf-8")
    code = (
        "import gc, sys\n"
        "import cleaner.io.work as work\n"
        "seen = []\n"
        "clean_batch = work.process_batch\n"
        "def watched(batch):\n    seen.append(gc.isenabled())\n    return clean_batch(batch)\n"
        "work.process_batch = watched\n"
        "from cleaner.cli import main\n"
        f"try:\n    main(['clean', {str(source)!r}, '-o', {str(tmp_path / 'out.txt')!r}, '-q'])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(seen, gc.isenabled())\n"
    )
    assert run_python(code) == "[True] True"
    code = "import gc\nfrom cleaner.io.startgc import pause_collector, resume_collector\n"
    code += "gc.disable()\npause_collector()\nresume_collector()\nprint(gc.isenabled())"
    assert run_python(code) == "False"  # a collector the program turned off stays off
