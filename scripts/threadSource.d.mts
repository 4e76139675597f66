import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export const threadSuffix: string;
export function bundleThread(entry: string): Promise<{ code: string; inputs: string[] }>;
export const threadSourcePlugin: EsbuildPlugin;
export const threadSourceVitePlugin: VitePlugin;
