"""Canonical XML text for the parts of a document the model keeps verbatim.

Extensions, conditions, loop characteristics and spec elements the model does not interpret
are kept as XML text on the element they belong to (``extensions``, ``extra``, ``xml``),
and the exporter writes that text back into whatever document it builds. So the text must
not depend on the prefixes the source happened to use: BPMN, DI and DC elements get the
standard prefixes, QName values that point into those namespaces are rewritten to match,
and the result is exclusive C14N, which declares only the namespaces the text uses.

Examples
--------
>>> from lxml import etree
>>> def qname(tag):
...     name = etree.QName(tag)
...     return name.namespace or "", name.localname
>>> el = etree.fromstring(
...     b'<m:conditionExpression xmlns:m="http://www.omg.org/spec/BPMN/20100524/MODEL"'
...     b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
...     b' xsi:type="m:tFormalExpression">ok</m:conditionExpression>'
... )
>>> text = verbatim_text(el, qname)
>>> text.startswith("<bpmn:conditionExpression"), 'xsi:type="bpmn:tFormalExpression"' in text
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy

from lxml import etree

from processanalysis.bpmn import namespaces as ns

__all__ = ["ABSOLUTE_URI", "verbatim_text"]

#: An absolute URI, as a namespace name must be (C14N refuses relative ones).
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")

_STANDARD_PREFIX = {uri: prefix for prefix, uri in ns.STANDARD_PREFIXES.items()}
_FAMILY = frozenset({ns.BPMN, ns.BPMNDI, ns.DC, ns.DI, *ns.NAMESPACE_ALIASES})
_FAMILY_TAG = tuple("{%s}" % uri for uri in _FAMILY)
_XSI_TYPE = "{%s}type" % ns.XSI
_QNAME_VALUE = re.compile(r"^([A-Za-z_][\w.-]*):([^\s:]+)$")

QNameFunction = Callable[[object], tuple[str, str]]


def verbatim_text(
    el: etree._Element,
    qname: QNameFunction,
    register: Callable[[str, int | None], None] | None = None,
) -> str:
    """The element as canonical XML text, independent of the source's prefixes.

    BPMN, DI and DC elements get the standard prefixes (``bpmn:``, ``bpmndi:`` ...)
    and QName values that point into those namespaces (``xsi:type="semantic:
    tFormalExpression"``) are rewritten to match, so the text stays valid wherever
    the exporter puts it. Whitespace-only text between child elements is layout,
    not content, and is dropped so a pretty-printed export re-imports to the same
    string. Other prefixes used inside values are kept declared.

    ``qname`` maps a tag to its (namespace, local name), with namespace aliases mapped
    to the standard ones; ``register``, when given, is called with every id inside the
    element and its line.
    """
    needs_rewrite = False
    values: list[str] = []
    for sub in el.iter():
        if not isinstance(sub.tag, str):
            continue
        if sub.text is not None and len(sub) and not sub.text.strip():
            sub.text = None
        if sub.tail is not None and sub is not el and not sub.tail.strip():
            sub.tail = None
        if not needs_rewrite and (sub.tag.startswith(_FAMILY_TAG) or _XSI_TYPE in sub.attrib):
            needs_rewrite = True
        values.extend(sub.attrib.values())
        if sub.text:
            values.append(sub.text)
        if register is not None:
            sub_id = sub.get("id")
            if sub_id:
                register(sub_id, sub.sourceline)
    if needs_rewrite:
        el = _canonical_copy(el, qname)
        values = [v for sub in el.iter() for v in sub.attrib.values()]
        values.extend(sub.text for sub in el.iter() if sub.text)
    nsmap = el.nsmap
    used = sorted(
        {m.group(1) for v in values if (m := _QNAME_VALUE.match(v.strip()))} & set(nsmap) - {None}
    )
    try:
        return _c14n(el, used)
    except etree.C14NError:
        # C14N refuses relative namespace URIs anywhere in scope (seen in ADONIS
        # exports); a detached copy without the unused declarations usually passes.
        try:
            return _c14n(_canonical_copy(el, qname), used)
        except (etree.C14NError, ValueError):
            copy = deepcopy(el)
            copy.tail = None
            return etree.tostring(copy, encoding="unicode", with_tail=False)


def _c14n(el: etree._Element, used: list[str]) -> str:
    return etree.tostring(
        el, method="c14n", exclusive=True, with_comments=False, inclusive_ns_prefixes=used
    ).decode("utf-8")


def _canonical_copy(el: etree._Element, qname: QNameFunction) -> etree._Element:
    """A detached copy of ``el`` with standard prefixes for the BPMN namespaces."""
    nsmap: dict[str | None, str] = {}
    for prefix, uri in el.nsmap.items():
        uri = ns.NAMESPACE_ALIASES.get(uri, uri)
        if uri not in _STANDARD_PREFIX and uri not in _FAMILY and ABSOLUTE_URI.match(uri):
            nsmap[prefix] = uri
    nsmap.update({p: u for p, u in ns.STANDARD_PREFIXES.items() if p != "pa"})

    def value(text: str, scope: dict[str | None, str], is_type: bool) -> str:
        match = _QNAME_VALUE.match(text)
        if match:
            uri = scope.get(match.group(1))
            if uri is not None:
                uri = ns.NAMESPACE_ALIASES.get(uri, uri)
                standard = _STANDARD_PREFIX.get(uri)
                if standard is not None:
                    return f"{standard}:{match.group(2)}"
            return text
        if is_type and ":" not in text:
            default = ns.NAMESPACE_ALIASES.get(scope.get(None, ""), scope.get(None, ""))
            if default in (ns.BPMN, ""):
                return f"bpmn:{text}"
        return text

    def copy(src: etree._Element, parent: etree._Element | None) -> etree._Element:
        uri, local = qname(src.tag)
        tag = "{%s}%s" % (uri, local) if uri else local
        dst = etree.Element(tag, nsmap=nsmap) if parent is None else etree.SubElement(parent, tag)
        scope = src.nsmap
        for key, text in src.attrib.items():
            dst.set(key, value(text, scope, key == _XSI_TYPE))
        dst.text = src.text
        for child in src:
            if isinstance(child.tag, str):
                copy(child, dst).tail = child.tail
        return dst

    return copy(el, None)
