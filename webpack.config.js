// @ts-check
// After Microsoft's React task-pane template (yo office): `taskpane` and `commands` entries, one
// HtmlWebpackPlugin page each, the dev server on https://localhost:3000 with office-addin-dev-certs,
// and the manifest copied with its URLs rewritten to ADDIN_BASE_URL for production.
// Our additions: a `preview` page that runs the real task pane against an in-browser fake of Excel, the
// `notice` dialog page of the ribbon's 插入行, and the bureau's review desk (review/index.html), which
// `jixiao serve` serves at /review/.
const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { rewriteManifest, DEFAULT_BASE } = require('./scripts/manifest');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

async function getHttpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (e) {
    // Trusting the CA needs sudo, which a container may lack; the certificates are generated before that
    // step, so serve with them and say how to trust them.
    const fs = require('fs');
    const d = require('office-addin-dev-certs/lib/defaults');
    if (!fs.existsSync(d.localhostCertificatePath)) throw e;
    console.warn(
      `\n${/** @type {Error} */ (e).message.split('\n')[0]}\nServing with the generated certificate; to trust it, install ${d.caCertificatePath} ` +
        'as a trusted CA (Linux: copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates).\n',
    );
    return {
      ca: fs.readFileSync(d.caCertificatePath),
      key: fs.readFileSync(d.localhostKeyPath),
      cert: fs.readFileSync(d.localhostCertificatePath),
    };
  }
}

/**
 * @param {Record<string, unknown>} env
 * @param {{ mode?: string }} argv
 * @returns {Promise<import('webpack').Configuration & { devServer: import('webpack-dev-server').Configuration }>}
 */
module.exports = async (env, argv) => {
  const dev = argv.mode === 'development';
  const base = dev ? DEFAULT_BASE : process.env.ADDIN_BASE_URL || DEFAULT_BASE;
  // Intranets that cannot reach Microsoft's CDN serve the copy from @microsoft/office-js.
  const localOfficeJs = process.env.OFFICE_JS === 'local';
  const officeJs = localOfficeJs ? 'office-js/office.js' : OFFICE_JS_CDN;
  // The notice dialog's Content-Security-Policy names Office.js's origin when it is not ours.
  const officeJsOrigin = localOfficeJs ? '' : new URL(OFFICE_JS_CDN).origin;
  const serving = !!env.WEBPACK_SERVE;

  return {
    mode: dev ? 'development' : 'production',
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      // the dialog in which the ribbon's 插入行 says why it inserted nothing
      notice: './src/commands/noticePage.ts',
      preview: './src/preview/index.ts',
      // The bureau's review desk, served by `jixiao serve` at /review/ (its files in review/).
      'review/early': './src/review/early.ts',
      'review/review': './src/review/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist', 'web'),
      // The desk's scripts carry their content's hash, so `jixiao serve` can let browsers keep them (and
      // the code compiled from them) for good; the add-in's keep the names the manifest and docs use.
      filename: (/** @type {{ chunk?: { name?: string | null } }} */ data) =>
        data.chunk?.name?.startsWith('review/') ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // The type check is `npm run lint`'s job; the bundle only needs the JavaScript.
          options: { transpileOnly: true, compilerOptions: { module: 'esnext' } },
        },
      ],
    },
    plugins: [
      // The bureau's endpoint, preset at build time: a clerk then pastes only the token.
      new webpack.DefinePlugin({
        __ADDIN_ENDPOINT_URL__: JSON.stringify(process.env.ADDIN_ENDPOINT_URL ?? ''),
        __ADDIN_VERSION__: JSON.stringify(require('./package.json').version),
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        filename: 'notice.html',
        template: './src/commands/notice.html',
        chunks: ['notice'],
        templateParameters: { officeJs, officeJsOrigin },
      }),
      new HtmlWebpackPlugin({
        filename: 'preview.html',
        template: './src/preview/preview.html',
        // the fake Excel must exist before the task pane starts
        chunks: ['preview', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/help/index.html', chunks: [] }),
      new HtmlWebpackPlugin({
        filename: 'review/index.html',
        template: './src/review/review.html',
        // the small first script asks for the list while the bundle loads
        chunks: ['review/early', 'review/review'],
        chunksSortMode: 'manual',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/commands/notice.css', to: 'notice.css' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : rewriteManifest(content.toString(), base)),
          },
          ...(localOfficeJs
            ? [
                {
                  from: 'node_modules/@microsoft/office-js/dist',
                  to: 'office-js',
                  // Office.js loads its own host and locale files, already minified: copy, do not minify.
                  globOptions: { ignore: ['**/*.debug.js'] },
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist', 'web') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: serving ? await getHttpsOptions() : {} },
      port: process.env.npm_package_config_dev_server_port || 3000,
      client: { overlay: false },
    },
  };
};
