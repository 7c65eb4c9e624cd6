"""The parameter model of a process: times, probabilities, resources, arrivals, costs.

Every source (BPSim, QBP, Prosimos JSON, ADONIS attributes, the workbench's own ``pa:``
attributes, an XLSX/CSV template) is read into these plain dataclasses, and the analytical
model and the simulation read only these. Times are in **minutes**, money in **euros**.
Where a value came from is kept (``source``) so every result can say which assumption it
rests on.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "DISTRIBUTIONS",
    "ActivityParameters",
    "Arrivals",
    "Calendar",
    "Defaults",
    "Distribution",
    "DistributionError",
    "ProcessParameters",
    "Resource",
    "distribution_problem",
    "format_distribution",
    "parse_distribution",
]

#: Supported distribution kinds and their parameters (all in minutes):
#: constant(value), uniform(low, high), triangular(low, mode, high), exponential(mean),
#: normal(mean, sd), lognormal(mean, sd) (of the variable itself, not of its log),
#: gamma(mean, sd), empirical(values[, weights]).
DISTRIBUTIONS = (
    "constant",
    "uniform",
    "triangular",
    "exponential",
    "normal",
    "lognormal",
    "gamma",
    "empirical",
)


@dataclass(slots=True)
class Distribution:
    """A random duration in minutes; ``mean`` is what the analytical model uses."""

    kind: str
    params: dict[str, float] = field(default_factory=dict)
    values: list[float] = field(default_factory=list)  # empirical samples
    weights: list[float] = field(default_factory=list)  # empirical weights (optional)

    @staticmethod
    def constant(value: float) -> Distribution:
        return Distribution("constant", {"value": float(value)})

    @property
    def mean(self) -> float:
        """The expected value in minutes (what the analytical model uses).

        >>> Distribution("triangular", {"low": 5, "mode": 10, "high": 30}).mean
        15.0
        """
        p = self.params
        if self.kind == "constant":
            return float(p["value"])
        if self.kind == "uniform":
            return (p["low"] + p["high"]) / 2
        if self.kind == "triangular":
            return (p["low"] + p["mode"] + p["high"]) / 3
        if self.kind in ("exponential", "normal", "lognormal", "gamma"):
            return float(p["mean"])
        if self.kind == "empirical":
            if not self.values:
                return 0.0
            weights = self.weights if len(self.weights) == len(self.values) else None
            if weights is None or sum(weights) <= 0:
                return sum(self.values) / len(self.values)
            return sum(v * w for v, w in zip(self.values, weights, strict=True)) / sum(weights)
        raise ValueError(f"unknown distribution kind {self.kind!r}")

    def scaled(self, factor: float) -> Distribution:
        """The same distribution with every time multiplied by ``factor`` (unit conversion).

        >>> Distribution("normal", {"mean": 600, "sd": 60}).scaled(1 / 60).params
        {'mean': 10.0, 'sd': 1.0}
        """
        return Distribution(
            self.kind,
            {key: value * factor for key, value in self.params.items()},
            [v * factor for v in self.values],
            list(self.weights),
        )

    # -- helpers of the analytical model and the simulation ------------------------------
    def sampled_mean(self) -> float:
        """The mean of what :meth:`sampler` draws: :attr:`mean`, except for a normal
        distribution, whose samples are cut at 0 (durations are never negative).

        >>> round(Distribution("normal", {"mean": 0, "sd": 1}).sampled_mean(), 4)
        0.3989
        """
        self.check()
        if self.kind == "normal" and self.params["sd"] > 0:
            mu, sd = self.params["mean"], self.params["sd"]
            return mu * _phi_cdf(mu / sd) + sd * _phi_pdf(mu / sd)
        return max(0.0, self.mean)

    def variance(self) -> float:
        """The variance of the samples (cut at 0 for a normal distribution).

        >>> Distribution("uniform", {"low": 0, "high": 12}).variance()
        12.0
        """
        self.check()
        kind, p = self.kind, self.params
        if kind == "constant":
            return 0.0
        if kind == "uniform":
            return (p["high"] - p["low"]) ** 2 / 12
        if kind == "triangular":
            a, c, b = p["low"], p["mode"], p["high"]
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        if kind == "exponential":
            return p["mean"] ** 2
        if kind == "normal":
            mu, sd = p["mean"], p["sd"]
            if sd == 0:
                return 0.0
            second = (mu * mu + sd * sd) * _phi_cdf(mu / sd) + mu * sd * _phi_pdf(mu / sd)
            return max(0.0, second - self.sampled_mean() ** 2)
        if kind == "empirical":
            mean = self.mean
            pairs = zip(self.values, self._weights(), strict=True)
            return math.fsum(w * (v - mean) ** 2 for v, w in pairs)
        return p["sd"] ** 2  # lognormal, gamma

    def survival(self, x: float) -> float:
        """P(duration > x), e.g. how likely a timer of ``x`` minutes fires first.

        >>> round(Distribution("exponential", {"mean": 10}).survival(10), 4)
        0.3679
        >>> round(Distribution("gamma", {"mean": 10, "sd": 10}).survival(10), 4)  # = exp.
        0.3679
        """
        self.check()
        kind, p = self.kind, self.params
        if kind == "constant" or self.variance() == 0:
            return 1.0 if self.sampled_mean() > x else 0.0
        if x < 0:
            return 1.0
        if kind == "uniform":
            return min(1.0, max(0.0, (p["high"] - x) / (p["high"] - p["low"])))
        if kind == "triangular":
            a, c, b = p["low"], p["mode"], p["high"]
            if x <= a:
                return 1.0
            if x >= b:
                return 0.0
            if x <= c:
                return 1.0 - (x - a) ** 2 / ((b - a) * (c - a))
            return (b - x) ** 2 / ((b - a) * (b - c))
        if kind == "exponential":
            return math.exp(-x / p["mean"])
        if kind == "normal":
            return 1.0 - _phi_cdf((x - p["mean"]) / p["sd"])
        if kind == "lognormal":
            if x == 0:
                return 1.0
            mu, sigma = _lognormal_log_params(p["mean"], p["sd"])
            return 1.0 - _phi_cdf((math.log(x) - mu) / sigma)
        if kind == "gamma":
            shape, scale = _gamma_params(p["mean"], p["sd"])
            return _gamma_q(shape, x / scale)
        pairs = zip(self.values, self._weights(), strict=True)  # empirical
        return math.fsum(w for v, w in pairs if v > x)

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function that draws one duration from ``rng`` per call (never negative).

        Lognormal and gamma take the mean and sd of the duration itself, so their
        samples have exactly the :attr:`mean` the analytical model uses.

        >>> draw = Distribution("gamma", {"mean": 10, "sd": 5}).sampler(random.Random(1))
        >>> samples = [draw() for _ in range(20000)]
        >>> round(sum(samples) / len(samples))
        10
        """
        self.check()
        kind, p = self.kind, self.params
        if kind != "normal" and self.variance() == 0:
            value = max(0.0, self.mean)
            return lambda: value
        if kind == "uniform":
            low, high, uniform = p["low"], p["high"], rng.uniform
            return lambda: uniform(low, high)
        if kind == "triangular":
            low, mode, high, triangular = p["low"], p["mode"], p["high"], rng.triangular
            return lambda: triangular(low, high, mode)
        if kind == "exponential":
            rate, expovariate = 1.0 / p["mean"], rng.expovariate
            return lambda: expovariate(rate)
        if kind == "normal":
            mu, sd, gauss = p["mean"], p["sd"], rng.gauss
            return lambda: max(0.0, gauss(mu, sd))
        if kind == "lognormal":
            mu, sigma = _lognormal_log_params(p["mean"], p["sd"])
            lognormvariate = rng.lognormvariate
            return lambda: lognormvariate(mu, sigma)
        if kind == "gamma":
            shape, scale = _gamma_params(p["mean"], p["sd"])
            gammavariate = rng.gammavariate
            return lambda: gammavariate(shape, scale)
        values = list(self.values)  # empirical
        if not self.weights:
            count, rand = len(values), rng.random
            return lambda: values[int(rand() * count)]
        cumulative, total = [], 0.0
        for weight in self._weights():
            total += weight
            cumulative.append(total)
        choices = rng.choices
        return lambda: choices(values, cum_weights=cumulative)[0]

    def sample(self, rng: random.Random) -> float:
        """One duration drawn from ``rng`` (use :meth:`sampler` in loops)."""
        return self.sampler(rng)()

    def check(self) -> None:
        """Raise :class:`DistributionError` when :func:`distribution_problem` finds one."""
        problem = distribution_problem(self)
        if (
            problem is None
            and self.kind == "empirical"
            and self.weights
            and (len(self.weights) != len(self.values) or sum(self.weights) <= 0)
        ):
            problem = "empirical: one weight per value, not all zero"
        if problem is not None:
            raise DistributionError(problem)

    def _weights(self) -> list[float]:
        if not self.weights:
            return [1.0 / len(self.values)] * len(self.values)
        total = sum(self.weights)
        return [w / total for w in self.weights]


@dataclass(slots=True)
class Calendar:
    """Working time: weekdays (0 = Monday) and daily hours; ``None`` means always open."""

    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    start_hour: float = 8.0
    end_hour: float = 16.0

    # Simulation time is minutes since Monday 00:00 of the first week.
    def validate(self) -> None:
        """Raise ``ValueError`` for a calendar that is never open (the work would stall)."""
        if not any(0 <= d <= 6 for d in self.weekdays):
            raise ValueError("calendar has no weekday between 0 (Monday) and 6 (Sunday)")
        if not 0 <= self.start_hour < self.end_hour <= 24:
            raise ValueError("calendar hours need 0 <= start_hour < end_hour <= 24")

    @property
    def minutes_per_day(self) -> float:
        """Working minutes of an open day."""
        return (self.end_hour - self.start_hour) * 60.0

    @property
    def minutes_per_week(self) -> float:
        """Working minutes of a week."""
        return self.minutes_per_day * len(set(self.weekdays))

    def is_open(self, t: float) -> bool:
        """Whether ``t`` (minutes since Monday 00:00) is working time."""
        day, minute = divmod(t, 1440.0)
        return int(day) % 7 in self.weekdays and self._open <= minute < self._close

    def next_open(self, t: float) -> float:
        """``t`` if it is working time, else the start of the next working period.

        >>> friday_evening = 4 * 1440 + 17 * 60
        >>> Calendar().next_open(friday_evening) == 7 * 1440 + 8 * 60  # Monday 08:00
        True
        """
        day = math.floor(t / 1440.0)
        for offset in range(8):
            d = day + offset
            if d % 7 not in self.weekdays:
                continue
            start = d * 1440.0 + self._open
            end = d * 1440.0 + self._close
            if t < end:
                return max(t, start)
        raise ValueError("calendar is never open")

    def add_work(self, t: float, minutes: float) -> float:
        """When ``minutes`` of work that starts at ``t`` is done; work pauses outside the
        working hours.

        >>> friday_1559 = 4 * 1440 + 15 * 60 + 59
        >>> Calendar().add_work(friday_1559, 60) == 7 * 1440 + 8 * 60 + 59  # Monday 08:59
        True
        """
        t = self.next_open(t)
        if minutes <= 0:
            return t
        week = self.minutes_per_week
        while True:
            day = math.floor(t / 1440.0)
            end = day * 1440.0 + self._close
            available = end - t
            if minutes <= available:
                return t + minutes
            minutes -= available
            if minutes > week:  # skip whole weeks at once
                weeks = math.floor(minutes / week)
                minutes -= weeks * week
                end += weeks * 10080.0
                if minutes == 0:
                    return end
            t = self.next_open(end)

    def work_between(self, a: float, b: float) -> float:
        """Working minutes in the interval ``[a, b)``.

        >>> Calendar().work_between(0, 10080)  # one week: 5 days of 8 hours
        2400.0
        """
        if b <= a:
            return 0.0
        week = self.minutes_per_week
        total = 0.0
        weeks = math.floor((b - a) / 10080.0)
        if weeks:
            total += weeks * week
            a += weeks * 10080.0
        day = math.floor(a / 1440.0)
        while day * 1440.0 < b:
            if day % 7 in self.weekdays:
                start = max(a, day * 1440.0 + self._open)
                end = min(b, day * 1440.0 + self._close)
                if end > start:
                    total += end - start
            day += 1
        return total

    @property
    def _open(self) -> float:
        return self.start_hour * 60.0

    @property
    def _close(self) -> float:
        return self.end_hour * 60.0


@dataclass(slots=True)
class Resource:
    """A unit (lane) or named resource: staff in FTE, cost per hour, calendar."""

    id: str
    name: str
    staff: float = 1.0
    cost_per_hour: float | None = None
    calendar: Calendar | None = None
    source: str = "default"


@dataclass(slots=True)
class ActivityParameters:
    """Per activity: processing time, waiting (lay) time before it, fixed cost, resource."""

    element_id: str
    processing: Distribution | None = None
    waiting: Distribution | None = None
    fixed_cost: float | None = None
    resource_id: str | None = None  # defaults to the activity's lane
    source: str = "default"


@dataclass(slots=True)
class Arrivals:
    """Cases per year and the inter-arrival distribution (minutes)."""

    cases_per_year: float | None = None
    interarrival: Distribution | None = None
    source: str = "default"
    #: when cases arrive (``None``: at any time); from QBP/Prosimos arrival calendars
    calendar: Calendar | None = None


@dataclass(slots=True)
class Defaults:
    """Assumptions stated wherever they are used (configurable, shown in reports)."""

    productive_hours_per_fte_year: float = 1600.0
    cost_per_hour: float = 60.0
    working_days_per_year: float = 250.0


@dataclass(slots=True)
class ProcessParameters:
    """All parameters of one model; ids are BPMN element ids."""

    activities: dict[str, ActivityParameters] = field(default_factory=dict)
    #: sequence flow id -> probability of taking it at its (exclusive/inclusive) split
    probabilities: dict[str, float] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    arrivals: Arrivals = field(default_factory=Arrivals)
    defaults: Defaults = field(default_factory=Defaults)
    #: where each group of values came from, e.g. {"bpsim": 12, "pa": 30, "adonis": 18}
    sources: dict[str, int] = field(default_factory=dict)
    #: what the readers approximated or left out (e.g. a Weibull distribution read as gamma)
    notes: list[str] = field(default_factory=list)


#: Parameter names of each kind, in the order the notation ``kind(a, b, c)`` lists them.
_PARAMS: dict[str, tuple[str, ...]] = {
    "constant": ("value",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "exponential": ("mean",),
    "normal": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
    "gamma": ("mean", "sd"),
}
#: German and common alternative names an analyst may type in a spreadsheet.
_ALIASES: dict[str, str] = {
    "fix": "constant",
    "fixed": "constant",
    "konstant": "constant",
    "const": "constant",
    "gleich": "uniform",
    "gleichverteilt": "uniform",
    "gleichverteilung": "uniform",
    "dreieck": "triangular",
    "dreiecksverteilung": "triangular",
    "triang": "triangular",
    "exp": "exponential",
    "expon": "exponential",
    "exponentiell": "exponential",
    "norm": "normal",
    "normalverteilt": "normal",
    "normalverteilung": "normal",
    "lognorm": "lognormal",
    "log-normal": "lognormal",
    "empirisch": "empirical",
}
_NOTATION = re.compile(r"^\s*([A-Za-zäöüÄÖÜß-]+)\s*\((.*)\)\s*$", re.S)


def _number(text: str, decimal_comma: bool) -> float:
    text = text.strip()
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".") if "," in text else text
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def parse_distribution(text: str) -> Distribution:
    """Read the notation ``kind(a, b, ...)`` used by ``pa:processingDistribution`` and
    the spreadsheet template; a bare number is a constant.

    Arguments are separated by ``,``; with ``;`` as separator, decimal commas are allowed
    (``dreieck(2,5; 5; 10)``). German names (``konstant``, ``gleichverteilt``,
    ``dreieck``, ``exponentiell``, ``empirisch``) and scipy's (``expon``, ``norm``,
    ``triang``, ``lognorm``) are accepted. Empirical samples may carry weights as
    ``value:weight``. Raises ``ValueError`` for anything else.

    >>> parse_distribution("triangular(5, 10, 20)").params
    {'low': 5.0, 'mode': 10.0, 'high': 20.0}
    >>> parse_distribution("dreieck(2,5; 5; 10)").params["low"]
    2.5
    >>> d = parse_distribution("empirical(5:1, 10:3)")
    >>> d.values, d.weights, d.mean
    ([5.0, 10.0], [1.0, 3.0], 8.75)
    """
    text = text.strip()
    match = _NOTATION.match(text)
    if match is None:
        return Distribution.constant(_number(text, "," in text and "." not in text))
    name = match.group(1).lower()
    kind = _ALIASES.get(name, name)
    body = match.group(2)
    decimal_comma = ";" in body
    parts = [part for part in body.split(";" if decimal_comma else ",")]
    if parts == [""] or any(not part.strip() for part in parts):
        raise ValueError(f"empty argument in {text!r}")
    if kind == "empirical":
        values: list[float] = []
        weights: list[float] = []
        for part in parts:
            value, _, weight = part.partition(":")
            values.append(_number(value, decimal_comma))
            if weight.strip():
                weights.append(_number(weight, decimal_comma))
        if weights and len(weights) != len(values):
            raise ValueError(f"give a weight for every value or for none: {text!r}")
        return Distribution("empirical", {}, values, weights)
    names = _PARAMS.get(kind)
    if names is None:
        raise ValueError(f"unknown distribution {match.group(1)!r}")
    if len(names) == 1 and len(parts) == 2 and not decimal_comma:
        parts, decimal_comma = [body], True  # "konstant(7,5)": one argument, decimal comma
    if len(parts) != len(names):
        raise ValueError(f"{kind} takes {len(names)} argument(s) ({', '.join(names)})")
    return Distribution(
        kind, {key: _number(part, decimal_comma) for key, part in zip(names, parts, strict=True)}
    )


def _short(value: float) -> str:
    return f"{value:.10g}"


def format_distribution(distribution: Distribution) -> str:
    """The notation :func:`parse_distribution` reads (English names, ``,``, ``.``).

    >>> format_distribution(Distribution("exponential", {"mean": 12.5}))
    'exponential(12.5)'
    >>> format_distribution(parse_distribution("empirical(5:1, 10:3)"))
    'empirical(5:1, 10:3)'
    """
    if distribution.kind == "empirical":
        if distribution.weights and len(distribution.weights) == len(distribution.values):
            items = [
                f"{_short(v)}:{_short(w)}"
                for v, w in zip(distribution.values, distribution.weights, strict=True)
            ]
        else:
            items = [_short(v) for v in distribution.values]
        return f"empirical({', '.join(items)})"
    names = _PARAMS.get(distribution.kind)
    if names is None:
        raise ValueError(f"unknown distribution kind {distribution.kind!r}")
    return f"{distribution.kind}({', '.join(_short(distribution.params[n]) for n in names)})"


def distribution_problem(distribution: Distribution) -> str | None:
    """Why a distribution of durations cannot be used, or ``None`` when it is sound.

    >>> distribution_problem(Distribution("uniform", {"low": 10, "high": 5}))
    'uniform: low > high'
    """
    kind, p = distribution.kind, distribution.params
    if kind not in DISTRIBUTIONS:
        return f"unknown distribution kind {kind!r}"
    if kind == "empirical":
        if not distribution.values:
            return "empirical: no values"
        if any(v < 0 for v in distribution.values):
            return "empirical: negative value"
        if any(w < 0 for w in distribution.weights):
            return "empirical: negative weight"
        if distribution.weights and (
            len(distribution.weights) != len(distribution.values) or sum(distribution.weights) <= 0
        ):
            return "empirical: one weight per value, not all zero"
        return None
    missing = [n for n in _PARAMS[kind] if n not in p]
    if missing:
        return f"{kind}: missing {', '.join(missing)}"
    if any(not math.isfinite(v) for v in p.values()):
        return f"{kind}: not a finite number"
    if any(p[n] < 0 for n in _PARAMS[kind]):
        return f"{kind}: negative value"
    if kind == "uniform" and p["low"] > p["high"]:
        return "uniform: low > high"
    if kind == "triangular" and not p["low"] <= p["mode"] <= p["high"]:
        return "triangular: low <= mode <= high is violated"
    if kind in ("lognormal", "gamma") and p["mean"] <= 0:
        return f"{kind}: mean must be positive"
    return None


class DistributionError(ValueError):
    """A distribution of an unknown kind or with missing or impossible parameters."""


def _phi_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def _phi_pdf(z: float) -> float:
    return math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def _lognormal_log_params(mean: float, sd: float) -> tuple[float, float]:
    """mu and sigma of log(X) for a lognormal X with this mean and sd."""
    sigma2 = math.log1p((sd / mean) ** 2)
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def _gamma_params(mean: float, sd: float) -> tuple[float, float]:
    """Shape and scale of a gamma distribution with this mean and sd."""
    return (mean / sd) ** 2, sd * sd / mean


def _gamma_q(shape: float, x: float) -> float:
    """The regularised upper incomplete gamma function Q(shape, x): a series below
    ``shape + 1``, Lentz's continued fraction above (Numerical Recipes, 6.2)."""
    if x <= 0:
        return 1.0
    log_prefix = shape * math.log(x) - x - math.lgamma(shape)
    if x < shape + 1:
        term = total = 1.0 / shape
        a = shape
        for _ in range(10_000):
            a += 1
            term *= x / a
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return min(1.0, max(0.0, 1.0 - total * math.exp(log_prefix)))
    tiny = 1e-300
    b = x + 1 - shape
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - shape)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return min(1.0, max(0.0, math.exp(log_prefix) * h))
