"""The benchmark suite behind ``make bench``: each figure timed beside its floor, a bare
program doing the same visible work, so a result reads as a ratio that holds on any machine.

Nothing here runs in ``make test``; ``tests/test_bench_reports.py`` only checks that the
benchmark functions still return figures.
"""
