"""The interface strings of the polite version (paste box, `fix -i`, `rewrite`), in one place,
as msgids of the message catalogues (i18n/): each is translated where it is shown, in the
catalogue of the text's reader (or English with --lang en)."""

from ..i18n.choice import N_

POLITE_HEADING = N_("Polite version:")
NEEDS_ADAPTING = N_("(The replaced parts below hold suggested wording: adapt them to the case before sending.)")
NOTHING_TO_REPLACE = N_("Nothing can be replaced directly: change the reply as the notes above say before sending.")
NO_INPUT = N_("no input to check in {paths} (see --include, --exclude)")
