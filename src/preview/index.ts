/**
 * The preview page's entry: an empty workbook, the fake Office globals over it, and the sheet view.
 * It runs before the task pane bundle, which then finds `Office` and `Excel` as it would in Excel.
 * `?lang=en|zh` sets Office's display language, `?api=1.8` the highest ExcelApi set the fake supports,
 * `?latency=300` the milliseconds each round trip takes.
 */
import { FakeWorkbook } from './fake/model';
import type { FakeExcel } from './fake/excel';
import { installOfficeGlobals } from './fake/globals';
import { mountSheetView } from './sheetView';

declare global {
  interface Window {
    __fakeWorkbook?: FakeWorkbook;
    __fakeExcel?: FakeExcel;
  }
}

const params = new URLSearchParams(window.location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh';
const api = params.get('api');

const workbook = new FakeWorkbook({ fontName: lang === 'en' ? 'Calibri' : '等线' });
workbook.addSheet('Sheet1');
if (api && /^1\.\d{1,2}$/.test(api)) workbook.maxApiVersion = api;
// ?latency=300 makes every round trip slow, to see the pane's busy states.
const latency = Number(params.get('latency'));
if (Number.isFinite(latency) && latency > 0) workbook.latencyMs = Math.min(latency, 10_000);

window.__fakeWorkbook = workbook;
window.__fakeExcel = installOfficeGlobals(workbook, { displayLanguage: lang === 'en' ? 'en-US' : 'zh-CN' });

function mount(): void {
  const host = document.getElementById('sheet');
  if (host) mountSheetView(host, workbook, { lang });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
