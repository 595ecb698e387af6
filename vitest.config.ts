import { defineConfig } from 'vitest/config';
import { lessonsAtBuild } from './src/lessons/vite-plugin.ts';

export default defineConfig({
  plugins: [lessonsAtBuild()], // `?lesson` and `?lesson-extras` imports (src/lessons/index.ts)
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
