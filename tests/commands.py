"""Running the import command as an operator would, for the tests that need it."""

import io

from django.core.management import CommandError, call_command


def import_articles(*args):
    """(exit status, standard output, standard error) of `manage.py import_articles ARGS`."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
