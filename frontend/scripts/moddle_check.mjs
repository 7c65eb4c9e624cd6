#!/usr/bin/env node
// Read BPMN files with bpmn-moddle (the parser behind bpmn-js) and report what it saw.
//
// Usage: node scripts/moddle_check.mjs FILE.bpmn [FILE.bpmn ...]
//
// Prints one JSON line per file, in argument order:
//   {"file", "ok", "warnings": [message, ...],
//    "counts": {task, event, gateway, sequenceFlow, messageFlow, participant, lane, shape, edge}}
// plus "error" when the file could not be read at all (ok is then false). Counts come from
// walking the containment tree (semantic model and DI), so elements without an id count
// too and references are never followed twice. Content inside extensionElements is not
// counted, as in tests/test_corpus.py. The exit code is 0 when every file was read (with
// or without warnings), 1 when at least one could not be read, 2 on wrong usage.

import { readFile } from 'node:fs/promises';

import { BpmnModdle } from 'bpmn-moddle';

/** Count keys and the moddle type each one counts (subtypes included). */
const COUNTED = [
  ['task', 'bpmn:Task'],
  ['event', 'bpmn:Event'],
  ['gateway', 'bpmn:Gateway'],
  ['sequenceFlow', 'bpmn:SequenceFlow'],
  ['messageFlow', 'bpmn:MessageFlow'],
  ['participant', 'bpmn:Participant'],
  ['lane', 'bpmn:Lane'],
  ['shape', 'bpmndi:BPMNShape'],
  ['edge', 'bpmndi:BPMNEdge'],
];

function emptyCounts() {
  return Object.fromEntries(COUNTED.map(([key]) => [key, 0]));
}

/** Walk contained elements depth first, following containment but never references. */
function countElements(root) {
  const counts = emptyCounts();
  const seen = new Set();
  const stack = [root];

  while (stack.length) {
    const element = stack.pop();
    if (!element || typeof element !== 'object' || seen.has(element)) {
      continue;
    }
    seen.add(element);
    if (typeof element.$instanceOf !== 'function') {
      continue; // a plain value, or an unknown (vendor) element kept as generic data
    }
    for (const [key, type] of COUNTED) {
      if (element.$instanceOf(type)) {
        counts[key] += 1;
      }
    }
    if (element.$instanceOf('bpmn:ExtensionElements')) {
      continue;
    }
    const descriptor = element.$descriptor;
    for (const property of descriptor.properties || []) {
      if (property.isReference || property.isAttr) {
        continue;
      }
      const value = element.get(property.name);
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          stack.push(value[i]);
        }
      } else if (value && typeof value === 'object') {
        stack.push(value);
      }
    }
  }
  return counts;
}

async function check(file, moddle) {
  try {
    const xml = await readFile(file, 'utf8');
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    return {
      file,
      ok: true,
      warnings: warnings.map((warning) => warning.message),
      counts: countElements(rootElement),
    };
  } catch (err) {
    return {
      file,
      ok: false,
      warnings: (err.warnings || []).map((warning) => warning.message),
      counts: emptyCounts(),
      error: String(err && err.message ? err.message : err),
    };
  }
}

async function main(files) {
  if (!files.length) {
    process.stderr.write('usage: node moddle_check.mjs FILE.bpmn [FILE.bpmn ...]\n');
    return 2;
  }
  const moddle = new BpmnModdle();
  let failed = false;
  for (const file of files) {
    const result = await check(file, moddle);
    failed = failed || !result.ok;
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
