/**
 * React for the browser tests. React and ReactDOM publish CommonJS only, which the test
 * runner serves to the browser as it is (no `module.exports` there). This plugin answers
 * `react` and `react-dom/client` with one ES module build of each (esbuild, shared chunks,
 * so there is one React), made on first request from the installed packages.
 */
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';

const PREFIX = '/__react/';
/** Bare specifier → the entry's name under /__react/. */
const ENTRIES = { react: 'react', 'react-dom/client': 'react-dom-client' };

export function reactEsmPlugin({ rootDir = process.cwd() } = {}) {
  let files;
  async function build() {
    // Named exports of a CommonJS module cannot be re-exported with `export *`: list them, read
    // in another process (loading React here would run it inside the test runner's console).
    const stub = (specifier) => {
      const listed = spawnSync(process.execPath, ['-p', `JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})))`], {
        cwd: rootDir,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (listed.status !== 0) throw new Error(`could not list the exports of ${specifier}: ${listed.stderr}`);
      const names = JSON.parse(listed.stdout).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      return `import m from '${specifier}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
    };
    const result = await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([specifier, name]) => [name, `react-esm:${specifier}`])),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      outdir: 'out',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      absWorkingDir: rootDir,
      plugins: [
        {
          name: 'react-esm-stubs',
          setup(b) {
            b.onResolve({ filter: /^react-esm:/ }, (args) => ({ path: args.path.slice('react-esm:'.length), namespace: 'react-esm' }));
            b.onLoad({ filter: /.*/, namespace: 'react-esm' }, (args) => ({ contents: stub(args.path), resolveDir: rootDir, loader: 'js' }));
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((file) => [file.path.slice(file.path.lastIndexOf('/out/') + '/out/'.length), file.text]));
  }
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (source in ENTRIES) return `${PREFIX}${ENTRIES[source]}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= build();
      const body = (await files).get(context.path.slice(PREFIX.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
