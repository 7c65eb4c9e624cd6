// The diagram of the analysis page: bpmn-js NavigatedViewer with findings marked.
//
// app_pages/bpmn_viewer.py ships this file as the ES module of a Streamlit
// components-v2 component, prefixed with the bpmn-js bundle from node_modules, which
// defines `BpmnJS` in the same module. Nothing is fetched from the network.
//
// Streamlit calls the default export again whenever the data from Python changes,
// with the same parent element. The viewer therefore lives on in a WeakMap keyed by
// that element: a new call updates markers, focus and labels, and re-imports only
// when the XML changed, so the user's zoom and pan survive a rerun.

/* global BpmnJS */

const SEVERITIES = ["high", "medium", "low"];
const DIFF_KINDS = ["added", "removed", "changed"];
const READABLE_SCALE = 0.8;
// Below this zoom a fitted diagram is a thin line of dots: open it at its start instead.
const OVERVIEW_SCALE = 0.2;
const instances = new WeakMap();

export default function mount(component) {
  const { data, parentElement, setTriggerValue } = component;
  let viewer = instances.get(parentElement);
  if (!viewer || !viewer.root.isConnected) {
    viewer = new FindingsViewer(parentElement);
    instances.set(parentElement, viewer);
  }
  viewer.sendSelect = (elementId) => setTriggerValue("select", elementId);
  viewer.update(data || {});
  // Streamlit runs this cleanup before every new call too; only a removed component
  // (the page changed) lets its viewer go.
  return () => {
    setTimeout(() => {
      if (!viewer.root.isConnected) {
        viewer.destroy();
        instances.delete(parentElement);
      }
    }, 0);
  };
}

function normalise(text) {
  return (text || "")
    .toLocaleLowerCase("de")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Top right of a shape; a pool's or lane's on its left, next to its name, where the
// eye starts reading (the right end of a wide pool may be out of view).
function badgePosition(element) {
  if (element.waypoints) {
    return { top: -12, left: -12 };
  }
  if (element.type === "bpmn:Participant" || element.type === "bpmn:Lane") {
    return { top: -12, left: 36 };
  }
  return { top: -12, right: 12 };
}

// Pools and lanes get a frame: a fill would flood everything inside them.
function focusClass(element) {
  const frame = element.type === "bpmn:Participant" || element.type === "bpmn:Lane";
  return frame ? "pa-focus-frame" : "pa-focus";
}

class FindingsViewer {
  constructor(parentElement) {
    this.root = parentElement.querySelector(".pa-viewer");
    this.canvasElement = this.root.querySelector(".pa-canvas");
    this.messageElement = this.root.querySelector(".pa-message");
    this.countElement = this.root.querySelector(".pa-search-count");
    this.searchInput = this.root.querySelector(".pa-search");
    this.labels = {};
    this.xml = null;
    this.imported = false;
    this.markerClasses = new Map(); // element id -> marker class
    this.markerIds = new Set();
    this.focusIds = [];
    this.focusToken = null;
    this.hits = [];
    this.hitIndex = -1;
    // Until the user zooms, pans or a focus moves the view, the diagram is kept fitted:
    // the component's width settles only after the first layout of the page.
    this.autoFit = true;
    this.sendSelect = () => {};
    this.bpmn = new BpmnJS({ container: this.canvasElement });
    this.bindToolbar();
    this.bindDiagram();
    this.resizeObserver = new ResizeObserver(() => this.resized());
    this.resizeObserver.observe(this.canvasElement);
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.bpmn.destroy();
  }

  get canvas() {
    return this.bpmn.get("canvas");
  }

  get registry() {
    return this.bpmn.get("elementRegistry");
  }

  // diagram-js caches the container's size: tell it whenever the size changed.
  resized() {
    if (this.canvasElement.clientWidth === 0) {
      return;
    }
    this.canvas.resized();
    if (this.autoFit && this.imported) {
      this.initialView();
    }
  }

  // Updates run one after the other: a second import must not interleave with the first.
  update(data) {
    this.pending = (this.pending || Promise.resolve())
      .then(() => this.apply(data))
      .catch((error) => this.showMessage(String(error)));
    return this.pending;
  }

  async apply(data) {
    this.applyLabels(data.labels || {});
    const height = `${Math.max(200, data.height || 560)}px`;
    if (this.canvasElement.style.height !== height) {
      this.canvasElement.style.height = height;
      this.resized();
    }
    if (data.xml !== this.xml) {
      const imported = await this.importXml(data.xml || "");
      if (!imported) {
        return;
      }
      this.focusToken = null;
    }
    this.applyMarkers(data.markers || []);
    // The compare page draws a diff, not findings: no severity legend there.
    this.root.classList.toggle("pa-diff-mode", data.colours != null);
    this.applyColours(data.colours || {});
    this.applyFocus(data.focus || { ids: [], token: null });
  }

  async importXml(xml) {
    this.xml = xml;
    this.imported = false;
    this.clearMarkers();
    this.coloursKey = null; // a new diagram: its elements need their colours again
    this.colourClasses = new Map();
    try {
      await this.bpmn.importXML(xml);
    } catch (error) {
      this.showMessage(`${this.labels.import_error || "Import error"}: ${error.message}`);
      return false;
    }
    if (this.registry.getAll().length <= 1) {
      this.showMessage(this.labels.no_diagram || "No diagram");
      return false;
    }
    this.showMessage(null);
    this.imported = true;
    this.autoFit = true;
    this.initialView();
    this.search(this.searchInput.value);
    return true;
  }

  showMessage(text) {
    this.messageElement.hidden = !text;
    this.messageElement.textContent = text || "";
  }

  fit() {
    if (this.canvasElement.clientWidth === 0) {
      return;
    }
    this.canvas.resized();
    this.canvas.zoom("fit-viewport", "auto");
    // A margin, so badges on the outermost shapes (a pool's corner) stay in view.
    this.canvas.zoom(this.canvas.zoom() * 0.95, "auto");
  }

  // The whole diagram if it is legible that way, else its left end (where processes
  // start) at a readable size; "Fit" still shows the whole.
  initialView() {
    this.fit();
    const viewbox = this.canvas.viewbox();
    if (viewbox.scale >= OVERVIEW_SCALE || !viewbox.inner.width) {
      return;
    }
    const inner = viewbox.inner;
    const fitsHeight = viewbox.outer.height / (inner.height + 40);
    // Wide and low: the full height at the left end; wide and tall: the top left corner.
    const scale = fitsHeight >= OVERVIEW_SCALE ? Math.min(READABLE_SCALE, fitsHeight) : 0.6;
    const width = viewbox.outer.width / scale;
    const height = viewbox.outer.height / scale;
    this.canvas.viewbox({
      x: inner.x - 20,
      y: fitsHeight >= OVERVIEW_SCALE ? inner.y + inner.height / 2 - height / 2 : inner.y - 20,
      width,
      height,
    });
  }

  zoomBy(factor) {
    this.autoFit = false;
    const current = this.canvas.zoom();
    this.canvas.zoom(Math.min(4, Math.max(0.1, current * factor)), "auto");
  }

  applyLabels(labels) {
    this.labels = labels;
    for (const element of this.root.querySelectorAll("[data-label]")) {
      const text = labels[element.dataset.label];
      if (text === undefined) {
        continue;
      }
      if (element.tagName === "INPUT") {
        element.placeholder = text;
        element.setAttribute("aria-label", text);
      } else if (element.dataset.icon !== undefined) {
        element.title = text;
        element.setAttribute("aria-label", text);
      } else {
        element.textContent = text;
      }
    }
  }

  bindToolbar() {
    this.root.querySelector(".pa-toolbar").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) {
        return;
      }
      const action = button.dataset.action;
      if (action === "fit") {
        this.autoFit = false; // the user's overview stays, even when the page resizes
        this.fit();
      }
      if (action === "zoom-in") this.zoomBy(1.25);
      if (action === "zoom-out") this.zoomBy(0.8);
      if (action === "next") this.step(1);
      if (action === "previous") this.step(-1);
    });
    this.searchInput.addEventListener("input", () => this.search(this.searchInput.value));
    this.searchInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.step(event.shiftKey ? -1 : 1);
      } else if (event.key === "Escape") {
        this.searchInput.value = "";
        this.search("");
      }
    });
  }

  bindDiagram() {
    for (const type of ["wheel", "mousedown", "touchstart"]) {
      this.canvasElement.addEventListener(type, () => (this.autoFit = false), { passive: true });
    }
    this.bpmn.get("eventBus").on("element.click", (event) => {
      const element = event.element.labelTarget || event.element;
      if (this.markerIds.has(element.id)) {
        this.sendSelect(element.id);
      }
    });
  }

  // -- findings markers ------------------------------------------------------------

  clearMarkers() {
    const overlays = this.bpmn.get("overlays");
    overlays.remove({ type: "pa-findings" });
    for (const [id, marker] of this.markerClasses) {
      if (this.registry.get(id)) {
        this.canvas.removeMarker(id, marker);
      }
    }
    this.markerClasses.clear();
    this.markerIds.clear();
    this.markersKey = null;
  }

  applyMarkers(markers) {
    const key = JSON.stringify(markers);
    if (key === this.markersKey) {
      return;
    }
    this.markersKey = key;
    this.clearMarkers();
    const overlays = this.bpmn.get("overlays");
    for (const marker of markers) {
      const element = this.registry.get(marker.element_id);
      if (!element) {
        continue; // an element without a shape (e.g. a lane-less node missing from DI)
      }
      const severity = SEVERITIES.includes(marker.severity) ? marker.severity : "low";
      const className = `pa-sev-${severity}`;
      this.canvas.addMarker(element.id, className);
      this.markerClasses.set(element.id, className);
      this.markerIds.add(element.id);
      const badge = document.createElement("button");
      badge.type = "button";
      badge.className = `pa-badge ${className}`;
      badge.textContent = String(marker.finding_ids.length);
      badge.title = `${marker.finding_ids.length} ${this.labels.findings || "findings"}`;
      badge.dataset.elementId = element.id;
      badge.addEventListener("click", (event) => {
        event.stopPropagation();
        this.sendSelect(element.id);
      });
      overlays.add(element.id, "pa-findings", {
        position: badgePosition(element),
        html: badge,
        // Readable when zoomed out, not huge when zoomed in; hidden where the diagram is
        // a mere overview and hundreds of badges would cover it.
        scale: { min: 0.6, max: 1.2 },
        show: { minZoom: 0.15 },
      });
    }
  }

  // -- diff colours from the compare page (added, removed, changed) -----------------------

  applyColours(colours) {
    const key = JSON.stringify(colours);
    if (key === this.coloursKey) {
      return;
    }
    this.coloursKey = key;
    for (const [id, className] of this.colourClasses || []) {
      if (this.registry.get(id)) {
        this.canvas.removeMarker(id, className);
      }
    }
    this.colourClasses = new Map();
    for (const [id, change] of Object.entries(colours)) {
      if (!DIFF_KINDS.includes(change) || !this.registry.get(id)) {
        continue;
      }
      const element = this.registry.get(id);
      const frame = element.type === "bpmn:Participant" || element.type === "bpmn:Lane";
      const className = frame ? `pa-diff-${change}-frame` : `pa-diff-${change}`;
      this.canvas.addMarker(id, className);
      this.colourClasses.set(id, className);
    }
  }

  // -- focus from Python (a selected finding or element) ------------------------------

  applyFocus(focus) {
    if (focus.token === this.focusToken) {
      return;
    }
    this.focusToken = focus.token;
    for (const id of this.focusIds) {
      if (this.registry.get(id)) {
        this.canvas.removeMarker(id, focusClass(this.registry.get(id)));
      }
    }
    this.focusIds = (focus.ids || []).filter((id) => this.registry.get(id));
    for (const id of this.focusIds) {
      this.canvas.addMarker(id, focusClass(this.registry.get(id)));
    }
    if (this.focusIds.length) {
      this.reveal(this.focusIds.map((id) => this.registry.get(id)));
    }
  }

  // Centre the elements at a readable zoom (a fitted 300-element model is too small to
  // read), zooming out only as far as needed to show them all.
  reveal(elements) {
    if (this.canvasElement.clientWidth === 0) {
      return;
    }
    this.autoFit = false;
    const boxes = elements.map((element) => this.bounds(element));
    const x0 = Math.min(...boxes.map((b) => b.x));
    const y0 = Math.min(...boxes.map((b) => b.y));
    const x1 = Math.max(...boxes.map((b) => b.x + b.width));
    const y1 = Math.max(...boxes.map((b) => b.y + b.height));
    const viewbox = this.canvas.viewbox();
    const padding = 80;
    const scale = Math.min(
      Math.max(viewbox.scale, READABLE_SCALE),
      viewbox.outer.width / (x1 - x0 + 2 * padding),
      viewbox.outer.height / (y1 - y0 + 2 * padding),
    );
    const width = viewbox.outer.width / scale;
    const height = viewbox.outer.height / scale;
    this.canvas.viewbox({
      x: (x0 + x1) / 2 - width / 2,
      y: (y0 + y1) / 2 - height / 2,
      width,
      height,
    });
  }

  bounds(element) {
    if (element.waypoints) {
      const xs = element.waypoints.map((p) => p.x);
      const ys = element.waypoints.map((p) => p.y);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
    }
    return { x: element.x, y: element.y, width: element.width, height: element.height };
  }

  // -- search by label ---------------------------------------------------------------

  search(query) {
    for (const element of this.hits) {
      this.canvas.removeMarker(element.id, "pa-hit");
    }
    this.hits = [];
    this.hitIndex = -1;
    const wanted = normalise(query);
    if (wanted) {
      this.hits = this.registry.filter((element) => {
        if (element.labelTarget || !element.businessObject || element.type === "label") {
          return false;
        }
        const business = element.businessObject;
        return normalise(business.name || business.text).includes(wanted);
      });
      for (const element of this.hits) {
        this.canvas.addMarker(element.id, "pa-hit");
      }
    }
    this.showCount();
    if (this.hits.length) {
      this.step(1);
    }
  }

  step(direction) {
    if (!this.hits.length) {
      return;
    }
    const previous = this.hits[this.hitIndex];
    if (previous) {
      this.canvas.removeMarker(previous.id, "pa-hit-current");
    }
    this.hitIndex = (this.hitIndex + direction + this.hits.length) % this.hits.length;
    const current = this.hits[this.hitIndex];
    this.canvas.addMarker(current.id, "pa-hit-current");
    this.reveal([current]);
    this.showCount();
  }

  showCount() {
    if (!this.searchInput.value.trim()) {
      this.countElement.textContent = "";
    } else if (!this.hits.length) {
      this.countElement.textContent = this.labels.no_hits || "0";
    } else {
      this.countElement.textContent = `${this.hitIndex + 1} / ${this.hits.length}`;
    }
  }
}
