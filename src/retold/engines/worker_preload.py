"""What the fork server loads before it forks the local engine's workers: the workers' module,
and the tokenizer's character tables, built once.

Built in the server, every worker of every stage has the tables from its first text. A worker
that built them itself went on with the slower regex tokenizer for its first million characters
(``retold.tokens``), then spent about 60 ms building them: in the Helsinki scan, two workers in
each of three stages. Medians of five scans in one run: fingerprints 0.35 -> 0.24 s, align
1.95 -> 1.80 s, 4.0 -> 3.7 s end to end. The tables are 4.5 MB, shared by the forked workers.
"""

from retold import _charclass
from retold.engines import local  # noqa: F401  (what the workers run)
from retold.tokens import fold

_charclass.char_tables(fold)
