// Types for scripts/manifest.js (CommonJS, also required by webpack.config.js).

/** The base every URL in the source manifest.xml uses: the dev server, 'https://localhost:3000/'. */
export declare const DEFAULT_BASE: string;

/** An absolute https URL without query or fragment, ending in '/'. Throws an Error for anything else. */
export declare function normaliseBase(baseUrl: string): string;

/**
 * The manifest with every 'https://localhost:3000/' replaced by baseUrl (normalised to end in '/'),
 * and an AppDomain of the default origin by the base's origin. Throws an Error for a non-https base.
 */
export declare function rewriteManifest(xml: string, baseUrl: string): string;

export interface CheckOptions {
  /** Where the icon files must exist (by file name). Default: the repository's assets/. */
  assetsDir?: string;
}

/** Problems with the manifest, one sentence each; empty when there are none. */
export declare function checkManifest(xml: string, baseUrl?: string, options?: CheckOptions): string[];
