#!/usr/bin/env node
// @ts-check
// The WPS 表格 add-in package (npm run build:wps = npm run build && this). WPS does not load Office.js
// add-ins; it runs its own JS add-ins: a folder with ribbon.xml, index.html (→ config.js, main.js) and
// icons, which WPS finds through a list file. The task pane is the same hosted taskpane.html as the
// Excel add-in's (dist/web), opened with ?host=wps. Sources and install steps: docs/wps.md.
//
// Writes (default dist/wps/, or --out DIR / WPS_OUT_DIR):
//   online/   host it at ${ADDIN_BASE_URL}wps/, next to dist/web:
//     jixiao/          the add-in folder; WPS fetches <url>ribbon.xml, <url>index.html, …
//     jsplugins.xml    <jspluginonline name type url/>: the list an administrator points
//                      oem.ini's [Server] JSPluginsServer= at (organisation-wide deployment)
//     publish.html     the install page for one user ("publish" mode: WPS writes jsaddons/publish.xml)
//   offline/  for computers without the add-in server (the pane itself still comes from ADDIN_BASE_URL):
//     jixiao_<version>/          copied into %APPDATA%\kingsoft\wps\jsaddons\
//     publish.xml                its <jsplugin name type url version/> entry, to merge into jsaddons\publish.xml
//     README.txt                 those steps
//     jixiao-wps-offline.zip     all of the above in one file
//
// Environment: ADDIN_BASE_URL (where dist/web is hosted; default https://localhost:3000/), WPS_ADDIN_URL
// (where online/jixiao/ is hosted; default ${ADDIN_BASE_URL}wps/jixiao/), WPS_ADDIN_VERSION (1.0.0).
// Options: --out DIR, --web DIR (the built pane, default dist/web), --src DIR (the add-in sources,
// default wps/). Every XML written is checked for well-formedness; exit 1 with the reason otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { XMLValidator, XMLParser } = require('fast-xml-parser');
const { DEFAULT_BASE, normaliseBase } = require('./manifest');

const ROOT = path.join(__dirname, '..');
const NAME = 'jixiao';
const TYPE = 'et'; // WPS 表格 (ET); "wps" is 文字, "wpp" 演示
const DEFAULT_VERSION = '1.0.0';
/** The add-in folder's files, from the source folder (images/*.png are added). */
const ADDIN_FILES = ['ribbon.xml', 'index.html', 'main.js', 'config.js'];
const ZIP_NAME = `${NAME}-wps-offline.zip`;

class BuildError extends Error {}

/** @typedef {{ out?: string, web?: string, src?: string }} Options */

/**
 * @param {string[]} argv
 * @returns {Options}
 */
function parseArgs(argv) {
  /** @type {Options} */
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(out|web|src)(?:=(.*))?$/.exec(a);
    if (!m) throw new BuildError(`unknown argument "${a}" (expected --out DIR, --web DIR, --src DIR)`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (!value) throw new BuildError(`--${m[1]} needs a directory`);
    opts[/** @type {keyof Options} */ (m[1])] = path.resolve(value);
  }
  return opts;
}

/** @param {unknown} s */
function xmlEscape(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * An absolute https URL of a folder, ending in '/'; "…/index.html" is taken as its folder.
 * @param {string} raw
 * @param {string} what the setting's name, for the error
 */
function folderUrl(raw, what) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new BuildError(`${what} "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:') throw new BuildError(`${what} "${raw}" is not https`);
  if (url.search || url.hash) throw new BuildError(`${what} "${raw}" must not have a query or fragment`);
  url.pathname = url.pathname.replace(/\/index\.html$/, '/');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

// ---------------------------------------------------------------------------------------------
// Checks

/**
 * @param {string} text
 * @param {string} file its name, for the error
 */
function checkXml(text, file) {
  const result = XMLValidator.validate(text);
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw new BuildError(`${file} is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
}

const CALLBACK_ATTRS = /^(onLoad|onAction|onChange|get[A-Z]\w*)$/;

/**
 * The callback names ribbon.xml gives (onLoad, onAction, getImage, …), each once.
 * @param {string} xml
 * @returns {string[]}
 */
function ribbonCallbacks(xml) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', preserveOrder: true });
  /** @type {Set<string>} */
  const names = new Set();
  /** @param {Record<string, unknown>[]} items fast-xml-parser's ordered output */
  const visit = (items) => {
    for (const item of items) {
      for (const [k, v] of Object.entries(item[':@'] || {})) {
        if (CALLBACK_ATTRS.test(k.slice(2))) names.add(String(v));
      }
      for (const [k, v] of Object.entries(item)) if (k !== ':@' && Array.isArray(v)) visit(v);
    }
  };
  visit(parser.parse(xml));
  return [...names];
}

/**
 * ribbon.xml as WPS wants it: well-formed, the text starting "<customUI" (no XML declaration, no BOM:
 * wpsjs's publish page tests an online add-in's ribbon.xml for exactly that start), and every callback
 * it names defined as a global function in main.js.
 * @param {string} xml
 * @param {string} mainJs
 */
function checkRibbon(xml, mainJs) {
  if (xml.charCodeAt(0) === 0xfeff)
    throw new BuildError('ribbon.xml starts with a byte order mark; WPS wants "<customUI" first');
  if (/^\s*<\?xml/.test(xml))
    throw new BuildError(
      'ribbon.xml has an XML declaration (<?xml …?>); WPS wants none: remove the first line',
    );
  if (!xml.startsWith('<customUI'))
    throw new BuildError(
      'ribbon.xml must start with "<customUI" (nothing before it, not even a comment or a blank line)',
    );
  checkXml(xml, 'ribbon.xml');
  const missing = ribbonCallbacks(xml).filter(
    (name) => !new RegExp(`\\bfunction\\s+${name}\\s*\\(`).test(mainJs),
  );
  if (missing.length)
    throw new BuildError(`ribbon.xml names callbacks main.js does not define: ${missing.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// The files

/** @param {string} paneBase */
function configJs(paneBase) {
  return [
    '// Where the task pane is hosted (written by scripts/build-wps.js from ADDIN_BASE_URL).',
    `window.JIXIAO_PANE_BASE = ${JSON.stringify(paneBase)};`,
    '',
  ].join('\n');
}

/** @param {string} addinUrl */
function jspluginsXml(addinUrl) {
  return [
    '<jsplugins>',
    `  <jspluginonline name="${NAME}" type="${TYPE}" url="${xmlEscape(addinUrl)}"/>`,
    '</jsplugins>',
    '',
  ].join('\n');
}

/**
 * @param {string} folder
 * @param {string} version
 */
function publishXml(folder, version) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<jsplugins>',
    `  <jsplugin name="${NAME}" type="${TYPE}" url="${xmlEscape(folder)}" version="${xmlEscape(version)}" enable="enable" install="null"/>`,
    '</jsplugins>',
    '',
  ].join('\n');
}

/**
 * @param {string} template
 * @param {string} addinUrl
 */
function publishHtml(template, addinUrl) {
  const data = JSON.stringify({ name: NAME, addonType: TYPE, online: 'true', url: addinUrl }).replace(
    /</g,
    '\\u003c',
  );
  const re = /(<script type="application\/json" id="jixiao-addon">)[\s\S]*?(<\/script>)/;
  if (!re.test(template))
    throw new BuildError('publish.html has no <script type="application/json" id="jixiao-addon"> to fill in');
  return template.replace(re, (all, open, close) => `${open}${data}${close}`);
}

/**
 * @param {string} folder
 * @param {string} version
 * @param {string} entry
 * @param {string} paneBase
 */
function offlineReadme(folder, version, entry, paneBase) {
  return [
    `绩效目标申报 WPS 表格加载项（离线包）${version}`,
    '',
    '1. 完全退出 WPS。',
    `2. 把文件夹 ${folder} 复制到 %APPDATA%\\kingsoft\\wps\\jsaddons\\ （没有 jsaddons 文件夹就新建）。`,
    '3. 如果 jsaddons 里还没有 publish.xml，把本包的 publish.xml 也复制过去；',
    '   如果已经有，不要覆盖它（里面有别的加载项），用记事本打开它，把下面这一行加在 <jsplugins> 和 </jsplugins> 之间：',
    `   ${entry}`,
    '4. 重新启动 WPS 表格，功能区出现“绩效目标”选项卡。',
    `任务窗格仍从 ${paneBase}taskpane.html 加载，计算机需要能访问这个地址。详见 docs/wps.md。`,
    '',
    `jixiao WPS Spreadsheets add-in, offline package ${version}`,
    '',
    '1. Quit WPS.',
    `2. Copy the folder ${folder} into %APPDATA%\\kingsoft\\wps\\jsaddons\\ (create jsaddons if it is missing).`,
    "3. If jsaddons has no publish.xml yet, copy this package's publish.xml there too;",
    '   if it has one, do not replace it (it lists other add-ins): add this line between <jsplugins> and </jsplugins>:',
    `   ${entry}`,
    '4. Restart WPS Spreadsheets: a 绩效目标 tab appears.',
    `The task pane still loads from ${paneBase}taskpane.html, so the computer must reach that address. See docs/wps.md.`,
    '',
  ].join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// A store-only ZIP writer (no compression: the package is small, and every unzip reads method 0).

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** @param {Uint8Array} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * MS-DOS date and time of d (local time, 2-second resolution, 1980 at the earliest).
 * @param {Date} d
 */
function dosDateTime(d) {
  const year = Math.max(d.getFullYear(), 1980);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A ZIP archive of entries [{ name: 'a/b.txt', data: Buffer }], names in UTF-8 (flag bit 11).
 * @param {{ name: string, data: Buffer }[]} entries
 * @param {Date} [when]
 * @returns {Buffer}
 */
function zipStore(entries, when = new Date()) {
  const { time, date } = dosDateTime(when);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, nameBuf, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    // extra, comment, disk number, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------

/**
 * Every file under dir as [relative path with '/', absolute path], sorted.
 * @param {string} dir
 * @param {string} [prefix]
 * @returns {[string, string][]}
 */
function listFiles(dir, prefix = '') {
  /** @type {[string, string][]} */
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(abs, rel));
    else out.push([rel, abs]);
  }
  return out;
}

/**
 * @param {string} file
 * @param {string | Buffer} content
 * @returns {string} file
 */
function write(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/**
 * The add-in folder at dest: ribbon.xml, index.html, main.js, a config.js for paneBase, images/.
 * @param {string} src
 * @param {string} dest
 * @param {string} paneBase
 */
function writeAddinFolder(src, dest, paneBase) {
  for (const f of ADDIN_FILES) {
    const content = f === 'config.js' ? configJs(paneBase) : fs.readFileSync(path.join(src, f));
    write(path.join(dest, f), content);
  }
  const images = path.join(src, 'images');
  for (const f of fs.readdirSync(images).filter((n) => n.endsWith('.png'))) {
    write(path.join(dest, 'images', f), fs.readFileSync(path.join(images, f)));
  }
}

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string[]} [argv]
 */
function build(env = process.env, argv = process.argv.slice(2)) {
  const opts = parseArgs(argv);
  const out = opts.out || (env.WPS_OUT_DIR ? path.resolve(env.WPS_OUT_DIR) : path.join(ROOT, 'dist', 'wps'));
  const web = opts.web || path.join(ROOT, 'dist', 'web');
  const src = opts.src || path.join(ROOT, 'wps');
  const version = env.WPS_ADDIN_VERSION || DEFAULT_VERSION;
  if (!/^\d+(\.\d+){0,3}$/.test(version))
    throw new BuildError(`WPS_ADDIN_VERSION "${version}" is not of the form 1.2.3`);

  let paneBase;
  try {
    paneBase = normaliseBase(env.ADDIN_BASE_URL || DEFAULT_BASE);
  } catch (err) {
    throw new BuildError(`ADDIN_BASE_URL: ${/** @type {Error} */ (err).message}`);
  }
  const addinUrl = env.WPS_ADDIN_URL
    ? folderUrl(env.WPS_ADDIN_URL, 'WPS_ADDIN_URL')
    : `${paneBase}wps/${NAME}/`;

  if (!fs.existsSync(path.join(web, 'taskpane.html'))) {
    throw new BuildError(
      `${path.join(web, 'taskpane.html')} is missing: run npm run build first (npm run build:wps does both)`,
    );
  }
  const warnings = [];
  const manifestPath = path.join(web, 'manifest.xml');
  if (fs.existsSync(manifestPath) && !fs.readFileSync(manifestPath, 'utf8').includes(xmlEscape(paneBase))) {
    warnings.push(
      `${manifestPath} does not point at ${paneBase}: was dist/web built with the same ADDIN_BASE_URL?`,
    );
  }

  const ribbon = fs.readFileSync(path.join(src, 'ribbon.xml'), 'utf8');
  checkRibbon(ribbon, fs.readFileSync(path.join(src, 'main.js'), 'utf8'));
  const folder = `${NAME}_${version}`;
  const jsplugins = jspluginsXml(addinUrl);
  const publish = publishXml(folder, version);
  checkXml(jsplugins, 'jsplugins.xml');
  checkXml(publish, 'publish.xml');

  // Replace what an earlier run wrote (only our two folders: --out may be a directory with other things).
  const onlineDir = path.join(out, 'online');
  const offlineDir = path.join(out, 'offline');
  fs.rmSync(onlineDir, { recursive: true, force: true });
  fs.rmSync(offlineDir, { recursive: true, force: true });

  const written = [];
  writeAddinFolder(src, path.join(onlineDir, NAME), paneBase);
  written.push(path.join(onlineDir, NAME) + path.sep);
  written.push(write(path.join(onlineDir, 'jsplugins.xml'), jsplugins));
  written.push(
    write(
      path.join(onlineDir, 'publish.html'),
      publishHtml(fs.readFileSync(path.join(src, 'publish.html'), 'utf8'), addinUrl),
    ),
  );

  writeAddinFolder(src, path.join(offlineDir, folder), paneBase);
  written.push(path.join(offlineDir, folder) + path.sep);
  written.push(write(path.join(offlineDir, 'publish.xml'), publish));
  const entryLine = publish.split('\n').find((l) => l.includes('<jsplugin '));
  if (!entryLine) throw new Error('publish.xml has no <jsplugin> line');
  const entry = entryLine.trim();
  written.push(write(path.join(offlineDir, 'README.txt'), offlineReadme(folder, version, entry, paneBase)));
  const zipEntries = [
    ...listFiles(path.join(offlineDir, folder), folder),
    ['publish.xml', path.join(offlineDir, 'publish.xml')],
    ['README.txt', path.join(offlineDir, 'README.txt')],
  ].map(([name, abs]) => ({ name, data: fs.readFileSync(abs) }));
  written.push(write(path.join(offlineDir, ZIP_NAME), zipStore(zipEntries)));

  // What was written is what was checked.
  checkRibbon(
    fs.readFileSync(path.join(onlineDir, NAME, 'ribbon.xml'), 'utf8'),
    fs.readFileSync(path.join(onlineDir, NAME, 'main.js'), 'utf8'),
  );

  return {
    out,
    paneBase,
    addinUrl,
    folder,
    version,
    written,
    warnings,
    zipEntries: zipEntries.map((e) => e.name),
  };
}

function main() {
  let r;
  try {
    r = build();
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    console.error(`build-wps: ${err.message}`);
    process.exit(1);
  }
  const rel = (/** @type {string} */ p) => {
    const r = path.relative(process.cwd(), p);
    return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
  };
  for (const w of r.warnings) console.warn(`build-wps: warning: ${w}`);
  console.log(
    `WPS add-in "${NAME}" ${r.version} (type ${TYPE}), task pane ${r.paneBase}taskpane.html?host=wps`,
  );
  for (const p of r.written) console.log(`  wrote ${rel(p)}`);
  console.log('');
  console.log(`Host ${rel(path.join(r.out, 'online'))}/ so that its jixiao/ is at ${r.addinUrl}`);
  console.log(
    `  (by default ${r.paneBase}wps/, next to dist/web at ${r.paneBase}). Check: ${r.addinUrl}ribbon.xml must start with <customUI.`,
  );
  const listUrl = new URL('../jsplugins.xml', r.addinUrl).href;
  const pageUrl = new URL('../publish.html', r.addinUrl).href;
  console.log(`  One user: open ${pageUrl} in a browser and choose 安装.`);
  console.log(`  Organisation: oem.ini [Support] JsApiPlugin=true, [Server] JSPluginsServer=${listUrl}`);
  console.log(
    `Offline: give users ${rel(path.join(r.out, 'offline', ZIP_NAME))} (unzip into %APPDATA%\\kingsoft\\wps\\jsaddons\\, merge publish.xml).`,
  );
  console.log('Steps and caveats: docs/wps.md');
}

if (require.main === module) main();

module.exports = { build, zipStore, crc32, checkRibbon, ribbonCallbacks, BuildError, NAME, TYPE, ZIP_NAME };
