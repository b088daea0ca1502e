#!/usr/bin/env node
// @ts-check
// Renders assets/icon.svg to the PNG sizes the add-in manifest names (icon-16.png … icon-128.png),
// with a transparent background, by screenshotting it in headless Chromium.
// Run: node scripts/icons.js
'use strict';
/* global document -- in the page.waitForFunction callback, which runs in Chromium */
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');
const { chromium } = require('playwright-core');

const SIZES = [16, 32, 64, 80, 128];
const ASSETS = join(__dirname, '..', 'assets');
const { executablePath: CHROMIUM, args: ARGS } = require('./chromium');

/**
 * @param {string} svg
 * @param {number} size
 */
function pageFor(svg, size) {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  return (
    '<!doctype html><html><head><style>' +
    'html,body{margin:0;padding:0;background:transparent}img{display:block}' +
    `</style></head><body><img src="${src}" width="${size}" height="${size}" alt=""></body></html>`
  );
}

async function main() {
  const svg = readFileSync(join(ASSETS, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({
        viewport: { width: size, height: size },
        deviceScaleFactor: 1,
      });
      try {
        const page = await context.newPage();
        await page.setContent(pageFor(svg, size));
        await page.waitForFunction(() => {
          const img = document.querySelector('img');
          return img !== null && img.complete && img.naturalWidth > 0;
        });
        const png = await page.screenshot({
          omitBackground: true,
          clip: { x: 0, y: 0, width: size, height: size },
        });
        const file = join(ASSETS, `icon-${size}.png`);
        writeFileSync(file, png);
        console.log(`wrote ${file} (${png.length} bytes)`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
