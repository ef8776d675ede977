/** Injection token for the validated environment of the running service. */
export const ENV = Symbol('ENV');
/** Injection token for the service's own name (used in logs, metrics, consumer names). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
