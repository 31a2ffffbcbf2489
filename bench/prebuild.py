"""Write cleaner/outlets/prebuilt.json: the shipped rule files' data and the merged lexicon,
prebuilt so a start reads one JSON file instead of parsing some fifty YAML files.

Run it after editing rules/ (a rule file or a lexicon), cleaner/outlets/yamlsource.py or
cleaner/heuristics/lexicon.py: until then the edited sources are read as before (correct,
only slower), and tests/outlets/test_prebuilt.py fails to say so.

    python bench/prebuild.py           # write the file
    python bench/prebuild.py --check   # exit 1 when the file is not what this would write
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's cleaner, whatever is installed

from cleaner.heuristics.lexicon import prebuilt_lexicon_entry  # noqa: E402
from cleaner.outlets.prebuilt import PREBUILT_PATH, store_text  # noqa: E402
from cleaner.outlets.rules import prebuilt_rule_entries  # noqa: E402


def prebuilt_text() -> str:
    """What cleaner/outlets/prebuilt.json should hold for the sources as they are."""
    entries = prebuilt_rule_entries()
    key, lexicon = prebuilt_lexicon_entry()
    entries[key] = lexicon
    return store_text(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only say whether the file is current")
    args = parser.parse_args(argv)
    text = prebuilt_text()
    current = PREBUILT_PATH.read_text(encoding="utf-8") if PREBUILT_PATH.exists() else None
    if args.check:
        print(
            f"{PREBUILT_PATH}: " + ("current" if current == text else "stale: run python bench/prebuild.py")
        )
        return 0 if current == text else 1
    PREBUILT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {PREBUILT_PATH} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
