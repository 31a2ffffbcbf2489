"""``python -m cleaner`` runs the command line, the collector paused from the very start
(before the package's own imports) until the Cleaner is loaded: io/startgc.py."""

import gc

_paused_here = gc.isenabled()
gc.disable()

from cleaner.io.startgc import pause_collector  # noqa: E402

pause_collector(_paused_here)

from cleaner.cli import main  # noqa: E402

main()
