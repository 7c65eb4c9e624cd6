#!/usr/bin/env node
// Set pa: attributes on one element with bpmn-moddle and our descriptor, as the
// modeller's properties panel does, and print the saved XML (tests/test_modeler.py).
//
// Usage: node modeler/pa_roundtrip.mjs FILE.bpmn ELEMENT_ID '{"medium": "paper"}'
// Exit code 1 when the file cannot be read or the element is missing.

import { readFile } from 'node:fs/promises';

import { BpmnModdle } from 'bpmn-moddle';

const [file, elementId, json] = process.argv.slice(2);
const descriptor = JSON.parse(
  await readFile(new URL('./pa_moddle.json', import.meta.url), 'utf-8'),
);
const moddle = new BpmnModdle({ pa: descriptor });
const { rootElement, elementsById } = await moddle.fromXML(await readFile(file, 'utf-8'));
const element = elementsById[elementId];
if (!element) {
  console.error(`no element ${elementId}`);
  process.exit(1);
}
for (const [name, value] of Object.entries(JSON.parse(json || '{}'))) {
  element.set(`pa:${name}`, value);
}
const { xml } = await moddle.toXML(rootElement, { format: true });
process.stdout.write(xml);
