// node:url in the explorer: file URLs of the embedded files' paths.
export function fileURLToPath(url) {
  const href = typeof url === 'string' ? url : url.href;
  if (!href.startsWith('file://')) throw new TypeError(`not a file URL: ${href}`);
  return decodeURIComponent(href.slice('file://'.length));
}

export function pathToFileURL(path) {
  return new URL(`file://${encodeURI(path)}`);
}

export default { fileURLToPath, pathToFileURL };
