// Types for bench/lib.mjs, so the TypeScript benchmarks can share its helpers.
export function runCount(full: number, quick?: number): number;
export function median(values: number[]): number;
/** "min–max" of samples, for the noise column. */
export function spread(values: number[] | undefined, digits?: number): string;
export function report(title: string, rows: { name: string; samples?: number[]; ms?: number }[], peer: string): void;
export function reportPaired(title: string, rows: { name: string; samples: number[] }[], peer: string): void;
