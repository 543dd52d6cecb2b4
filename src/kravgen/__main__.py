"""`python -m kravgen` and the `kravgen` command.

Start-up imports typer and rich, a tenth of a second or more on a slow machine. A Ctrl-C or
SIGTERM in that time must end like one that comes later: a one-line message and exit 130, not
a traceback (issue 15, point 4). So this module sets up signals before importing the CLI.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SIGTERM ends a run the way Ctrl-C does, so temporary files are removed on the way out.
    raise KeyboardInterrupt


def run() -> int:
    """Run the CLI with SIGTERM handled like Ctrl-C from the first moment."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from kravgen.cli import main  # late: signals are set up first

        return int(main() or 0)
    except KeyboardInterrupt:
        # The CLI's message knows whether files were written; while the CLI is still being
        # imported nothing can have been.
        say = getattr(sys.modules.get("kravgen.cli"), "say_interrupted", None)
        if say is not None:
            say()
        else:
            from kravgen.wording import INTERRUPTED  # late: only when start-up was cut short

            sys.stderr.write(INTERRUPTED + "\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
