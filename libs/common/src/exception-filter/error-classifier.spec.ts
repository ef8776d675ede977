import { BadRequestException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { RpcErrorCode } from '../contracts/rpc';
import { classifyError } from './error-classifier';
import { ServiceException } from './service.exception';

const pgError = (code: string, message = 'db error') => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it('maps a capability exception by its category and keeps its reason code', () => {
    const result = classifyError(new ServiceException(RpcErrorCode.NotFound, 'LLM_NOT_FOUND', 'No such model'));
    expect(result).toMatchObject({ status: 404, code: 'LLM_NOT_FOUND', message: 'No such model', unexpected: false });
  });

  it('maps unique and foreign-key violations to 409, never 500', () => {
    expect(classifyError(new QueryFailedError('INSERT', [], pgError('23505'))).status).toBe(409);
    expect(classifyError(new QueryFailedError('DELETE', [], pgError('23503'))).status).toBe(409);
  });

  it('answers 503 when a store cannot be reached, however the driver says it', () => {
    expect(classifyError(pgError('ECONNREFUSED')).status).toBe(503);
    expect(classifyError(pgError('57P01')).status).toBe(503);
    expect(classifyError(new QueryFailedError('SELECT', [], pgError('08006'))).status).toBe(503);
    expect(classifyError(pgError('53300')).status).toBe(503);
    expect(classifyError(new Error('Connection terminated unexpectedly')).status).toBe(503);
    expect(classifyError(new Error('timeout exceeded when trying to connect')).status).toBe(503);
  });

  it('keeps HTTP exceptions, and hides anything else behind a generic 500', () => {
    expect(classifyError(new BadRequestException('bad limit'))).toMatchObject({ status: 400, message: 'bad limit' });
    expect(classifyError(new TypeError('x is undefined'))).toMatchObject({ status: 500, message: 'Internal error', unexpected: true });
  });
});
