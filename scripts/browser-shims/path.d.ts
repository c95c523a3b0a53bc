// Types of the explorer's node:path shim (path.js), for the tests that hold it to Node's own.
export declare const sep: '/';
export declare function normalize(p: string): string;
export declare function isAbsolute(p: string): boolean;
export declare function join(...parts: string[]): string;
export declare function resolve(...parts: string[]): string;
export declare function dirname(p: string): string;
export declare function basename(p: string, ext?: string): string;
export declare function extname(p: string): string;
export declare function relative(from: string, to: string): string;
