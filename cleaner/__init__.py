"""cleaner: split scraped news text or HTML into article body and boilerplate.

from cleaner import clean
r = clean(text, url="https://www.themoscowtimes.com/...")
r.body, r.removed, r.segments, r.outlet, r.to_dict()
"""

from cleaner.engine import Cleaner, clean
from cleaner.errors import CleanerError, InputError, RuleFileError
from cleaner.result import Result, Segment

__all__ = ["clean", "Cleaner", "Result", "Segment", "CleanerError", "InputError", "RuleFileError"]
__version__ = "0.1.0"
