export * from './event-publisher';
export * from './stream-consumer';
export * from './event.schemas';
export * from './stream-consumer.provider';
