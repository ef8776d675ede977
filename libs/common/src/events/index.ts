export * from './event-publisher';
export * from './stream-consumer';
