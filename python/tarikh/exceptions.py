"""Exceptions raised by tarikh.

Every tarikh error derives from :class:`TarikhError`. Files that cannot be
found or read raise the usual :class:`FileNotFoundError` / :class:`OSError`.
"""

from tarikh._tarikh import (
    DuplicateIdError,
    FrameError,
    GazetteerError,
    MatcherError,
    TarikhError,
)

__all__ = ["TarikhError", "GazetteerError", "DuplicateIdError", "MatcherError", "FrameError", "DuplicateDocIdError"]


class DuplicateDocIdError(TarikhError, ValueError):
    """Documents given to :func:`tarikh.extract` share a ``doc_id``."""
