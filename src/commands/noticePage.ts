/**
 * The notice dialog's page: the message for its URL's query, as text, and an OK button that tells the
 * ribbon command (Office.context.ui.messageParent), which closes the dialog.
 */
import { noticeText } from './notice';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`notice.html has no #${id}`);
  return el;
};

const words = noticeText(location.search);
document.documentElement.lang = words.lang === 'en' ? 'en' : 'zh-CN';
document.title = words.title;
byId('title').textContent = words.title;
byId('message').textContent = words.message;
const detail = byId('detail');
detail.textContent = words.detail;
detail.hidden = !words.detail;
const ok = byId('ok');
ok.textContent = words.ok;
ok.addEventListener('click', () => {
  // Outside Office (the page opened by itself) there is no parent to tell; the button then does nothing.
  if (typeof Office === 'undefined') return;
  void Office.onReady(() => Office.context.ui.messageParent('ok'));
});
ok.focus();
