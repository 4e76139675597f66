/** `import source from './worker?thread'`: the module bundled into code for a thread (scripts/threadSource.mjs, src/threads.ts). */
declare module '*?thread' {
  const source: string;
  export default source;
}
