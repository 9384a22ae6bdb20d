"""The `kerekasztal` command: manage.py for an installed package.

Commands may be written with hyphens (`kerekasztal load-territory`); they map to
the Django command with underscores.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerekasztal.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "kerekasztal"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
