import { createRoot } from 'react-dom/client';
import {
  FluentProvider,
  RendererProvider,
  createDOMRenderer,
  webLightTheme,
} from '@fluentui/react-components';
import { htmlLang } from '../taskpane/boot';
import { DeskApi } from './api';
import { App } from './App';
import { deskLang, storedToken } from './session';
import { STRINGS } from './strings';

// Signed in already (a reload): the list the first script asked for is the first one shown.
const token = storedToken();
const signedIn = token ? new DeskApi(token).prefetch({}, window.__deskFirstList) : null;

// The server's Content-Security-Policy allows styles with this response's nonce only: Fluent's style
// elements carry it.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const renderer = createDOMRenderer(document, { styleElementAttributes: nonce ? { nonce } : {} });
const lang = deskLang();
document.documentElement.lang = htmlLang(lang);
document.title = STRINGS[lang].title;
// Set here, not in the page: the policy refuses inline style attributes too.
document.body.style.margin = '0';

let container = document.getElementById('container');
if (!container) {
  container = document.createElement('div');
  container.id = 'container';
  document.body.appendChild(container);
}
createRoot(container).render(
  <RendererProvider renderer={renderer} targetDocument={document}>
    <FluentProvider theme={webLightTheme}>
      <App lang={lang} signedIn={signedIn} />
    </FluentProvider>
  </RendererProvider>,
);
