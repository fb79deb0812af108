"""Stage 3, read input: which files, their bytes decoded, one reader per format, suppressions.

Interface: `discovery.expand_paths(paths, include, exclude)`, `readers.read(path) -> Extracted`
(the text to check, the original, and the map between them), `streaming.pieces(path)` (a large
file in bounded pieces), `suppressions.parse_suppressions(text, code)`.
"""
