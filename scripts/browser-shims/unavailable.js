// A Node module the explorer cannot have (node:module's createRequire, node:os, …): using it says so. The one
// package required at run time, SheetJS (data/spreadsheet.ts), is there when the page inlines dist/explore/xlsx.js
// (scripts/browser-shims/xlsx-entry.js), which it does for a scheme that reads a spreadsheet.
function unavailable(name) {
  return () => {
    throw new Error(`${name} finns inte i webbläsaren`);
  };
}

export const createRequire = () => (name) => {
  if (name === 'xlsx' && globalThis.__andelSheetJs !== undefined) return globalThis.__andelSheetJs;
  return unavailable(`require('${name}')`)();
};
export const tmpdir = unavailable('os.tmpdir');
export default {};
