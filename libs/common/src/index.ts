// Light, dependency-free pieces. Heavier ones have sub-paths (@llmgw/common/bus, /entities, ...)
// so an importer pulls in only what it uses.
export * from './contracts';
export * from './config';
export * from './crypto';
