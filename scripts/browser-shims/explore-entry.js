// The entry of the explorer's browser bundle (dist/explore/engine.js): window.andel over the page's embedded setup.
import { installExplorer } from '../../pipeline/explore-engine.ts';
import { vfsMeta } from './vfs.js';

const meta = vfsMeta();
installExplorer({ cwd: meta.cwd, base: meta.base });
