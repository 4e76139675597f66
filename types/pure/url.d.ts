/**
 * WHATWG URL parsing, for the pure layers' type-check only (tsconfig.pure.json has no Node or DOM types). The contract
 * checks a settings address with it; parsing is pure and the same global in Node and in the browser, unlike
 * Node's own modules or `Buffer`. Narrowed to what the pure layers use, so a new use is a deliberate edit here. The
 * other configs get the full type from @types/node or the DOM lib and leave this folder out.
 */
declare const URL: {
  canParse(url: string): boolean;
  new (url: string): { readonly protocol: string };
};
