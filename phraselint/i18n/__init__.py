"""Interface strings (report headings, badges, summaries, prompts) in the reader's language and
script: one gettext catalogue per locale (zh_Hans_CN, zh_Hant_TW, zh_Hant_HK, en).

`choice.Interface` is what one run shows its interface in: a language (Chinese by default,
`--lang en` for English) and the reader variant given (`--variant`), else each text's own
(text/script.py). It is passed down to the reporters and prompts; nothing is installed
process-wide (no gettext.install): `catalogue.Catalogue` is an object that is handed around.
The msgids are the English wording, marked in the source by calls of `.tr(...)` / `.trn(...)`
on a catalogue, or by `N_(...)` where a string is declared away from where it is shown;
tests/test_i18n.py holds every catalogue to every marked string.

The catalogues are `locales/<locale>/LC_MESSAGES/phraselint.po`, compiled to `.mo` when the
package is built (setup.py, with `msgfmt.py`: the standard library has no compiler) and
loaded with the standard library's gettext from the installed package: no network, no
dependency.
"""
