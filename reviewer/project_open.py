"""Opening a review project: the input read (its segments as objects, or packed for
a big file), the store opened beside it and the input's fingerprint recorded, the
reviewer's name resolved. :meth:`reviewer.project.Project.open` is the entry point."""

from __future__ import annotations

import gc
import getpass
import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence, TypeVar

from .config import Config
from .errors import InputError, UsageError
from .formats.base import ReadOptions
from .inputs import project_document, require_regular
from .model import Document, Segment
from .packed import pack
from .store import Fingerprint, Store, default_store_path

#: the project class opened (:class:`reviewer.project.Project`: not imported here,
#: project imports this module)
P = TypeVar("P", bound="_Opened")


class _Opened(Protocol):
    """What :func:`open_project` sets on the project it makes."""

    aligned: Any

__all__ = ["open_project", "default_reviewer", "file_sha256", "read_all", "BIG_INPUT", "PACK_BYTES"]


def default_reviewer(config: Config | None = None) -> str:
    """``reviewer`` from the configuration the command resolved (top level), else the
    OS user. Never loads a configuration itself (see :mod:`reviewer.settings`)."""
    name = config.raw.get("reviewer") if config is not None and config.raw else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment
        return "unknown"


def file_sha256(path: str | os.PathLike[str]) -> tuple[str, int]:
    """``(sha256 hex, size)`` of a file, streamed."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path) from None
    return h.hexdigest(), size


def read_all(doc: Document, progress: Callable[[int, int], None] | None,
              packed: bool = False, spill_dir: Path | None = None) -> Sequence[Segment]:
    """The document's segments as a list, reporting progress every 5,000 units (the
    callback may raise to stop the read); with ``packed``, a streamed document is
    packed instead (:mod:`reviewer.packed`: no object a segment)."""
    if packed and not isinstance(doc.segments, list):
        out_packed = pack(doc.segments, progress, spill_dir=spill_dir)
        doc.segments = out_packed
        return out_packed
    if progress is None or isinstance(doc.segments, list):
        return doc.materialize()
    out: list[Segment] = []
    add = out.append
    for seg in doc.segments:
        add(seg)
        if len(out) % 5_000 == 0:
            progress(len(out), seg.line or 0)
    doc.segments = out
    return out


# Inputs from this size on (bytes) hold enough segments for the cyclic GC to matter.
BIG_INPUT = 4 << 20
#: Inputs from this size on (bytes) keep their segments packed (:mod:`reviewer.packed`)
#: rather than as objects; ``REVIEWER_PACK_BYTES`` overrides it (0: always).
PACK_BYTES = 4 << 20


def pack_input(path: Path) -> bool:
    try:
        limit = int(os.environ.get("REVIEWER_PACK_BYTES", PACK_BYTES))
        return path.stat().st_size >= limit
    except (OSError, ValueError):
        return False


def big_input(path: Path) -> bool:
    try:
        return path.stat().st_size >= BIG_INPUT
    except OSError:
        return False


def open_project(cls: Callable[..., P], input_path: str | os.PathLike[str],
                 store_path: str | os.PathLike[str] | None, reviewer: str | None,
                 options: ReadOptions, source_path: str | os.PathLike[str] | None,
                 create: bool, config: Config | None, aligned: bool,
                 progress: Callable[[int, int], None] | None) -> P:
    """The project (``cls``) of ``input_path`` and its store, as
    :meth:`~reviewer.project.Project.open` describes."""
    ipath = Path(input_path)
    # Reading makes a million objects and no garbage cycles: with the cyclic GC on,
    # its collections rescan them again and again (a third of the read, then about
    # a second more as they age). The GC is paused while opening; for a big input
    # the segments are then parked out of its reach (gc.freeze: still freed by
    # reference counting), after a collection while the heap is still small.
    big = big_input(ipath)
    gc_was_on = gc.isenabled()
    if big and gc_was_on:
        gc.collect()
    gc.disable()
    try:
        project = _open(cls, ipath, store_path, reviewer, options, source_path, create,
                        config, aligned, progress)
        if big and gc_was_on:
            gc.freeze()
        return project
    finally:
        if gc_was_on:
            gc.enable()


def _open(cls: Callable[..., P], ipath: Path, store_path: str | os.PathLike[str] | None,
          reviewer: str | None, options: ReadOptions,
          source_path: str | os.PathLike[str] | None, create: bool,
          config: Config | None, aligned: bool = False,
          progress: Callable[[int, int], None] | None = None) -> P:
    require_regular(ipath, "a review store belongs to a file")
    if source_path is not None:
        require_regular(source_path, "a review store belongs to a file")
    doc = project_document(ipath, options, source_path, aligned)
    if source_path is not None and not aligned and doc.format != "txt":
        # a resource file paired by key: writers need the source file too
        options = replace(options, source_file=str(source_path))
    if store_path is None and aligned:
        store_path = default_store_path(str(ipath) + ".aligned")
    sp = Path(store_path) if store_path is not None else default_store_path(ipath)
    if sp.resolve() == ipath.resolve():
        raise UsageError("the review store cannot be the input file itself", sp)
    # packed segments spill beside the store (a disk the user writes to; the
    # system's temporary directory may be memory)
    originals = read_all(doc, progress, packed=pack_input(ipath), spill_dir=sp.parent)
    store = Store.open(sp, create=create)
    try:
        sha, size = file_sha256(ipath)
        src_sha = file_sha256(source_path)[0] if source_path is not None else None
        fp = Fingerprint(str(ipath), doc.format, sha, size,
                         None if source_path is None else str(source_path), src_sha)
        prev = store.record_fingerprint(fp)
        changed = prev is not None and (prev.sha256, prev.source_sha256) != (sha, src_sha)
        name = reviewer or default_reviewer(config)
        project = cls(doc, originals, store, name, options,
                      None if source_path is None else str(source_path), changed)
        project.aligned = aligned
        return project
    except BaseException:
        store.close()
        raise
