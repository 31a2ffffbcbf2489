"""Input and output for ``cleaner clean``: readers, writers, the ordered runner.

Readers turn files, folders, stdin, JSONL, Parquet and WARC (local or fsspec URLs) into raw work items
without parsing them; workers (``work.py``) decode and clean them; writers put
the results out in input order. Nothing here knows about rules.
"""
