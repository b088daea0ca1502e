// Browser bundles. Today: the pure core as a library, which proves it runs without Node
// (any import of fs, path or a host fails this build). The Excel task pane entries join it
// with the add-in issue, after Microsoft's React task-pane template.
const path = require('path');

module.exports = (env, argv) => ({
  mode: argv.mode || 'production',
  devtool: 'source-map',
  entry: { 'jixiao-core': './src/core.ts' },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'JixiaoCore', type: 'umd' },
    globalObject: 'this',
    clean: true,
  },
  resolve: {
    extensions: ['.ts', '.js'],
    fallback: { fs: false, path: false, os: false, worker_threads: false, child_process: false },
  },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } },
    ],
  },
  performance: { hints: false },
});
