// @ts-check
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.tsx?$': 'ts-jest',
  },
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/doubles/office-addin-manifest.ts',
  },
  testTimeout: 120000,
};
