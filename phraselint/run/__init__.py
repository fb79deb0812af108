"""Running checks over inputs: one at a time (`session.CheckSession`), many in parallel
(`parallel.check_all`), and fixes (`changes.fix_until_stable`: sorted, overlap-free change
sets that stay inside the reported spans; `writing.safe_fixes`: what may be written;
`replacing.replace_file`: nothing but an explicit fix writes a user's file, and it never
loses an edit or changes a byte outside the fixed spans)."""
