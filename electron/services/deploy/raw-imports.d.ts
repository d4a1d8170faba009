// Vite (electron-vite's build, Vitest) inlines a file imported with ?raw as a string: used for the files Flink Desk
// ships inside generated resources, so that no path to them has to survive bundling.
declare module '*?raw' {
  const content: string;
  export default content;
}
