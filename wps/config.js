// Where the task pane is hosted: the same dist/web the Excel add-in serves, taskpane.html under it.
// scripts/build-wps.js rewrites this file from ADDIN_BASE_URL; this default is the dev server.
window.JIXIAO_PANE_BASE = 'https://localhost:3000/';
