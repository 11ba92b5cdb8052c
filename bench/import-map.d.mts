// Types of import-map.mjs, for the TypeScript test that imports it (test/bench/import-map.test.ts).
export function importSpecifiersOf(source: string): string[];
export function importMapFor(entry: string, root: string): Promise<Record<string, string>>;
