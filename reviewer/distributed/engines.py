"""Where the tasks of a batch run go: local worker processes (``--workers N``) or a
Dask cluster (``--cluster``), and :func:`ordered_map`, which keeps their results in
input order with a bounded number of tasks in flight."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import socket
import sys
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator, Sequence, TypeVar
from urllib.parse import urlsplit

from ..errors import UsageError

__all__ = ["Engine", "LocalEngine", "DaskEngine", "make_engine", "engine_options",
           "ordered_map", "max_workers", "cap_workers", "usable_cpus", "WORKERS_PER_CPU"]

DASK_HINT = "--cluster needs Dask: pip install 'reviewer[dask]'"

R = TypeVar("R")
#: A value given to every task: the value itself, or the engine's handle of it
#: (:meth:`Engine.share`; a Dask future, resolved on the worker).
Shared = Any
_MISSING = object()


class Engine:
    """Where tasks run: ``submit(fn, *args)`` returns a future with ``.result()``."""

    workers = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` somewhere; a future."""
        raise NotImplementedError

    def share(self, obj: Any) -> Shared:
        """A handle of ``obj`` for task arguments (sent to the workers once)."""
        return obj

    def lost_work(self, exc: BaseException) -> bool:
        """Whether ``exc``, raised by a task's future, means a worker was lost (the
        task itself did not fail): :func:`ordered_map` then calls :meth:`recover`
        and resubmits the tasks in flight."""
        return False

    def recover(self, shared: tuple[Shared, ...]) -> tuple[Shared, ...]:
        """Make the engine usable after a lost worker; the shared handles to use
        from now on."""
        return shared

    def close(self) -> None:
        """Release the workers."""


class LocalEngine(Engine):
    """A pool of local processes (no Dask). A worker process lost mid-run breaks the
    pool; :func:`ordered_map` then restarts it and resubmits the unfinished tasks."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._ctx = mp.get_context(method)
        self.pool = ProcessPoolExecutor(workers, mp_context=self._ctx)
        self.restarts = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.pool.submit(fn, *args)

    def lost_work(self, exc: BaseException) -> bool:
        return isinstance(exc, BrokenProcessPool)

    def recover(self, shared: tuple[Shared, ...]) -> tuple[Shared, ...]:
        self.restart()
        return shared

    def restart(self) -> None:
        """A fresh pool after a worker died."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(self.workers, mp_context=self._ctx)
        self.restarts += 1

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(Engine):
    """A ``dask.distributed`` client: a running scheduler, or a LocalCluster of N
    workers (one thread each) started for the run. Dask retries the task of a worker
    lost mid-run on another worker."""

    def __init__(self, address: str) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(DASK_HINT) from None
        self.cluster = None
        self._shared: dict[Any, Any] = {}
        if address.startswith("local:"):
            try:
                n = int(address[6:])
            except ValueError:
                raise UsageError(f"--cluster local:N needs a number, not {address!r}") from None
            if n < 1:
                raise UsageError("--cluster local:N needs N >= 1")
            n = cap_workers(n, "--cluster local:")
            import dask

            # Dask's statistical profiler samples every worker thread's stack every
            # 10 ms, for a dashboard nobody sees here: ~10 % of the CPU of pure-Python
            # tasks (measured with score on 50,000 rows). The nannies pass the config on.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = Client(self.cluster)
        else:
            _probe(address)
            try:
                self.client = Client(address, timeout="20s")
            except OSError as e:
                raise UsageError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def share(self, obj: Any) -> Any:
        fut = self.client.scatter(obj, broadcast=True, hash=False)
        self._shared[fut.key] = obj
        return fut

    def lost_work(self, exc: BaseException) -> bool:
        # Dask reschedules the task of a killed worker itself; what reaches the
        # client is a cancellation ("already forgotten") when the scheduler lost
        # track of a key on the way (seen about once in four runs of the test that
        # kills a worker mid-run).
        return isinstance(exc, CancelledError)

    def recover(self, shared: tuple[Shared, ...]) -> tuple[Shared, ...]:
        """Scatter the shared values again: their old handles may be the keys the
        scheduler forgot."""
        out = []
        for h in shared:
            obj = self._shared.get(getattr(h, "key", None), _MISSING)
            out.append(h if obj is _MISSING else self.share(obj))
        return tuple(out)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


#: More local processes than this many per usable CPU only add memory and start-up time.
WORKERS_PER_CPU = 2


def max_workers() -> int:
    """The most local worker processes a run starts (``WORKERS_PER_CPU`` per CPU)."""
    return WORKERS_PER_CPU * usable_cpus()


def cap_workers(n: int, what: str = "--workers") -> int:
    """``n`` capped at :func:`max_workers`, saying so on stderr when it is."""
    limit = max_workers()
    if n > limit:
        print(f"reviewer: {what} {n} capped at {limit} ({WORKERS_PER_CPU} per usable CPU)",
              file=sys.stderr)
        return limit
    return n


def engine_options(workers: int | None, cluster: str | None) -> tuple[int, str | None]:
    """Validate ``--workers``/``--cluster``: ``(workers, cluster)``; ``--workers`` is
    capped at :func:`max_workers` with a message."""
    if cluster and workers and workers > 1:
        raise UsageError("give either --workers or --cluster, not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers needs a number >= 1")
    return cap_workers(workers or 1), cluster


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail fast (one line) when nothing listens at a ``tcp://host:port`` address,
    instead of waiting out the Dask client's connection timeout."""
    if "://" not in address:
        address = "tcp://" + address
    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls"):
        return  # other transports (inproc, ucx): let Dask handle them
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise UsageError(f"--cluster {address!r} is not a host:port address") from None
    if not host or port is None:
        raise UsageError(f"--cluster {address!r} needs a host and a port (tcp://host:8786)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def make_engine(workers: int, cluster: str | None) -> Engine | None:
    """The engine of ``--workers``/``--cluster``; None for the plain single process."""
    if cluster:
        return DaskEngine(cluster)
    if workers > 1:
        return LocalEngine(workers)
    return None


def ordered_map(engine: Engine, fn: Callable[..., R], items: Sequence[Any],
                *shared: Any, window: int | None = None) -> Iterator[R]:
    """``fn(*shared, item)`` for each item, results in item order, at most ``window``
    tasks in flight (so finished results never pile up in the driver). The first
    tasks are submitted at once, before the first result is asked for."""
    window = window or 2 * engine.workers + 2
    futs: dict[int, Any] = {}
    state = {"next": 0}
    args = {"shared": shared}

    def fill(i: int) -> None:
        while state["next"] < len(items) and state["next"] < i + window:
            j = state["next"]
            futs[j] = engine.submit(fn, *args["shared"], items[j])
            state["next"] = j + 1

    fill(0)

    def results() -> Iterator[R]:
        for i in range(len(items)):
            for attempt in range(3):
                try:
                    fill(i)  # submitting to a pool whose worker died raises too
                    result = futs[i].result()
                    break
                except Exception as e:
                    if attempt == 2 or not engine.lost_work(e):
                        raise
                    # a worker was lost: recover, resubmit what was in flight
                    args["shared"] = engine.recover(args["shared"])
                    for j in range(i, state["next"]):
                        futs[j] = engine.submit(fn, *args["shared"], items[j])
            del futs[i]
            yield result

    return results()
