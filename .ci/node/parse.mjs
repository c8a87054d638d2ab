import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
const data = readFileSync(process.argv[2], 'utf8');
const comp = new ICAL.Component(ICAL.parse(data));
const out = comp.getAllSubcomponents('vevent').map(v => {
  const e = new ICAL.Event(v);
  const alarm = v.getFirstSubcomponent('valarm');
  return { uid: e.uid, summary: e.summary, description: e.description, start: e.startDate.toString(), isDate: e.startDate.isDate, end: e.endDate.toString(), categories: v.getFirstProperty('categories')?.getValues() ?? [], trigger: alarm ? alarm.getFirstPropertyValue('trigger').toString() : '' };
});
console.log(JSON.stringify({ prodid: comp.getFirstPropertyValue('prodid'), version: comp.getFirstPropertyValue('version'), events: out }));
