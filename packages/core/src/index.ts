export * from './access.js';
export * from './idNumber.js';
export * from './errors.js';
export * from './rules.js';
export * from './dues.js';
export * from './duesLedger.js';
export * from './calendar.js';
export * from './orgRules.js';
