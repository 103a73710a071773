#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# The commands that serve web requests keep the short per-request database limits; every other command is batch
# work (migrate on a big table, seed_demo, compute_indicators --sync) and gets the longer limits of tasks.
WEB_COMMANDS = {"runserver", "devserve"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    if sys.argv[1:2] and sys.argv[1] not in WEB_COMMANDS:
        from apps.core.database import use_task_limits

        use_task_limits()

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
