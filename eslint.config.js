import tseslint from 'typescript-eslint';

/**
 * Files written before the module shape, each leaving this list as its module is brought into
 * it (issue: shape for growth). Nothing new may be added here.
 */
const LEGACY_DATABASE_ACCESS = [
];
const LEGACY_ROUTE_FILES = [
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/e2e/artifacts/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The web app's today is the server's (packages/web/src/today.ts): date defaults, limits and
    // overdue marks must follow the server's date rules, not the browser's clock.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['packages/web/src/today.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: 'Today is the server’s: useToday() from src/today.ts, not dayjs().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Today is the server’s: useToday() from src/today.ts, not new Date().' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Today is the server’s: useToday() from src/today.ts, not Date.now().' },
      ],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['packages/web/src/components/DatePicker.tsx', 'packages/web/src/components/Calendar.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'antd', importNames: ['DatePicker', 'Calendar'], message: 'Use components/DatePicker or components/Calendar: their today is the server’s.' }] }],
    },
  },
  {
    // How a module reads (docs/architecture.md): routes validate, authorise, call one service
    // function and present; services hold the rules, transactions and audit; only repositories
    // (and db/, the migrations and test set-up) touch the database.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['**/repository*.ts', '**/*.test.ts', 'packages/server/src/db/**', 'packages/server/src/test/**', 'packages/server/src/scripts/**', 'packages/server/src/lib/scope.ts', 'packages/server/src/modules/*/routes*.ts', ...LEGACY_DATABASE_ACCESS],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|executeQuery)$/]", message: 'Queries belong in the module’s repository.ts.' },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL belongs in the module’s repository.ts.' },
      ],
    },
  },
  {
    // exceljs is large (about a second of a start on a small machine): loaded with `await import`
    // where a sheet is read or written, never by a static import, so the start never waits for it.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test*.ts', 'packages/server/src/test/**', 'packages/server/src/scripts/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'exceljs', allowTypeImports: true, message: 'Load exceljs on use (`await import(\'exceljs\')`); import its types with `import type`.' }] }],
    },
  },
  {
    files: ['packages/server/src/modules/*/routes*.ts'],
    ignores: LEGACY_ROUTE_FILES,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'Routes do not touch the database: call the module’s service.' }], patterns: [{ group: ['**/db/*'], message: 'Routes do not touch the database: call the module’s service.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='db']", message: 'Routes do not touch the database: pass ctxOf(request) to the module’s service.' },
        { selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|executeQuery|transaction)$/]", message: 'Routes do not touch the database: call the module’s service.' },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL belongs in the module’s repository.ts.' },
      ],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
);
