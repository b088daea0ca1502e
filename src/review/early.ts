import { storedToken } from './session';

// The desk's first script, a few hundred bytes that run before the bundle: a signed-in page (a reload)
// asks for the list at once, so the server works while the bundle is read. The path is API_PREFIX's
// (src/submit/protocol.ts), written out: importing it would bring zod into this script.
declare global {
  interface Window {
    /** the unfiltered list's answer, asked for by this script */
    __deskFirstList?: Promise<Response>;
  }
}

const token = storedToken();
if (token) {
  const first = fetch('/api/v1/declarations', {
    headers: { authorization: `Bearer ${token}` },
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  first.catch(() => undefined); // the desk's own call reports a failure
  window.__deskFirstList = first;
}
