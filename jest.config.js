// One Jest config, three projects: unit tests beside the code, integration tests per service
// against the machine's PostgreSQL and Redis, and end-to-end flows that boot every service.
const swc = [
  '@swc/jest',
  {
    // The build's .swcrc excludes tests; tests carry their own settings here.
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@llmgw/common$': '<rootDir>/libs/common/src/index.ts',
  '^@llmgw/common/(.*)$': '<rootDir>/libs/common/src/$1/index.ts',
  '^@llmgw/llm-providers$': '<rootDir>/libs/llm-providers/src/index.ts',
  '^@llmgw/llm-providers/testing$': '<rootDir>/libs/llm-providers/src/testing/index.ts',
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  // jose is ESM-only. Node 20.19+ loads it through require(esm) at run time, but Jest's module
  // system cannot before Node 24.9, so tests compile it to CommonJS like our own code.
  transform: { '^.+\\.(t|j)s$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm/jose@|jose/)'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  // A global option: Jest ignores it inside a project. Integration and e2e tests boot real services.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/*/test/**/*.int-spec.ts', '<rootDir>/libs/*/test/**/*.int-spec.ts'],
    },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/apps/e2e/**/*.e2e-spec.ts'] },
  ],
};
