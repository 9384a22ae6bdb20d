from django.core.management.commands import shell


class Command(shell.Command):
    """Django's shell, quiet with -c and without the history models it cannot import."""

    def get_auto_imports(self):
        return [path for path in super().get_auto_imports() if ".Historical" not in path]

    def get_namespace(self, **options):
        if options.get("command"):
            options = {**options, "verbosity": 0}
        return super().get_namespace(**options)
