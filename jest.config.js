// Native ESM jest (run with --experimental-vm-modules): @actions/core 3.x is ESM-only.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // src imports use the NodeNext ".js" spelling; map them back to the .ts sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  },
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
  // Jest's default is one worker fewer than the cores: a single worker on a 2-core machine. Every
  // test file owns its ports (listen(0)) and temp directories, so files run side by side safely;
  // use every core CI gives us (4 on GitHub-hosted Linux runners).
  maxWorkers: '100%'
}
