// The modeller page's editor: bpmn-js Modeler with a properties panel of our own.
//
// app_pages/bpmn_modeler.py ships this file as the ES module of a Streamlit
// components-v2 component, prefixed with the bpmn-js modeller bundle from node_modules
// (which defines `BpmnJS`), the moddle descriptor of the workbench's `pa:` namespace
// (`PA_MODDLE`, frontend/modeler/pa_moddle.json) and the bpmn icon font as a CSS
// @font-face rule (`BPMN_FONT_FACE`). Nothing is fetched from the network.
//
// What Python gets back: the trigger "save" with {xml, name, nonce, draft_key} when the
// user clicks "save as variant". Everything else stays in the browser: the draft is
// written to localStorage (keyed by the version being edited) after every change, so
// a reload or a rejected save loses nothing.

/* global BpmnJS, PA_MODDLE, BPMN_FONT_FACE */

const DRAFT_PREFIX = "processanalysis.modeler.draft:";
const FONT_STYLE_ID = "processanalysis-bpmn-font";
const instances = new WeakMap();

export default function mount(component) {
  const { data, parentElement, setTriggerValue } = component;
  installFont();
  let modeler = instances.get(parentElement);
  if (!modeler || !modeler.root.isConnected) {
    modeler = new Modeler(parentElement);
    instances.set(parentElement, modeler);
  }
  modeler.sendSave = (payload) => setTriggerValue("save", payload);
  modeler.update(data || {});
  return () => {
    setTimeout(() => {
      if (!modeler.root.isConnected) {
        modeler.destroy();
        instances.delete(parentElement);
      }
    }, 0);
  };
}

// @font-face does not work inside a shadow root (Chromium ignores it there): the
// palette's and context pad's icon font is declared once on the page itself.
function installFont() {
  if (typeof BPMN_FONT_FACE !== "string" || document.getElementById(FONT_STYLE_ID)) {
    return;
  }
  const style = document.createElement("style");
  style.id = FONT_STYLE_ID;
  style.textContent = BPMN_FONT_FACE;
  document.head.appendChild(style);
}

function readDraft(key) {
  try {
    const raw = window.localStorage.getItem(DRAFT_PREFIX + key);
    const draft = raw ? JSON.parse(raw) : null;
    return draft && typeof draft.xml === "string" ? draft : null;
  } catch (error) {
    return null; // storage disabled or a foreign value: no draft
  }
}

function writeDraft(key, draft) {
  try {
    window.localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
    return true;
  } catch (error) {
    return false; // quota or privacy mode: the editor still works, only without a draft
  }
}

function removeDraft(key) {
  try {
    window.localStorage.removeItem(DRAFT_PREFIX + key);
  } catch (error) {
    // nothing stored, nothing to remove
  }
}

// "12,5" (German) and "12.5" alike; null for anything that is not a number >= 0.
function parseAmount(text) {
  const cleaned = String(text).trim().replace(/\s/g, "").replace(",", ".");
  if (cleaned === "") {
    return "";
  }
  if (!/^\d+(\.\d+)?$/.test(cleaned)) {
    return null;
  }
  return cleaned;
}

function is(element, type) {
  const business = element && element.businessObject;
  return Boolean(business && business.$instanceOf && business.$instanceOf(type));
}

class Modeler {
  constructor(parentElement) {
    this.root = parentElement.querySelector(".pa-modeler");
    this.canvasElement = this.root.querySelector(".pa-canvas");
    this.panel = this.root.querySelector(".pa-properties");
    this.messageElement = this.root.querySelector(".pa-message");
    this.statusElement = this.root.querySelector(".pa-status");
    this.nameInput = this.root.querySelector(".pa-variant-name");
    this.discardButton = this.root.querySelector(".pa-discard");
    this.labels = {};
    this.options = { media: [], task_types: [] };
    this.baseXml = null;
    this.draftKey = null;
    this.savedNonce = null;
    this.selected = null;
    this.sendSave = () => {};
    this.bpmn = new BpmnJS({
      container: this.canvasElement,
      moddleExtensions: { pa: PA_MODDLE },
    });
    // Tests and the curious reach the editor through the element (no global).
    this.root.paModeler = this;
    this.bindToolbar();
    this.bindModeler();
    this.resizeObserver = new ResizeObserver(() => {
      if (this.canvasElement.clientWidth) {
        this.canvas.resized();
      }
    });
    this.resizeObserver.observe(this.canvasElement);
  }

  destroy() {
    this.resizeObserver.disconnect();
    clearTimeout(this.draftTimer);
    this.bpmn.destroy();
  }

  get canvas() {
    return this.bpmn.get("canvas");
  }

  get modeling() {
    return this.bpmn.get("modeling");
  }

  label(key, fallback) {
    const text = this.labels[key];
    return text === undefined ? fallback : text;
  }

  // Updates run one after the other: a second import must not interleave with the first.
  update(data) {
    this.pending = (this.pending || Promise.resolve())
      .then(() => this.apply(data))
      .catch((error) => this.showMessage(String(error)));
    return this.pending;
  }

  async apply(data) {
    this.labels = data.labels || {};
    this.options = { media: data.media || [], task_types: data.task_types || [] };
    this.applyLabels();
    const height = `${Math.max(300, data.height || 620)}px`;
    if (this.canvasElement.style.height !== height) {
      this.canvasElement.style.height = height;
      this.panel.style.height = height;
    }
    if (data.draft_key !== this.draftKey || data.xml !== this.baseXml) {
      this.draftKey = data.draft_key || "default";
      this.baseXml = data.xml || "";
      this.defaultName = data.default_name || "";
      await this.open();
    }
    const saved = data.saved;
    if (saved && saved.nonce !== this.savedNonce && saved.draft_key === this.draftKey) {
      this.savedNonce = saved.nonce;
      this.markSaved(saved.nonce);
    }
  }

  // The stored draft of this version if there is one, else the version itself.
  async open() {
    const draft = readDraft(this.draftKey);
    const xml = draft ? draft.xml : this.baseXml;
    this.nameInput.value = draft && draft.name ? draft.name : this.defaultName;
    const imported = await this.importXml(xml);
    if (!imported && draft) {
      // A broken draft must not lock the user out of the version itself.
      await this.importXml(this.baseXml);
      this.setStatus(this.label("draft_unreadable", "Draft unreadable; version opened"));
      return;
    }
    this.discardButton.hidden = !draft;
    this.setStatus(draft ? this.label("draft_restored", "Draft restored") : "");
  }

  async importXml(xml) {
    try {
      await this.bpmn.importXML(xml);
    } catch (error) {
      this.showMessage(`${this.label("import_error", "Import error")}: ${error.message}`);
      return false;
    }
    this.showMessage(null);
    this.fit();
    this.select(null);
    this.updateUndo();
    return true;
  }

  showMessage(text) {
    this.messageElement.hidden = !text;
    this.messageElement.textContent = text || "";
  }

  setStatus(text) {
    this.statusElement.textContent = text || "";
  }

  // The whole diagram, right of the palette (which floats over the canvas's left edge).
  fit() {
    if (!this.canvasElement.clientWidth) {
      return;
    }
    this.canvas.resized();
    this.canvas.zoom("fit-viewport", "auto");
    const viewbox = this.canvas.viewbox();
    const inner = viewbox.inner;
    if (!inner.width || !inner.height) {
      return;
    }
    const palette = this.root.querySelector(".djs-palette");
    const left = (palette ? palette.offsetWidth + palette.offsetLeft : 0) + 16;
    const scale = Math.min(
      2,
      (viewbox.outer.width - left - 16) / inner.width,
      (viewbox.outer.height - 32) / inner.height,
    );
    const height = viewbox.outer.height / scale;
    this.canvas.viewbox({
      x: inner.x - left / scale,
      y: inner.y + inner.height / 2 - height / 2,
      width: viewbox.outer.width / scale,
      height,
    });
  }

  applyLabels() {
    for (const element of this.root.querySelectorAll("[data-label]")) {
      const text = this.labels[element.dataset.label];
      if (text === undefined) {
        continue;
      }
      if (element.dataset.icon !== undefined) {
        element.title = text;
        element.setAttribute("aria-label", text);
      } else {
        element.textContent = text;
      }
    }
    this.nameInput.setAttribute("aria-label", this.label("variant_name", "Variant name"));
  }

  bindToolbar() {
    this.root.querySelector(".pa-toolbar").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) {
        return;
      }
      const action = button.dataset.action;
      const commandStack = this.bpmn.get("commandStack");
      if (action === "undo") commandStack.undo();
      if (action === "redo") commandStack.redo();
      if (action === "fit") this.fit();
      if (action === "zoom-in") this.canvas.zoom(Math.min(4, this.canvas.zoom() * 1.25));
      if (action === "zoom-out") this.canvas.zoom(Math.max(0.1, this.canvas.zoom() * 0.8));
      if (action === "save") this.save();
      if (action === "discard") this.discard();
    });
    this.nameInput.addEventListener("input", () => this.scheduleDraft());
    this.nameInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.save();
      }
    });
  }

  bindModeler() {
    const eventBus = this.bpmn.get("eventBus");
    eventBus.on("commandStack.changed", () => {
      this.updateUndo();
      this.scheduleDraft();
    });
    eventBus.on("selection.changed", (event) => {
      const elements = event.newSelection || [];
      this.select(elements.length === 1 ? elements[0] : null);
    });
    eventBus.on("elements.changed", (event) => {
      const ids = new Set(event.elements.map((element) => element.id));
      if (this.selected && ids.has(this.selected.id) && !this.panel.contains(document.activeElement)) {
        this.renderPanel();
      }
    });
  }

  updateUndo() {
    const commandStack = this.bpmn.get("commandStack");
    this.root.querySelector('[data-action="undo"]').disabled = !commandStack.canUndo();
    this.root.querySelector('[data-action="redo"]').disabled = !commandStack.canRedo();
  }

  // -- the draft in localStorage ------------------------------------------------------

  scheduleDraft() {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.storeDraft(), 300);
  }

  async storeDraft() {
    const { xml } = await this.bpmn.saveXML({ format: true });
    const stored = writeDraft(this.draftKey, {
      xml,
      name: this.nameInput.value,
      savedAt: Date.now(),
    });
    if (stored) {
      this.discardButton.hidden = false;
      this.setStatus(this.label("draft_kept", "Draft kept in this browser"));
    }
    return xml;
  }

  async discard() {
    removeDraft(this.draftKey);
    this.nameInput.value = this.defaultName;
    await this.importXml(this.baseXml);
    this.bpmn.get("commandStack").clear();
    this.updateUndo();
    this.discardButton.hidden = true;
    this.setStatus(this.label("draft_discarded", "Draft discarded"));
  }

  async save() {
    const name = this.nameInput.value.trim();
    if (!name) {
      this.setStatus(this.label("name_required", "Please name the variant"));
      this.nameInput.focus();
      return;
    }
    clearTimeout(this.draftTimer);
    const xml = await this.storeDraft(); // kept until the library confirms the save
    const nonce = Date.now();
    this.setStatus(this.label("saving", "Saving…"));
    this.sendSave({ xml, name, nonce, draft_key: this.draftKey });
  }

  // The library stored the variant: drop the draft unless the user edited on since.
  markSaved(nonce) {
    const draft = readDraft(this.draftKey);
    if (!draft || draft.savedAt <= nonce) {
      removeDraft(this.draftKey);
      this.discardButton.hidden = true;
    }
    this.setStatus(this.label("saved", "Saved"));
  }

  // -- properties panel -------------------------------------------------------------

  select(element) {
    this.selected = element && element.labelTarget ? element.labelTarget : element;
    this.renderPanel();
  }

  renderPanel() {
    const panel = this.panel;
    panel.textContent = "";
    let element = this.selected;
    if (element && !this.bpmn.get("elementRegistry").get(element.id)) {
      element = this.selected = null; // removed meanwhile (undo, delete)
    }
    if (!element) {
      element = this.canvas.getRootElement();
      if (!element || !element.businessObject) {
        return;
      }
    }
    const business = element.businessObject;
    const title = document.createElement("h4");
    title.textContent = business.name || this.label("unnamed", "(unnamed)");
    const kind = document.createElement("p");
    kind.className = "pa-kind";
    kind.textContent = `${business.$type.replace("bpmn:", "")} · ${element.id}`;
    panel.append(title, kind);
    for (const field of this.fieldsFor(element)) {
      this.renderField(field);
    }
    if (!this.selected) {
      const hint = document.createElement("p");
      hint.className = "pa-hint";
      hint.textContent = this.label("select_hint", "Select an element to edit it.");
      panel.append(hint);
    }
  }

  fieldsFor(element) {
    const fields = [];
    const business = element.businessObject;
    const isRoot = element === this.canvas.getRootElement();
    const flowNode = is(element, "bpmn:FlowNode");
    const activity = is(element, "bpmn:Activity");
    const data = is(element, "bpmn:DataObjectReference") || is(element, "bpmn:DataStoreReference");
    if (!isRoot || is(element, "bpmn:Process")) {
      fields.push(this.nameField(element));
    }
    if (is(element, "bpmn:Task")) {
      fields.push({
        key: "task_type",
        kind: "select",
        options: this.options.task_types,
        value: business.$type,
        set: (value) => this.replaceType(element, value),
      });
    }
    if (flowNode) {
      const lanes = this.lanesFor(element);
      if (lanes.length) {
        const current = lanes.find((lane) => (lane.businessObject.flowNodeRef || []).includes(business));
        fields.push({
          key: "unit",
          kind: "select",
          options: [
            ...(current ? [] : [["", "—"]]),
            ...lanes.map((lane) => [lane.id, lane.businessObject.name || lane.id]),
          ],
          value: current ? current.id : "",
          set: (value) => this.moveToLane(element, value),
        });
      }
    }
    if (activity || is(element, "bpmn:Event") || data) {
      fields.push(this.attributeSelect(element, "medium", "pa:medium", [
        ["", this.label("medium_auto", "(derived)")],
        ...this.options.media,
      ]));
    }
    if (activity || data) {
      fields.push(this.attributeText(element, "it_system", "pa:itSystem"));
    }
    if (activity) {
      fields.push(this.attributeAmount(element, "processing_time", "pa:processingTime"));
      fields.push(this.attributeAmount(element, "waiting_time", "pa:waitingTime"));
      fields.push(this.attributeAmount(element, "fixed_cost", "pa:fixedCost"));
    }
    if (is(element, "bpmn:SequenceFlow")) {
      fields.push(this.attributeAmount(element, "probability", "pa:probability", 1));
    }
    if (is(element, "bpmn:Lane")) {
      fields.push(this.attributeAmount(element, "staff", "pa:staff"));
      fields.push(this.attributeAmount(element, "cost_per_hour", "pa:costPerHour"));
    }
    if (is(element, "bpmn:Process")) {
      fields.push(this.attributeAmount(element, "cases_per_year", "pa:casesPerYear"));
    }
    if (is(element, "bpmn:Participant") && business.processRef) {
      fields.push(
        this.attributeAmount(element, "cases_per_year", "pa:casesPerYear", null, business.processRef),
      );
    }
    return fields;
  }

  nameField(element) {
    const business = element.businessObject;
    const isAnnotation = is(element, "bpmn:TextAnnotation");
    return {
      key: "name",
      kind: "text",
      value: (isAnnotation ? business.text : business.name) || "",
      set: (value) => {
        if (element.labelTarget || element.type === "label" || !isAnnotation) {
          this.modeling.updateLabel(element, value || null);
        } else {
          this.modeling.updateProperties(element, { text: value || undefined });
        }
      },
    };
  }

  // On the element itself, or (a participant's process) on another moddle object.
  attributeValue(element, attribute, target) {
    const business = target || element.businessObject;
    const value = business.get(attribute);
    return value === undefined || value === null ? "" : String(value);
  }

  writeAttribute(element, attribute, value, target) {
    const properties = { [attribute]: value === "" ? undefined : value };
    if (target) {
      this.modeling.updateModdleProperties(element, target, properties);
    } else {
      this.modeling.updateProperties(element, properties);
    }
  }

  attributeSelect(element, key, attribute, options) {
    return {
      key,
      kind: "select",
      options,
      value: this.attributeValue(element, attribute),
      set: (value) => this.writeAttribute(element, attribute, value),
    };
  }

  attributeText(element, key, attribute) {
    return {
      key,
      kind: "text",
      value: this.attributeValue(element, attribute),
      set: (value) => this.writeAttribute(element, attribute, value.trim()),
    };
  }

  attributeAmount(element, key, attribute, maximum = null, target = null) {
    return {
      key,
      kind: "amount",
      value: this.attributeValue(element, attribute, target),
      validate: (text) => {
        const value = parseAmount(text);
        return value !== null && (maximum === null || value === "" || Number(value) <= maximum);
      },
      set: (value) => this.writeAttribute(element, attribute, parseAmount(value), target),
    };
  }

  renderField(field) {
    const id = `pa-field-${field.key}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = this.label(`field_${field.key}`, field.key);
    let input;
    if (field.kind === "select") {
      input = document.createElement("select");
      const values = field.options.map(([value]) => value);
      const options = values.includes(field.value)
        ? field.options
        : [...field.options, [field.value, field.value]]; // a value we do not know stays
      for (const [value, text] of options) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = text;
        input.append(option);
      }
      input.value = field.value;
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.value = field.value;
      if (field.kind === "amount") {
        input.inputMode = "decimal";
      }
    }
    input.id = id;
    input.name = field.key;
    input.dataset.field = field.key;
    input.addEventListener("change", () => {
      if (field.validate && !field.validate(input.value)) {
        input.setAttribute("aria-invalid", "true");
        input.style.borderColor = "#c62828";
        hint.textContent = this.label("invalid_amount", "Please enter a number ≥ 0");
        return;
      }
      input.removeAttribute("aria-invalid");
      input.style.borderColor = "";
      field.set(input.value);
    });
    const hint = document.createElement("p");
    hint.className = "pa-hint";
    const help = this.labels[`help_${field.key}`];
    hint.textContent = help || "";
    this.panel.append(label, input, hint);
  }

  replaceType(element, type) {
    if (type === element.businessObject.$type) {
      return;
    }
    const replaced = this.bpmn.get("bpmnReplace").replaceElement(element, { type });
    this.bpmn.get("selection").select(replaced);
  }

  // Leaf lanes of the element's pool (or of the whole diagram without pools).
  lanesFor(element) {
    let pool = element.parent;
    while (pool && !is(pool, "bpmn:Participant") && pool.parent) {
      pool = pool.parent;
    }
    const registry = this.bpmn.get("elementRegistry");
    return registry
      .filter((shape) => is(shape, "bpmn:Lane") && !(shape.businessObject.childLaneSet))
      .filter((lane) => !is(pool, "bpmn:Participant") || this.insideOf(lane, pool))
      .sort((a, b) => a.y - b.y);
  }

  insideOf(lane, pool) {
    let parent = lane.parent;
    while (parent) {
      if (parent === pool) {
        return true;
      }
      parent = parent.parent;
    }
    return false;
  }

  // Moving the shape into the lane's band: bpmn-js then updates the lane's flowNodeRef.
  moveToLane(element, laneId) {
    const lane = this.bpmn.get("elementRegistry").get(laneId);
    if (!lane) {
      return;
    }
    const centre = element.y + element.height / 2;
    const target = lane.y + lane.height / 2;
    this.modeling.moveElements([element], { x: 0, y: Math.round(target - centre) });
  }
}
