// Types of the explorer's node:fs shim (fs.js), for the tests.
export declare function existsSync(path: string): boolean;
export declare function readFileSync(path: string, options?: string | { encoding?: string }): string | Uint8Array;
export declare function readdirSync(path: string): string[];
export declare function writeFileSync(path: string, content: string | Uint8Array): void;
