"""Shaping an analysis for the analysis page: plain records, table rows, chart data.

Nothing here imports Streamlit, so every function runs (and is tested) without a
browser. :func:`analysis_record` turns a file into one plain record (dicts, lists,
strings) that ``st.cache_data`` can keep; it holds the texts of every UI language, so a
language switch re-renders without analysing again. The other functions take that
record, or the findings in it, and return what one part of the page draws.

Examples
--------
>>> record = analysis_record(b"not xml at all")
>>> record["ok"], record["error"]["de"]["code"]
(False, 'xml-syntax')
>>> model = '''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><laneSet><lane id="A" name="Poststelle"><flowNodeRef>s</flowNodeRef>
...   <flowNodeRef>t1</flowNodeRef></lane>
...   <lane id="B" name="Sachbearbeitung"><flowNodeRef>t2</flowNodeRef></lane></laneSet>
...   <startEvent id="s"/><task id="t1" name="Post öffnen"/><task id="t2" name="Antrag prüfen"/>
...   <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
...   <sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/></process></definitions>'''
>>> record = analysis_record(model.encode("utf-8"))
>>> record["kpis"]["handoffs"], handoff_heatmap(record)
(1, (['Poststelle', 'Sachbearbeitung'], [[0.0, 1.0], [0.0, 0.0]]))
>>> "handoff-lane" in {f["rule"] for f in findings_for_element(record["findings"], "t2")}
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from processanalysis import BpmnImportError, Definitions, export_bpmn, read_bpmn
from processanalysis.analysis.finding import KINDS, MEDIA, MEDIUM_NAMES, SEVERITIES, severity_rank
from processanalysis.analysis.runner import analyse
from processanalysis.bpmn.model import FlowNode

__all__ = [
    "LANGUAGES",
    "NO_UNIT",
    "analysis_record",
    "element_markers",
    "filter_findings",
    "filter_options",
    "finding_rows",
    "findings_for_element",
    "findings_per_unit",
    "handoff_heatmap",
    "media_break_sankey",
    "medium_name",
]

#: The UI languages a record carries its texts in (the same as ``app_pages.i18n``).
LANGUAGES: tuple[str, ...] = ("de", "en")
#: The unit of a finding none of whose elements lies in a lane or pool (e.g. a data store).
NO_UNIT = ""


def analysis_record(data: bytes, name: str | None = None) -> dict[str, Any]:
    """Read and analyse ``data``; the result, or the reason it is unreadable, as plain data.

    A :class:`BpmnImportError` becomes a record with ``ok`` false and the error in every
    language. Other exceptions propagate: they are bugs and must not be cached.
    """
    try:
        model = read_bpmn(data, source=name)
    except BpmnImportError as error:
        return {
            "ok": False,
            "error": {lang: error.to_dict(lang) for lang in LANGUAGES},
        }
    # Findings carry their message and suggestion in every language already; the
    # language argument of ``analyse`` changes no finding, so one run serves both.
    result = analyse(model)
    units = _element_units(model, result.units)
    labels = _element_labels(model)
    findings = []
    for finding in result.findings:
        texts = {lang: finding.to_dict(lang) for lang in LANGUAGES}
        findings.append(
            {
                "id": finding.id,
                "rule": finding.rule,
                "kind": finding.kind,
                "severity": finding.severity,
                "elements": list(finding.elements),
                "units": _units_of(finding.elements, units),
                "from_medium": finding.from_medium,
                "to_medium": finding.to_medium,
                "message": {lang: texts[lang]["message"] for lang in LANGUAGES},
                "evidence": {lang: texts[lang]["evidence"] for lang in LANGUAGES},
                "suggestion": {lang: texts[lang]["suggestion"] for lang in LANGUAGES},
            }
        )
    kpis = result.kpis
    return {
        "ok": True,
        "error": None,
        # The exporter's UTF-8 text, whatever the file's encoding: the ids are the ones
        # the findings name, and bpmn-js reads a string, not bytes.
        "xml": export_bpmn(model).decode("utf-8"),
        "has_diagram": bool(model.diagrams),
        "kpis": kpis,
        "findings": findings,
        "handoffs": result.handoffs,
        "handoff_matrix": result.handoff_matrix,
        "units": [*kpis.get("unit_names", []), *kpis.get("external_party_names", [])],
        "labels": labels,
    }


def _element_labels(model: Definitions) -> dict[str, str]:
    """Element id -> the name a reader knows it by (only named elements)."""
    return {
        element.id: element.label
        for element in model.iter_elements()
        if element.id is not None and element.label
    }


def _element_units(model: Definitions, node_units: Mapping[str, str]) -> dict[str, str]:
    """Element id -> unit: the lane (else pool) of flow nodes, the name of a pool itself."""
    units = dict(node_units)
    for participant in model.participants:
        if participant.id is not None:
            units.setdefault(participant.id, participant.label or participant.id)
    for process in model.processes:
        for element in process.walk():
            # Data objects sit in no lane; they belong to no unit of their own.
            if isinstance(element, FlowNode) and element.id and element.id not in units:
                units[element.id] = process.label or process.id or NO_UNIT
    return units


def _units_of(elements: Iterable[str], units: Mapping[str, str]) -> list[str]:
    """The distinct units of ``elements`` in order; ``[NO_UNIT]`` where none has one."""
    found = list(dict.fromkeys(units[e] for e in elements if units.get(e)))
    return found or [NO_UNIT]


def medium_name(medium: str, lang: str = "de") -> str:
    """The library's name of a medium class in ``lang`` (German by default).

    >>> medium_name("paper"), medium_name("it_system", "en")
    ('Papier', 'IT system')
    """
    de, en = MEDIUM_NAMES.get(medium, (medium, medium))
    return en if lang == "en" else de


# -- the findings table ------------------------------------------------------------------


def finding_rows(
    findings: Sequence[Mapping[str, Any]], labels: Mapping[str, str], lang: str = "de"
) -> list[dict[str, Any]]:
    """One row per finding with codes (kind, severity) and readable elements and units.

    The page turns the codes into words; keeping them here lets the table sort and the
    filters compare without depending on the language.
    """
    return [
        {
            "id": finding["id"],
            "severity": finding["severity"],
            "kind": finding["kind"],
            "message": finding["message"][lang],
            "elements": ", ".join(labels.get(e, e) for e in finding["elements"]),
            "units": ", ".join(u for u in finding["units"] if u != NO_UNIT),
            "rule": finding["rule"],
        }
        for finding in findings
    ]


def filter_options(findings: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The kinds, severities and units that occur, in catalogue (or first-seen) order."""
    kinds = {f["kind"] for f in findings}
    severities = {f["severity"] for f in findings}
    units = dict.fromkeys(u for f in findings for u in f["units"] if u != NO_UNIT)
    return {
        "kind": [k for k in KINDS if k in kinds] + sorted(kinds - set(KINDS)),
        "severity": [s for s in SEVERITIES if s in severities],
        "unit": list(units),
    }


def filter_findings(
    findings: Sequence[Mapping[str, Any]],
    *,
    kinds: Iterable[str] = (),
    severities: Iterable[str] = (),
    units: Iterable[str] = (),
    element: str | None = None,
) -> list[Mapping[str, Any]]:
    """The findings that pass every filter; an empty filter lets everything through.

    >>> found = [{"kind": "handoff", "severity": "low", "units": ["A", "B"], "elements": ["x"]},
    ...          {"kind": "quality", "severity": "high", "units": ["C"], "elements": ["y"]}]
    >>> len(filter_findings(found, units=["B"])), len(filter_findings(found, kinds=["quality"]))
    (1, 1)
    """
    kinds, severities, units = set(kinds), set(severities), set(units)
    return [
        f
        for f in findings
        if (not kinds or f["kind"] in kinds)
        and (not severities or f["severity"] in severities)
        and (not units or units.intersection(f["units"]))
        and (element is None or element in f["elements"])
    ]


def findings_for_element(
    findings: Sequence[Mapping[str, Any]], element_id: str
) -> list[Mapping[str, Any]]:
    """The findings that name ``element_id``, most severe first (what a marker click shows)."""
    found = [f for f in findings if element_id in f["elements"]]
    return sorted(found, key=lambda f: severity_rank(f["severity"]))


# -- the diagram -------------------------------------------------------------------------


def element_markers(findings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One marker per element that findings name: the worst severity and the finding ids.

    >>> element_markers([
    ...     {"id": "a", "severity": "low", "elements": ["t1", "t2"]},
    ...     {"id": "b", "severity": "high", "elements": ["t2"]}])[1]
    {'element_id': 't2', 'severity': 'high', 'finding_ids': ['a', 'b']}
    """
    markers: dict[str, dict[str, Any]] = {}
    for finding in findings:
        for element in dict.fromkeys(finding["elements"]):
            marker = markers.setdefault(
                element, {"element_id": element, "severity": finding["severity"], "finding_ids": []}
            )
            marker["finding_ids"].append(finding["id"])
            if severity_rank(finding["severity"]) < severity_rank(marker["severity"]):
                marker["severity"] = finding["severity"]
    return list(markers.values())


# -- charts ------------------------------------------------------------------------------


def handoff_heatmap(record: Mapping[str, Any]) -> tuple[list[str], list[list[float]]]:
    """Units and the hand-off matrix as rows (from) × columns (to), per case.

    Units come in the order the KPIs list them (the authority's units, then external
    parties), followed by any other unit the matrix names; a cell without hand-offs is 0.
    """
    matrix: Mapping[str, Mapping[str, float]] = record["handoff_matrix"]
    named = [*record.get("units", [])]
    for source, targets in matrix.items():
        named += [source, *targets]
    units = list(dict.fromkeys(named))
    z = [[round(float(matrix.get(a, {}).get(b, 0.0)), 4) for b in units] for a in units]
    return units, z


def media_break_sankey(findings: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Media breaks as a two-column flow: producing medium (left) → consuming medium (right).

    Sources and targets are separate nodes, so a break between two IT systems is a link
    from "IT-System" on the left to "IT-System" on the right, never a loop. Each link's
    ``value`` is the number of breaks, so the values add up to the media-break count.

    >>> sankey = media_break_sankey([
    ...     {"kind": "media_break", "from_medium": "paper", "to_medium": "it_system"},
    ...     {"kind": "media_break", "from_medium": "paper", "to_medium": "it_system"},
    ...     {"kind": "handoff", "from_medium": None, "to_medium": None}])
    >>> sankey["sources"], sankey["targets"], sankey["links"]
    (['paper'], ['it_system'], [{'source': 0, 'target': 0, 'value': 2}])
    """
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        if finding["kind"] != "media_break":
            continue
        key = (finding.get("from_medium") or "unknown", finding.get("to_medium") or "unknown")
        counts[key] = counts.get(key, 0) + 1
    order = {medium: i for i, medium in enumerate(MEDIA)}
    sources = sorted({s for s, _ in counts}, key=lambda m: order.get(m, len(order)))
    targets = sorted({t for _, t in counts}, key=lambda m: order.get(m, len(order)))
    links = [
        {"source": sources.index(s), "target": targets.index(t), "value": n}
        for (s, t), n in sorted(counts.items(), key=lambda item: _pair_rank(item[0], order))
    ]
    return {"sources": sources, "targets": targets, "links": links}


def _pair_rank(pair: tuple[str, str], order: Mapping[str, int]) -> tuple[int, int]:
    return order.get(pair[0], len(order)), order.get(pair[1], len(order))


def findings_per_unit(findings: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Unit -> kind -> number of findings touching that unit.

    A finding counts once for every unit it touches: a hand-off from the Poststelle to
    the Sachbearbeitung is a weak spot of both, so the bars may add up to more than the
    number of findings. Findings without a unit are counted under :data:`NO_UNIT`.

    >>> findings_per_unit([{"kind": "handoff", "units": ["A", "B"]},
    ...                    {"kind": "quality", "units": ["A"]}])
    {'A': {'handoff': 1, 'quality': 1}, 'B': {'handoff': 1}}
    """
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        for unit in dict.fromkeys(finding["units"]):
            per_kind = counts.setdefault(unit, {})
            per_kind[finding["kind"]] = per_kind.get(finding["kind"], 0) + 1
    return counts
