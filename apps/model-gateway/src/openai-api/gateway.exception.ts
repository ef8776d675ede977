import type { OpenAIErrorBody } from '@llmgw/llm-providers';

export enum GatewayErrorCode {
  MissingApiKey = 'missing_api_key',
  InvalidApiKey = 'invalid_api_key',
  AuthUnavailable = 'auth_unavailable',
  InvalidRequest = 'invalid_request_error',
  InvalidJson = 'invalid_json',
  BodyTooLarge = 'request_too_large',
  ModelNotFound = 'model_not_found',
  UnknownUrl = 'unknown_url',
  ModelsNotLoaded = 'models_not_loaded',
  Internal = 'internal_error',
}

/** The one place a gateway error code becomes a status and an OpenAI error `type`. */
function describe(code: GatewayErrorCode): { status: number; type: string } {
  switch (code) {
    case GatewayErrorCode.MissingApiKey:
    case GatewayErrorCode.InvalidApiKey:
      return { status: 401, type: 'invalid_request_error' };
    case GatewayErrorCode.InvalidRequest:
    case GatewayErrorCode.InvalidJson:
      return { status: 400, type: 'invalid_request_error' };
    case GatewayErrorCode.BodyTooLarge:
      return { status: 413, type: 'invalid_request_error' };
    case GatewayErrorCode.ModelNotFound:
    case GatewayErrorCode.UnknownUrl:
      return { status: 404, type: 'invalid_request_error' };
    case GatewayErrorCode.AuthUnavailable:
    case GatewayErrorCode.ModelsNotLoaded:
      return { status: 503, type: 'server_error' };
    case GatewayErrorCode.Internal:
      return { status: 500, type: 'server_error' };
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** A failure of the gateway itself (not of a provider), answered in OpenAI's error shape. */
export class GatewayException extends Error {
  readonly status: number;
  readonly type: string;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'GatewayException';
    ({ status: this.status, type: this.type } = describe(code));
  }

  toOpenAIErrorBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
