"""Stage 1-2, load packs and compile them: YAML rule packs in, one compiled rule set out.

Interface: `loader.load_packs(specs) -> list[Pack]` (validated; PackError names file, line,
rule and field), `compile.compile_packs(packs) -> CompiledRules`, and
`build_cache.load_compiled(specs, paths) -> BuiltPacks` (the cached build, whose examples were
checked when it was made). Nothing here reads the text being checked.
"""
