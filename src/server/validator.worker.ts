import { parentPort } from 'worker_threads';
import { BUILTIN, compileForm, type Form } from '../forms';
import { prepareSubmission, type Prepared } from './prepare';
import type { ValidateJob } from './validator';

/** A validator thread (validator.ts): parse, check and hash one body at a time. */

/** Published packages compiled here, by sha256: a published version never changes. */
const compiled = new Map<string, Form>();

function formOf(job: ValidateJob): Form | undefined {
  const f = job.form;
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

parentPort?.on('message', ({ id, job }: { id: number; job: ValidateJob }) => {
  let result: Prepared | undefined;
  try {
    const form = formOf(job);
    result = prepareSubmission(JSON.parse(job.text), form ? BUILTIN.with([form]) : BUILTIN, form);
  } catch {
    // A bug, not the client's doing: the server answers 500 and logs it.
    result = undefined;
  }
  parentPort?.postMessage({ id, result });
});
