import { createRoot } from 'react-dom/client';
import {
  FluentProvider,
  RendererProvider,
  createDOMRenderer,
  webLightTheme,
} from '@fluentui/react-components';
import { htmlLang } from '../taskpane/boot';
import { App } from './App';
import { deskLang } from './session';
import { STRINGS } from './strings';

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
      <App lang={lang} />
    </FluentProvider>
  </RendererProvider>,
);
