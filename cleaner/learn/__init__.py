"""Learning outlet rules from pages of a dump.

``cleaner learn`` proposes a rule file from many pages of one outlet
(``propose`` with its parts ``mask``, ``templates``, ``lists`` and ``category``;
``pages`` reads the pages through the same input layer as ``cleaner clean``).
``cleaner clean --learn-outlets`` learns every outlet of a dump at once
(``outlets``: grouping by ``outlet_key``, a bounded ``sample`` per outlet), and
``learn_outlets(records)`` does the same for library users.
"""

from cleaner.learn.outlets import learn_outlets
from cleaner.learn.propose import compile_learned, learn

__all__ = ["learn", "compile_learned", "learn_outlets"]
