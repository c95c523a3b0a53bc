// A Node module the explorer cannot have (node:module's createRequire, node:os, …): using it says so.
function unavailable(name) {
  return () => {
    throw new Error(`${name} finns inte i webbläsaren`);
  };
}

export const createRequire = () => unavailable('require');
export const tmpdir = unavailable('os.tmpdir');
export default {};
