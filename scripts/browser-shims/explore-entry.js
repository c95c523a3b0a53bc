// The entry of the explorer's browser bundle (dist/explore/engine.js): window.andel over the page's embedded setup.
import { installExplorer } from '../../pipeline/explore-engine.ts';
import { readTypedNumber } from '../../data/typed-number.ts';
import { vfsMeta } from './vfs.js';

const meta = vfsMeta();
installExplorer({ cwd: meta.cwd, base: meta.base });

// The interface's reading of a typed number (templates/explore/explore.js): the plain decimal string `--set` takes,
// or the Swedish message and hint for a text that is not one or could be read two ways (data/typed-number.ts).
globalThis.andelInput = {
  readNumber(text) {
    const r = readTypedNumber(String(text));
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message.sv, hint: r.hint.sv };
  },
};
