// @ts-check
// The add-in manifest (manifest.xml): point it at where the add-in is hosted, and check it offline.
// Used by webpack.config.js (the production build writes dist/web/manifest.xml through
// rewriteManifest) and by test/scripts/manifest.test.ts. Types: scripts/manifest.d.ts.
'use strict';
const { existsSync } = require('fs');
const { join, basename } = require('path');
const { XMLParser, XMLValidator } = require('fast-xml-parser');

/** The base every URL in the source manifest uses (the dev server of Microsoft's template). */
const DEFAULT_BASE = 'https://localhost:3000/';
const DEFAULT_ASSETS_DIR = join(__dirname, '..', 'assets');

/** Office's limits on resource strings and resource ids (add-in only manifest reference). */
const SHORT_STRING_MAX = 125;
const LONG_STRING_MAX = 250;
const RESID_MAX = 32;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
const PERMISSIONS = ['Restricted', 'ReadDocument', 'ReadAllDocument', 'WriteDocument', 'ReadWriteDocument'];

/**
 * The base URL as the manifest uses it: an absolute https URL without query or fragment, ending in '/'.
 * Throws a clear Error otherwise (Office loads add-ins over HTTPS only).
 * @param {string} baseUrl
 * @returns {string}
 */
function normaliseBase(baseUrl) {
  let url;
  try {
    url = new URL(String(baseUrl).trim());
  } catch {
    throw new Error(`Add-in base URL "${baseUrl}" is not an absolute URL (expected https://host/path/)`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `Add-in base URL "${baseUrl}" is not https: Office loads add-ins only over HTTPS (expected https://host/path/)`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Add-in base URL "${baseUrl}" must not have credentials, a query or a fragment`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** @param {string} s */
function xmlEscape(s) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * The manifest with every https://localhost:3000/ replaced by baseUrl (normalised to end in '/'),
 * and an <AppDomain> of the default origin replaced by the base's origin (an AppDomain is an origin:
 * no path, no trailing slash).
 * @param {string} xml
 * @param {string} baseUrl
 * @returns {string}
 */
function rewriteManifest(xml, baseUrl) {
  const base = normaliseBase(baseUrl);
  const defaultOrigin = new URL(DEFAULT_BASE).origin;
  const origin = new URL(base).origin;
  return xml
    .split(DEFAULT_BASE)
    .join(xmlEscape(base))
    .replace(
      /(<AppDomain>\s*)([^<]*?)(\s*<\/AppDomain>)/g,
      (all, /** @type {string} */ open, value, close) =>
        value === defaultOrigin ? `${open}${xmlEscape(origin)}${close}` : all,
    );
}

// ---------------------------------------------------------------------------------------------
// A small element tree over fast-xml-parser's ordered output.

/**
 * An element: its qualified and local name, attributes (without prefix), trimmed text and child elements.
 * @typedef {{ name: string, local: string, attrs: Record<string, string>, text: string, children: XNode[] }} XNode
 */

/** @param {string} qname */
function localName(qname) {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * @param {Record<string, unknown>[]} items fast-xml-parser's output with preserveOrder
 * @returns {XNode[]}
 */
function toNodes(items) {
  /** @type {XNode[]} */
  const nodes = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined || name === '#text' || name === '#comment' || name.startsWith('?')) continue;
    /** @type {Record<string, string>} */
    const attrs = {};
    const raw = /** @type {Record<string, unknown>} */ (item[':@'] || {});
    for (const [k, v] of Object.entries(raw)) attrs[k.replace(/^@_/, '')] = String(v);
    const content = Array.isArray(item[name]) ? item[name] : [];
    const text = content
      .filter((c) => Object.prototype.hasOwnProperty.call(c, '#text'))
      .map((c) => String(c['#text']))
      .join('')
      .trim();
    nodes.push({ name, local: localName(name), attrs, text, children: toNodes(content) });
  }
  return nodes;
}

/**
 * @param {XNode | undefined} node
 * @param {string} local
 * @returns {XNode | undefined}
 */
function child(node, local) {
  return node ? node.children.find((c) => c.local === local) : undefined;
}

/**
 * @param {XNode | undefined} node
 * @param {string} local
 * @returns {XNode[]}
 */
function children(node, local) {
  return node ? node.children.filter((c) => c.local === local) : [];
}

/**
 * @param {XNode} node
 * @param {string} local
 * @param {XNode[]} [out]
 * @returns {XNode[]}
 */
function descendants(node, local, out = []) {
  for (const c of node.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

/**
 * Every element under node (node excluded), with its path of local names from the root.
 * @param {XNode} node
 * @param {string} path
 * @param {(el: XNode, path: string) => void} visit
 */
function walk(node, path, visit) {
  for (const c of node.children) {
    const p = `${path}/${c.local}`;
    visit(c, p);
    walk(c, p, visit);
  }
}

/**
 * DefaultValue and every <Override Value> of a locale-aware setting or resource.
 * @param {XNode} node
 */
function values(node) {
  /** @type {{ where: string, value: string }[]} */
  const out = [];
  if (node.attrs.DefaultValue !== undefined)
    out.push({ where: 'DefaultValue', value: node.attrs.DefaultValue });
  for (const o of children(node, 'Override')) {
    out.push({ where: `Override ${o.attrs.Locale || '(no Locale)'}`, value: o.attrs.Value ?? '' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * Problems with the manifest, as sentences (an empty array when there are none): well-formedness,
 * the required elements of a task-pane add-in for Excel, every URL under baseUrl (SupportUrl and the
 * GetStarted learn-more URL may be any https URL), resource ids defined and of the right kind,
 * Office's string length limits, and every image naming a file that exists in options.assetsDir
 * (default: the repository's assets/).
 * @param {string} xml
 * @param {string} [baseUrl]
 * @param {import('./manifest').CheckOptions} [options]
 * @returns {string[]}
 */
function checkManifest(xml, baseUrl = DEFAULT_BASE, options = {}) {
  const problems = [];
  const assetsDir = options.assetsDir || DEFAULT_ASSETS_DIR;

  let base;
  try {
    base = normaliseBase(baseUrl);
  } catch (err) {
    return [/** @type {Error} */ (err).message];
  }
  const origin = new URL(base).origin;

  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return [`manifest is not well-formed XML: ${msg} (line ${line}, column ${col})`];
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    commentPropName: '#comment',
  });
  const roots = toNodes(parser.parse(xml));
  const root = roots[0];
  if (!root || root.local !== 'OfficeApp') {
    return [`root element is <${root ? root.name : '(none)'}>, expected <OfficeApp>`];
  }
  if (root.attrs['xsi:type'] !== 'TaskPaneApp') {
    problems.push(`<OfficeApp> xsi:type is "${root.attrs['xsi:type'] ?? ''}", expected "TaskPaneApp"`);
  }

  // Required top-level elements.
  const text = (/** @type {string} */ local) => child(root, local)?.text ?? '';
  const id = text('Id');
  if (!GUID.test(id)) problems.push(`<Id> "${id}" is not a GUID`);
  const version = text('Version');
  if (!VERSION.test(version)) problems.push(`<Version> "${version}" is not of the form n.n.n.n`);
  if (!text('ProviderName')) problems.push('<ProviderName> is missing or empty');
  const locale = text('DefaultLocale');
  if (!LOCALE.test(locale)) problems.push(`<DefaultLocale> "${locale}" is missing or not a culture name`);
  for (const [local, max] of /** @type {[string, number][]} */ ([
    ['DisplayName', SHORT_STRING_MAX],
    ['Description', LONG_STRING_MAX],
  ])) {
    const node = child(root, local);
    if (!node || !node.attrs.DefaultValue) {
      problems.push(`<${local}> is missing or has no DefaultValue`);
      continue;
    }
    for (const v of values(node)) {
      if (v.value.length > max) {
        problems.push(`<${local}> ${v.where} is ${v.value.length} characters, more than ${max}`);
      }
    }
  }
  for (const local of ['IconUrl', 'HighResolutionIconUrl']) {
    const node = child(root, local);
    if (!node || !node.attrs.DefaultValue) problems.push(`<${local}> is missing or has no DefaultValue`);
  }
  const hosts = children(child(root, 'Hosts'), 'Host').map((h) => h.attrs.Name);
  if (!hosts.includes('Workbook')) problems.push('<Hosts> has no <Host Name="Workbook"> (Excel)');
  const source = child(child(root, 'DefaultSettings'), 'SourceLocation');
  if (!source || !source.attrs.DefaultValue) {
    problems.push('<DefaultSettings><SourceLocation> is missing or has no DefaultValue');
  }
  const permissions = text('Permissions');
  if (!PERMISSIONS.includes(permissions)) {
    problems.push(`<Permissions> "${permissions}" is not one of ${PERMISSIONS.join(', ')}`);
  }

  // VersionOverrides and its resources.
  const overrides = child(root, 'VersionOverrides');
  /** @typedef {'Image' | 'Url' | 'ShortString' | 'LongString'} ResourceKind */
  /** @type {Record<ResourceKind, Map<string, XNode>>} */
  const resources = { Image: new Map(), Url: new Map(), ShortString: new Map(), LongString: new Map() };
  if (!overrides) {
    problems.push('<VersionOverrides> is missing');
  } else {
    if (descendants(overrides, 'FunctionFile').length === 0) {
      problems.push('<VersionOverrides> has no <FunctionFile>');
    }
    const res = child(overrides, 'Resources');
    if (!res) problems.push('<VersionOverrides> has no <Resources>');
    /** @type {[string, string, ResourceKind][]} */
    const groups = [
      ['Images', 'Image', 'Image'],
      ['Urls', 'Url', 'Url'],
      ['ShortStrings', 'String', 'ShortString'],
      ['LongStrings', 'String', 'LongString'],
    ];
    const allIds = new Set();
    for (const [groupName, itemName, kind] of groups) {
      for (const item of children(child(res, groupName), itemName)) {
        const rid = item.attrs.id;
        if (!rid) {
          problems.push(`a <${item.name}> in <${groupName}> has no id`);
          continue;
        }
        if (allIds.has(rid)) problems.push(`resource id "${rid}" is defined more than once`);
        allIds.add(rid);
        resources[kind].set(rid, item);
        if (item.attrs.DefaultValue === undefined || item.attrs.DefaultValue === '') {
          problems.push(`resource "${rid}" has no DefaultValue`);
        }
      }
    }

    // String limits, and an en-US override when the default locale is another one.
    for (const [kind, max] of /** @type {[ResourceKind, number][]} */ ([
      ['ShortString', SHORT_STRING_MAX],
      ['LongString', LONG_STRING_MAX],
    ])) {
      for (const [rid, item] of resources[kind]) {
        for (const v of values(item)) {
          if (v.value.length > max) {
            problems.push(`${kind} "${rid}" ${v.where} is ${v.value.length} characters, more than ${max}`);
          }
        }
        if (locale && locale !== 'en-US') {
          const en = children(item, 'Override').some((o) => o.attrs.Locale === 'en-US' && o.attrs.Value);
          if (!en) problems.push(`${kind} "${rid}" has no <bt:Override Locale="en-US">`);
        }
      }
    }

    // Every resid defined, of the kind its element takes, and no longer than Office allows.
    /** @type {(el: XNode) => ResourceKind | undefined} */
    const expected = (el) => {
      if (el.local === 'Image') return 'Image';
      if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(el.local)) return 'Url';
      if (el.local === 'Description') return 'LongString';
      if (el.local === 'Label' || el.local === 'Title') return 'ShortString';
      return undefined;
    };
    walk(overrides, 'VersionOverrides', (el, path) => {
      const rid = el.attrs.resid;
      if (rid === undefined) return;
      if (rid.length > RESID_MAX) {
        problems.push(`resid "${rid}" (<${el.local}>) is ${rid.length} characters, more than ${RESID_MAX}`);
      }
      const kind = expected(el);
      const found = /** @type {ResourceKind[]} */ (Object.keys(resources)).filter((k) =>
        resources[k].has(rid),
      );
      if (found.length === 0) {
        problems.push(`resid "${rid}" (<${el.local}> at ${path}) is not defined in <Resources>`);
      } else if (kind && !found.includes(kind)) {
        problems.push(`resid "${rid}" (<${el.local}>) names a ${found[0]}, expected a ${kind}`);
      }
    });

    for (const fn of descendants(overrides, 'FunctionName')) {
      if (!fn.text) problems.push('an <Action xsi:type="ExecuteFunction"> has an empty <FunctionName>');
    }
  }

  // URLs: all under the base, except the support and learn-more pages (any https URL).
  const learnMore = new Set(
    overrides ? descendants(overrides, 'LearnMoreUrl').map((el) => el.attrs.resid) : [],
  );
  /** @type {{ label: string, value: string, free?: boolean, image?: boolean }[]} */
  const urls = [];
  for (const local of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
    const node = child(root, local);
    if (!node) continue;
    for (const v of values(node)) {
      urls.push({
        label: `<${local}> ${v.where}`,
        value: v.value,
        free: local === 'SupportUrl',
        image: local !== 'SupportUrl',
      });
    }
  }
  if (source) {
    for (const v of values(source)) urls.push({ label: `<SourceLocation> ${v.where}`, value: v.value });
  }
  for (const [rid, item] of resources.Url) {
    for (const v of values(item))
      urls.push({ label: `Url "${rid}" ${v.where}`, value: v.value, free: learnMore.has(rid) });
  }
  for (const [rid, item] of resources.Image) {
    for (const v of values(item))
      urls.push({ label: `Image "${rid}" ${v.where}`, value: v.value, image: true });
  }
  for (const u of urls) {
    if (u.free) {
      if (!/^https:\/\/[^/]/.test(u.value)) problems.push(`${u.label} "${u.value}" is not an https URL`);
      continue;
    }
    if (!u.value.startsWith(base)) {
      problems.push(`${u.label} "${u.value}" is not under the base ${base}`);
      continue;
    }
    if (u.image) {
      const rest = u.value.slice(base.length).replace(/[?#].*$/, '');
      const name = basename(rest);
      if (!rest.startsWith('assets/') || !existsSync(join(assetsDir, name))) {
        problems.push(`${u.label} "${u.value}" names no file in ${assetsDir} (looked for ${name})`);
      }
    }
  }
  for (const d of children(child(root, 'AppDomains'), 'AppDomain')) {
    if (d.text !== origin) {
      problems.push(
        `<AppDomain> "${d.text}" is not the origin of the base, "${origin}" (an origin: scheme, host and port, no trailing slash)`,
      );
    }
  }

  return problems;
}

// Checked against manifest.d.ts, the declarations TypeScript callers (the tests) compile against.
module.exports = /** @satisfies {typeof import('./manifest')} */ ({
  DEFAULT_BASE,
  normaliseBase,
  rewriteManifest,
  checkManifest,
});
