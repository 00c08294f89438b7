// ESLint flat config. The tools live in tools/lint (their own package and lockfile: typescript-eslint
// needs TypeScript <6.1, the root pins 7.0.2; docs/REFACTOR-PLAN.md §6). Install them with
// `npm ci --prefix tools/lint`, run `npm run lint` from the repo root.
//
// Syntax only (no parserOptions.project), so it is fast. What it checks:
// - the layer zones: `no-restricted-imports` per `files` glob, and `no-restricted-syntax` for what
//   that rule does not see: `import('…').T` types (TSImportType) and dynamic `import('…')`;
// - react-hooks' rules-of-hooks and exhaustive-deps in renderer/.
//
// One rule has one set of options per file: when two config objects match a file, the later one's
// options replace the earlier one's. So a file gets its options from one zone below (ZONES: the
// catch-all first, then zones that do not overlap), and each zone lists everything it forbids, the
// `electron` ban included.
import { builtinModules, createRequire } from 'node:module';

const requireLint = createRequire(new URL('./tools/lint/package.json', import.meta.url));
let tseslint, reactHooks;
try {
  tseslint = requireLint('typescript-eslint');
  reactHooks = requireLint('eslint-plugin-react-hooks');
} catch (e) {
  throw new Error(`eslint.config.js: the lint tools are not installed (${e.message.split('\n')[0]}). Run: npm ci --prefix tools/lint`);
}

const SRC = '{ts,tsx,mts,cts,js,mjs,cjs}';
const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// ---- what a zone may forbid -------------------------------------------------------------------
// A forbidden thing is either a package name (`regex`, matched on the whole specifier, so that the
// pattern `electron` does not also hit '../../electron/shared/…' as a gitignore glob would) or a
// place in the tree (`group`: gitignore-style globs, the only way to match relative specifiers).

/** A package and its subpaths: 'electron', 'electron/main'. */
const pkg = (...names) => ({ regex: `^(${names.map(esc).join('|')})(/|$)`, label: names.join(', ') });
/** Node's built-ins, as `node:x` and as bare `x`. */
const NODE_BUILTINS = {
  regex: `^(node:|(${builtinModules
    .filter((m) => !m.startsWith('_'))
    .map(esc)
    .join('|')})(/|$))`,
  label: 'node: built-ins',
};
const ELECTRON = pkg('electron');

// A gitignore-style glob of the shapes used here (any depth, then a/b, then either everything below
// or a name prefix a/b*) → a regular expression on the specifier, for the selectors of
// no-restricted-syntax, which know only regular expressions.
function globToRegex(glob) {
  const body = glob
    .replace(/^\*\*\//, '')
    .replace(/\/\*\*$/, '')
    .split('*')
    .map(esc)
    .join('[^/]*');
  return `(^|/)${body}(/|$)`;
}
const place = (...globs) => ({ group: globs, regex: globs.map(globToRegex).join('|'), label: globs.join(', '), isGroup: true });

// ---- the zones ----------------------------------------------------------------------------------
const ELECTRON_WHERE = 'the Electron API is imported only in electron/main/index.ts, electron/main/platform/** and electron/preload/**';

const SERVICES_FORBID = [
  [ELECTRON, ELECTRON_WHERE],
  [
    place('**/storage/lowdb', '**/storage/lowdb/**', '**/storage/postgres', '**/storage/postgres/**', '**/storage/copy*'),
    'services reach storage only through storage/store (the engines and their internals stay behind it)',
  ],
  [pkg('pg', 'lowdb'), 'services do not use a storage engine directly'],
];
// Services reach the disk through ports.files (services/files-port.ts; Node's is main/files.ts),
// which also writes atomically with storage's writer: neither fs nor that writer directly.
const SERVICES_FS_FORBID = [
  [{ regex: '^(node:)?fs(/|$)', label: 'node:fs, node:fs/promises' }, 'services reach the disk through ports.files (services/files-port.ts)'],
  [place('**/storage/durable-json-file'), "services write atomically through ports.files.writeAtomic, not storage's writer"],
];
// The services that may still import node:fs, each for its reason (neither can be given ports):
const SERVICES_FS_EXCEPTIONS = [
  // system fonts, read once per thread into a process-wide cache, also in the PDF workers
  'electron/main/services/render/pdf.ts',
  // /proc/<pid>/status of the PDF reader's child, watched by a queue the process's apps share
  'electron/main/services/corpus/pdf-reader.ts',
];

// name: shown in messages; files (and ignores): globs relative to the repo root; forbid: [[thing, why]].
// Order matters: a later zone's options replace an earlier one's for the files they share, so the
// catch-all comes first and no two later zones overlap.
const ZONES = [
  {
    name: 'anywhere else',
    files: [`**/*.${SRC}`],
    forbid: [[ELECTRON, ELECTRON_WHERE]],
  },
  {
    name: 'electron/core',
    files: [`electron/core/**/*.${SRC}`],
    // An allow-list: core is the pure domain layer. Today it imports zod and its own ./ files and
    // nothing else (no node: built-ins), so that is all it may import. This one pattern is what
    // keeps out main/, shared/, records/, electron, react, node: and every other package.
    forbid: [
      [
        { regex: '^(?!(zod|\\./.+)$)', label: 'anything but zod and ./ files' },
        'electron/core imports only zod and its own ./ files (not main/, shared/, records/, electron, react, node: built-ins or other packages)',
      ],
    ],
  },
  {
    name: 'electron/records',
    files: [`electron/records/**/*.${SRC}`],
    forbid: [
      [place('**/main/**'), 'records/ does not depend on electron/main'],
      [place('**/shared/**'), 'records/ (stored shapes) does not depend on the contract in electron/shared'],
      [ELECTRON, ELECTRON_WHERE],
      [pkg('lowdb', 'pg'), 'records/ does not know the storage engines'],
      [{ regex: '^(node:)?fs(/|$)', label: 'node:fs, node:fs/promises' }, 'records/ does no file I/O'],
    ],
  },
  {
    name: 'electron/shared',
    files: [`electron/shared/**/*.${SRC}`],
    forbid: [
      [place('**/main/**'), 'the contract (electron/shared) is compiled into the renderer: it does not depend on electron/main'],
      [place('**/records/**'), 'the contract (electron/shared) is compiled into the renderer: it does not depend on electron/records'],
      [ELECTRON, ELECTRON_WHERE],
      [NODE_BUILTINS, 'the contract (electron/shared) runs in the renderer: no Node built-ins'],
    ],
  },
  {
    name: 'electron/main/services',
    files: [`electron/main/services/**/*.${SRC}`],
    ignores: SERVICES_FS_EXCEPTIONS,
    forbid: [...SERVICES_FORBID, ...SERVICES_FS_FORBID],
  },
  {
    name: 'electron/main/services (node:fs allowed)',
    files: SERVICES_FS_EXCEPTIONS,
    forbid: SERVICES_FORBID,
  },
  {
    name: 'electron/main/storage',
    files: [`electron/main/storage/**/*.${SRC}`],
    forbid: [
      [place('**/services/**'), 'storage does not depend on services'],
      [place('**/shared/**'), 'storage does not depend on the contract (electron/shared)'],
      [place('**/transport/**'), 'storage does not depend on transport'],
      [ELECTRON, ELECTRON_WHERE],
    ],
  },
  {
    name: 'electron API allowed',
    files: ['electron/main/index.ts', `electron/main/platform/**/*.${SRC}`, `electron/preload/**/*.${SRC}`],
    forbid: [],
  },
  {
    name: 'renderer',
    files: [`renderer/**/*.${SRC}`],
    forbid: [
      [place('**/electron/main/**'), 'the renderer reaches the main process only through the contract (electron/shared) and window.anxue'],
      [place('**/electron/records/**'), 'the renderer does not see the stored records; it gets views through the contract (electron/shared)'],
      [ELECTRON, ELECTRON_WHERE],
      [NODE_BUILTINS, 'the renderer runs in the browser: no Node built-ins'],
    ],
  },
];

function zoneConfig({ name, files, ignores = [], forbid }) {
  if (forbid.length === 0) return { name: `anxue/zone: ${name}`, files, ignores, rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } };
  const patterns = forbid.map(([thing, why]) => ({
    ...(thing.isGroup ? { group: thing.group } : { regex: thing.regex }),
    message: `[zone ${name}] ${why}.`,
  }));
  // import('…').T types and dynamic import('…'): the same things, as regular expressions in selectors
  const syntax = forbid.flatMap(([thing, why]) =>
    ['TSImportType', 'ImportExpression'].map((node) => ({
      selector: `${node}[source.value=/${new RegExp(thing.regex).source}/]`,
      message: `[zone ${name}] ${node === 'TSImportType' ? "import('…') type" : "dynamic import('…')"} of ${thing.label}: ${why}.`,
    })),
  );
  return {
    name: `anxue/zone: ${name}`,
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...syntax],
    },
  };
}

export default [
  {
    name: 'anxue/ignores',
    ignores: ['**/dist/', '**/node_modules/', 'tools/lint/node_modules/', 'content/', 'coverage/', 'release/', '**/*.d.ts'],
  },
  {
    name: 'anxue/base',
    files: [`**/*.${SRC}`],
    // a disable comment that no longer silences anything is reported: it would hide the next real problem
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // registered everywhere so that eslint-disable comments naming their rules resolve
    plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks },
  },
  {
    name: 'anxue/typescript',
    files: TS,
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    rules: {
      // `any` switches the compiler off where it matters most (input from outside)
      '@typescript-eslint/no-explicit-any': 'error',
      // a control character in a regular expression is usually a mistake; where meant, say so
      'no-control-regex': 'error',
    },
  },
  ...ZONES.map(zoneConfig),
  {
    name: 'anxue/react-hooks',
    files: [`renderer/**/*.${SRC}`],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
];
