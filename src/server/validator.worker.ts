import { parentPort } from 'worker_threads';
import { BUILTIN, compileForm, type Form, type FormSet } from '../forms';
import { openBody, parseJson, prepareSubmission } from './prepare';
import { countsOf, findingsOf } from './storedChecks';
import type { FormJob, FromWorker, ToWorker } from './validator';

/** A validator thread (validator.ts): parse a large body, then check and hash it, one at a time. */

/** Published packages compiled here, by sha256: a published version never changes. */
const compiled = new Map<string, Form>();
/** Bodies opened and not yet checked or dropped, by ticket. */
const kept = new Map<number, unknown>();

function formOf(f: FormJob | undefined): Form | undefined {
  if (!f) return undefined;
  if (!f.published) return BUILTIN.get(f.id, f.version);
  let form = compiled.get(f.published.sha256);
  if (!form) {
    const r = compileForm(JSON.parse(f.published.text), 'endpoint');
    if (!r.ok) throw new Error(`published form ${f.id} v${f.version} does not compile`);
    form = r.form;
    compiled.set(f.published.sha256, form);
  }
  return form;
}

/** The server's forms, as its catalog holds them: the built-ins and its published ones, in its order. */
let lastSet: { key: string; forms: FormSet } | undefined;
function formsOf(published: FormJob[]): FormSet {
  const key = published.map((f) => f.published?.sha256).join(' ');
  if (lastSet?.key !== key)
    lastSet = { key, forms: BUILTIN.with(published.map((f) => formOf(f)).filter((f) => f !== undefined)) };
  return lastSet.forms;
}

function answer(m: ToWorker): FromWorker | undefined {
  switch (m.op) {
    case 'open': {
      const raw = parseJson(m.text);
      if (raw === undefined) return { id: m.id, opened: null };
      kept.set(m.id, raw);
      return { id: m.id, opened: openBody(raw) };
    }
    case 'check': {
      // A body this thread does not hold (it was restarted in between) is the server's failure: 500.
      if (!kept.has(m.id)) throw new Error(`no body ${m.id}`);
      const raw = kept.get(m.id);
      kept.delete(m.id);
      const form = formOf(m.form);
      return { id: m.id, result: prepareSubmission(raw, form ? BUILTIN.with([form]) : BUILTIN, form) };
    }
    case 'drop':
      kept.delete(m.id);
      return undefined;
    case 'findings':
      return { id: m.id, findings: findingsOf(m.body, formsOf(m.published)) };
    case 'counts': {
      const forms = formsOf(m.published);
      return { id: m.id, counts: m.bodies.map((b) => countsOf(b, forms)) };
    }
  }
}

parentPort?.on('message', (m: ToWorker) => {
  let reply: FromWorker | undefined;
  try {
    reply = answer(m);
  } catch {
    // A bug, not the client's doing: the server answers 500 and logs it.
    kept.delete(m.id);
    reply = { id: m.id, failed: true };
  }
  if (reply) parentPort?.postMessage(reply);
});
