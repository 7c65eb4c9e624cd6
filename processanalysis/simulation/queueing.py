"""Closed-form queueing figures: M/M/1 and M/M/c (Erlang C).

The analytical model estimates the queue in front of each unit with these formulas, and
the simulation's tests check the engine against them. Times are in minutes, rates per
minute.

Examples
--------
A clerk who needs 8 minutes per application and gets one every 10 minutes is busy 80 %
of the time; an application waits 32 minutes on average before she starts on it:

>>> q = mmc(arrival_rate=1 / 10, service_mean=8, servers=1)
>>> round(q.utilisation, 3), round(q.waiting_mean, 3)
(0.8, 32.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["QueueFigures", "erlang_c", "mmc"]


@dataclass(frozen=True, slots=True)
class QueueFigures:
    """Steady-state figures of an M/M/c queue (``inf`` when it is overloaded)."""

    servers: int
    utilisation: float  # offered load per server, lambda * E[S] / c
    p_wait: float  # probability that an arrival has to queue (Erlang C)
    waiting_mean: float  # mean time in the queue, W_q
    queue_mean: float  # mean number in the queue, L_q = lambda * W_q
    sojourn_mean: float  # mean time in the system, W = W_q + E[S]

    @property
    def stable(self) -> bool:
        """Whether the queue stays finite (utilisation below 1)."""
        return self.utilisation < 1.0


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival waits in an M/M/c queue (Erlang's C formula).

    ``offered_load`` is ``a = lambda * E[S]`` in Erlangs; the queue is stable for
    ``a < servers``. Computed through the Erlang B recursion, which does not overflow
    for many servers.

    >>> erlang_c(1, 0.8)  # a single server: the utilisation itself
    0.8
    >>> round(erlang_c(2, 1.0), 4)
    0.3333
    """
    if servers < 1:
        raise ValueError("an M/M/c queue needs at least one server")
    if offered_load < 0:
        raise ValueError("the offered load cannot be negative")
    if offered_load >= servers:
        return 1.0
    blocking = 1.0  # Erlang B with 0 servers
    for k in range(1, servers + 1):
        blocking = offered_load * blocking / (k + offered_load * blocking)
    rho = offered_load / servers
    return blocking / (1.0 - rho + rho * blocking)


def mmc(arrival_rate: float, service_mean: float, servers: int = 1) -> QueueFigures:
    """Steady-state figures of an M/M/c queue (Poisson arrivals, exponential service).

    Parameters
    ----------
    arrival_rate
        Arrivals per minute (lambda).
    service_mean
        Mean service time in minutes (1 / mu).
    servers
        Number of parallel servers (c).

    >>> q = mmc(arrival_rate=1.5, service_mean=1.0, servers=2)
    >>> round(q.p_wait, 4), round(q.waiting_mean, 4), round(q.queue_mean, 4)
    (0.6429, 1.2857, 1.9286)
    """
    if arrival_rate < 0 or service_mean < 0:
        raise ValueError("rates and times cannot be negative")
    load = arrival_rate * service_mean
    rho = load / servers
    if rho >= 1.0:
        return QueueFigures(servers, rho, 1.0, math.inf, math.inf, math.inf)
    if load == 0:
        return QueueFigures(servers, 0.0, 0.0, 0.0, 0.0, service_mean)
    p_wait = erlang_c(servers, load)
    waiting = p_wait * service_mean / (servers - load)
    return QueueFigures(
        servers, rho, p_wait, waiting, arrival_rate * waiting, waiting + service_mean
    )
