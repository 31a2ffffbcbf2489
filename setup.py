"""Build hook for the optional compiled accelerator (cleaner/native/_compiled.c and
article_columns.c, one extension module).

Everything else is declared in pyproject.toml. ``optional=True``: where no C compiler or no
Python headers exist the build of the extension fails quietly and the pure-Python package
installs (cleaner.native.AVAILABLE is then False), with the same outputs.
"""

from setuptools import Extension, setup

SOURCES = [
    "cleaner/native/_compiled.c",
    "cleaner/native/article_columns.c",
    "cleaner/native/_line_marks.c",
    "cleaner/native/_phrase_scan.c",
    "cleaner/native/mark_candidates.c",
    "cleaner/native/page_walk.c",
    "cleaner/native/block_words.c",
    "cleaner/native/page_layout.c",
    "cleaner/native/name_words.c",
    "cleaner/native/raw_layout.c",
    "cleaner/native/chrome_names.c",
    "cleaner/native/thread_openers.c",
    "cleaner/native/raw_decisions.c",
    "cleaner/native/raw_marks.c",
    "cleaner/native/raw_words.c",
    "cleaner/native/raw_lower.c",
    "cleaner/native/block_characters.c",
    "cleaner/native/page_scan.c",
    "cleaner/native/raw_stops.c",
    "cleaner/native/raw_seen.c",
    "cleaner/native/label_runs.c",
    "cleaner/native/chrome_contexts.c",
    "cleaner/native/tree_walk.c",
    "cleaner/native/raw_read.c",
    "cleaner/native/first_literal.c",
    "cleaner/native/lead_ins.c",
    "cleaner/native/line_breaks.c",
    "cleaner/native/line_counts.c",
    "cleaner/native/decision_lines.c",
    "cleaner/native/page_utf8.c",
    "cleaner/native/decision_picks.c",
    "cleaner/native/marked_decisions.c",
    "cleaner/native/phrase_flags.c",
    "cleaner/native/opening_picks.c",
    "cleaner/native/title_names.c",
    "cleaner/native/page_gates.c",
]
HEADERS = [
    "cleaner/native/_compiled.h",
    "cleaner/native/_lxml_nodes.h",  # the lxml and libxml2 fields page_walk.c reads
]

setup(ext_modules=[Extension("cleaner.native._compiled", SOURCES, depends=HEADERS, optional=True)])
