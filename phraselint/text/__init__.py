"""Text services every stage shares: normalisation with its offset map, scripts, word boundaries.

Interface: `normalise.normalise(text) -> NormalisedText` (one script and width, invisible
characters dropped, `to_original` for offsets), `script.detect_script`/`LineScripts`/
`ScriptWriter` (which script a text is in; rewrites written in it), `segmenter.Segmenter`
(is a span on jieba's word boundaries?), `positions.LineIndex` (offsets to lines and columns).
"""
