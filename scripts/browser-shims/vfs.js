// The explorer's virtual file system (see scripts/bundle.mjs, browserBundle): the files the command line would read,
// embedded in the page by pipeline/explore.ts as base64 under their absolute paths, with the working directory and
// the project root of the run that wrote the page. Read once, on the first file access.
let data;

function load() {
  if (data) return data;
  const source = globalThis.__andelExploreData ?? JSON.parse(globalThis.document.getElementById('andel-data').textContent);
  const files = new Map();
  for (const [path, base64] of Object.entries(source.files)) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    files.set(path, bytes);
  }
  data = { cwd: source.cwd, root: source.root, files, meta: source };
  return data;
}

export function vfsCwd() {
  return load().cwd;
}

export function vfsRoot() {
  return load().root;
}

export function vfsMeta() {
  return load().meta;
}

export function vfsFiles() {
  return load().files;
}

/** An error as Node's file system throws it: the loaders read its code (ENOENT, EISDIR). */
export function fsError(code, syscall, path) {
  const e = new Error(`${code}: ${syscall} '${path}'`);
  e.code = code;
  e.syscall = syscall;
  e.path = path;
  return e;
}
