/**
 * The preview page's entry: an empty workbook, the fake host globals over it, and the sheet view.
 * It runs before the task pane bundle, which then finds the host as it would in Excel or in WPS.
 * `?host=wps` simulates WPS 表格 (`window.Application` and `window.wps`, no Office.js); the default is
 * Excel (`Office`, `Excel`). `?lang=en|zh` sets the display language, `?api=1.8` the highest ExcelApi
 * set the Excel fake supports, `?latency=300` the milliseconds each Excel round trip takes. `?sheet=0`
 * leaves the sheet view out: the pane alone over the fake host, as in Excel, whose grid is its own
 * (the benchmark's pane time to interactive).
 */
import { FakeWorkbook } from './fake/model';
import type { FakeExcel } from './fake/excel';
import { installOfficeGlobals } from './fake/globals';
import type { EtApplication } from './et/application';
import { installEtGlobals } from './et/globals';
import { mountSheetView } from './sheetView';

declare global {
  interface Window {
    __fakeWorkbook?: FakeWorkbook;
    __fakeExcel?: FakeExcel;
    __fakeEt?: EtApplication;
  }
}

const params = new URLSearchParams(window.location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const host = params.get('host') === 'wps' ? 'wps' : 'excel';
const api = params.get('api');

// WPS 表格 in Chinese starts a workbook in 宋体 11; Excel in Chinese in 等线 11.
const fontName = host === 'wps' ? '宋体' : lang === 'en' ? 'Calibri' : '等线';
const workbook = new FakeWorkbook({ fontName });
workbook.addSheet('Sheet1');
if (api && /^1\.\d{1,2}$/.test(api)) workbook.maxApiVersion = api;
// ?latency=300 makes every round trip slow, to see the pane's busy states.
const latency = Number(params.get('latency'));
if (Number.isFinite(latency) && latency > 0) workbook.latencyMs = Math.min(latency, 10_000);

window.__fakeWorkbook = workbook;
if (host === 'wps') window.__fakeEt = installEtGlobals(workbook);
else
  window.__fakeExcel = installOfficeGlobals(workbook, { displayLanguage: lang === 'en' ? 'en-US' : 'zh-CN' });

const HOST_LABEL = {
  excel: { zh: 'Excel 模拟', en: 'Excel simulation' },
  wps: { zh: 'WPS 表格 模拟', en: 'WPS Spreadsheets simulation' },
} as const;

/** Say on the page which host is simulated: in the title and in a badge by the sheet tabs. */
function showHost(): void {
  const label = HOST_LABEL[host][lang];
  document.documentElement.dataset.host = host;
  document.title = document.title.replace(/\((?:Excel|WPS)[^)]*\)/, `(${label})`);
  if (!document.title.includes(label)) document.title = `${document.title} (${label})`;
  const badge = document.createElement('div');
  badge.id = 'host-badge';
  badge.textContent = label;
  badge.setAttribute('role', 'note');
  Object.assign(badge.style, {
    position: 'fixed',
    right: '348px',
    bottom: '4px',
    zIndex: '20',
    padding: '1px 8px',
    borderRadius: '9px',
    font: '12px sans-serif',
    color: '#fff',
    background: host === 'wps' ? '#c0392b' : '#217346',
    pointerEvents: 'none',
  });
  document.body.append(badge);
}

function mount(): void {
  showHost();
  const sheet = document.getElementById('sheet');
  if (sheet && params.get('sheet') !== '0') mountSheetView(sheet, workbook, { lang });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
