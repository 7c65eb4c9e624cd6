"""Discrete-event simulation of a process: cases as tokens, units as staffed resources.

An own event loop on :mod:`heapq` (faster than SimPy by a factor of 4-7 on this kind of
model, see ``benchmarks/README.md``). Events are ordered by time and a sequence number,
so ties always break the same way and a seed reproduces a run exactly. Every random
draw comes from one :class:`random.Random` per replication.

Semantics (times in minutes since Monday 00:00 of the first week):

* **Arrivals**: :meth:`Binding.interarrival` (exponential by default); with an arrival
  calendar, inter-arrival times count working time only. All processes of the model
  start once per case; alternative start events of a process share it by their
  ``pa:probability`` (equally otherwise), a process without start events starts every
  node without incoming flow.
* **Activities**: wait their lay time (a pure delay), then queue FIFO for a server of
  their resource (its FTE rounded half up, at least 1), then work. With a calendar a
  service starts only in working time and pauses outside it. An activity without a
  processing time needs no server (a receive task only waits its lay time).
* **Gateways**: exclusive and event-based splits choose one branch by probability;
  parallel splits (and activities with several outgoing flows) send a token on each;
  inclusive splits take each branch independently (the fallback flow when none).
  Parallel joins fire when every incoming flow holds a token of the case (counted per
  flow); inclusive joins fire when no further token of the case can arrive on a flow
  without one.
* **Events**: intermediate catch events (messages from other pools, timers) wait their
  waiting time or ``timeDuration``; a terminate end event ends its scope. Boundary
  timers start with the activity: an interrupting one cancels it (freeing the server)
  and takes its path, a non-interrupting one starts a second token. Other boundary
  events occur with their probability when the activity ends.
* **Embedded sub-processes** run their content as a scope of their own, entered at its
  start events and left when its last token ends.

Examples
--------
One clerk, applications every 10 minutes on average, 8 minutes of work each:

>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.simulation.parameters import (
...     ActivityParameters, Arrivals, Distribution, ProcessParameters)
>>> model = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><startEvent id="s"/><task id="t"/><endEvent id="e"/>
...   <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
...   <sequenceFlow id="f2" sourceRef="t" targetRef="e"/></process></definitions>''')
>>> params = ProcessParameters(
...     activities={"t": ActivityParameters("t", Distribution("exponential", {"mean": 8}))},
...     arrivals=Arrivals(interarrival=Distribution("exponential", {"mean": 10})))
>>> result = simulate(model, params, cases=2000, seed=1)
>>> result.cases, 0.7 < result.resources["p"].utilisation < 0.9
(2000, True)
>>> simulate(model, params, cases=50, seed=3).to_dict() == simulate(
...     model, params, cases=50, seed=3).to_dict()
True
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections import deque
from collections.abc import Callable
from typing import Any

from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.binding import Binding, bind_parameters
from processanalysis.simulation.network import (
    CONTENT,
    DONE,
    J_AND,
    J_OR,
    LAY,
    QUEUED,
    R_ALL,
    R_CHOOSE,
    R_NONE,
    R_ONE,
    R_TERMINATE,
    SERVICE,
    W_DELAY,
    W_NONE,
    Case,
    Job,
    Scope,
    SimNode,
    SimResource,
    compile_network,
    pick,
)
from processanalysis.simulation.parameters import ProcessParameters
from processanalysis.simulation.results import (
    ActivityStats,
    Bottleneck,
    ReplicationSummary,
    ResourceStats,
    SimulationResult,
    confidence_interval,
    summarise,
)

__all__ = [
    "ActivityStats",
    "Bottleneck",
    "ReplicationSummary",
    "ResourceStats",
    "Run",
    "SimulationError",
    "SimulationResult",
    "confidence_interval",
    "simulate",
]

#: Samples of each resource's queue length per run.
SERIES_POINTS = 200
#: Steps (activity and event visits) one case may take before the run stops.
MAX_STEPS_PER_CASE = 100_000


class SimulationError(RuntimeError):
    """The model cannot be simulated (a case that never ends, an impossible calendar)."""


# -- one run ----------------------------------------------------------------------------------


class Run:
    """One replication: the event loop and its bookkeeping."""

    def __init__(self, binding: Binding, cases: int, warmup: int, seed: str) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.binding = binding
        self.net = compile_network(binding, self.rng)
        interarrival, _origin = binding.interarrival()
        self.next_gap = interarrival.sampler(self.rng)
        self.arrival_calendar = binding.params.arrivals.calendar
        if self.arrival_calendar is not None:
            self.arrival_calendar.validate()
        self.total = cases + warmup
        self.warmup = warmup
        self.now = 0.0
        self.heap: list[tuple[float, int, Callable[[Any], None], Any]] = []
        self.seq = itertools.count()
        self.work: deque[tuple[SimNode, Scope, int]] = deque()
        self.open_cases = 0
        self.window_start: float | None = 0.0 if warmup == 0 else None
        self.observed_open = 0
        self.wip_area = 0.0
        self.wip_last = 0.0
        self.lead_times: list[float] = []
        self.efforts: list[float] = []
        self.costs: list[float] = []
        self.arrived_observed = 0
        self.next_index = 0
        self.end = 0.0
        # The arrival window: from the last warm-up arrival (the start without warm-up) to
        # the last arrival, so that it holds one inter-arrival gap per observed case.
        self.arrival_from = 0.0
        self.arrival_to = 0.0
        self.deadlocks: dict[str, int] = {}
        mean_gap = interarrival.sampled_mean()
        if self.arrival_calendar is not None:
            mean_gap *= 10080.0 / self.arrival_calendar.minutes_per_week
        self.sample_step = max(mean_gap * self.total / SERIES_POINTS, 1e-9)

    # -- scheduling ------------------------------------------------------------------------------
    def push(self, time: float, action: Callable[[Any], None], arg: Any) -> None:
        heapq.heappush(self.heap, (time, next(self.seq), action, arg))

    def run(self) -> None:
        self.push(self._arrival_time(0.0), self.arrive_case, 0)
        if self.net.resources:
            self.push(0.0, self.sample, None)
        heap, heappop, work = self.heap, heapq.heappop, self.work
        while heap:
            time, _seq, action, arg = heappop(heap)
            self.now = time
            action(arg)
            if work:
                self.drain()
            if self.open_cases == 0 and self.next_index >= self.total:
                break  # what is left are timers of finished activities and samples
        self.end = self.now
        self._close_window()

    def drain(self) -> None:
        work, arrive = self.work, self.arrive
        steps = 0
        while work:
            node, scope, port = work.popleft()
            arrive(node, scope, port)
            steps += 1
            if steps > 10_000_000:
                raise SimulationError(f"endless loop without time through {node.id}")

    def _arrival_time(self, after: float) -> float:
        gap = self.next_gap()
        if self.arrival_calendar is None:
            return after + gap
        return self.arrival_calendar.add_work(after, gap)

    # -- cases -----------------------------------------------------------------------------------
    def arrive_case(self, index: int) -> None:
        self.next_index = index + 1
        observed = index >= self.warmup
        if observed and self.window_start is None:
            self.window_start = self.now
            self.wip_last = self.now
        case = Case(index, self.now, observed)
        self.open_cases += 1
        if observed:
            self._wip_change(+1)
            self.arrived_observed += 1
        if index + 1 == self.warmup:
            self.arrival_from = self.now
        if index + 1 < self.total:
            self.push(self._arrival_time(self.now), self.arrive_case, index + 1)
        else:
            self.arrival_to = self.now
        rng = self.rng.random
        for group, choose in self.net.starts:
            scope = self.new_scope(case, None, None, None)
            case.scopes += 1
            if choose is not None:
                chosen = [group[pick(choose, rng())]]
            else:
                chosen = group
            self.start_tokens(scope, chosen)
        if case.scopes == 0:
            self.case_done(case)

    def new_scope(
        self, case: Case, parent: Scope | None, job: Job | None, container: str | None
    ) -> Scope:
        net = self.net
        track = container in net.track_containers or (
            parent is not None and parent.jobs is not None
        )
        scope = Scope(case, parent, job, track)
        if container in net.or_containers:
            scope.positions = {}
            scope.pending_or = []
        if parent is not None and parent.children is not None:
            parent.children.add(scope)
        return scope

    def start_tokens(self, scope: Scope, nodes: list[SimNode]) -> None:
        scope.tokens += len(nodes)
        positions = scope.positions
        for node in nodes:
            if positions is not None:
                positions[node.id] = positions.get(node.id, 0) + 1
            self.work.append((node, scope, 0))
        if not nodes:
            self.scope_done(scope)

    def case_done(self, case: Case) -> None:
        self.open_cases -= 1
        if case.observed:
            self._wip_change(-1)
            self.lead_times.append(self.now - case.arrival)
            self.efforts.append(case.effort)
            self.costs.append(case.cost)

    def _wip_change(self, delta: int) -> None:
        self.wip_area += self.observed_open * (self.now - self.wip_last)
        self.wip_last = self.now
        self.observed_open += delta

    # -- tokens ----------------------------------------------------------------------------------
    def arrive(self, node: SimNode, scope: Scope, port: int) -> None:
        """A token reaches ``node`` (its position is already counted there)."""
        if scope.dead:
            return
        join = node.join
        if join == J_AND:
            joins = scope.joins
            if joins is None:
                joins = scope.joins = {}
            counts = joins.get(node)
            if counts is None:
                counts = joins[node] = [0] * node.ports
            counts[port] += 1
            if 0 in counts:
                scope.tokens -= 1  # absorbed until the other branches arrive
                self.after_move(scope)
                return
            for i in range(node.ports):
                counts[i] -= 1
            if scope.positions is not None:
                scope.positions[node.id] -= node.ports - 1
        elif join == J_OR:
            joins = scope.joins
            if joins is None:
                joins = scope.joins = {}
            counts = joins.get(node)
            if counts is None:
                counts = joins[node] = [0] * node.ports
            counts[port] += 1
            scope.tokens -= 1
            pending = scope.pending_or
            if pending is not None and node not in pending:
                pending.append(node)
            self.after_move(scope)
            return
        case = scope.case
        work = node.work
        if work == W_NONE:
            self.leave(node, scope)
            return
        case.steps += 1
        if case.steps > MAX_STEPS_PER_CASE:
            raise SimulationError(
                f"case {case.index} passed {MAX_STEPS_PER_CASE} steps (at {node.id}): "
                "a loop that is (almost) never left?"
            )
        if work == W_DELAY:
            delay = node.lay()  # type: ignore[misc]
            if delay > 0:
                self.push(self.now + delay, self.delay_done, (node, scope))
            else:
                self.leave(node, scope)
            return
        job = Job(node, scope, self.now)
        if scope.jobs is not None:
            scope.jobs.add(job)
        if case.observed:
            case.cost += node.fixed_cost
        for boundary, draw, interrupting in node.timers:
            self.push(self.now + draw(), self.timer_fires, (job, boundary, interrupting))
        lay = node.lay
        delay = lay() if lay is not None else 0.0
        if delay > 0:
            self.push(self.now + delay, self.request, job)
        else:
            self.request(job)

    def delay_done(self, arg: tuple[SimNode, Scope]) -> None:
        node, scope = arg
        if not scope.dead:
            self.leave(node, scope)

    def leave(self, node: SimNode, scope: Scope) -> None:
        """The token leaves ``node`` along its outgoing flows."""
        route = node.route
        positions = scope.positions
        if positions is not None:
            positions[node.id] -= 1
        work = self.work
        if route == R_ONE:
            target, port = node.targets[0]
            if positions is not None:
                positions[target.id] = positions.get(target.id, 0) + 1
            work.append((target, scope, port))
        elif route == R_CHOOSE:
            target, port = node.targets[pick(node.cumulative, self.rng.random())]
            if positions is not None:
                positions[target.id] = positions.get(target.id, 0) + 1
            work.append((target, scope, port))
        elif route == R_NONE:
            scope.tokens -= 1
        elif route == R_TERMINATE:
            scope.tokens = 0
            self.cancel_scope(scope, keep_alive=False)
            self.scope_done(scope)
            return
        else:
            if route == R_ALL:
                chosen = node.targets
            else:
                rand = self.rng.random
                chosen = [
                    t for t, p in zip(node.targets, node.cumulative, strict=True) if rand() < p
                ]
                if not chosen:
                    chosen = [node.targets[node.fallback]]
            scope.tokens += len(chosen) - 1
            for target, port in chosen:
                if positions is not None:
                    positions[target.id] = positions.get(target.id, 0) + 1
                work.append((target, scope, port))
        self.after_move(scope)

    def after_move(self, scope: Scope) -> None:
        if scope.pending_or:
            self.check_inclusive(scope)
        if scope.tokens == 0 and not scope.dead:
            self.scope_done(scope)

    def check_inclusive(self, scope: Scope) -> None:
        positions = scope.positions or {}
        pending = scope.pending_or or []
        for join in list(pending):
            counts = (scope.joins or {})[join]
            if positions.get(join.id, 0) > sum(counts):
                continue  # a token is on its way to the join: decide when it is there
            occupied = [n for n, k in positions.items() if k > 0 and n != join.id]
            blocked = any(
                counts[i] == 0 and any(n in join.reach[i] for n in occupied)
                for i in range(join.ports)
            )
            if blocked:
                continue
            pending.remove(join)
            consumed = 0
            for i in range(join.ports):
                if counts[i] > 0:
                    counts[i] -= 1
                    consumed += 1
            positions[join.id] -= consumed - 1
            scope.tokens += 1
            if any(counts):
                pending.append(join)
            self.leave(join, scope)

    def scope_done(self, scope: Scope) -> None:
        if scope.joins and any(any(c) for c in scope.joins.values()):
            for node, counts in scope.joins.items():
                if any(counts):
                    self.deadlocks[node.id] = self.deadlocks.get(node.id, 0) + 1
        scope.dead = True
        parent = scope.parent
        if parent is not None and parent.children is not None:
            parent.children.discard(scope)
        job = scope.job
        if job is not None:
            job.child = None
            self.finish(job)
            return
        case = scope.case
        case.scopes -= 1
        if case.scopes == 0:
            self.case_done(case)

    # -- resources ---------------------------------------------------------------------------------
    def request(self, job: Job) -> None:
        if job.cancelled:
            return
        node = job.node
        resource = node.resource
        now = self.now
        job.queued_at = now
        if resource is None:
            if node.processing is not None:  # work without a resource (none known)
                self.serve_unstaffed(job)
            else:
                self.content_or_finish(job)
            return
        calendar = resource.calendar
        if (
            resource.free > 0
            and not resource.queued
            and (calendar is None or calendar.is_open(now))
        ):
            self.start(resource, job)
            return
        job.state = QUEUED
        resource.queue.append(job)
        resource.queued += 1
        if resource.queued > resource.queue_max:
            resource.queue_max = resource.queued
        if resource.free > 0:
            self.dispatch(resource)

    def dispatch(self, resource: SimResource) -> None:
        calendar = resource.calendar
        now = self.now
        while resource.free > 0 and resource.queued > 0:
            if calendar is not None and not calendar.is_open(now):
                if not resource.wake_pending:
                    resource.wake_pending = True
                    self.push(calendar.next_open(now), self.wake, resource)
                return
            job = resource.queue.popleft()
            if job.cancelled:
                continue
            resource.queued -= 1
            self.start(resource, job)

    def wake(self, resource: SimResource) -> None:
        resource.wake_pending = False
        self.dispatch(resource)

    def start(self, resource: SimResource, job: Job) -> None:
        resource.free -= 1
        now = self.now
        job.state = SERVICE
        job.started = now
        work = job.node.processing()  # type: ignore[misc]
        job.work = work
        calendar = resource.calendar
        end = now + work if calendar is None else calendar.add_work(now, work)
        self.push(end, self.complete, job)

    def serve_unstaffed(self, job: Job) -> None:
        job.state = SERVICE
        job.started = self.now
        job.work = job.node.processing()  # type: ignore[misc]
        self.push(self.now + job.work, self.complete_unstaffed, job)

    def complete_unstaffed(self, job: Job) -> None:
        if not job.cancelled:
            self.content_or_finish(job)

    def complete(self, job: Job) -> None:
        if job.cancelled:
            return
        resource = job.node.resource
        assert resource is not None
        if job.scope.case.observed:
            resource.work += job.work
        resource.free += 1
        if resource.queued:
            self.dispatch(resource)
        self.content_or_finish(job)

    def content_or_finish(self, job: Job) -> None:
        node = job.node
        if node.inner:
            scope = job.scope
            child = self.new_scope(scope.case, scope, job, node.id)
            job.child = child
            job.state = CONTENT
            if node.inner_choose is not None:
                chosen = [node.inner[pick(node.inner_choose, self.rng.random())]]
            else:
                chosen = node.inner
            self.record_work(job)
            self.start_tokens(child, chosen)
            return
        self.record_work(job)
        self.finish(job)

    def record_work(self, job: Job) -> None:
        """Book the work (and waiting) of a job whose own processing is over."""
        case = job.scope.case
        if job.started >= 0:
            case.effort += job.work if case.observed else 0.0
            if case.observed:
                case.cost += job.work * job.node.rate
        self._stats(job, job.work if job.started >= 0 else 0.0)

    def _stats(self, job: Job, work: float) -> None:
        if not job.scope.case.observed:
            return
        node = job.node
        node.count += 1
        node.proc_sum += work
        now = self.now
        queued_at = job.queued_at
        started = job.started if job.started >= 0 else now
        node.lay_sum += queued_at - job.activated
        if node.resource is not None and started > queued_at:
            node.queue_sum += started - queued_at
            calendar = node.resource.calendar
            if calendar is not None:
                wait = started - queued_at
                node.closed_sum += wait - calendar.work_between(queued_at, started)

    def finish(self, job: Job) -> None:
        """The activity (and its content) is done: boundary events, then onwards."""
        job.state = DONE
        scope = job.scope
        if scope.jobs is not None:
            scope.jobs.discard(job)
        if scope.dead:
            return
        node = job.node
        if node.boundaries:
            rand = self.rng.random
            draw = rand()
            cumulative = 0.0
            for boundary, p, interrupting in node.boundaries:
                if not interrupting:
                    if rand() < p:
                        self.spawn(boundary, scope)
                    continue
                cumulative += p
                if draw < cumulative:
                    self.move(node, boundary, scope)
                    return
        self.leave(node, scope)

    def spawn(self, boundary: SimNode, scope: Scope) -> None:
        scope.tokens += 1
        if scope.positions is not None:
            scope.positions[boundary.id] = scope.positions.get(boundary.id, 0) + 1
        self.work.append((boundary, scope, 0))

    def move(self, node: SimNode, boundary: SimNode, scope: Scope) -> None:
        """The token of ``node`` leaves through its boundary event instead."""
        positions = scope.positions
        if positions is not None:
            positions[node.id] -= 1
            positions[boundary.id] = positions.get(boundary.id, 0) + 1
        self.work.append((boundary, scope, 0))

    def timer_fires(self, arg: tuple[Job, SimNode, bool]) -> None:
        job, boundary, interrupting = arg
        scope = job.scope
        if job.state == DONE or job.cancelled or scope.dead:
            return
        if not interrupting:
            self.spawn(boundary, scope)
            return
        self.cancel_job(job)
        self.move(job.node, boundary, scope)

    def cancel_job(self, job: Job) -> None:
        """Stop a job wherever it is: its lay time, the queue, the work, its content."""
        job.cancelled = True
        node = job.node
        resource = node.resource
        now = self.now
        state = job.state
        if state == LAY:
            job.queued_at = now
            self._stats(job, 0.0)
        elif state == QUEUED:
            assert resource is not None
            resource.queued -= 1  # the deque entry is skipped when it comes up
            self._stats(job, 0.0)
        elif state == SERVICE:
            work = now - job.started
            if resource is not None:  # the server is free again
                if resource.calendar is not None:
                    work = resource.calendar.work_between(job.started, now)
                if job.scope.case.observed:
                    resource.work += work
                resource.free += 1
                if resource.queued:
                    self.dispatch(resource)
            job.work = work
            case = job.scope.case
            if case.observed:
                case.effort += work
                case.cost += work * node.rate
            self._stats(job, work)
        elif state == CONTENT and job.child is not None:
            self.cancel_scope(job.child, keep_alive=False)
            job.child = None
        job.state = DONE
        if job.scope.case.observed:
            node.cancelled += 1
        if job.scope.jobs is not None:
            job.scope.jobs.discard(job)

    def cancel_scope(self, scope: Scope, keep_alive: bool) -> None:
        """Stop everything in ``scope`` and below (an interrupting event, a terminate)."""
        scope.dead = not keep_alive
        for job in list(scope.jobs or ()):
            if job.state != DONE and not job.cancelled:
                self.cancel_job(job)
        for child in list(scope.children or ()):
            child.dead = True
            self.cancel_scope(child, keep_alive=False)
        if scope.jobs is not None:
            scope.jobs.clear()

    # -- sampling and windows ----------------------------------------------------------------
    def sample(self, _arg: None) -> None:
        for resource in self.net.resources.values():
            resource.series.append((self.now, resource.queued, resource.servers - resource.free))
        if self.open_cases or self.next_index < self.total:
            self.push(self.now + self.sample_step, self.sample, None)

    def _close_window(self) -> None:
        self._wip_change(0)


# -- the front door -----------------------------------------------------------------------------


def simulate(
    model: Definitions,
    params: ProcessParameters,
    *,
    cases: int = 1000,
    seed: int = 0,
    replications: int = 1,
    warmup: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate ``cases`` cases of ``model`` (per replication) and measure them.

    Parameters
    ----------
    model
        The imported model.
    params
        Its parameters; what they leave open is filled as the analytical model does
        (:mod:`~processanalysis.simulation.binding`), stated in ``assumptions``.
    cases
        Observed cases per replication (after ``warmup``).
    seed
        The same seed gives the same result, bit for bit.
    replications
        Independent runs (seeds derived from ``seed``); with two or more the
        confidence intervals come from their means, with one from batch means.
    warmup
        Cases simulated first in each replication and left out of every figure (the
        system starts empty).
    progress
        Called after each replication with ``(done, total)`` replications, e.g. for a
        progress bar; an exception it raises stops the simulation.

    Raises
    ------
    SimulationError
        A case never ends (a loop left with probability 0), a calendar is never open,
        or a distribution has impossible parameters.
    """
    if cases < 1 or replications < 1 or warmup < 0:
        raise ValueError("cases and replications must be positive, warmup not negative")
    binding = bind_parameters(model, params)
    runs = []
    for replication in range(replications):
        try:
            run = Run(binding, cases, warmup, f"{seed}:{replication}")
            run.run()
        except ValueError as exc:  # an impossible calendar or distribution
            raise SimulationError(str(exc)) from exc
        runs.append(run)
        if progress is not None:
            progress(replication + 1, replications)
    return summarise(binding, runs, seed)
