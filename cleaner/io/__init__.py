"""Input and output for ``cleaner clean``: readers, writers, the ordered runner.

Readers turn files, folders, stdin, JSONL and WARC into raw work items
without parsing them; workers (``work.py``) decode and clean them; writers put
the results out in input order. Nothing here knows about rules.
"""
