import tseslint from 'typescript-eslint';

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
);
