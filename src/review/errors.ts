import type { DeskFailure } from './api';
import { DeskError } from './api';
import { fill, type Strings } from './strings';

/** What the page says for a failed call, in the page's language. */
export function failureText(s: Strings, e: unknown): string {
  const f: DeskFailure = e instanceof DeskError ? e.failure : { kind: 'server', status: 0 };
  switch (f.kind) {
    case 'invalid':
      return fill(s['error.invalid'], { detail: f.detail });
    case 'rateLimited':
      return fill(s['error.rateLimited'], { seconds: f.seconds });
    case 'server':
      return fill(s['error.server'], { status: f.status });
    default:
      return s[`error.${f.kind}`];
  }
}
