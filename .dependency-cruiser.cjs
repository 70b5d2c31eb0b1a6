// Import rules that keep the consistency boundaries visible in the layout (see README, "Layout").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'lib/domain holds the rules: no I/O, no frameworks, nothing outside itself.',
      severity: 'error',
      from: { path: '^lib/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^lib/domain/'] },
    },
    {
      name: 'app-and-workers-are-apart',
      comment: 'The web process and the worker processes share lib/, never each other.',
      severity: 'error',
      from: { path: '^(app|components)/' },
      to: { path: '^workers/' },
    },
    {
      name: 'workers-and-app-are-apart',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'workers-without-next',
      comment:
        'Workers are plain Node processes: no worker may reach Next or the web edge (lib/http), not even through a chain of lib/ modules. ' +
        'One exception: lib/http/status.ts, the pure code → status table, because an idempotency key settled by the relay stores the status its answer will be given with.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: ['node_modules/next/', '^lib/http/'], pathNot: '^lib/http/status\\.ts$', reachable: true },
    },
    {
      name: 'no-vendor-io-in-app',
      comment: 'Pages, actions and routes stay thin: Prisma, BullMQ and Redis live behind lib/.',
      severity: 'error',
      from: { path: '^(app|components)/' },
      to: { path: ['node_modules/(@prisma|prisma|bullmq|ioredis|pg)/', '^lib/db/generated/'] },
    },
    {
      name: 'no-db-in-app',
      comment: 'Pages, actions and routes reach data through lib/commands and lib/queries, never lib/db itself (types included).',
      severity: 'error',
      from: { path: '^(app|components)/' },
      to: { path: '^lib/db/' },
    },
    {
      name: 'fakes-only-through-the-root',
      comment:
        'The fake card network and courier are chosen in one place, lib/adapters.ts; everything else sees the ports (lib/payments/card-network.ts, lib/shipping/courier.ts). Tests, e2e and scripts may drive the fakes directly.',
      severity: 'error',
      from: { pathNot: ['^lib/adapters\\.ts$', '^lib/fakes/', '^(tests|e2e|scripts)/', '\\.test\\.ts$'] },
      to: { path: '^lib/fakes/' },
    },
    {
      name: 'queue-does-not-run-use-cases',
      comment:
        'lib/queue describes queues, jobs and policies; it must not import what reacts to them (commands, reactions), or the handlers would be wired from the wrong end.',
      severity: 'error',
      from: { path: '^lib/queue/' },
      to: { path: '^lib/(commands|reactions)/' },
    },
    {
      name: 'reactions-do-not-run-commands',
      comment:
        'lib/reactions is what happens behind the counter (step failures, compensations, timers); it writes through changeAggregate, never through a use case the customer waits for.',
      severity: 'error',
      from: { path: '^lib/reactions/' },
      to: { path: '^lib/commands/' },
    },
    {
      name: 'commands-do-not-run-reactions',
      comment:
        "A command answers the customer from one transaction; what follows happens behind the counter, through events. Only the needs-attention list's staff commands act on a reaction (a compensation run by hand, the timeline the machinery writes).",
      severity: 'error',
      from: { path: '^lib/commands/', pathNot: '^lib/commands/attention\\.ts$' },
      to: { path: '^lib/reactions/' },
    },
    {
      name: 'lib-does-not-reach-up',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(app|components|workers|scripts)/' },
    },
    {
      name: 'components-stay-on-the-client-side',
      comment: 'UI pieces may use domain rules and view types, not the database or the queues.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^lib/(db|outbox|queue|live|commands|reactions|fakes|idempotency)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^lib/db/generated/', '\\.next/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
