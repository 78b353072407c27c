// Vue's self-contained browser build has the same API as the package's main entry.
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
