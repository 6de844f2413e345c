// The userland `punycode` package, imported as 'punycode/' so that bundlers
// do not resolve it to Node's deprecated built-in. It ships no types.
declare module 'punycode/' {
  export function toUnicode(input: string): string;
  export function toASCII(input: string): string;
}
