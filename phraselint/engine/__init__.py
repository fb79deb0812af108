"""Stages 5-8, candidates, verify, context and findings: `linter.Linter` runs them on a text.

Interface: `Linter(packs).check_text(text) -> TextReport` (findings in original offsets),
`incremental.check_changed` (an edited text checked again around the edit, the rest reused),
`verify.scan` (the one candidate verdict; `verify.explain` traces it for `phraselint tokens`),
`transcripts.detect_layout` (who speaks), `quotes.QuoteIndex` (mentions), and
`requirements.check_requirements` (wording staff must say).
"""
