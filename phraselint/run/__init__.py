"""Running checks over inputs: one at a time (`session.CheckSession`), many in parallel
(`parallel.check_all`), and fixes (`changes.apply_fixes`: a sorted, overlap-free change set;
`writing.write_atomically`: nothing but an explicit fix writes a user's file)."""
