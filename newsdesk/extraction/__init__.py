"""Claim extraction: from an article's text to numeric claims about figures.

Plain Python (regular expressions and word lists, no Kafka, no Faust, no model downloads),
so it runs the same inside the Faust agent, in ``newsdesk extract`` and in embedded replay.
World knowledge (countries, demonyms, capitals, leaders, agencies) lives in ``data/``.
"""

from newsdesk.extraction.extractor import Extractor, extract_claims

__all__ = ["Extractor", "extract_claims"]
