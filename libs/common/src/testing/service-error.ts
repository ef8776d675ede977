import { ServiceException } from '../exception-filter/service.exception';

/** A capability error as a test sees it. */
export interface ThrownServiceError {
  reason: string;
  message: string;
  details: unknown;
}

/** What `run` threw, as `{ reason, message, details }`; throwing nothing or anything but a ServiceException fails the test. */
export function serviceErrorOf(run: () => unknown): ThrownServiceError {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceException) return { reason: error.reason, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('Expected a ServiceException; nothing was thrown');
}

/** The fields a validation error named (`details.fields[].field`), in order. */
export const invalidFieldsOf = (run: () => unknown): string[] =>
  (serviceErrorOf(run).details as { fields: { field: string }[] }).fields.map((f) => f.field);
