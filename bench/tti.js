// @ts-check
'use strict';
/* global document, MutationObserver -- in the page.evaluate callback, which runs in Chromium */

/**
 * Time from navigation start to the moment the page marks itself interactive: the first moment `ready`
 * (a selector) matches, by the page's own clock.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {string} ready
 * @returns {Promise<number>}
 */
async function timeToReady(page, url, ready) {
  await page.goto(url);
  return page.evaluate(
    (sel) =>
      new Promise((resolve) => {
        const done = () => document.querySelector(sel) && (resolve(performance.now()), true);
        if (!done())
          new MutationObserver(() => done()).observe(document.documentElement, {
            subtree: true,
            attributes: true,
            childList: true,
          });
      }),
    ready,
  );
}

module.exports = { timeToReady };
