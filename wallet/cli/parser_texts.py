"""argparse's own texts that a user of ``medwallet`` sees, marked so the gettext catalogue carries
their translations: argparse looks them up in gettext's global domain, which the command binds
to Medwallet's catalogue (see :func:`wallet.cli._language`). Never imported; only extracted."""

from ..core.texts import N_

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)
