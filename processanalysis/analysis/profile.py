"""Rule profiles: which rules run, with which severity and thresholds.

An organisation edits its profile (a JSON file) to match its own modelling
conventions, without programming; a default profile ships with the workbench. A
profile names rules by their id; a rule missing from a profile does not run.

Examples
--------
>>> profile = load_profile()
>>> profile.enabled("handoff-lane"), profile.severity("handoff-lane")
(True, 'low')
>>> profile.severity("media-break", "analogue_to_system")
'high'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from processanalysis.analysis.finding import SEVERITIES

__all__ = ["Profile", "ProfileError", "default_profile_path", "load_profile"]


class ProfileError(ValueError):
    """A profile file that cannot be used (what is wrong, and where)."""


def default_profile_path() -> Path:
    return Path(str(files("processanalysis.analysis") / "data" / "profile_default.json"))


@dataclass(slots=True)
class Profile:
    """A parsed profile; ``rules`` maps rule id to its settings."""

    name: str
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    description: str = ""

    def enabled(self, rule: str) -> bool:
        settings = self.rules.get(rule)
        return bool(settings) and settings.get("enabled", True) is not False

    def settings(self, rule: str) -> dict[str, Any]:
        return self.rules.get(rule, {})

    def severity(self, rule: str, variant: str | None = None, default: str = "medium") -> str:
        """The configured severity, per variant when the rule has several (break types)."""
        value = self.settings(rule).get("severity", default)
        if isinstance(value, dict):
            value = value.get(variant or "", default)
        return value if value in SEVERITIES else default

    def threshold(self, rule: str, key: str = "threshold", default: float = 0) -> float:
        value = self.settings(rule).get(key, default)
        return value if isinstance(value, (int, float)) else default


def load_profile(path: str | Path | None = None) -> Profile:
    """Read a profile file (the shipped default when ``path`` is ``None``)."""
    source = Path(path) if path is not None else default_profile_path()
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{source}: cannot be read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise ProfileError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), dict):
        raise ProfileError(f"{source}: expected an object with a 'rules' object")
    for rule, settings in raw["rules"].items():
        if not isinstance(settings, dict):
            raise ProfileError(f"{source}: rule '{rule}' must map to an object")
        severity = settings.get("severity")
        values = severity.values() if isinstance(severity, dict) else [severity]
        for value in values:
            if value is not None and value not in SEVERITIES:
                raise ProfileError(
                    f"{source}: rule '{rule}' has severity '{value}'; use high, medium or low"
                )
    return Profile(
        name=str(raw.get("name", source.stem)),
        rules=raw["rules"],
        description=str(raw.get("description", "")),
    )
