"""Glossary model and term matcher: exact, inflection-tolerant and fuzzy, explained.

A :class:`Glossary` holds :class:`Entry` records (source term, approved target forms,
forbidden target forms, case rule, note). Matching works on *tokens* of a normalised
text (NFC, apostrophe and hyphen variants unified, case folded where the entry allows),
through one compiled index per side and language, built once:

* **exact and inflected matches** -- every form is cut into tokens, each token into a
  *stem* (a few language-specific endings stripped: Italian ``infrastruttur-a/-e``,
  German ``Rechenzentr-um/-en/-ums``) and a maximum number of extra characters. The
  index is a dict keyed by the stem of a form's first token; a text token is looked up
  by its own prefixes (a handful of dict look-ups, whatever the glossary size), then
  the following tokens are verified. In compound languages (German, Dutch, the
  Scandinavian languages...) a term may also start a compound word (``Speicher`` in
  ``Speicherressourcen``) or end one (``Zentrum`` in ``Rechenzentrum``).
* **only what a check needs** -- the checks do not scan a target for every form of the
  glossary. ``term`` asks whether the approved forms of the source's entries are in it:
  a form's first stem is looked for in the folded text (one ``str.find`` rules most
  out), and the words found are verified exactly as a scan would (``_Forms.hits_of``).
  ``forbidden-term`` scans with an index of the forbidden forms alone.
* **case** -- entries are case-insensitive unless ``case`` says so or the form is
  all-caps or mixed-case (``GPU``, ``OpenAI``); a case-insensitive hit of a
  case-sensitive form is reported as a *case variant* (``Openai``), not a match.
* **near misses** -- :meth:`Glossary.near_miss` compares one expected form with the
  windows of a text (rapidfuzz ``ratio`` with a per-language threshold), and
  :meth:`Glossary.fuzzy_names` finds glossary names close to a word through a blocking
  index keyed by first letter and length: fuzzy work is only ever done on candidates,
  never all terms x all tokens.

URLs, e-mail addresses and domain names are masked before matching, so
``blogs.nvidia.com`` never counts as the name ``NVIDIA``.

The package's modules follow those seams: :mod:`.normalize` (folding, tokens),
:mod:`.morphology` (lexicon keys and ending rules), :mod:`.entries`, :mod:`.forms` and
:mod:`.index` (compiled matchers), :mod:`.glossary` (the :class:`Glossary` and its query
API), :mod:`.fuzzy` (similarity, near misses) and :mod:`.cache` (a unit's glossary).
"""

from __future__ import annotations

from .cache import unit_glossary
from .entries import Entry, TermMatch
from .forms import FormHit
from .fuzzy import near_miss, similarity, threshold_for
from .glossary import Glossary
from .normalize import _prepare, fold, prepare, token_shape

__all__ = [
    "Entry",
    "FormHit",
    "Glossary",
    "TermMatch",
    "load_glossary",
    "unit_glossary",
    "near_miss",
    "prepare",
    "similarity",
    "threshold_for",
    "token_shape",
    "fold",
    "_prepare",
]


def load_glossary(
    path: str, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """Read a TSV/CSV or TBX glossary (see :mod:`reviewer.glossary_io`)."""
    from ..glossary_io import load_glossary as _load

    return _load(path, source_lang=source_lang, target_lang=target_lang)
