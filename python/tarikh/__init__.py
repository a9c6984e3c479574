"""tarikh: gazetteer mentions and events from French and English news on
security in the Sahel, as polars DataFrames.

>>> import tarikh
>>> res = tarikh.extract(["Le JNIM a revendiqué une attaque contre les FAMa à Kidal."])
>>> sorted(res.mentions["kind"].unique().to_list())
['armed_group', 'place', 'state_force']
"""

from tarikh import exceptions
from tarikh._arrow import extract_batch
from tarikh._events import Deduped, dedupe, to_acled
from tarikh._dates import find_dates
from tarikh._extract import Extractor, Result, extract
from tarikh._gazetteer import KINDS, Gazetteer
from tarikh._io import read_corpus, sample_paths
from tarikh._stream import Dataset, extract_to
from tarikh._tarikh import __version__, normalize
from tarikh.exceptions import DuplicateIdError, GazetteerError, ResumeError, TarikhError

__all__ = [
    "Gazetteer",
    "KINDS",
    "Result",
    "extract",
    "Extractor",
    "extract_to",
    "extract_batch",
    "Dataset",
    "dedupe",
    "Deduped",
    "to_acled",
    "find_dates",
    "normalize",
    "sample_paths",
    "read_corpus",
    "exceptions",
    "TarikhError",
    "GazetteerError",
    "DuplicateIdError",
    "ResumeError",
    "__version__",
]
