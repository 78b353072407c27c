// Lets `tsc --noEmit` check `.storybook/preview.ts` before the first build has
// written `dist/custom-elements.json` (`npm test` type-checks before it builds).
declare module '*/custom-elements.json' {
  const manifest: unknown;
  export default manifest;
}
