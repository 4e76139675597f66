import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const noElectron = {
  paths: [{ name: 'electron', message: 'src/ and native/ run in plain Node: never import electron here (see DESIGN.md).' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**', 'native/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...noElectron, patterns: [{ group: ['**/renderer/**', '**/main/**'], message: 'The core never imports a host or the UI.' }] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the core only through invoke/on.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+(src|native|main)/(?!contract(/|$))',
              message: 'The renderer may import only the API contract from src/ (src/contract).',
            },
            { group: ['node:*'], message: 'The renderer runs in a sandboxed browser: no Node modules.' },
          ],
        },
      ],
    },
  },
  // Formatting belongs to Prettier (npm run format); this turns off the rules that would fight it.
  prettier,
);
