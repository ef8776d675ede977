import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ObjectSchema } from 'joi';
import { RpcErrorCode, type RpcEnvelope } from '../contracts/rpc';
import { ServiceException } from '../exception-filter/service.exception';

/**
 * The payload of an RPC or broadcast, out of its envelope, validated against a Joi schema when
 * one is given: message payloads are an edge like HTTP bodies.
 */
export const RpcPayload = createParamDecorator((schema: ObjectSchema | undefined, ctx: ExecutionContext) => {
  const envelope = ctx.switchToRpc().getData<RpcEnvelope<unknown> | undefined>();
  const data = envelope && typeof envelope === 'object' && 'data' in envelope ? envelope.data : undefined;
  if (!schema) return data;
  const { error, value } = schema.validate(data ?? {}, { abortEarly: false, stripUnknown: true });
  if (error) {
    throw new ServiceException(RpcErrorCode.BadRequest, 'INVALID_PAYLOAD', error.message);
  }
  return value;
});
