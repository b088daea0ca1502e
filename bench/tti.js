// @ts-check
'use strict';
/* global window, document, MutationObserver -- in callbacks that run in Chromium */

/**
 * Times from navigation start to the first moment each selector of `ready` matches (the page marking
 * itself interactive), by the page's own clock. The watch starts before the page's first script, so a
 * page that is ready before the test gets to look is not timed late.
 * @param {import('playwright-core').Page} page  a fresh page
 * @param {string} url
 * @param {...string} ready
 * @returns {Promise<number[]>}
 */
async function timesToReady(page, url, ...ready) {
  await page.addInitScript((sels) => {
    /** @type {Record<string, number>} */
    const seen = {};
    Object.defineProperty(window, '__ttiSeen', { value: seen });
    const look = () => {
      for (const s of sels) if (!(s in seen) && document.querySelector(s)) seen[s] = performance.now();
      return sels.every((s) => s in seen);
    };
    const watch = new MutationObserver(() => look() && watch.disconnect());
    watch.observe(document, { subtree: true, attributes: true, childList: true });
  }, ready);
  await page.goto(url);
  await page.waitForFunction(
    (sels) => {
      const seen = /** @type {Record<string, number>} */ (Reflect.get(window, '__ttiSeen'));
      return sels.every((s) => s in seen);
    },
    ready,
    { polling: 50 },
  );
  return page.evaluate(
    (sels) => sels.map((s) => /** @type {Record<string, number>} */ (Reflect.get(window, '__ttiSeen'))[s]),
    ready,
  );
}

/** The time to one selector: see timesToReady. */
const timeToReady = async (
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string} */ url,
  /** @type {string} */ ready,
) => (await timesToReady(page, url, ready))[0];

module.exports = { timeToReady, timesToReady };
