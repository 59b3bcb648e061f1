export * from './access.js';
export * from './idNumber.js';
export * from './errors.js';
