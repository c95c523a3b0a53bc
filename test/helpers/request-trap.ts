// A server on the loopback that records every request it gets. Documents in
// the PDF tests point at it; it must never hear from them.
import { createServer } from 'node:http';

export interface RequestTrap {
  readonly port: number;
  /** `METHOD url` of every request received. */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

/** Starts a trap on 127.0.0.1 at a free port. */
export async function startRequestTrap(): Promise<RequestTrap> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
