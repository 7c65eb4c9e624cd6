"""The modeller page's parts: the editor with its words and choices, the save callback, the outcome.

The save runs in the component's callback (before the script reruns), so the editor
receives the confirmation (``saved``) in the very run that follows the click and drops
the browser draft; a refused save leaves the draft untouched.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.bpmn_modeler import bpmn_modeler
from app_pages.i18n import t
from app_pages.variants_data import SaveOutcome, VersionRef, draft_key_for, save_variant
from processanalysis.analysis.finding import MEDIA

__all__ = [
    "CONTEXT_KEY",
    "LABEL_KEYS",
    "MODELER_KEY",
    "OUTCOME_KEY",
    "SAVED_KEY",
    "TASK_TYPES",
    "handle_save",
    "modeler",
    "show_outcome",
]

MODELER_KEY = "variants.modeler.editor"
#: ``st.session_state`` keys: what is being edited, the last save's outcome, its confirmation.
CONTEXT_KEY = "variants.modeler.context"
OUTCOME_KEY = "variants.modeler.outcome"
SAVED_KEY = "variants.modeler.saved"
#: The compare page's process and variant choices (widget keys).
COMPARE_PROCESS_KEY = "variants.compare.process"
COMPARE_VARIANT_KEY = "variants.compare.to_be"
#: ``{"process", "to_be"}`` the compare page selects on its next run (a new variant); widget
#: keys cannot be set once their widget exists, so the choice waits here.
COMPARE_PENDING_KEY = "variants.compare.pending"

#: Task types the panel offers (bpmn-js replaces the shape, keeping name and attributes).
TASK_TYPES = (
    "bpmn:Task",
    "bpmn:UserTask",
    "bpmn:ManualTask",
    "bpmn:ServiceTask",
    "bpmn:ScriptTask",
    "bpmn:BusinessRuleTask",
    "bpmn:SendTask",
    "bpmn:ReceiveTask",
)

#: The component's words (``variants.js.<key>`` in ``i18n_variants``).
LABEL_KEYS = (
    "undo",
    "redo",
    "fit",
    "zoom_in",
    "zoom_out",
    "variant_name",
    "save",
    "discard",
    "draft_restored",
    "draft_unreadable",
    "draft_kept",
    "draft_discarded",
    "name_required",
    "saving",
    "saved",
    "import_error",
    "unnamed",
    "select_hint",
    "medium_auto",
    "invalid_amount",
    "field_name",
    "field_task_type",
    "field_unit",
    "field_medium",
    "field_it_system",
    "field_processing_time",
    "field_waiting_time",
    "field_fixed_cost",
    "field_probability",
    "field_staff",
    "field_cost_per_hour",
    "field_cases_per_year",
    "help_medium",
    "help_processing_time",
    "help_waiting_time",
    "help_probability",
    "help_unit",
)


def labels() -> dict[str, str]:
    """Every word of the component in the page language."""
    return {key: t(f"variants.js.{key}") for key in LABEL_KEYS}


def handle_save(ref: VersionRef, payload: Any) -> SaveOutcome:
    """Store the editor's ``payload`` as a variant of ``ref`` (callback and tests alike)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("xml"), str):
        return SaveOutcome(False, [("error", t("variants.save.no_payload"))])
    outcome = save_variant(ref, payload["xml"], str(payload.get("name") or ""))
    if outcome.ok:
        st.session_state[SAVED_KEY] = {
            "nonce": payload.get("nonce"),
            "draft_key": payload.get("draft_key") or draft_key_for(ref),
        }
        st.session_state[COMPARE_PENDING_KEY] = {
            "process": outcome.process_id,
            "to_be": outcome.version_id,
        }
    return outcome


def _on_save() -> None:
    payload = (st.session_state.get(MODELER_KEY) or {}).get("save")
    ref = st.session_state.get(CONTEXT_KEY)
    if not isinstance(ref, VersionRef):
        return
    outcome = handle_save(ref, payload)
    st.session_state[OUTCOME_KEY] = {
        "ok": outcome.ok,
        "messages": outcome.messages,
        "version_id": outcome.version_id,
        "name": str((payload or {}).get("name") or "") if isinstance(payload, dict) else "",
    }


def modeler(xml: str, *, draft_key: str, default_name: str, saved: Any) -> None:
    """The bpmn-js editor on ``xml`` with the panel's choices in the page language."""
    bpmn_modeler(
        xml,
        draft_key=draft_key,
        default_name=default_name,
        media=[(medium, t(f"variants.medium.{medium}")) for medium in MEDIA],
        task_types=[(kind, t(f"variants.task.{kind.split(':')[1]}")) for kind in TASK_TYPES],
        labels=labels(),
        saved=saved,
        key=MODELER_KEY,
        on_save=_on_save,
    )


def show_outcome(outcome: Any) -> None:
    """The last save: stored (with a link to the comparison) or refused with the reason."""
    if not isinstance(outcome, dict):
        return
    if outcome["ok"]:
        st.success(t("variants.save.done", name=outcome["name"], id=outcome["version_id"]))
        st.page_link(
            "app_pages/compare_page.py",
            label=t("variants.save.to_compare"),
            icon=":material/compare:",
        )
    else:
        st.caption(t("variants.save.draft_kept"))
    for kind, message in outcome["messages"]:
        getattr(st, kind)(message)
