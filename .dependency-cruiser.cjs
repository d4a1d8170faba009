// The layers of DESIGN §2, enforced on every `npm run lint`: shared/ is pure (no Node, nothing outside itself),
// the renderer sees only shared/, the services never reach into a transport (main, host, cli, preload), and
// nothing imports in a cycle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties modules together so neither can change alone; move the shared type to its own file.',
      from: { path: '^(electron|shared|renderer)/' },
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ is the contract the renderer runs too: no Node built-ins, no project code outside shared/.',
      from: { path: '^shared/' },
      to: { pathNot: '^(shared/|node_modules/(zod|yaml)/)' },
    },
    {
      name: 'renderer-sees-only-shared',
      severity: 'error',
      comment: 'The renderer talks to the services only through the contract.',
      from: { path: '^renderer/' },
      to: { path: '^(electron|tests)/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'services-never-import-transports',
      severity: 'error',
      comment: 'Services are plain Node, driven by every front end alike.',
      from: { path: '^electron/services/' },
      to: { path: '^electron/(main|host|cli|preload)/' },
    },
    {
      name: 'only-the-shell-imports-electron',
      severity: 'error',
      from: { path: '^(shared|renderer|electron/services|electron/host|electron/cli)/' },
      to: { path: '^node_modules/electron/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^out/|^node_modules/|/target/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
