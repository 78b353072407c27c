/** Vite's `?url` imports: the address of the emitted file. */
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}
