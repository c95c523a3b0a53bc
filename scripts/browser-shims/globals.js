// Globals the bundled code expects from Node, injected by esbuild into the explorer's bundle: `process` (the working
// directory of the run that wrote the page) and the module URL the project root is found from (data/project-root.ts).
import { vfsCwd, vfsRoot } from './vfs.js';

export const process = {
  cwd: () => vfsCwd(),
  env: {},
  platform: 'browser',
  argv: [],
  versions: {},
};

export const __andel_import_meta_url = `file://${vfsRoot()}/dist/explore/engine.js`;
