// `import source from './worker?thread'` gives the code of ./worker.ts and everything it imports, bundled into one
// string for `new Worker(source, { eval: true })` (src/threads.ts). A thread started that way resolves packages
// from the working directory, which in an installed app is anywhere: the bundle resolves them as the program that
// started it does instead (workerData.requireFrom). The build, the benchmarks and the tests all load it this way.
import { build } from 'esbuild';

export const threadSuffix = '?thread';

/** The thread's entry bundled with its imports; packages stay outside, as in the program's own bundles. */
export async function bundleThread(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    loader: { '.sql': 'text' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code =
    `(function (require, module, exports) {\n${result.outputFiles[0].text}\n})(` +
    "require('node:module').createRequire(require('node:worker_threads').workerData.requireFrom), { exports: {} }, {});\n";
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

/** The esbuild plugin (scripts/build.mjs, scripts/bench.mjs). */
export const threadSourcePlugin = {
  name: 'thread-source',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\?thread$/ }, async (args) => {
      const resolved = await esbuild.resolve(args.path.slice(0, -threadSuffix.length), { resolveDir: args.resolveDir, kind: args.kind });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: 'thread-source' };
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'thread-source' }, async (args) => {
      const { code, inputs } = await bundleThread(args.path);
      return { contents: `export default ${JSON.stringify(code)};`, loader: 'js', watchFiles: inputs };
    });
  },
};

/** The same for Vite, which runs the tests (vitest.config.ts). */
export const threadSourceVitePlugin = {
  name: 'thread-source',
  enforce: 'pre',
  async load(id) {
    if (!id.endsWith(threadSuffix)) return null;
    const { code } = await bundleThread(id.slice(0, -threadSuffix.length));
    return `export default ${JSON.stringify(code)};`;
  },
};
