import type { Options } from '@swc/core';

export declare const ROOT: string;
export declare function tsconfigPaths(): Record<string, string[]>;
export declare function jestModuleNameMapper(): Record<string, string>;
export declare function swcOptions(baseUrl?: string): Options;
