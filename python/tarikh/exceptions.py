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

__all__ = ["TarikhError", "GazetteerError", "DuplicateIdError", "MatcherError", "FrameError", "ResumeError",
           "DuplicateDocIdError"]


class ResumeError(TarikhError):
    """:func:`tarikh.extract_to` cannot resume: the output folder was written
    from another source, batch size, gazetteer or format."""


class DuplicateDocIdError(TarikhError, ValueError):
    """Documents given to :func:`tarikh.extract` share a ``doc_id``."""
